// One row of the draft grid: the row number (click selects the row) and its cells, each
// showing its value, or the in-cell editor when it is being typed in. Findings show by
// colour, by the tooltip and by screen-reader text (never colour alone).
import type { ColumnInfo, Units, Cell } from '../../shared/ipc/contract'
import type { Finding } from '../../shared/metadata'
import { formatCount } from '../format'
import { cellClass, classes, findingsAt, findingsTitle, GridRow, severityOf } from '../grid'
import { shownText } from './cell-values'
import { isInRange, type CellPos, type Range } from './selection'
import type { CellEditor } from './use-cell-editor'
import type { GridInput } from './use-grid-input'

export interface EditableRowProps {
  row: number
  startPx: number
  template: string
  columns: ColumnInfo[]
  units: Units
  /** undefined: the row's page has not arrived yet. */
  cells: Cell[] | undefined
  findings: Finding[] | undefined
  range: Range
  focus: CellPos
  /** The cell whose edit was refused, if in this grid. */
  refusedAt: CellPos | null
  /** Prefix of cell ids (aria-activedescendant points at the cursor's cell). */
  gridId: string
  legendListId: string
  editor: CellEditor
  input: GridInput
}

export function cellId(gridId: string, at: CellPos): string {
  return `${gridId}-r${at.row}-c${at.col}`
}

function FindingsText({ findings }: { findings: Finding[] | undefined }) {
  if (!findings) return null
  return (
    <span className="sr-only">{findings.map((f) => `${f.severity}: ${f.message}`).join('. ')}</span>
  )
}

export function EditableRow(props: EditableRowProps) {
  const { row, columns, findings, range, input } = props
  const rowFindings = findingsAt(findings, null)
  const rowSeverity =
    severityOf(rowFindings) ??
    severityOf(columns.flatMap((c) => findingsAt(findings, c.name) ?? []))
  const isRowSelected = row >= range.top && row <= range.bottom
  return (
    <GridRow
      position={row}
      startPx={props.startPx}
      template={props.template}
      className={classes(
        'grid-row',
        row % 2 === 1 && 'grid-row-alt',
        rowSeverity && `grid-row-${rowSeverity}`,
      )}
      data-row={row}
    >
      <div
        role="rowheader"
        className={classes('grid-rownum', isRowSelected && 'editable-grid-rownum-selected')}
        title={findingsTitle(rowFindings)}
        onMouseDown={(e) => input.onRowHeaderMouseDown(e, row)}
      >
        {formatCount(row + 1)}
        <FindingsText findings={rowFindings} />
      </div>
      {columns.map((column, col) => (
        <EditableCell
          key={column.name}
          {...props}
          column={column}
          col={col}
          cellFindings={findingsAt(findings, column.name)}
        />
      ))}
    </GridRow>
  )
}

function EditableCell({
  row,
  col,
  column,
  cells,
  cellFindings,
  range,
  focus,
  refusedAt,
  gridId,
  units,
  editor,
  input,
  legendListId,
}: EditableRowProps & { col: number; column: ColumnInfo; cellFindings: Finding[] | undefined }) {
  const severity = severityOf(cellFindings)
  const isSelected = isInRange(range, row, col)
  const { editing } = editor
  const isEditing = editing !== null && editing.row === row && editing.col === col
  const isRefused = refusedAt !== null && refusedAt.row === row && refusedAt.col === col
  return (
    <div
      id={cellId(gridId, { row, col })}
      role="gridcell"
      aria-colindex={col + 2}
      aria-selected={isSelected}
      aria-invalid={severity === 'error' || isRefused ? true : undefined}
      className={cellClass(
        column,
        'editable-cell',
        severity && `cell-${severity}`,
        isSelected && 'editable-cell-selected',
        row === focus.row && col === focus.col && 'editable-cell-cursor',
        cells === undefined && 'editable-cell-loading',
        isRefused && 'editable-cell-refused',
      )}
      title={findingsTitle(cellFindings)}
      data-column={column.name}
      onMouseDown={(e) => input.onCellMouseDown(e, { row, col })}
      onMouseEnter={(e) => input.onCellMouseEnter(e, { row, col })}
      onDoubleClick={() => editor.start({ row, col }, null)}
    >
      {isEditing ? (
        <input
          className="editable-cell-editor"
          aria-label={`${column.name}, row ${row + 1}`}
          ref={(el) => {
            // Opened by typing or F2: the caret goes after the text, as in spreadsheets.
            if (el && document.activeElement !== el) {
              el.focus()
              el.setSelectionRange(el.value.length, el.value.length)
            }
          }}
          value={editing.text}
          inputMode={column.kind === 'number' ? 'decimal' : undefined}
          list={column.name === 'legend_code' ? legendListId : undefined}
          spellCheck={column.kind === 'text'}
          onChange={(e) => editor.setText(e.target.value)}
          onKeyDown={editor.onEditorKeyDown}
          onBlur={() => editor.commit(null)}
          onMouseDown={(e) => e.stopPropagation()}
        />
      ) : (
        <span className="editable-cell-value">{shownText(cells?.[col], column, units)}</span>
      )}
      <FindingsText findings={cellFindings} />
    </div>
  )
}
