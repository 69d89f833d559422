// PLACEHOLDER (issue 8, in progress): built before the session ends.
export function DraftScreen(_props: { recordId: string; onToast: (message: string) => void }) {
  return <p>Not built yet.</p>
}
