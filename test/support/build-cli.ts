// Bundles the borelog-desk CLI (src-main/cli/main.ts) as scripts/build-cli.mjs does, to files
// of this test process's own: the S3 suites run without `npm run build:cli` first, and test
// files running in parallel never write one bundle at the same time. Returns the entry to
// run with `node ENTRY args...`, which behaves as bin/borelog-desk.mjs.
import { promises as fs } from 'node:fs'
import path from 'node:path'

import { build } from 'esbuild'

export async function buildCli(): Promise<string> {
  const outdir = path.resolve('out/test-children', `cli-${process.pid}`)
  const bundle = path.join(outdir, 'borelog-desk.mjs')
  await build({
    entryPoints: { 'borelog-desk': path.resolve('src-main/cli/main.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    // Split as the real build is, so tests see what loads when (src-main/cli/startup.integration.test.ts).
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: [
      'parquet-wasm',
      '@aws-sdk/*',
      '@duckdb/*',
      'react',
      'react/*',
      'react-dom',
      'react-dom/*',
    ],
    // The strip log (shared/strip-log) is React, as in scripts/build-cli.mjs.
    jsx: 'automatic',
    logLevel: 'warning',
  })
  const bin = bundle.replace(/\.mjs$/, '-bin.mjs')
  await fs.writeFile(
    bin,
    `const { main } = await import(${JSON.stringify('./' + path.basename(bundle))})\n` +
      'process.exitCode = await main(process.argv.slice(2))\n',
  )
  return bin
}
