import os from 'node:os'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { LocalFolderStore, openObjectStore, parseS3Url, S3Store } from './index'

function codeOf(run: () => unknown): string {
  try {
    run()
    return 'OK'
  } catch (e) {
    return (e as { code?: string }).code ?? 'uncoded'
  }
}

describe('parseS3Url', () => {
  it('splits bucket and prefix, without leading or trailing slashes', () => {
    expect(parseS3Url('s3://team-logs')).toEqual({ bucket: 'team-logs', prefix: '' })
    expect(parseS3Url('s3://team-logs/')).toEqual({ bucket: 'team-logs', prefix: '' })
    expect(parseS3Url('s3://team-logs/site-a/store/')).toEqual({
      bucket: 'team-logs',
      prefix: 'site-a/store',
    })
  })

  it('refuses what is not s3://bucket[/prefix] with BAD_INPUT', () => {
    for (const url of ['s3://', 's3:///prefix', 'https://bucket/x', 's3://bucket?x=1']) {
      expect(codeOf(() => parseS3Url(url))).toBe('BAD_INPUT')
    }
  })
})

describe('openObjectStore', () => {
  it('opens a folder path as a local store and s3:// as an S3 store', () => {
    const local = openObjectStore(path.join(os.tmpdir(), 'store'))
    expect(local).toBeInstanceOf(LocalFolderStore)
    expect(local.location).toBe(path.join(os.tmpdir(), 'store'))
    const s3 = openObjectStore('s3://team-logs/site-a/', {
      endpoint: 'http://127.0.0.1:7480',
      region: 'eu-west-2',
    })
    expect(s3).toBeInstanceOf(S3Store)
    expect(s3.location).toBe('s3://team-logs/site-a')
    ;(s3 as S3Store).close()
  })

  it('opens file:// URLs as folders', () => {
    const local = openObjectStore('file:///tmp/borelog-store')
    expect(local).toBeInstanceOf(LocalFolderStore)
    expect(local.location).toBe('/tmp/borelog-store')
  })

  it('S3 flags on a folder are refused, not ignored', () => {
    expect(codeOf(() => openObjectStore('/tmp/store', { endpoint: 'http://127.0.0.1:7480' }))).toBe(
      'BAD_INPUT',
    )
    expect(codeOf(() => openObjectStore('/tmp/store', { profile: 'team' }))).toBe('BAD_INPUT')
  })

  it('refuses unknown schemes, bad bucket names, unsafe prefixes and credentials in the endpoint', () => {
    expect(codeOf(() => openObjectStore('gs://bucket/x'))).toBe('BAD_INPUT')
    expect(codeOf(() => openObjectStore(''))).toBe('BAD_INPUT')
    expect(codeOf(() => openObjectStore('s3://Bad_Bucket/x'))).toBe('BAD_INPUT')
    expect(codeOf(() => openObjectStore('s3://bucket/a/../b'))).toBe('BAD_INPUT')
    expect(codeOf(() => openObjectStore('s3://bucket/a//b'))).toBe('BAD_INPUT')
    expect(
      codeOf(() =>
        openObjectStore('s3://bucket/x', { endpoint: 'http://key:secret@127.0.0.1:7480' }),
      ),
    ).toBe('BAD_INPUT')
    expect(codeOf(() => openObjectStore('s3://bucket/x', { endpoint: 'ftp://127.0.0.1' }))).toBe(
      'BAD_INPUT',
    )
  })

  it('an endpoint rejected for carrying credentials is not echoed with them', () => {
    try {
      openObjectStore('s3://bucket/x', { endpoint: 'http://key:s3cr3t@127.0.0.1:7480' })
      expect.unreachable()
    } catch (e) {
      const err = e as Error & { details?: unknown }
      expect(err.message + JSON.stringify(err.details)).not.toContain('s3cr3t')
    }
  })
})
