// Lint for the whole repository: typescript-eslint's type-aware recommended rules (floating
// promises, unsafe `any`, misused promises…) over every TypeScript file, tests included.
// Formatting is Prettier's job (.prettierrc), so no stylistic rules here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '**/*.js', '**/*.mjs', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Off on purpose: an `async` method without `await` is how a synchronous implementation of
      // a promise-returning interface (the SQLite adapter, test handlers) turns its throws into
      // rejections. Dropping `async` to satisfy this rule would make those throws synchronous.
      '@typescript-eslint/require-await': 'off',
      // `const { secret: _secret, ...shown } = x` drops a field on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "TSAsExpression > TSAsExpression.expression[typeAnnotation.type='TSUnknownKeyword']",
          message: 'No `as unknown as`: type the value where it is made, or decode it in the lib that owns it.',
        },
        {
          selector: "TSAsExpression[expression.type='MemberExpression'][expression.property.name='data']",
          message:
            "No `event.data as …`: read the stream as its lib's event union (`store.readStream<StoryEvent>(…)`) and narrow on `type`.",
        },
      ],
    },
  },
  {
    // Where stored rows become typed events: the one place a payload is cast.
    files: ['libs/event-store/src/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
