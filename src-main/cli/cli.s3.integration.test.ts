// The CLI works directly on S3: the store commands with
// `--store s3://bucket/prefix --endpoint URL [--region R]`, credentials from the standard
// AWS environment variables, run as a real process against the server the S3 setup starts.
import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import path from 'node:path'

import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { rawS3Client, s3Target } from '../../test/setup/s3-target'
import { buildCli } from '../../test/support/build-cli'
import { runCliProcess, type CliResult } from '../../test/support/run-cli'
import { tempDir } from '../../test/support/borelog-fixtures'

const raw = rawS3Client()

let bin: string
let dir: string
let cleanup: () => Promise<void>
let prefix: string
let storeUrl: string

function s3Env(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const target = s3Target()
  return {
    ...process.env,
    ...(target.credentials
      ? {
          AWS_ACCESS_KEY_ID: target.credentials.accessKeyId,
          AWS_SECRET_ACCESS_KEY: target.credentials.secretAccessKey,
        }
      : {}),
    ...(target.profile ? { AWS_PROFILE: target.profile } : {}),
    ...overrides,
  }
}

/** The S3 flags for this target, as a user types them. */
function s3Flags(): string[] {
  const target = s3Target()
  return [
    '--store',
    storeUrl,
    ...(target.endpoint ? ['--endpoint', target.endpoint] : []),
    ...(target.region ? ['--region', target.region] : []),
    ...(target.forcePathStyle ? ['--path-style'] : []),
  ]
}

async function cli(args: string[], env = s3Env()): Promise<CliResult> {
  return runCliProcess(bin, args, env)
}

const CSV_V1 = `hole_id,depth_top_m,depth_base_m,description,legend_code,geology_code,spt_n,sample_refs,water_strike_m,remarks
BH01,0,0.4,"MADE GROUND: brown sandy gravel, brick",601,MG,,,,
BH01,0.4,2.1,Firm brown CLAY,201,,12,D1 @ 1.0,,
BH01,2.1,5.0,Dense SAND,401,,35,,3.2,
`
const CSV_V2 = CSV_V1.replace('Firm brown CLAY', 'Firm to stiff brown CLAY')

beforeAll(async () => {
  bin = await buildCli()
  ;({ dir, cleanup } = await tempDir('borelog-cli-s3-'))
  prefix = `${s3Target().runPrefix}/cli-${randomBytes(4).toString('hex')}`
  storeUrl = `s3://${s3Target().bucket}/${prefix}`
  await fs.writeFile(path.join(dir, 'v1.csv'), CSV_V1)
  await fs.writeFile(path.join(dir, 'v2.csv'), CSV_V2)
})
afterAll(async () => {
  raw.destroy()
  await cleanup()
})

