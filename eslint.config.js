// Lint enforces the layers of DESIGN.md 4 / STYLE.md 1: a folder is a layer, and a
// layer imports only the layers to its left (lower) and shared/. Electron is imported
// by src-main/app and src-main/preload only, so everything below runs in plain Node.
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'

// Low to high. A layer may import any layer before it in this list.
const MAIN_LAYERS = [
  'object-store',
  'parquet',
  'schema',
  'store',
  'catalog',
  'diff',
  'ags4',
  'sync',
  'drafts',
  'import',
  'cli',
  'ipc',
  'app',
]

const noElectron = {
  name: 'electron',
  message: 'Only src-main/app and src-main/preload import electron (DESIGN.md 4).',
}

function layerRules(layer, index) {
  const higher = MAIN_LAYERS.slice(index + 1).filter((l) => l !== layer)
  const allowed = ['shared', ...MAIN_LAYERS.slice(0, index)].join(', ')
  const patterns = [
    {
      regex: '(^|/)src-renderer(/|$)',
      message: 'src-main never imports the renderer.',
    },
  ]
  if (higher.length > 0) {
    patterns.push({
      regex: `^\\.\\./(\\.\\./)*(${higher.join('|')})(/|$)`,
      message: `src-main/${layer} may import only: ${allowed || 'shared'} (layers of DESIGN.md 4).`,
    })
  }
  return {
    files: [`src-main/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: layer === 'app' ? [] : [noElectron],
          patterns,
        },
      ],
    },
  }
}

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'resources/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  ...MAIN_LAYERS.map(layerRules),
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { regex: '^node:', message: 'shared/ runs in main and renderer: no node: imports.' },
            {
              regex: '(^|/)(src-main|src-renderer)(/|$)',
              message: 'shared/ imports nothing but itself and zod.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(\\.\\./)*(?!shared/|\\.\\./)',
              message: 'The sandboxed preload imports electron and shared/ types only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { regex: '^node:', message: 'The renderer never touches files or the network.' },
            {
              regex: '(^|/)src-main(/|$)',
              message: 'The renderer talks to main through shared/ipc only.',
            },
          ],
        },
      ],
    },
  },
)
