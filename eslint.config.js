// The import rules are generated from layers.json, the one picture of the layers (see
// docs/ARCHITECTURE.md, "Layers"): a folder is a layer and may import itself, shared/
// and the layers listed for it. Relative imports are matched from each file's own depth,
// so `../store` is the store only where it really resolves to src-main/store.
// scripts/lint-layers.test.ts checks these rules against the picture.
import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'

import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

const picture = JSON.parse(readFileSync(new URL('./layers.json', import.meta.url), 'utf8'))
const LAYERS = picture['src-main']
const TESTS = picture.tests

// Deepest folder nesting the generated rules cover inside a layer; deeper files fail
// lint, rather than escape the rules unnoticed.
const MAX_DEPTH = 4

const SOURCE = '{ts,tsx}'
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const up = (levels) => escape('../'.repeat(levels))
const oneOf = (names) => names.map(escape).join('|')

/** Every source folder with its rules: the layers of src-main, then shared/ and the renderer. */
function scopes() {
  const mainRoots = picture.roots['src-main']
  const main = Object.entries(LAYERS).map(([layer, imports]) => ({
    dir: `src-main/${layer}`,
    // Folders between the repo root and the file's layer folder.
    base: 2,
    siblings: { prefix: 'src-main/', allowed: [layer, ...imports] },
    roots: mainRoots,
    allowedText: ['shared/', ...imports.map((name) => `src-main/${name}`)],
  }))
  const others = ['shared', 'src-renderer'].map((dir) => ({
    dir,
    base: 1,
    siblings: null,
    roots: [dir, ...picture.roots[dir]],
    allowedText: picture.roots[dir].map((name) => `${name}/`),
  }))
  return [...main, ...others]
}

/** The no-restricted-imports options for a file `depth` folders below its scope's folder. */
function restrictions(scope, depth, isTest) {
  const patterns = []
  const allowedText = [...scope.allowedText, ...(isTest ? ['test/'] : [])]
  const message = `${scope.dir} may import only itself${allowedText.map((name) => `, ${name}`).join('')} (layers.json).`
  const repoAllowed = [...scope.roots.map(escape), ...(isTest ? ['test'] : [])]
  if (scope.siblings) {
    const { prefix, allowed } = scope.siblings
    patterns.push({
      regex: `^${up(depth + 1)}(?!\\.\\./|(${oneOf(allowed)})(/|$))`,
      message,
    })
    repoAllowed.push(`${escape(prefix)}(${oneOf(allowed)})`)
  }
  patterns.push({
    regex: `^${up(depth + scope.base)}(?!(${repoAllowed.join('|')})(/|$))`,
    message,
  })
  for (const [name, importers] of Object.entries(picture.packages)) {
    if (importers.includes(scope.dir)) continue
    patterns.push({
      regex: `^${escape(name)}(/|$)`,
      message: `Only ${importers.join(' and ')} import ${name} (layers.json).`,
    })
  }
  if (picture.noNodeBuiltins.includes(scope.dir)) {
    const builtins = builtinModules.filter((name) => !name.startsWith('_'))
    patterns.push({
      regex: `^(node:|(${oneOf(builtins)})(/|$))`,
      message: `${scope.dir} runs without Node: no Node built-in modules (layers.json).`,
    })
  }
  return { patterns: patterns.map((pattern) => ({ ...pattern, caseSensitive: true })) }
}

function layerBlocks() {
  const blocks = []
  for (const scope of scopes()) {
    for (let depth = 0; depth < MAX_DEPTH; depth += 1) {
      const folder = `${scope.dir}/${'*/'.repeat(depth)}`
      blocks.push({
        files: [`${folder}*.${SOURCE}`],
        ignores: TESTS,
        rules: { 'no-restricted-imports': ['error', restrictions(scope, depth, false)] },
      })
      blocks.push({
        files: [`${folder}*.test.${SOURCE}`],
        rules: { 'no-restricted-imports': ['error', restrictions(scope, depth, true)] },
      })
    }
    blocks.push({
      files: [`${scope.dir}/${'*/'.repeat(MAX_DEPTH)}**/*.${SOURCE}`],
      rules: {
        'no-restricted-syntax': [
          'error',
          {
            selector: 'Program',
            message: `Nested deeper than the layer rules check: raise MAX_DEPTH in eslint.config.js.`,
          },
        ],
      },
    })
  }
  blocks.push({
    files: [`src-main/**/*.${SOURCE}`],
    ignores: Object.keys(LAYERS).map((layer) => `src-main/${layer}/**`),
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Program',
          message:
            'This folder of src-main is not a layer: add it to layers.json with the layers it may import.',
        },
      ],
    },
  })
  // Production code outside the layered folders: still never test code.
  blocks.push({
    files: [`scripts/**/*.${SOURCE}`],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(\\.\\./)+test(/|$)', message: 'Only tests import test/ (layers.json).' },
          ],
        },
      ],
    },
  })
  return blocks
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
  ...layerBlocks(),
  {
    files: [`src-renderer/**/*.${SOURCE}`],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
)
