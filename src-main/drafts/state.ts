// The starting tables a new record's draft is made of.
import {
  type Data,
  RecordBatch,
  type Schema,
  Struct,
  Table,
  makeBuilder,
  makeData,
} from 'apache-arrow'

import { baseColumn } from './columns'

/** No rows, in `schema` (a blank or template record's draft). */
export function emptyTable(schema: Schema): Table {
  return tableOf(
    schema,
    schema.fields.map((f) => makeBuilder({ type: f.type }).finish().flush() as Data),
    0,
  )
}

function tableOf(schema: Schema, children: Data[], length: number): Table {
  const struct = makeData({ type: new Struct(schema.fields), length, nullCount: 0, children })
  return new Table(schema, new RecordBatch(schema, struct))
}

/** `table` with every cell of the text column `name` set to `value` (a duplicate's new hole id). */
export function withColumnFilled(table: Table, name: string, value: string): Table {
  const index = table.schema.fields.findIndex((f) => f.name === name)
  if (index < 0) return table
  const children = table.schema.fields.map((f, i) => {
    const column = baseColumn(f, table.getChildAt(i)!)
    if (i !== index) return column.data
    const order = new Int32Array(table.numRows).fill(-1)
    return column.gather(order, new Map([[-1, value]]))
  })
  return tableOf(table.schema, children, table.numRows)
}

/** Header keys that describe one hole, not the project: a template leaves them out. */
const HOLE_SPECIFIC_KEYS = new Set([
  'hole_id',
  'easting',
  'northing',
  'latitude',
  'longitude',
  'ground_level_m',
  'final_depth_m',
  'start_date',
  'end_date',
  'hole_status',
  'termination',
  'hole_remarks',
  'source_file',
  'ags4_hole_groups',
])

export function templateHeader(header: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(header).filter(
      ([key]) => !HOLE_SPECIFIC_KEYS.has(key) && !/(^|_)(date|time)(_|$)|_at$/.test(key),
    ),
  )
}
