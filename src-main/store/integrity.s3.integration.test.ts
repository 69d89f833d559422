// verify and repair on S3: the shared suite of test/integrity-contract.ts, the same one
// the local folder passes, against the real server the S3 setup starts.
import { PutObjectCommand } from '@aws-sdk/client-s3'
import { afterAll } from 'vitest'

import { describeIntegrityContract } from '../../test/integrity-contract'
import { newS3Store, rawS3Client } from '../../test/setup/s3-target'

const raw = rawS3Client()
afterAll(() => raw.destroy())

describeIntegrityContract('S3', async () => {
  const objects = newS3Store()
  const prefix = objects.location.slice(`s3://${objects.bucket}/`.length)
  return {
    objects,
    reopen: () => newS3Store({ prefix }),
    rawWrite: async (key, bytes) => {
      await raw.send(
        new PutObjectCommand({ Bucket: objects.bucket, Key: `${prefix}/${key}`, Body: bytes }),
      )
    },
    dispose: async () => objects.close(),
  }
})
