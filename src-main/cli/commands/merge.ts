// `merge`: three-way merge of table files by key. Writes --out only when the
// merge is clean; with conflicts it lists them and exits 3, writing nothing. A merge of a
// registered table (--table) is validated like any draft: its findings are printed, and
// they do not stop the write (a draft may be saved with findings;
// only approval is refused while a version has errors).
import type { Table } from 'apache-arrow'

import { BadInputError } from '../../../shared/errors'
import { jsonValue, mergeTables, type Conflict } from '../../diff/index'
import { SchemaRegistry, validateTable, type TableDefinition } from '../../schema/index'
import type { Command, ParsedArgs } from '../command'
import { printJson, readTableFile, stringFlag, writeTableFile } from '../common'

const CONFLICT_EXIT = 3

function keyColumnsFrom(args: ParsedArgs): {
  keyColumns: string[]
  def: TableDefinition | undefined
} {
  const tableName = stringFlag(args, 'table')
  const key = stringFlag(args, 'key')
  if ((tableName === undefined) === (key === undefined)) {
    throw new BadInputError(
      'Give the key as --table NAME (its registered key columns) or --key COL,..., one of the two.',
      {
        flag: 'key',
      },
    )
  }
  if (tableName !== undefined) {
    const def = SchemaRegistry.builtIn().require(tableName)
    return { keyColumns: [...def.keyColumns], def }
  }
  const keyColumns = key!.split(',').map((c) => c.trim())
  if (keyColumns.some((c) => c === ''))
    throw new BadInputError(`--key "${key}" names an empty column.`, { flag: 'key' })
  return { keyColumns, def: undefined }
}

function conflictJson(c: Conflict): Record<string, unknown> {
  return {
    id: c.id,
    kind: c.kind,
    key: jsonValue(c.key),
    column: c.column,
    base: jsonValue(c.base),
    ours: jsonValue(c.ours),
    theirs: jsonValue(c.theirs),
    rows: c.rows,
    ...(c.deletedBy ? { deleted_by: c.deletedBy } : {}),
    message: c.message,
  }
}

export const mergeCommand: Command = {
  name: 'merge',
  usage: 'merge --base F --ours F --theirs F (--table T | --key COL,...) --out F [--json]',
  summary:
    'Three-way merge of .parquet/.csv tables by key; writes --out only when clean, else lists conflicts (exit 3).',
  options: {
    base: { type: 'string' },
    ours: { type: 'string' },
    theirs: { type: 'string' },
    table: { type: 'string' },
    key: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const files = (['base', 'ours', 'theirs'] as const).map((name) => stringFlag(args, name, true))
    const out = stringFlag(args, 'out', true)
    const { keyColumns, def } = keyColumnsFrom(args)
    const [base, ours, theirs] = (await Promise.all(
      files.map((f) => readTableFile(f, def, io)),
    )) as [Table, Table, Table]
    const result = mergeTables(base, ours, theirs, { keyColumns })
    if (result.merged === null) {
      if (args.values.json)
        printJson(io, { conflicts: result.conflicts.map(conflictJson), written: false })
      else {
        io.out(`${result.conflicts.length} conflict(s); nothing written to ${out}.\n`)
        for (const c of result.conflicts) io.out(`  ${c.id} ${c.kind}: ${c.message}\n`)
      }
      return CONFLICT_EXIT
    }
    await writeTableFile(out, result.merged)
    const findings = def ? validateTable(result.merged, def) : []
    if (args.values.json)
      printJson(io, { conflicts: [], written: true, out, rows: result.merged.numRows, findings })
    else {
      io.out(`Merged ${result.merged.numRows} rows into ${out}.\n`)
      for (const f of findings)
        io.out(
          `  ${f.severity} ${f.rule} row ${f.row ?? '-'}${f.column ? ` ${f.column}` : ''}: ${f.message}\n`,
        )
    }
    return 0
  },
}
