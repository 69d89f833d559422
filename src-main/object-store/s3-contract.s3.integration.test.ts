import { describeObjectStoreContract } from '../../test/object-store-contract'
import { newS3Store } from '../../test/setup/s3-target'

describeObjectStoreContract('S3', async () => {
  const store = newS3Store()
  return {
    store,
    dispose: async () => store.close(),
  }
})
