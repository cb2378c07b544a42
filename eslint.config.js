// ESLint: the recommended rules of ESLint and typescript-eslint (syntax only, no type information,
// so a run stays short on two cores; `tsc` already checks the types), plus a few that catch real bugs.
// Formatting is Prettier's job (.prettierrc.json), so no stylistic rules here.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.cache/', 'data/', 'storage/', 'backups/', 'tests/fixtures/', '**/fixtures/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: globals.node },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // An underscore marks a value left unused on purpose (a rest-spread omission, a required parameter).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Kept where a type is really open (test clients' response bodies, generic route tables);
      // implicit any is already an error through tsc's strict mode.
      '@typescript-eslint/no-explicit-any': 'off',
      // URL and text cleaning strip control characters on purpose.
      'no-control-regex': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },
  {
    // The dashboard runs in the browser as plain ES modules (Chart.js comes in as a script global).
    files: ['dashboards/web/js/**/*.js'],
    languageOptions: { globals: { ...globals.browser, Chart: 'readonly' } },
  },
);
