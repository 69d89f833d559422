// The clipboard between the draft grid and spreadsheets (a block copied from a
// spreadsheet pastes as tab-separated text). Excel, LibreOffice and Google Sheets put
// text/plain on the clipboard as tab-separated rows ending in a newline; a cell holding a tab, a
// newline or a quote is wrapped in double quotes with inner quotes doubled. Parsing
// follows that exactly, so a multi-line description pastes into one cell, and the
// trailing newline spreadsheets add does not become an empty last row.

/** Cells of a TSV block: rows of strings, ragged rows kept as they are. */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let i = 0
  // A quote opens a quoted cell only at the start of a cell, as spreadsheets write it.
  let isQuoted = false
  let isCellStart = true
  while (i < text.length) {
    const ch = text[i] as string
    if (isQuoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"'
          i += 2
          continue
        }
        isQuoted = false
        i++
        continue
      }
      cell += ch
      i++
      continue
    }
    if (ch === '"' && isCellStart) {
      isQuoted = true
      isCellStart = false
      i++
      continue
    }
    if (ch === '\t') {
      row.push(cell)
      cell = ''
      isCellStart = true
      i++
      continue
    }
    if (ch === '\r' || ch === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      isCellStart = true
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1
      continue
    }
    cell += ch
    isCellStart = false
    i++
  }
  // Text not ending in a newline still has its last row open.
  if (!isCellStart || row.length > 0 || cell !== '') {
    row.push(cell)
    rows.push(row)
  }
  return rows
}

function quoteCell(cell: string): string {
  return /[\t\r\n"]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell
}

/** Rows as spreadsheets copy them: tabs between cells, a newline after every row. */
export function formatTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => `${row.map(quoteCell).join('\t')}\n`).join('')
}
