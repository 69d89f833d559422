// Signed history on S3 (the real server the S3 setup starts): the shared attacker suite
// of test/signature-contract.ts, the same one the local folder passes.
import { PutObjectCommand } from '@aws-sdk/client-s3'
import { afterAll } from 'vitest'

import { newS3Store, rawS3Client } from '../../test/setup/s3-target'
import { describeSignatureContract } from '../../test/signature-contract'

const raw = rawS3Client()
afterAll(() => raw.destroy())

describeSignatureContract('S3', async () => {
  const objects = newS3Store()
  const prefix = objects.location.slice(`s3://${objects.bucket}/`.length)
  return {
    objects,
    rawWrite: async (key, bytes) => {
      await raw.send(
        new PutObjectCommand({ Bucket: objects.bucket, Key: `${prefix}/${key}`, Body: bytes }),
      )
    },
    dispose: async () => objects.close(),
  }
})
