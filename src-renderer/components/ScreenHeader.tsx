// A screen's heading block: the h1 (which navigation focuses), a one-line subtitle (the
// children), and the screen's main actions on the right.
import type { ReactNode } from 'react'

export function ScreenHeader({
  titleId,
  title,
  actions,
  children,
}: {
  /** The id the screen's section is labelled by. */
  titleId: string
  title: ReactNode
  actions?: ReactNode
  /** The subtitle. */
  children: ReactNode
}) {
  return (
    <header className="screen-header">
      <div>
        <h1 id={titleId}>{title}</h1>
        <p className="subtitle">{children}</p>
      </div>
      {actions}
    </header>
  )
}
