// End-to-end tests. Two projects:
// - browser-host: the real renderer and main-process code through the loopback
//   browser host, in Debian's Chromium (/usr/bin/chromium): runs everywhere.
// - electron: launches the packaged-layout app (out/main) with the Electron binary;
//   only meaningful where node_modules/electron has its binary (see e2e/electron.spec.ts).
// One worker: the machine has two cores and each test starts its own host process.
import { defineConfig } from '@playwright/test'

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  workers: 1,
  // One retry on a slower machine: a test that passes only on its retry is listed by
  // name as "flaky" in the report (a defect to fix, not hidden); one failing twice fails.
  retries: 1,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'browser-host',
      testIgnore: /electron\.spec\.ts/,
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
        },
      },
    },
    { name: 'electron', testMatch: /electron\.spec\.ts/ },
  ],
})
