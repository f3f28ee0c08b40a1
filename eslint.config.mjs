import js from '@eslint/js';
import nextPlugin from '@next/eslint-plugin-next';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.next/**',
      '.data/**',
      '.tools/**',
      'bench/.cache/**',
      'drizzle/migrations/**',
      'next-env.d.ts',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
  },
  {
    plugins: { '@next/next': nextPlugin, 'react-hooks': reactHooks },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs['core-web-vitals'].rules,
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Scripts evaluated inside the browser page by the benchmarks.
    files: ['**/*.browser.js'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-redeclare': 'off' },
  },
  {
    // Server code logs through lib/logger; the command line and scripts own their stdout.
    files: ['engine/**/*.ts', 'lib/**/*.ts', 'app/**/*.ts', 'app/**/*.tsx'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'next',
            'next/*',
            'react',
            'react-dom',
            'drizzle-orm',
            'drizzle-orm/*',
            '@/lib/*',
            '@/app/*',
            '@/components/*',
          ],
        },
      ],
    },
  },
);
