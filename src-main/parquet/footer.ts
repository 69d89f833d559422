// Row counts and column statistics per row group, read from a Parquet footer (Thrift compact
// protocol, parquet-format's FileMetaData). parquet-wasm does not expose statistics, and the
// first page of a file diff needs them: a row group whose smallest key is above every key
// already read cannot hold a partner of those keys (diff/parquet-diff.ts). Only what that needs is read;
// everything else is skipped field by field. Anything unexpected gives null: the caller
// then reads the whole file instead, so a strange footer costs time, never correctness.

/** Minima and null counts of one column per row group, as Parquet stores them (plain encoding). */
export interface ColumnStatistics {
  /** Rows per row group. */
  rowCounts: number[]
  /** Smallest value per row group (plain-encoded bytes), null where not recorded. */
  mins: (Uint8Array | null)[]
  /** Null count per row group; null where not recorded. */
  nullCounts: (number | null)[]
}

// Thrift compact protocol type ids.
const T = {
  STOP: 0,
  TRUE: 1,
  FALSE: 2,
  BYTE: 3,
  I16: 4,
  I32: 5,
  I64: 6,
  DOUBLE: 7,
  BINARY: 8,
  LIST: 9,
  SET: 10,
  MAP: 11,
  STRUCT: 12,
} as const

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
      if (type === T.STOP) return
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
      case T.TRUE:
      case T.FALSE:
        return
      case T.BYTE:
        this.pos++
        return
      case T.I16:
      case T.I32:
      case T.I64:
        this.varint()
        return
      case T.DOUBLE:
        this.pos += 8
        return
      case T.BINARY:
        this.binary()
        return
      case T.LIST:
      case T.SET: {
        const { type: element, size } = this.list()
        // Booleans inside a list are one byte each.
        for (let i = 0; i < size; i++)
          this.skip(element === T.TRUE || element === T.FALSE ? T.BYTE : element)
        return
      }
      case T.MAP: {
        const size = this.varint()
        if (size === 0) return
        const kinds = this.byte()
        for (let i = 0; i < size; i++) {
          this.skip(kinds >> 4)
          this.skip(kinds & 0x0f)
        }
        return
      }
      case T.STRUCT:
        this.struct(() => false)
        return
      default:
        throw new RangeError(`unknown Thrift type ${type}`)
    }
  }
}

const utf8 = new TextDecoder()

/** What the first page of a file diff needs from a footer: row counts and top-level minima. */
export interface Footer {
  /** Rows per row group. */
  rowCounts: number[]
  /** Statistics of each top-level column, by name. */
  columns: Map<string, { mins: (Uint8Array | null)[]; nullCounts: (number | null)[] }>
}

/** A reader over the Thrift-encoded footer; null when the length trailer is impossible. */
function footerReader(bytes: Uint8Array): CompactReader | null {
  const n = bytes.byteLength
  if (n < 12) return null
  const footerLength = new DataView(bytes.buffer, bytes.byteOffset + n - 8, 4).getUint32(0, true)
  const start = n - 8 - footerLength
  if (start < 4) return null
  return new CompactReader(bytes, start, n - 8)
}

/** The footer's row groups and column statistics; null when it cannot be read this way. */
export function readFooter(bytes: Uint8Array): Footer | null {
  const r = footerReader(bytes)
  if (!r) return null
  const footer: Footer = { rowCounts: [], columns: new Map() }
  try {
    r.struct((id, type) => {
      if (id !== 4 || type !== T.LIST) return false
      const { size } = r.list()
      for (let g = 0; g < size; g++) readRowGroup(r, g, footer)
      return true
    })
  } catch (e) {
    // A footer this reader does not follow (its every refusal is a RangeError): the caller
    // reads through wasm instead. Anything else is a bug in this reader and surfaces.
    if (!(e instanceof RangeError)) throw e
    return null
  }
  return footer
}

/**
 * The footer's key-value metadata (FileMetaData field 5), read without wasm so that
 * listing versions never loads parquet-wasm; null when the footer cannot be read this way.
 */
export function readFooterKeyValues(bytes: Uint8Array): Map<string, string> | null {
  const r = footerReader(bytes)
  if (!r) return null
  const out = new Map<string, string>()
  try {
    r.struct((id, type) => {
      if (id !== 5 || type !== T.LIST) return false
      const { size } = r.list()
      for (let i = 0; i < size; i++) readKeyValue(r, out)
      return true
    })
  } catch (e) {
    if (!(e instanceof RangeError)) throw e
    return null
  }
  return out
}

function readKeyValue(r: CompactReader, out: Map<string, string>): void {
  let key: string | undefined
  let value = ''
  r.struct((id, type) => {
    if (type !== T.BINARY || (id !== 1 && id !== 2)) return false
    const text = utf8.decode(r.binary())
    if (id === 1) key = text
    else value = text
    return true
  })
  if (key === undefined) throw new RangeError('key-value entry without a key')
  out.set(key, value)
}

/**
 * Rows per row group, and the statistics of the top-level column `name` (if given) per row
 * group; null when the footer cannot be read this way.
 */
export function readRowGroups(bytes: Uint8Array, name: string | null): ColumnStatistics | null {
  const footer = readFooter(bytes)
  return footer && statisticsOf(footer, name)
}

/** One top-level column's statistics (none recorded where the footer lacks the column). */
export function statisticsOf(footer: Footer, name: string | null): ColumnStatistics {
  const { rowCounts } = footer
  const column = name === null ? undefined : footer.columns.get(name)
  return {
    rowCounts,
    mins: rowCounts.map((_, g) => column?.mins[g] ?? null),
    nullCounts: rowCounts.map((_, g) => column?.nullCounts[g] ?? null),
  }
}

function readRowGroup(r: CompactReader, group: number, footer: Footer): void {
  let rows = 0
  r.struct((id, type) => {
    if (id === 3 && type === T.I64) {
      rows = r.zigzag()
      return true
    }
    if (id !== 1 || type !== T.LIST) return false
    const { size } = r.list()
    for (let c = 0; c < size; c++) readColumnChunk(r, group, footer)
    return true
  })
  footer.rowCounts.push(rows)
}

function readColumnChunk(r: CompactReader, group: number, footer: Footer): void {
  r.struct((cid, ctype) => {
    if (cid !== 3 || ctype !== T.STRUCT) return false
    let path: string[] = []
    let min: Uint8Array | null = null
    let nulls: number | null = null
    r.struct((mid, mtype) => {
      if (mid === 3 && mtype === T.LIST) {
        const list = r.list()
        path = Array.from({ length: list.size }, () => utf8.decode(r.binary()))
        return true
      }
      if (mid !== 12 || mtype !== T.STRUCT) return false
      r.struct((sid, stype) => {
        if (sid === 6 && stype === T.BINARY) {
          min = r.binary()
          return true
        }
        if (sid === 3 && stype === T.I64) {
          nulls = r.zigzag()
          return true
        }
        return false
      })
      return true
    })
    if (path.length !== 1) return true
    let column = footer.columns.get(path[0]!)
    if (!column) footer.columns.set(path[0]!, (column = { mins: [], nullCounts: [] }))
    // A column missing from earlier groups has no statistics there.
    while (column.mins.length < group) {
      column.mins.push(null)
      column.nullCounts.push(null)
    }
    column.mins.push(min)
    column.nullCounts.push(nulls)
    return true
  })
}
