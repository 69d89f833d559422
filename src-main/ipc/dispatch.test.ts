import { describe, expect, it } from 'vitest'

import { StaleReviewError } from '../../shared/errors'
import { CHANNEL_NAMES, type Channel } from '../../shared/ipc/contract'
import { createDispatch, type HandlerTable } from './dispatch'

/** A table whose every handler records its call and answers with `answer(channel, request)`. */
function tableOf(
  answer: (channel: Channel, request: unknown) => unknown,
  calls: unknown[] = [],
): HandlerTable {
  return Object.fromEntries(
    CHANNEL_NAMES.map((channel) => [
      channel,
      async (request: unknown) => {
        calls.push([channel, request])
        return answer(channel, request)
      },
    ]),
  ) as unknown as HandlerTable
}

describe('dispatch', () => {
  it('an invalid payload is a BAD_INPUT result and never reaches the handler', async () => {
    const calls: unknown[] = []
    const dispatch = createDispatch(tableOf(() => ({}), calls))
    for (const payload of [
      undefined,
      null,
      42,
      'x',
      { recordId: 42 },
      { recordId: '' },
      { recordId: 'a'.repeat(201) },
    ]) {
      const res = await dispatch('record.get', payload)
      expect(res.ok).toBe(false)
      if (!res.ok) expect(res.error.code).toBe('BAD_INPUT')
    }
    expect(calls).toEqual([])
  })

  it('a version page larger than the page limit is refused (large data only travels in pages)', async () => {
    const dispatch = createDispatch(tableOf(() => ({})))
    const res = await dispatch('version.page', {
      recordId: 'BH1',
      version: 1,
      offset: 0,
      limit: 1_000_000,
    })
    expect(res.ok ? null : res.error.code).toBe('BAD_INPUT')
  })

  it('reject without a reason (blank) is refused before the store sees it', async () => {
    const calls: unknown[] = []
    const dispatch = createDispatch(tableOf(() => ({}), calls))
    const res = await dispatch('record.reject', { recordId: 'BH1', version: 2, reason: '   ' })
    expect(res.ok ? null : res.error.code).toBe('BAD_INPUT')
    expect(calls).toEqual([])
  })

  it('an unknown channel is a BAD_INPUT result', async () => {
    const dispatch = createDispatch(tableOf(() => ({})))
    for (const channel of ['fs.readFile', '__proto__', 'constructor', 42, null]) {
      const res = await dispatch(channel, {})
      expect(res.ok ? null : res.error.code).toBe('BAD_INPUT')
    }
  })

  it('the handler receives the parsed request (unknown keys stripped)', async () => {
    const calls: unknown[] = []
    const dispatch = createDispatch(tableOf(() => ({}), calls))
    await dispatch('record.get', { recordId: 'BH1', extra: '../../etc/passwd' })
    expect(calls).toEqual([['record.get', { recordId: 'BH1' }]])
  })

  it('a layer error keeps its code, message and details across the boundary', async () => {
    const dispatch = createDispatch(
      tableOf(() => {
        throw new StaleReviewError('Cannot approve BH1 v2: v3 was saved.', { current: 3 })
      }),
    )
    const res = await dispatch('record.approve', { recordId: 'BH1', version: 2 })
    expect(res).toEqual({
      ok: false,
      error: {
        code: 'STALE_REVIEW',
        message: 'Cannot approve BH1 v2: v3 was saved.',
        details: { current: 3 },
      },
    })
  })

  it('an unexpected error is an INTERNAL result, logged, and never a throw', async () => {
    const logged: unknown[] = []
    const dispatch = createDispatch(
      tableOf(() => {
        throw new TypeError('boom')
      }),
      { logError: (_m, e) => logged.push(e) },
    )
    const res = await dispatch('store.info', {})
    expect(res.ok ? null : res.error.code).toBe('INTERNAL')
    expect(logged).toHaveLength(1)
  })

  it('a valid call resolves to ok with the handler value', async () => {
    const dispatch = createDispatch(tableOf((channel) => ({ channel })))
    expect(await dispatch('store.info', {})).toEqual({ ok: true, value: { channel: 'store.info' } })
  })
})
