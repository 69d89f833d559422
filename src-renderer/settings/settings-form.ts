// Checks of the settings forms before they are sent, each with a clear message beside
// its field. Main validates again with the contract's schemas; these say, beside the
// field, what to type instead of a BAD_INPUT after Save.
import type { RemoteSettings } from '../../shared/ipc/contract'

export interface RemoteForm {
  url: string
  endpoint: string
  region: string
  profile: string
}

export type RemoteProblems = Partial<Record<keyof RemoteForm, string>>

export function storeLocationProblem(location: string): string | null {
  return location.trim() === '' ? 'Type the folder of the store, e.g. /home/me/borelogs.' : null
}

function isFolderPath(text: string): boolean {
  return text.startsWith('/') || /^[A-Za-z]:[\\/]/.test(text) || text.startsWith('\\\\')
}

export function remoteProblems(form: RemoteForm): RemoteProblems {
  const problems: RemoteProblems = {}
  const url = form.url.trim()
  if (url === '') problems.url = 'Type s3://bucket/prefix, or the full path of a shared folder.'
  else if (url.startsWith('s3://')) {
    if (!/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(url))
      problems.url =
        'The bucket name after s3:// is 3 to 63 lower-case letters, digits, dots or dashes.'
  } else if (!isFolderPath(url))
    problems.url = 'Use s3://bucket/prefix, or a full folder path (starting with / or a drive).'
  const endpoint = form.endpoint.trim()
  if (endpoint !== '' && !/^https?:\/\/[^\s/]+/.test(endpoint))
    problems.endpoint = 'An endpoint starts with https:// or http:// (e.g. http://127.0.0.1:9000).'
  if (form.region.trim().length > 100) problems.region = 'Use at most 100 characters.'
  if (form.profile.trim().length > 200) problems.profile = 'Use at most 200 characters.'
  return problems
}

/** The form as the contract's remote: empty optional fields become null. */
export function remoteFromForm(form: RemoteForm): RemoteSettings {
  const orNull = (text: string) => (text.trim() === '' ? null : text.trim())
  return {
    url: form.url.trim(),
    endpoint: orNull(form.endpoint),
    region: orNull(form.region),
    profile: orNull(form.profile),
  }
}

export function formFromRemote(remote: RemoteSettings | null): RemoteForm {
  return {
    url: remote?.url ?? '',
    endpoint: remote?.endpoint ?? '',
    region: remote?.region ?? '',
    profile: remote?.profile ?? '',
  }
}
