// PLACEHOLDER (issue 8, in progress): built before the session ends.
import type { Route } from '../router'

export function NewRecordScreen(_props: {
  from: Extract<Route, { name: 'new-record' }>['from']
  onToast: (message: string) => void
}) {
  return <p>Not built yet.</p>
}
