// applyDiff: rebuild b from a and a diff of (a, b). It takes from b only what the diff
// says changed (changed cells, added rows, columns added or retyped) and everything else
// from a, so applyDiff(a, diff(a, b)) equal to b is a real check that the diff missed
// nothing (diff.property.test.ts).
import { Table, type Data, type Vector } from 'apache-arrow'
import { makeVector } from 'apache-arrow'

import { BadInputError } from '../../shared/errors'
import { RunsBuilder, columnOf, gatherColumn, type Column } from './columns'
import type { DiffResult } from './table-diff'

export function applyDiff(a: Table, diff: DiffResult): Table {
  if (a.numRows !== diff.a.numRows) {
    throw new BadInputError(
      `applyDiff: the table has ${a.numRows} rows but the diff was made from a table of ${diff.a.numRows}. Apply a diff to the table it was made from.`,
      { rows: a.numRows, expected: diff.a.numRows },
    )
  }
  const { alignedA, alignedB, mask, maskWords } = diff
  const b = diff.b
  const vectors: Record<string, Vector> = {}
  for (const field of b.schema.fields) {
    const compared = diff.columns.find((c) => c.name === field.name && !c.typeChanged)
    const fromB = columnOf(b.getChild(field.name)!)
    let sources: Column[]
    const runs = new RunsBuilder()
    if (compared) {
      const fromA = a.getChild(compared.nameA)
      if (!fromA) {
        throw new BadInputError(
          `applyDiff: column "${compared.nameA}" is missing from the table the diff is applied to.`,
          {
            column: compared.nameA,
          },
        )
      }
      sources = [columnOf(fromA), fromB]
      const word = compared.bit >>> 5
      const flag = 1 << (compared.bit & 31)
      for (let k = 0; k < alignedB.length; k++) {
        const rb = alignedB[k]!
        if (rb < 0) continue
        const ra = alignedA[k]!
        if (ra < 0 || (mask[k * maskWords + word]! & flag) !== 0) runs.push(1, rb)
        else runs.push(0, ra)
      }
    } else {
      sources = [fromB]
      for (let k = 0; k < alignedB.length; k++) if (alignedB[k]! >= 0) runs.push(0, alignedB[k]!)
    }
    vectors[field.name] = makeVector(gatherColumn(field.type, sources, runs.finish()) as Data[])
  }
  return b.schema.fields.length === 0 ? new Table(b.schema) : new Table(b.schema, vectors)
}
