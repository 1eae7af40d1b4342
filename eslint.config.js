import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { boundaries } from './lint/boundaries.js';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.tools/',
      '.data/',
      '.data-production/',
      'dist/',
      'coverage/',
      'test-artifacts/',
      'payload-app/.next/',
      // Written by Payload's and Next's generators.
      'payload-app/payload-types.ts',
      'payload-app/next-env.d.ts',
      'payload-app/app/(payload)/admin/importMap.js',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `const { dropped: _dropped, ...rest } = value` is how this code base leaves a field out.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    // Payload's generator writes every migration with the full `{ db, payload, req }` signature.
    files: ['payload-app/migrations/*.ts'],
    rules: { '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, args: 'none' }] },
  },
  ...boundaries,
);
