// Lint rules, including the dependency direction of the architecture:
// hosts -> channels -> conversation -> dialogs -> knowledge, language.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const SDKS = [
  { group: ['botbuilder', 'botbuilder-*', '@microsoft/agents-*'], message: 'Only src/hosts may import a Bot Framework SDK.' },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'test-output/', 'bench/results/', 'public/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/**/*.ts', 'dialogs/**/*.ts'], rules: { 'no-console': 'error' } },
  {
    files: ['dialogs/**/*.ts'],
    rules: restrict([
      ...SDKS,
      { group: ['node:*', 'fs', 'path', 'http', 'https'], message: 'The dialog machine is pure: no I/O.' },
      { group: ['**/src/channels/**', '**/src/hosts/**', '**/src/conversation/**'], message: 'dialogs/ sits below channels and conversation.' },
    ]),
  },
  {
    files: ['src/knowledge/**/*.ts', 'src/language/**/*.ts'],
    rules: restrict([
      ...SDKS,
      { group: ['xstate', 'xstate/*'], message: 'The knowledge engine knows nothing of the dialog machine.' },
      { group: ['**/dialogs/**', '**/src/channels/**', '**/src/hosts/**', '**/src/conversation/**'], message: 'knowledge and language are the bottom layer.' },
    ]),
  },
  {
    files: ['src/conversation/**/*.ts'],
    rules: restrict([...SDKS, { group: ['**/src/channels/**', '**/src/hosts/**'], message: 'conversation sits below channels and hosts.' }]),
  },
  {
    files: ['src/channels/**/*.ts'],
    rules: restrict([...SDKS, { group: ['**/src/hosts/**'], message: 'channels sit below hosts.' }]),
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'src/cli/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
