// Lint enforces the dependency direction of DESIGN.md: the engine never reaches into
// Electron, React or the UI folders; the renderer never touches Node or Electron and
// sees the engine only through the types of engine/api/contract.ts.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
// Any engine module except the three the renderer and preload may use: the contract and
// frame types, and FrameClient, which has no runtime dependencies.
const ENGINE_EXCEPT_FRAME_API = '(^|/)engine(/(?!api/(contract|protocol|frame-client)$).*)?$';
const uiPackages = ['electron', 'react', 'react-dom', 'react-dom/*', 'zustand', 'echarts', 'echarts-for-react'];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**'] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['engine/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: uiPackages.filter((name) => !name.includes('*')).map((name) => ({
          name,
          message: 'The engine is plain Node: it never imports Electron or UI packages (DESIGN.md, Shape).',
        })),
        patterns: [{
          group: ['**/main/**', '**/preload/**', '**/renderer/**', 'react-dom/*'],
          message: 'The engine never imports from main/, preload/ or renderer/ (DESIGN.md, dependency direction).',
        }],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [
          ...nodeBuiltins.map((name) => ({ name, message: 'The renderer runs sandboxed: no Node built-ins.' })),
          { name: 'electron', message: 'The renderer reaches Electron only through window.relay (preload).' },
        ],
        patterns: [
          {
            regex: ENGINE_EXCEPT_FRAME_API,
            message: 'The renderer knows the engine only through the contract, the frame types and the dependency-free FrameClient.',
          },
          {
            group: ['**/engine/api/contract', '**/engine/api/protocol'],
            allowTypeImports: true,
            message: 'Import the contract and frames with `import type`: they are the renderer\'s only view of engine types.',
          },
          { group: ['**/main/**', '**/preload/**'], message: 'The renderer does not import Electron-side code.' },
        ],
      }],
    },
  },
  {
    // The sandboxed preload can load only `electron`; everything else is bundled in, so
    // it stays to the frame client and the channel names.
    files: ['preload/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: nodeBuiltins.map((name) => ({ name, message: 'A sandboxed preload has no Node built-ins.' })),
        patterns: [
          {
            regex: ENGINE_EXCEPT_FRAME_API,
            message: 'The preload carries frames only: the contract types and the dependency-free FrameClient.',
          },
          { regex: '(^|/)main/(?!relay-channels$)', message: 'The preload shares only the channel names with main.' },
          { group: ['**/renderer/**'], message: 'The preload does not import the renderer.' },
        ],
      }],
    },
  },
  {
    // Main's logic takes Electron objects as parameters so tests can pass stand-ins;
    // only main/index.ts loads Electron at run time.
    files: ['main/**/*.ts'],
    ignores: ['main/index.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'electron', allowTypeImports: true, message: 'Only main/index.ts imports Electron at run time; take the object as a parameter.' }],
        patterns: [{ group: ['**/renderer/**', 'react', 'react-dom', 'react-dom/*', 'zustand'], message: 'Main does not import the UI.' }],
      }],
    },
  },
  {
    // Under Node, require('electron') tries to download the binary: tests use stand-ins.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Tests never load Electron; pass stand-ins to main/ modules.' }],
      }],
    },
  },
);
