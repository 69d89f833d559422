// Bundles the `borelog-desk` CLI (plain Node, no Electron) into one ESM file so the
// bin starts fast: no TypeScript compiler at run time. Dependencies stay in
// node_modules (parquet-wasm loads its .wasm next to its own file).
import { build } from 'esbuild'

await build({
  entryPoints: ['src-main/cli/main.ts'],
  outfile: 'out/cli/borelog-desk.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  // The strip log's drawing (shared/strip-log) is React: the automatic runtime needs no React in scope.
  jsx: 'automatic',
  sourcemap: true,
  logLevel: 'warning',
})