describe('borelog-desk on S3', () => {
  it('create, update, approve and read back: the same JSON and exit codes as on a folder', async () => {
    const create = await cli([
      'create',
      'BH01',
      '--table',
      'borelog',
      '--by',
      'ann',
      '--from',
      path.join(dir, 'v1.csv'),
      ...s3Flags(),
    ])
    expect(create.stderr).toBe('')
    expect(create.code).toBe(0)
    expect(
      (
        await cli([
          'update',
          'BH01',
          '--by',
          'bob',
          '--from',
          path.join(dir, 'v2.csv'),
          ...s3Flags(),
        ])
      ).code,
    ).toBe(0)
    const stale = await cli(['approve', 'BH01', '--by', 'rev', '--version', '1', ...s3Flags()])
    expect(stale.code).toBe(3)
    expect(stale.stderr.trim().split('\n')).toHaveLength(1)
    expect(
      (await cli(['approve', 'BH01', '--by', 'rev', '--version', '2', ...s3Flags()])).code,
    ).toBe(0)

    const meta = JSON.parse((await cli(['meta', 'BH01', ...s3Flags()])).stdout)
    expect(meta).toMatchObject({
      record_id: 'BH01',
      current_version: 2,
      status: 'approved',
      approved_by: 'rev',
    })
    expect(JSON.parse((await cli(['versions', 'BH01', '--json', ...s3Flags()])).stdout)).toEqual([
      1, 2,
    ])
    const list = JSON.parse(
      (await cli(['list', '--status', 'approved', '--json', ...s3Flags()])).stdout,
    )
    expect(list.map((m: { record_id: string }) => m.record_id)).toEqual(['BH01'])
    expect((await cli(['meta', 'NOPE', ...s3Flags()])).code).toBe(4)
  })

  it('get writes the version file byte for byte as it is stored in the bucket', async () => {
    const out = path.join(dir, 'v1.parquet')
    expect((await cli(['get', 'BH01', '--version', '1', '--out', out, ...s3Flags()])).code).toBe(0)
    const stored = await raw.send(
      new GetObjectCommand({
        Bucket: s3Target().bucket,
        Key: `${prefix}/records/BH01/versions/v1.parquet`,
      }),
    )
    expect(new Uint8Array(await fs.readFile(out))).toEqual(
      await stored.Body!.transformToByteArray(),
    )
  })

  it('export with a cursor is incremental on S3 too', async () => {
    const first = JSON.parse(
      (await cli(['export', '--out', path.join(dir, 'e1'), '--json', ...s3Flags()])).stdout,
    )
    expect(first.records.map((r: { record_id: string }) => r.record_id)).toEqual(['BH01'])
    expect(
      (
        await cli([
          'create',
          'BH02',
          '--table',
          'borelog',
          '--by',
          'ann',
          '--from',
          path.join(dir, 'v1.csv'),
          ...s3Flags(),
        ])
      ).code,
    ).toBe(0)
    const next = JSON.parse(
      (
        await cli([
          'export',
          '--out',
          path.join(dir, 'e2'),
          '--since',
          first.cursor,
          '--json',
          ...s3Flags(),
        ])
      ).stdout,
    )
    expect(next.records.map((r: { record_id: string }) => r.record_id)).toEqual(['BH02'])
  })

  it('verify exits 1 after a byte of a version file is flipped in the bucket; repair never deletes it', async () => {
    expect((await cli(['verify', ...s3Flags()])).code).toBe(0)
    const key = `${prefix}/records/BH02/versions/v1.parquet`
    const got = await raw.send(new GetObjectCommand({ Bucket: s3Target().bucket, Key: key }))
    const bytes = await got.Body!.transformToByteArray()
    bytes[100]! ^= 0xff
    await raw.send(new PutObjectCommand({ Bucket: s3Target().bucket, Key: key, Body: bytes }))
    const res = await cli(['verify', '--json', ...s3Flags()])
    expect(res.code).toBe(1)
    expect(JSON.parse(res.stdout).problems).toEqual([
      expect.objectContaining({ recordId: 'BH02', code: 'INTEGRITY', version: 1 }),
    ])
    expect((await cli(['repair', ...s3Flags()])).code).toBe(1)
    expect(JSON.parse((await cli(['versions', 'BH01', '--json', ...s3Flags()])).stdout)).toEqual([
      1, 2,
    ])
  })

  it('wrong credentials exit 1 with one line that never shows the secret', async () => {
    const secret = 'not-the-secret-' + randomBytes(8).toString('hex')
    const env = s3Env({
      AWS_ACCESS_KEY_ID: s3Target().credentials?.accessKeyId ?? 'AKIANOTAKEY',
      AWS_SECRET_ACCESS_KEY: secret,
    })
    delete env.AWS_PROFILE
    const res = await cli(['meta', 'BH01', ...s3Flags()], env)
    expect(res.code).toBe(1)
    expect(res.stderr.trim().split('\n')).toHaveLength(1)
    expect(res.stderr).not.toContain(secret)
  })

  it('input rules hold on S3: a colliding id exits 2 naming the existing one; a read of a prefix that is not a store exits 4 and writes nothing', async () => {
    const clash = await cli([
      'create',
      'bh01',
      '--table',
      'borelog',
      '--by',
      'ann',
      '--from',
      path.join(dir, 'v1.csv'),
      ...s3Flags(),
    ])
    expect(clash.code).toBe(2)
    expect(clash.stderr).toContain('record "BH01" exists')
    const empty = `${prefix}-empty`
    const flags = s3Flags().map((f) => (f === storeUrl ? `s3://${s3Target().bucket}/${empty}` : f))
    const list = await cli(['list', ...flags])
    expect(list.code).toBe(4)
    expect(list.stderr.trim().split('\n')).toHaveLength(1)
    const left = await raw.send(
      new ListObjectsV2Command({ Bucket: s3Target().bucket, Prefix: `${empty}/` }),
    )
    expect(left.KeyCount ?? 0).toBe(0)
  })

  it('S3 flags with a folder store are refused (exit 2), never silently ignored', async () => {
    const res = await cli([
      'list',
      '--store',
      path.join(dir, 'folder'),
      '--endpoint',
      'http://127.0.0.1:1',
    ])
    expect(res.code).toBe(2)
  })
})
