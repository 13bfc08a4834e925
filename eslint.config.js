import tseslint from 'typescript-eslint'

// The import direction is the architecture: domain is pure, app never touches adapters.
const nodeModules = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'net', 'http', 'https', 'stream', 'util', 'events', 'readline', 'process']

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
      'eqeqeq': ['error', 'always'],
      'prefer-const': 'error',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/app/**', '**/adapters/**', '../app', '../adapters'], message: 'domain must not import app or adapters' },
          { group: nodeModules, message: 'domain is pure: no Node modules' },
          // Pure maths packages (@stdlib special functions) are the one exception: no I/O, no state.
          { regex: '^(?!\\.|@stdlib/math-base-special-)', message: 'domain is pure: no third-party packages (only @stdlib/math-base-special-*)' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'domain must not read the environment' },
        { name: 'setTimeout', message: 'domain has no timers' },
        { name: 'setInterval', message: 'domain has no timers' },
      ],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'pass `now` in' },
        { object: 'Math', property: 'random', message: 'pass randomness in' },
      ],
      'no-restricted-syntax': ['error', {
        selector: 'NewExpression[callee.name="Date"][arguments.length=0]',
        message: 'domain must not read the clock: pass `now` in',
      }],
    },
  },
  {
    files: ['src/app/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/adapters/**', '../adapters'], message: 'app talks to the outside only through ports' },
          { group: nodeModules, message: 'app does no I/O itself: use a port' },
        ],
      }],
    },
  },
)
