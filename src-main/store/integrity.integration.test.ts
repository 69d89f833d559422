// verify and repair on the local folder backend: the shared suite (test/integrity-contract.ts,
// also run on S3 by integrity.s3.integration.test.ts).
import { promises as fs } from 'node:fs'
import path from 'node:path'

import { describeIntegrityContract } from '../../test/integrity-contract'
import { tempDir } from '../../test/support/borelog-fixtures'
import { LocalFolderStore } from '../object-store/index'

describeIntegrityContract('local folder', async () => {
  const { dir, cleanup } = await tempDir()
  return {
    objects: new LocalFolderStore(dir),
    reopen: () => new LocalFolderStore(dir),
    rawWrite: async (key, bytes) => {
      await fs.mkdir(path.dirname(path.join(dir, key)), { recursive: true })
      await fs.writeFile(path.join(dir, key), bytes)
    },
    dispose: cleanup,
  }
})
