// Suggestions for the legend code editor: the AGS4 GEOL_LEG codes field logs use most
// (names as the AGS4 dictionary spells them; the full list and its validation live in
// main's schema layer, which flags an unknown code as a warning, not an error).
export const COMMON_LEGEND_CODES: ReadonlyArray<readonly [string, string]> = [
  ['101', 'TOPSOIL'],
  ['102', 'MADE GROUND'],
  ['201', 'CLAY'],
  ['202', 'Silty CLAY'],
  ['203', 'Sandy CLAY'],
  ['204', 'Gravelly CLAY'],
  ['211', 'Silty sandy gravelly CLAY'],
  ['301', 'SILT'],
  ['401', 'SAND'],
  ['403', 'Silty SAND'],
  ['404', 'Gravelly SAND'],
  ['501', 'GRAVEL'],
  ['504', 'Sandy GRAVEL'],
  ['601', 'PEAT'],
  ['801', 'MUDSTONE'],
  ['802', 'SILTSTONE'],
  ['803', 'SANDSTONE'],
  ['805', 'CHALK'],
]
