import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { describeObjectStoreContract } from '../../test/object-store-contract'
import { LocalFolderStore } from './index'

describeObjectStoreContract('local folder', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'borelog-contract-'))
  return {
    store: new LocalFolderStore(dir),
    dispose: () => fs.rm(dir, { recursive: true, force: true }),
  }
})
