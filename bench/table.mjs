/** Plain-text tables and number formatting for the report. */

const nf = (digits) =>
  new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
const formats = [0, 1, 2, 3].map(nf)

/** A number with thousands separators and `digits` decimals; '—' when missing. */
export function num(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—'
  return formats[digits].format(value)
}

/** A ratio as "0.86x"; '—' when missing. */
export function x(value) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  return `${value >= 10 ? num(value, 0) : value.toFixed(2)}x`
}

/** Milliseconds, with more decimals for small values. */
export function ms(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—'
  return value < 1 ? `${value.toFixed(3)} ms` : value < 100 ? `${value.toFixed(2)} ms` : `${num(value, 0)} ms`
}

/** Microseconds from milliseconds. */
export function us(valueMs) {
  if (valueMs === null || valueMs === undefined || Number.isNaN(valueMs)) return '—'
  const v = valueMs * 1000
  return `${v < 10 ? v.toFixed(2) : v < 1000 ? v.toFixed(1) : num(v, 0)} µs`
}

export function mb(bytes) {
  if (bytes === null || bytes === undefined) return '—'
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/**
 * Renders rows under headers. Columns whose cells look numeric are right-aligned.
 * @param {string} title
 * @param {string[]} headers
 * @param {string[][]} rows
 * @param {string[]} [notes] lines printed under the table
 */
export function table(title, headers, rows, notes = []) {
  const cells = [headers, ...rows].map((row) => row.map((c) => String(c ?? '')))
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => [...(row[i] ?? '')].length)))
  // Right-align columns whose every cell is a number with at most a short unit ("1,234", "0.86x", "12.5 µs").
  const looksNumeric = (cell) => cell === '' || cell === '—' || /^[-+]?\d[\d.,–]*\s?[a-zA-Zµ%/]*$/.test(cell)
  const numeric = headers.map(
    (_, i) => rows.length > 0 && rows.every((r) => looksNumeric(String(r[i] ?? ''))),
  )
  const pad = (text, i) => {
    const gap = ' '.repeat(Math.max(0, widths[i] - [...text].length))
    return numeric[i] ? gap + text : text + gap
  }
  const line = (row) => '  ' + row.map(pad).join('  ').trimEnd()
  const rule = '  ' + widths.map((w) => '─'.repeat(w)).join('  ')
  const out = [`\n${title}`, line(cells[0]), rule, ...cells.slice(1).map(line), ...notes.map((n) => `  ${n}`)]
  return out.join('\n')
}
