// The S3 tests: `npx vitest run --config vitest.s3.config.ts`. Separate from the unit
// config so that only these files pay for starting Ceph RGW (test/setup/rgw.global-setup.ts).
// *.s3.integration.test.ts run against any S3 endpoint; *.rgw.integration.test.ts start
// their own RGW cluster (they kill and restart its gateway), so they need Ceph installed
// and run only when the setup uses the local RGW.
import { configDefaults, defineConfig } from 'vitest/config'

const external = Boolean(process.env.BORELOG_S3_TEST_ENDPOINT || process.env.BORELOG_S3_TEST_BUCKET)

export default defineConfig({
  test: {
    include: external
      ? ['src-main/**/*.s3.integration.test.ts', 'test/**/*.s3.integration.test.ts']
      : ['src-main/**/*.{s3,rgw}.integration.test.ts', 'test/**/*.{s3,rgw}.integration.test.ts'],
    exclude: configDefaults.exclude,
    globalSetup: ['test/setup/rgw.global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
})
