// The grid kit's markup, written once for every grid: the scrolling grid element with
// its sticky header row, the spacer that gives the scroll range, the row shell placed
// by the virtual scroller, and the column label. Each grid adds its own cells and
// behaviour (sorting, a cell cursor, old and new values) inside these.
import type { HTMLAttributes, ReactNode, RefObject } from 'react'

import type { ColumnInfo, Units } from '../../shared/ipc/contract'
import { columnTypeInWords } from '../format'
import { shownUnit } from '../units'
import { RowsWindow, type BigVirtualizer } from './big-scroll'
import { classes, GRID_HEADER_PX, GRID_ROW_HEIGHT_PX, type GridLayout } from './layout'

export interface GridScrollerProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** The grid element is also the scroller (focusable, so keys scroll it). */
  scrollRef: RefObject<HTMLDivElement | null>
  big: BigVirtualizer
  layout: GridLayout
  /** The header row's cells. */
  head: ReactNode
  /** The rows on screen, and anything placed among them. */
  children: ReactNode
  /** Inside the grid, after the rows (an empty-state line, a datalist). */
  after?: ReactNode
}

export function GridScroller({
  scrollRef,
  big,
  layout,
  head,
  children,
  after,
  ...frame
}: GridScrollerProps) {
  return (
    <div ref={scrollRef} role="grid" tabIndex={0} {...frame}>
      <div
        className="grid-header"
        role="row"
        aria-rowindex={1}
        style={{ gridTemplateColumns: layout.template, width: layout.totalWidth }}
      >
        {head}
      </div>
      <div
        style={{ height: big.spacerPx, width: layout.totalWidth, position: 'relative' }}
        role="rowgroup"
      >
        <RowsWindow big={big} headerPx={GRID_HEADER_PX}>
          {children}
        </RowsWindow>
      </div>
      {after}
    </div>
  )
}

export interface GridRowProps extends HTMLAttributes<HTMLDivElement> {
  /** Position in the grid's (sorted or filtered) view, from 0. */
  position: number
  /** `top` from the virtual scroller (big.rowTop). */
  startPx: number
  template: string
}

/** One row, placed where the virtual scroller put it; row 1 is the header. */
export function GridRow({ position, startPx, template, children, ...rest }: GridRowProps) {
  return (
    <div
      role="row"
      aria-rowindex={position + 2}
      style={{ gridTemplateColumns: template, height: GRID_ROW_HEIGHT_PX, top: startPx }}
      {...rest}
    >
      {children}
    </div>
  )
}

/** The header of a row-number column. */
export function RowNumberHead({ className, children, ...rest }: HTMLAttributes<HTMLDivElement>) {
  return (
    <div role="columnheader" className={classes('grid-rownum-head', className)} {...rest}>
      {children}
    </div>
  )
}

/** A column header's two lines: the stored name (verbatim), then its type or what changed. */
export function ColumnLabel({
  name,
  mark,
  detail,
}: {
  name: string
  /** After the name, e.g. the key column mark. */
  mark?: ReactNode
  detail: ReactNode
}) {
  return (
    <>
      <span className="grid-col-name">
        {name}
        {mark}
      </span>
      <span className="grid-col-type">{detail}</span>
    </>
  )
}

/** A column's type with the unit its values are shown in (a depth column: the user's units). */
export function columnTypeText(column: ColumnInfo, units: Units): string {
  const unit = shownUnit(column, units)
  return `${columnTypeInWords(column)}${unit ? ` · ${unit}` : ''}`
}
