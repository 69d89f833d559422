// PLACEHOLDER (issue 8, in progress): built before the session ends.
export function SettingsScreen(_props: { onToast: (message: string) => void }) {
  return <p>Not built yet.</p>
}
