/**
 * A metric value as a person reads it: at most 6 significant digits, no float noise
 * (0.85 - 0.84 shows as 0.01), no exponent for ordinary magnitudes.
 */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity'
  if (value === 0) return '0'
  const rounded = Number(value.toPrecision(6))
  const magnitude = Math.abs(rounded)
  if (magnitude >= 1e-6 && magnitude < 1e15) {
    // toPrecision already bounded the digits; toFixed(20) would bring the noise back.
    return rounded.toString().includes('e')
      ? rounded.toFixed(12).replace(/\.?0+$/, '')
      : String(rounded)
  }
  return String(rounded)
}

/** A difference with its sign: `+0.012`, `-0.03`, `0`. */
export function formatDelta(value: number): string {
  const text = formatNumber(value)
  return value > 0 ? `+${text}` : text
}

/** A relative change in percent, to 3 significant digits: `-2.46%`, `+10%`. */
export function formatPercent(value: number): string {
  if (!Number.isFinite(value)) return `${formatNumber(value)}%`
  const rounded = Number(value.toPrecision(3))
  return `${rounded > 0 ? '+' : ''}${formatNumber(rounded)}%`
}
