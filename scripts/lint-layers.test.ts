// The lint rules eslint.config.js generates must say exactly what layers.json says, and
// layers.json must keep the shape of the design: see docs/ARCHITECTURE.md, "Layers".
// Probes are linted as text under made-up paths, so no source file is touched.
import { readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join } from 'node:path'

import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'

interface Picture {
  'src-main': Record<string, string[]>
  packages: Record<string, string[]>
}

const root = join(import.meta.dirname, '..')
const picture = JSON.parse(readFileSync(join(root, 'layers.json'), 'utf8')) as Picture
const layers = picture['src-main']
const names = Object.keys(layers)
const ENGINES = ['object-store', 'parquet', 'schema', 'diff', 'ags4']

let eslint: ESLint

beforeAll(() => {
  eslint = new ESLint({ cwd: root })
})

/** The 1-based lines of `imports` (one per line) that the import rules refuse in `filePath`. */
async function refused(filePath: string, imports: string[]): Promise<number[]> {
  const code = imports.map((source) => `import '${source}'`).join('\n') + '\n'
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) })
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.line)
}

async function isRefused(filePath: string, source: string): Promise<boolean> {
  return (await refused(filePath, [source])).length > 0
}

describe('layers.json', () => {
  it('lists every folder of src-main', () => {
    const folders = readdirSync(join(root, 'src-main'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
    expect(folders.filter((folder) => !names.includes(folder))).toEqual([])
  })

  it('names only listed layers as imports, and no layer imports itself', () => {
    for (const [layer, imports] of Object.entries(layers)) {
      expect(
        imports.filter((name) => !names.includes(name) || name === layer),
        layer,
      ).toEqual([])
    }
  })

  it('is a graph without cycles', () => {
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean =>
      (layers[from] ?? []).some(
        (next) => next === to || (!seen.has(next) && (seen.add(next), reaches(next, to, seen))),
      )
    expect(names.filter((layer) => reaches(layer, layer))).toEqual([])
  })

  it('keeps the engines below the store', () => {
    for (const engine of ENGINES) {
      expect(
        layers[engine]!.every((name) => ENGINES.includes(name)),
        engine,
      ).toBe(true)
    }
  })

  it('keeps the CLI and IPC apart, both on the application layer', () => {
    expect(layers.cli).not.toContain('ipc')
    expect(layers.ipc).not.toContain('cli')
    expect(layers.cli).toContain('desk')
    expect(layers.ipc).toContain('desk')
  })
})

describe('the generated import rules', () => {
  it.each(names)('let src-main/%s import exactly its listed layers', async (layer) => {
    const others = names.filter((name) => name !== layer)
    const expected = others
      .map((name, index) => (layers[layer]!.includes(name) ? null : index + 1))
      .filter((line) => line !== null)
    // From the layer's folder, from a subfolder, and by way of the repo root.
    expect(
      await refused(
        `src-main/${layer}/probe.ts`,
        others.map((n) => `../${n}/index`),
      ),
    ).toEqual(expected)
    expect(
      await refused(
        `src-main/${layer}/sub/probe.ts`,
        others.map((n) => `../../${n}/index`),
      ),
    ).toEqual(expected)
    expect(
      await refused(
        `src-main/${layer}/probe.ts`,
        others.map((n) => `../../src-main/${n}/index`),
      ),
    ).toEqual(expected)
    // Inside itself and down to shared/ is always fine.
    expect(
      await refused(`src-main/${layer}/sub/probe.ts`, [
        '../index',
        './x',
        '../../../shared/errors',
      ]),
    ).toEqual([])
  })

  it('say in the message what a layer may import', async () => {
    const [result] = await eslint.lintText("import '../store/index'\n", {
      filePath: join(root, 'src-main/diff/probe.ts'),
    })
    expect(result?.messages[0]?.message).toContain(
      'src-main/diff may import only itself, shared/, src-main/parquet, src-main/schema',
    )
  })

  it('fail a file in a folder of src-main that layers.json does not list', async () => {
    const [result] = await eslint.lintText('export const x = 1\n', {
      filePath: join(root, 'src-main/not-a-layer/probe.ts'),
    })
    expect(result?.messages.map((m) => m.ruleId)).toContain('no-restricted-syntax')
  })

  it('fail a file nested deeper than the rules check', async () => {
    const [result] = await eslint.lintText('export const x = 1\n', {
      filePath: join(root, 'src-main/store/a/b/c/d/probe.ts'),
    })
    expect(result?.messages.map((m) => m.ruleId)).toContain('no-restricted-syntax')
  })

  it.each([
    'src-renderer/probe.tsx',
    'src-renderer/screens/probe.tsx',
    'shared/probe.ts',
    'src-main/preload/probe.ts',
  ])('ban Node built-ins by name and by node: in %s', async (file) => {
    const builtins = [
      'fs',
      'node:fs',
      'fs/promises',
      'path',
      'child_process',
      'node:test',
      'os',
      'worker_threads',
    ]
    expect(builtinModules).toContain('child_process')
    expect(await refused(file, builtins)).toEqual(builtins.map((_, index) => index + 1))
  })

  it('let the renderer import shared/ and itself only', async () => {
    expect(
      await refused('src-renderer/probe.tsx', ['react', './format', '../shared/errors']),
    ).toEqual([])
    expect(
      await refused('src-renderer/draft/probe.tsx', ['../format', '../../shared/errors']),
    ).toEqual([])
    expect(
      await refused('src-renderer/draft/probe.tsx', [
        '../../src-main/store/index',
        '../../test/support/x',
        'electron',
      ]),
    ).toEqual([1, 2, 3])
  })

  it('keep shared/ to itself', async () => {
    expect(await refused('shared/ipc/probe.ts', ['../errors', 'zod'])).toEqual([])
    expect(
      await refused('shared/ipc/probe.ts', [
        '../../src-main/store/index',
        '../../src-renderer/App',
      ]),
    ).toEqual([1, 2])
  })

  it('let only tests import test/', async () => {
    const source = (depth: number) => `${'../'.repeat(depth)}test/support/x`
    expect(await isRefused('src-main/store/probe.ts', source(2))).toBe(true)
    expect(await isRefused('src-main/store/probe.test.ts', source(2))).toBe(false)
    expect(await isRefused('src-main/store/probe.integration.test.ts', source(2))).toBe(false)
    expect(await isRefused('src-renderer/probe.tsx', source(1))).toBe(true)
    expect(await isRefused('src-renderer/probe.test.tsx', source(1))).toBe(false)
    expect(await isRefused('shared/probe.ts', source(1))).toBe(true)
    expect(await isRefused('scripts/probe.ts', source(1))).toBe(true)
  })

  it.each(Object.entries(picture.packages))(
    'let only the listed folders import %s',
    async (name, importers) => {
      for (const layer of names) {
        const allowed = importers.includes(`src-main/${layer}`)
        expect(await isRefused(`src-main/${layer}/probe.ts`, name), `${layer} ${name}`).toBe(
          !allowed,
        )
      }
      expect(await isRefused('src-renderer/probe.tsx', name)).toBe(true)
      expect(await isRefused('shared/probe.ts', name)).toBe(true)
    },
  )
})
