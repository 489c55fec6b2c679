// Builds the desktop app: main (ESM, Node), preload (CJS, sandboxed) and the console
// renderer. Entries are explicit because electron-vite assumes src/ (STYLE.md §1).
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { CONSOLE_CSP } from './engine/http/index';

const root = import.meta.dirname;

// The same policy the control server sends as a header. A file:// page gets no headers,
// so the window relies on this meta tag; frame-ancestors is dropped because browsers
// ignore it (with a console error) when it comes from a meta tag.
const META_CSP = CONSOLE_CSP.split('; ').filter((directive) => !directive.startsWith('frame-ancestors')).join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'relaydesk-csp',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CSP }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  main: {
    build: {
      lib: { entry: resolve(root, 'main/index.ts') },
      // better-sqlite3 and the other engine packages stay in node_modules (externalizeDeps).
      externalizeDeps: true,
    },
  },
  preload: {
    build: {
      lib: { entry: resolve(root, 'preload/index.ts') },
      // A sandboxed preload is loaded as a classic script, and package.json says "type":
      // "module", so it must be CommonJS with a .cjs name.
      rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    // Relative asset URLs: the same build loads from file:// in Electron and from / on
    // the headless control server.
    base: './',
    build: {
      outDir: resolve(root, 'out/renderer'),
      // electron-vite leaves output unminified; the headless host serves it over the network.
      minify: true,
      // The echarts chunk (only the chart types used) is ~530 kB; it is read from disk or the
      // LAN once and cached, so the default 500 kB warning only adds noise.
      chunkSizeWarningLimit: 600,
      rolldownOptions: {
        input: resolve(root, 'renderer/index.html'),
        // echarts (with zrender) is most of the console's weight: its own file keeps the
        // app code small to re-download after an update, and caches apart from it.
        output: { codeSplitting: { groups: [{ name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ }, { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|zustand)[\\/]/ }] } },
      },
    },
    plugins: [react(), contentSecurityPolicy()],
  },
});
