// Header properties between what the draft stores and what the header panel shows:
// the final depth is stored in metres and shown and typed in the user's units, as the
// New record form does (units shown in m or ft, always stored in m).
import type { Units } from '../../shared/ipc/contract'
import { metresToShown, shownToMetres } from '../units'

/** Header keys holding a depth below ground, in metres. */
const DEPTH_KEYS = new Set(['final_depth_m'])

export function isDepthKey(key: string): boolean {
  return DEPTH_KEYS.has(key)
}

/** A stored header value as the field shows it. */
export function shownHeaderValue(key: string, stored: string, units: Units): string {
  const metres = Number(stored)
  if (!isDepthKey(key) || stored.trim() === '' || !Number.isFinite(metres)) return stored
  return String(metresToShown(metres, units))
}

export type ParsedHeaderValue = { ok: true; value: string | null } | { ok: false; message: string }

/** Text typed in a header field, as the value to store; empty removes the property. */
export function parseHeaderValue(key: string, text: string, units: Units): ParsedHeaderValue {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: true, value: null }
  if (!isDepthKey(key)) return { ok: true, value: trimmed }
  const shown = Number(trimmed)
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed) || !Number.isFinite(shown))
    return { ok: false, message: `'${trimmed}' is not a number` }
  if (shown < 0) return { ok: false, message: 'A depth is 0 or more' }
  return { ok: true, value: String(shownToMetres(shown, units)) }
}
