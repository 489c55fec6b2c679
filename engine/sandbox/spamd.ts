// A client of SpamAssassin's spamd (the SPAMC/1.5 protocol spamc speaks): REPORT returns
// the score, the threshold and the rules that hit, with their descriptions.
import net from 'node:net';
import type { SpamReport } from '../api/contract';

/** spamd with a full rule set takes a second or two on a large message; longer means it is stuck. */
const DEFAULT_TIMEOUT_MS = 10_000;
// `Spam: True ; 15.3 / 5.0` (spamd/PROTOCOL, the REPORT response headers).
const SPAM_HEADER = /^Spam:\s*(True|False|Yes|No)\s*;\s*(-?[\d.]+)\s*\/\s*(-?[\d.]+)/im;
// ` 1.2 MISSING_DATE          Missing Date: header` (the report template's rule table).
const RULE_LINE = /^\s*(-?\d+(?:\.\d+)?)\s+([A-Z0-9_]+)\s+(.+)$/;

export function parseSpamdResponse(response: string): Omit<SpamReport['spamd'], 'server' | 'status' | 'error'> {
  const split = response.search(/\r?\n\r?\n/);
  const head = split < 0 ? response : response.slice(0, split);
  const body = split < 0 ? '' : response.slice(split).trimStart();
  const status = /^SPAMD\/[\d.]+\s+(\d+)\s+(\S+)/.exec(head);
  if (!status || status[1] !== '0') throw new Error(`spamd answered ${head.split(/\r?\n/)[0] || 'nothing'}`);
  const spam = SPAM_HEADER.exec(head);
  if (!spam) throw new Error('spamd\'s answer has no Spam: header');
  const rules = body.split(/\r?\n/).map((line) => RULE_LINE.exec(line)).filter((match) => match !== null)
    .map((match) => ({ score: Number(match[1]), name: match[2]!, description: match[3]!.trim() }));
  return { isSpam: /^(true|yes)$/i.test(spam[1]!), score: Number(spam[2]), threshold: Number(spam[3]), rules };
}

/** Scores a message with spamd at `server` (host:port); the result says when it could not. */
export function scoreWithSpamd(server: string | undefined, message: Buffer, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<SpamReport['spamd']> {
  const empty = { score: null, threshold: null, isSpam: null, rules: [] };
  if (!server) return Promise.resolve({ status: 'not-configured', server: null, error: null, ...empty });
  const at = server.lastIndexOf(':');
  const host = server.slice(0, at).replace(/^\[|\]$/g, '');
  const port = Number(server.slice(at + 1));
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ host, port });
    const fail = (error: string) => {
      socket.destroy();
      resolve({ status: 'unreachable', server, error, ...empty });
    };
    socket.setTimeout(timeoutMs, () => fail(`no answer within ${timeoutMs} ms`));
    socket.on('error', (error) => fail(error.message));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => {
      try {
        resolve({ status: 'scored', server, error: null, ...parseSpamdResponse(Buffer.concat(chunks).toString('utf8')) });
      } catch (error) {
        resolve({ status: 'unreachable', server, error: (error as Error).message, ...empty });
      }
    });
    socket.on('connect', () => {
      socket.write(`REPORT SPAMC/1.5\r\nContent-length: ${message.length}\r\nUser: relaydesk\r\n\r\n`);
      socket.end(message);
    });
  });
}
