// electron-vite builds the three Electron bundles: main (Node), preload
// (sandboxed bridge, one file) and renderer (React, DOM only). The browser host
// builds the same renderer with scripts/build-host.mjs.
import { resolve } from 'node:path'

import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/app/main.ts'),
          // Whole-version decodes run in worker threads (src-main/desk/decode-pool.ts).
          'decode-worker': resolve(__dirname, 'src-main/desk/decode-worker.ts'),
        },
        output: {
          entryFileNames: (chunk) => (chunk.name === 'decode-worker' ? '[name].mjs' : '[name].js'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/preload/index.ts') },
        // A sandboxed preload runs as a classic CommonJS script, never as an ES module.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // Less script to parse before the first screen paints (electron-vite leaves it off).
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
    plugins: [react()],
  },
})
