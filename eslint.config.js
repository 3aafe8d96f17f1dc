import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // The evaluation sets written outside the project stay as their writers left them, generators included.
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '.puppeteerrc.cjs', 'test/fixtures/match-eval-2/**', 'test/fixtures/match-eval-3/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
