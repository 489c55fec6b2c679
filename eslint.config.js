// Lint enforces the dependency direction of DESIGN.md: the engine never reaches into
// Electron, React or the UI folders; the renderer never touches Node or Electron and
// sees the engine only through the types of engine/api/contract.ts.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
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
            group: ['**/engine/**', '!**/engine/api/contract'],
            message: 'The renderer knows the engine only through engine/api/contract.ts.',
          },
          {
            group: ['**/engine/api/contract'],
            allowTypeImports: true,
            message: 'Import the contract with `import type`: the renderer must not pull engine code.',
          },
          { group: ['**/main/**', '**/preload/**'], message: 'The renderer does not import Electron-side code.' },
        ],
      }],
    },
  },
);
