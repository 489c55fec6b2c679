// Serves the built console (out/renderer) with a strict Content-Security-Policy.
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

// Same policy as the desktop window: no inline scripts, no remote code; message HTML
// is only ever shown in a sandboxed iframe from a blob/data URL.
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  // Remote images are allowed here only so a message preview can show them once the
  // operator asks; the preview frame carries its own CSP that blocks them until then.
  "img-src 'self' data: blob: https: http:",
  "connect-src 'self' ws: wss:",
  "frame-src blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function serveStatic(consoleDir: string | undefined, pathname: string, request: IncomingMessage, response: ServerResponse): void {
  if (!consoleDir) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
      .end('The console is not built. Run `npm run build` in the Relaydesk checkout.');
    return;
  }
  // resolve() drops a trailing separator, so the containment check below holds for any spelling.
  const root = resolve(consoleDir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    response.writeHead(400).end();
    return;
  }
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  let file = join(root, relative);
  if (!file.startsWith(root + sep) && file !== root) {
    response.writeHead(403).end();
    return;
  }
  let stats = statOrNull(file);
  // The console is a single-page app: unknown paths get index.html.
  if (!stats || stats.isDirectory()) {
    file = join(root, 'index.html');
    stats = statOrNull(file);
  }
  if (!stats) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': Number(stats.size),
    'Content-Security-Policy': CONSOLE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': extname(file) === '.html' ? 'no-cache' : 'public, max-age=31536000, immutable',
  });
  if (request.method === 'HEAD') response.end();
  else createReadStream(file).pipe(response);
}

function statOrNull(file: string): import('node:fs').Stats | null {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}
