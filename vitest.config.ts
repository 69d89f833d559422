import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: [
      'src-main/**/*.test.ts',
      'shared/**/*.test.{ts,tsx}',
      'src-renderer/**/*.test.{ts,tsx}',
      'test/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    // S3 tests need the RGW that vitest.s3.config.ts starts.
    exclude: [
      ...configDefaults.exclude,
      '**/*.s3.integration.test.ts',
      '**/*.rgw.integration.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
})
