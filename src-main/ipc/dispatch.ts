// The one wrapper every call goes through, over Electron IPC and over the browser
// host alike: unknown channel or a payload that fails its schema ->
// BAD_INPUT result (the renderer is untrusted; a bad payload never throws through
// and never reaches a layer), layer errors -> their code, anything else -> INTERNAL
// (a bug, logged with its stack). Callers always get an IpcResult, never a throw.
import type { z } from 'zod'

import { BorelogError, type ErrorPayload } from '../../shared/errors'
import {
  CHANNELS,
  isChannel,
  type Channel,
  type IpcResult,
  type ParsedRequestOf,
  type ResponseOf,
} from '../../shared/ipc/contract'

export type HandlerTable = {
  [C in Channel]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>>
}

export type Dispatch = (channel: unknown, payload: unknown) => Promise<IpcResult<unknown>>

export interface DispatchOptions {
  /** Where unexpected errors go (stack included). Defaults to console.error. */
  logError?: (message: string, error: unknown) => void
}

function describeIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(request)'}: ${i.message}`)
    .join('; ')
}

export function errorResult(error: ErrorPayload): { ok: false; error: ErrorPayload } {
  return { ok: false, error }
}

export function createDispatch(handlers: HandlerTable, options: DispatchOptions = {}): Dispatch {
  const logError = options.logError ?? ((m, e) => console.error(m, e))
  return async (channel, payload) => {
    if (!isChannel(channel)) {
      return errorResult({
        code: 'BAD_INPUT',
        message: `Unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}. The request was ignored.`,
        details: { channel: String(channel).slice(0, 80) },
      })
    }
    const parsed = CHANNELS[channel].request.safeParse(payload)
    if (!parsed.success) {
      return errorResult({
        code: 'BAD_INPUT',
        message: `Invalid request for ${channel}: ${describeIssues(parsed.error.issues)}. Nothing was changed.`,
        details: {
          channel,
          issues: parsed.error.issues
            .slice(0, 20)
            .map((i) => ({ path: i.path.map(String), message: i.message })),
        },
      })
    }
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>
    try {
      return { ok: true, value: await handler(parsed.data) }
    } catch (e) {
      if (e instanceof BorelogError) return errorResult(e.toPayload())
      logError(`Unexpected error in ${channel}`, e)
      const message = e instanceof Error ? e.message : String(e)
      return errorResult({
        code: 'INTERNAL',
        message: `${channel} failed unexpectedly: ${message}. This is a bug; the app keeps working.`,
        details: { channel },
      })
    }
  }
}
