// Row-group statistics of one column, read from a Parquet footer (Thrift compact protocol,
// parquet-format's FileMetaData). parquet-wasm does not expose statistics, and the first
// page of a file diff needs them: a row group whose smallest key is above every key already
// read cannot hold a partner of those keys (parquet-diff.ts). Only what that needs is read;
// everything else is skipped field by field. Anything unexpected gives null: the caller
// then reads the whole file instead, so a strange footer costs time, never correctness.

/** Min/max of one column per row group, as Parquet stores them (plain encoding). */
export interface ColumnStatistics {
  /** Rows per row group. */
  rowCounts: number[]
  /** Smallest value per row group (plain-encoded bytes), null where not recorded. */
  mins: (Uint8Array | null)[]
  /** Null count per row group; null where not recorded. */
  nullCounts: (number | null)[]
}

const T_STOP = 0
const T_TRUE = 1
const T_FALSE = 2
const T_BYTE = 3
const T_I16 = 4
const T_I32 = 5
const T_I64 = 6
const T_DOUBLE = 7
const T_BINARY = 8
const T_LIST = 9
const T_SET = 10
const T_MAP = 11
const T_STRUCT = 12

class CompactReader {
  pos: number

  constructor(
    private readonly bytes: Uint8Array,
    start: number,
    private readonly end: number,
  ) {
    this.pos = start
  }

  byte(): number {
    if (this.pos >= this.end) throw new RangeError('footer ends early')
    return this.bytes[this.pos++]!
  }

  /** Unsigned varint; precise to 2^53, which covers every count and length here. */
  varint(): number {
    let result = 0
    let scale = 1
    for (let i = 0; i < 10; i++) {
      const b = this.byte()
      result += (b & 0x7f) * scale
      if ((b & 0x80) === 0) return result
      scale *= 128
    }
    throw new RangeError('varint too long')
  }

  zigzag(): number {
    const v = this.varint()
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2
  }

  binary(): Uint8Array {
    const len = this.varint()
    if (this.pos + len > this.end) throw new RangeError('binary beyond footer')
    const out = this.bytes.subarray(this.pos, this.pos + len)
    this.pos += len
    return out
  }

  /** Visit a struct's fields; `field` returns false to have the value skipped. */
  struct(field: (id: number, type: number) => boolean): void {
    let id = 0
    for (;;) {
      const header = this.byte()
      const type = header & 0x0f
      if (type === T_STOP) return
      const delta = header >> 4
      id = delta === 0 ? this.zigzag() : id + delta
      if (!field(id, type)) this.skip(type)
    }
  }

  /** A list's element type and size. */
  list(): { type: number; size: number } {
    const header = this.byte()
    const size = header >> 4 === 15 ? this.varint() : header >> 4
    return { type: header & 0x0f, size }
  }

  skip(type: number): void {
    switch (type) {
      case T_TRUE:
      case T_FALSE:
        return
      case T_BYTE:
        this.pos++
        return
      case T_I16:
      case T_I32:
      case T_I64:
        this.varint()
        return
      case T_DOUBLE:
        this.pos += 8
        return
      case T_BINARY:
        this.binary()
        return
      case T_LIST:
      case T_SET: {
        const { type: element, size } = this.list()
        // Booleans inside a list are one byte each.
        for (let i = 0; i < size; i++)
          this.skip(element === T_TRUE || element === T_FALSE ? T_BYTE : element)
        return
      }
      case T_MAP: {
        const size = this.varint()
        if (size === 0) return
        const kinds = this.byte()
        for (let i = 0; i < size; i++) {
          this.skip(kinds >> 4)
          this.skip(kinds & 0x0f)
        }
        return
      }
      case T_STRUCT:
        this.struct(() => false)
        return
      default:
        throw new RangeError(`unknown Thrift type ${type}`)
    }
  }
}

/**
 * Rows per row group, and the statistics of the top-level column `name` (if given) per row
 * group; null when the footer cannot be read this way.
 */
export function readRowGroups(bytes: Uint8Array, name: string | null): ColumnStatistics | null {
  const n = bytes.byteLength
  if (n < 12) return null
  const footerLength = new DataView(bytes.buffer, bytes.byteOffset + n - 8, 4).getUint32(0, true)
  const start = n - 8 - footerLength
  if (start < 4) return null
  const r = new CompactReader(bytes, start, n - 8)
  const stats: ColumnStatistics = { rowCounts: [], mins: [], nullCounts: [] }
  try {
    r.struct((id, type) => {
      if (id !== 4 || type !== T_LIST) return false
      const { size } = r.list()
      for (let g = 0; g < size; g++) readRowGroup(r, name, stats)
      return true
    })
  } catch {
    return null
  }
  return stats.rowCounts.length === stats.mins.length ? stats : null
}

function readRowGroup(r: CompactReader, name: string | null, stats: ColumnStatistics): void {
  let rows = 0
  let min: Uint8Array | null = null
  let nulls: number | null = null
  r.struct((id, type) => {
    if (id === 3 && type === T_I64) {
      rows = r.zigzag()
      return true
    }
    if (id !== 1 || type !== T_LIST || name === null) return false
    const { size } = r.list()
    for (let c = 0; c < size; c++) {
      r.struct((cid, ctype) => {
        if (cid !== 3 || ctype !== T_STRUCT) return false
        let path: string[] = []
        let chunkMin: Uint8Array | null = null
        let chunkNulls: number | null = null
        r.struct((mid, mtype) => {
          if (mid === 3 && mtype === T_LIST) {
            const list = r.list()
            path = Array.from({ length: list.size }, () => new TextDecoder().decode(r.binary()))
            return true
          }
          if (mid !== 12 || mtype !== T_STRUCT) return false
          r.struct((sid, stype) => {
            if (sid === 6 && stype === T_BINARY) {
              chunkMin = r.binary()
              return true
            }
            if (sid === 3 && stype === T_I64) {
              chunkNulls = r.zigzag()
              return true
            }
            return false
          })
          return true
        })
        if (path.length === 1 && path[0] === name) {
          min = chunkMin
          nulls = chunkNulls
        }
        return true
      })
    }
    return true
  })
  stats.rowCounts.push(rows)
  stats.mins.push(min)
  stats.nullCounts.push(nulls)
}
