import { describe, expect, it } from 'vitest'

import { RemoteSettingsSchema } from '../../shared/ipc/contract'
import {
  formFromRemote,
  remoteFromForm,
  remoteProblems,
  storeLocationProblem,
} from './settings-form'

const form = { url: 's3://borelogs/site-a', endpoint: '', region: '', profile: '' }

describe('settings forms', () => {
  it('a store location must be typed', () => {
    expect(storeLocationProblem(' ')).not.toBeNull()
    expect(storeLocationProblem('/data/store')).toBeNull()
  })

  it('a remote is an s3 URL with a valid bucket, or a full folder path', () => {
    expect(remoteProblems(form)).toEqual({})
    expect(remoteProblems({ ...form, url: '/mnt/share/store' })).toEqual({})
    expect(remoteProblems({ ...form, url: 'D:\\share\\store' })).toEqual({})
    expect(remoteProblems({ ...form, url: '' }).url).toBeDefined()
    expect(remoteProblems({ ...form, url: 's3://Bad_Bucket' }).url).toBeDefined()
    expect(remoteProblems({ ...form, url: 'relative/folder' }).url).toBeDefined()
  })

  it('an endpoint, when given, is an http(s) URL', () => {
    expect(remoteProblems({ ...form, endpoint: 'http://127.0.0.1:9000' })).toEqual({})
    expect(remoteProblems({ ...form, endpoint: '127.0.0.1:9000' }).endpoint).toBeDefined()
  })

  it('a valid form becomes a remote the contract accepts, blanks as null, and back', () => {
    const remote = remoteFromForm({ ...form, region: ' eu-west-2 ' })
    expect(RemoteSettingsSchema.parse(remote)).toEqual({
      url: 's3://borelogs/site-a',
      endpoint: null,
      region: 'eu-west-2',
      profile: null,
    })
    expect(formFromRemote(remote)).toEqual({ ...form, region: 'eu-west-2' })
    expect(formFromRemote(null).url).toBe('')
  })
})
