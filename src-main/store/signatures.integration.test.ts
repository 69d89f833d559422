// Signed history on the local folder backend: the shared attacker suite
// (test/signature-contract.ts, also run on S3 by signatures.s3.integration.test.ts).
import { promises as fs } from 'node:fs'
import path from 'node:path'

import { tempDir } from '../../test/support/borelog-fixtures'
import { describeSignatureContract } from '../../test/signature-contract'
import { LocalFolderStore } from '../object-store/index'

describeSignatureContract('local folder', async () => {
  const { dir, cleanup } = await tempDir()
  return {
    objects: new LocalFolderStore(dir),
    rawWrite: async (key, bytes) => {
      await fs.mkdir(path.dirname(path.join(dir, key)), { recursive: true })
      await fs.writeFile(path.join(dir, key), bytes)
    },
    dispose: cleanup,
  }
})
