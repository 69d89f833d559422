// The one rule for a table name a record is created under or filtered by: lower-case
// letters, digits and underscores, starting with a letter. A table name is stored in
// every metadata.json and names a rule set; it is never a path.
// See docs/CLI.md, "Input rules".
import { z } from 'zod'

export const MAX_TABLE_NAME_CHARS = 128

const TABLE_NAME = /^[a-z][a-z0-9_]*$/

/** Why `name` cannot be a table name, or null when it can. */
export function tableNameProblem(name: string): string | null {
  if (name.length > MAX_TABLE_NAME_CHARS)
    return `A table name is at most ${MAX_TABLE_NAME_CHARS} characters; this one has ${name.length}.`
  if (!TABLE_NAME.test(name))
    return `Table name ${JSON.stringify(name)} may use a-z, 0-9 and _ only and must start with a letter (e.g. borelog).`
  return null
}

export const TableNameSchema = z.string().superRefine((name, ctx) => {
  const problem = tableNameProblem(name)
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
})
