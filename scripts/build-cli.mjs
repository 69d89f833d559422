// Bundles the `borelog-desk` CLI (plain Node, no Electron) into ESM files so the
// bin starts fast: no TypeScript compiler at run time. Code splitting
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
  // JS dependencies are bundled too: zod and apache-arrow are hundreds of small ES modules
  // each, and resolving and reading them one by one was most of a listing's start-up.
  // parquet-wasm loads its .wasm beside its own file, and the S3 SDK and DuckDB are large
  // and loaded on demand: they stay in node_modules. So does React (the `log` command's
  // drawing): react-dom/server is CommonJS that requires Node built-ins, which an ESM
  // bundle cannot do.
  external: [
    'parquet-wasm',
    '@aws-sdk/*',
    '@duckdb/*',
    'react',
    'react/*',
    'react-dom',
    'react-dom/*',
  ],
  // The strip log's drawing (shared/strip-log) is React: the automatic runtime needs no React in scope.
  jsx: 'automatic',
  sourcemap: true,
  logLevel: 'warning',
})
