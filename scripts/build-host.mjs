// Builds what the browser host serves and runs, without Electron: the
// renderer (vite, the same React app Electron loads) into out/renderer, and the host
// process (esbuild, plain Node) into out/host/borelog-host.mjs. `npm start` and e2e use it.
import react from '@vitejs/plugin-react'
import { build as esbuild } from 'esbuild'
import { build as viteBuild } from 'vite'

await viteBuild({
  configFile: false,
  root: 'src-renderer',
  plugins: [react()],
  logLevel: 'warn',
  build: { outDir: '../out/renderer', emptyOutDir: true },
})

await esbuild({
  entryPoints: {
    'borelog-host': 'src-main/ipc/host-main.ts',
    // Loaded by the decode pool from next to the host: see src-main/desk/decode-pool.ts.
    'decode-worker': 'src-main/desk/decode-worker.ts',
  },
  outdir: 'out/host',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
})
