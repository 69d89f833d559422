// Bundles the `borelog-desk` CLI (plain Node, no Electron) into ESM files so the
// bin starts fast: no TypeScript compiler at run time. Dependencies stay in
// node_modules (parquet-wasm loads its .wasm next to its own file). Code splitting
// puts each command's module in its own chunk, loaded only when that command runs
// (see docs/CLI.md, "Start-up").
import { rmSync } from 'node:fs'

import { build } from 'esbuild'

rmSync('out/cli', { recursive: true, force: true })
await build({
  entryPoints: { 'borelog-desk': 'src-main/cli/main.ts' },
  outdir: 'out/cli',
  outExtension: { '.js': '.mjs' },
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
})
