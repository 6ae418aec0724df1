/** What the importer knows of a dimension label. */
export interface DimensionInfo {
  /** The label as written, cleaned of markup and of the "(*)" mark. */
  label: string;
  /** The CIVIT dimension it maps to ("accessibilita", "continuita", …) or a slug of the free label. */
  key: string;
  /** An additional dimension (delibera 3/2012): marked "(*)" or one known as additional. */
  additional: boolean;
  /** The card marked it "(*)". */
  marked: boolean;
}

// STUB: replaced by the dimension catalogue (CIVIT 88/2010 and 3/2012).
export function classifyDimension(raw: string): DimensionInfo {
  const marked = /\(\s*\\?\*\s*\)/.test(raw);
  const label = raw.replace(/\(\s*\\?\*\s*\)/g, '').trim();
  return { label, key: label.toLowerCase(), additional: marked, marked };
}
