// Tests assert error codes, never message text.
import { isBorelogError } from '../../shared/errors'

/** The code `p` is refused with; anything but an expected error fails the test. */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (e) {
    if (isBorelogError(e)) return e.code
    throw e
  }
  throw new Error('expected a refusal with a code, but the call succeeded')
}
