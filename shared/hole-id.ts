// "The one hole" a borehole's rows name: used to name a record after the file's hole, to
// check an import against the header it will get, and to fill rows whose hole id is
// blank. One rule, so the record id the import screen suggests is the one main picks.
//
// Blank hole ids (null, empty or only whitespace) do not count as another hole: loggers
// often write the hole id on the first row only, and spreadsheets leave it blank below,
// so a blank row belongs to the hole the other rows name, not to a second, nameless one.
// Ids are compared trimmed, as validation compares them with the header's hole_id.

export function isBlankHoleId(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === ''
}

/** The one hole the values name (trimmed), ignoring blanks; null for none or several. */
export function theOneHoleId(values: Iterable<unknown>): string | null {
  let only: string | null = null
  for (const value of values) {
    if (isBlankHoleId(value)) continue
    const id = (value as string).trim()
    if (only === null) only = id
    else if (id !== only) return null
  }
  return only
}
