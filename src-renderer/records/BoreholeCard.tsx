// The borehole's header as properties to read: the known keys with their labels in a
// fixed order, then any other key as it is spelled, leaving out the machine data.
const HEADER_LABELS: Array<[string, string]> = [
  ['hole_id', 'Hole'],
  ['project', 'Project'],
  ['project_id', 'Project id'],
  ['project_location', 'Location'],
  ['client', 'Client'],
  ['contractor', 'Contractor'],
  ['easting', 'Easting'],
  ['northing', 'Northing'],
  ['crs', 'CRS'],
  ['latitude', 'Latitude'],
  ['longitude', 'Longitude'],
  ['ground_level_m', 'Ground level (m)'],
  ['final_depth_m', 'Final depth (m)'],
  ['method', 'Method'],
  ['hole_status', 'Status'],
  ['start_date', 'Start date'],
  ['end_date', 'End date'],
  ['purpose', 'Purpose'],
  ['termination', 'Termination'],
  ['logged_by', 'Logged by'],
  ['hole_remarks', 'Remarks'],
]

/** Header keys that hold machine data (the AGS4 groups kept for export), not properties to read. */
const isMachineKey = (key: string): boolean => key.startsWith('ags4_')

function headerRows(header: Record<string, string>): Array<[string, string]> {
  const known = new Set(HEADER_LABELS.map(([k]) => k))
  const rows: Array<[string, string]> = []
  for (const [key, label] of HEADER_LABELS) if (header[key]) rows.push([label, header[key]])
  for (const [key, value] of Object.entries(header)) {
    if (!known.has(key) && !isMachineKey(key) && value !== '') rows.push([key, value])
  }
  return rows
}

export function BoreholeCard({ header }: { header: Record<string, string> }) {
  return (
    <section className="card" aria-labelledby="header-title">
      <h2 id="header-title">Borehole</h2>
      {Object.keys(header).some(isMachineKey) && (
        <p className="muted small">AGS4 groups of this hole are kept with it for export.</p>
      )}
      <dl className="properties">
        {headerRows(header).map(([label, value]) => (
          <div key={label} className="property">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
