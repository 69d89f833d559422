// One way to open a store from what a user types (CLI --store, app settings): a folder
// path or s3://bucket/prefix. S3 flags on a folder are refused rather than ignored, so a
// typo in the URL never silently writes to a local folder.
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { BadInputError } from '../../shared/errors'
import type { ObjectStore } from './index'
import { LocalFolderStore } from './local-folder'
import { S3Store } from './s3'

export interface OpenObjectStoreOptions {
  endpoint?: string
  profile?: string
  region?: string
  forcePathStyle?: boolean
}

/** Splits s3://bucket/prefix; the prefix has no leading or trailing '/'. */
export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const match = /^s3:\/\/([^/?#]+)(?:\/([^?#]*))?$/.exec(url)
  if (!match?.[1]) {
    throw new BadInputError(
      `"${url}" is not an S3 store URL: expected s3://bucket or s3://bucket/prefix.`,
      { url },
    )
  }
  return { bucket: match[1], prefix: (match[2] ?? '').replace(/^\/+|\/+$/g, '') }
}

export function openObjectStore(
  location: string,
  options: OpenObjectStoreOptions = {},
): ObjectStore {
  if (location.trim() === '')
    throw new BadInputError('The store location is empty: give a folder or s3://bucket/prefix.')
  if (location.startsWith('s3://')) {
    return new S3Store({ ...parseS3Url(location), ...options })
  }
  const s3Flags = (Object.keys(options) as (keyof OpenObjectStoreOptions)[]).filter(
    (k) => options[k] !== undefined,
  )
  if (s3Flags.length > 0) {
    throw new BadInputError(
      `${s3Flags.join(', ')} given for the folder store ${location}: these apply to s3:// stores only.`,
      { location, options: s3Flags },
    )
  }
  if (location.startsWith('file://')) return new LocalFolderStore(fileURLToPath(location))
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new BadInputError(`"${location}" is neither a folder nor an s3:// URL.`, { location })
  }
  return new LocalFolderStore(path.resolve(location))
}
