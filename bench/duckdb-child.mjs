// The yardstick of bench/cli.bench.ts, run as a whole process as our CLI is:
//   node bench/duckdb-child.mjs copy IN.parquet OUT.parquet
//   node bench/duckdb-child.mjs diff A.parquet B.parquet KEY,COL... COLUMN,...
import { DuckDBInstance } from '@duckdb/node-api'

const [op, a, b, keyText, columnText] = process.argv.slice(2)
const sql = (s) => `'${s.replaceAll("'", "''")}'`
const db = await DuckDBInstance.create(':memory:')
const con = await db.connect()
if (op === 'copy') {
  await con.run(
    `COPY (SELECT * FROM read_parquet(${sql(a)})) TO ${sql(b)} (FORMAT parquet, COMPRESSION zstd)`,
  )
} else if (op === 'diff') {
  const key = keyText.split(',')
  const on = key.map((k) => `x.${k} = y.${k}`).join(' AND ')
  const changed = columnText
    .split(',')
    .map((c) => `x.${c} IS DISTINCT FROM y.${c}`)
    .join(' OR ')
  const reader = await con.runAndReadAll(
    `SELECT count(*) FILTER (WHERE x.${key[0]} IS NULL) AS added,
            count(*) FILTER (WHERE y.${key[0]} IS NULL) AS removed,
            count(*) FILTER (WHERE x.${key[0]} IS NOT NULL AND y.${key[0]} IS NOT NULL AND (${changed})) AS changed
     FROM read_parquet(${sql(a)}) x FULL OUTER JOIN read_parquet(${sql(b)}) y ON ${on}`,
  )
  process.stdout.write(JSON.stringify(reader.getRowObjectsJson()[0]) + '\n')
} else throw new Error(`unknown op ${op}`)
con.closeSync()
