// How numbers, statuses, dates and directions read in every report, Markdown or text.
// One place, so that the PR comment, the summary and the terminal agree to the digit.
import { inferDirection } from '../policy/direction.js'
import { formatNumber } from '../policy/format.js'
import type { MetricDirection } from '../policy/types.js'

/** More decimals than this are float noise, not information, for any metric we report. */
const MAX_DECIMALS = 12

/** The decimals `formatNumber` (6 significant digits, no noise) needs for a value. */
function decimalsOf(value: number): number {
  if (!Number.isFinite(value)) return 0
  const text = formatNumber(value)
  const point = text.indexOf('.')
  return point < 0 ? 0 : text.length - point - 1
}

/**
 * One number of decimals for every value of a metric, so that a column or row lines up
 * and 0.35 sits next to 0.381 as 0.350: the most any of the values needs, never fewer
 * than it needs (a threshold of 0.85 must not meet a 0.84996 shown as 0.850).
 */
export function metricDecimals(values: ReadonlyArray<number | undefined>): number {
  let decimals = 0
  for (const value of values) {
    if (value !== undefined) decimals = Math.max(decimals, decimalsOf(value))
  }
  return Math.min(decimals, MAX_DECIMALS)
}

/** A value with the metric's decimals; non-finite values as words. */
export function fixed(value: number | undefined, decimals: number): string {
  if (value === undefined) return '—'
  if (!Number.isFinite(value)) return formatNumber(value)
  const text = value.toFixed(decimals)
  // -0.000 is zero to a reader.
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text
}

/** A difference with its sign and the metric's decimals: `+0.030`, `-0.022`, `0.000`. */
export function signedFixed(value: number, decimals: number): string {
  const text = fixed(value, decimals)
  return value > 0 && !/^0\.?0*$/.test(text) ? `+${text}` : text
}

/** A relative change in percent to 2 significant figures: `-2.5%`, `+8.6%`, `+120%`. */
export function relativePercent(delta: number, baseline: number): string | undefined {
  if (baseline === 0 || !Number.isFinite(delta) || !Number.isFinite(baseline)) return undefined
  const percent = (delta / Math.abs(baseline)) * 100
  if (percent === 0) return '0%'
  // toPrecision keeps the significant zero of +2.0%; past 100 or below 1e-6 it would
  // switch to an exponent, where the plain number reads better.
  const precise = percent.toPrecision(2)
  const text = precise.includes('e') ? formatNumber(Number(precise)) : precise
  return `${percent > 0 ? '+' : ''}${text}%`
}

export type Change = 'better' | 'worse' | 'no change' | 'changed'

/** What a change means for a metric whose better direction is known (or not). */
export function changeWord(delta: number, direction: MetricDirection | undefined): Change {
  if (delta === 0) return 'no change'
  if (direction === undefined) return 'changed'
  return delta > 0 === (direction === 'higher') ? 'better' : 'worse'
}

export const DIRECTION_MARK: Record<MetricDirection, string> = { higher: '↑', lower: '↓' }

/** The direction given for a metric (policy override), else the one its name implies. */
export function directionOf(
  metric: string,
  given: Readonly<Record<string, MetricDirection>> | undefined
): MetricDirection | undefined {
  return given?.[metric] ?? inferDirection(metric)
}

const STATUS_WORDS: Record<string, string> = {
  PendingManualApproval: 'pending approval',
  Approved: 'approved',
  Rejected: 'rejected'
}

/** An approval or job status in words: `PendingManualApproval` -> `pending approval`. */
export function statusWords(status: string | undefined): string | undefined {
  if (status === undefined || status === '') return undefined
  return (
    STATUS_WORDS[status] ??
    status
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/_/g, ' ')
      .toLowerCase()
  )
}

/** The approval statuses inside our own sentences (`status left PendingManualApproval`) in words. */
export function withStatusWords(text: string): string {
  return text.replace(/\bPendingManualApproval\b/g, 'pending approval')
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

function asDate(value: string | Date | undefined): Date | undefined {
  if (value === undefined) return undefined
  const date = value instanceof Date ? value : new Date(value)
  return Number.isNaN(date.getTime()) ? undefined : date
}

/**
 * A date short enough not to wrap in a table cell: `Jan 3`, or `Jan 3 2025` when the dates
 * shown together span more than one year. UTC, as the registry records it; the spaces
 * are non-breaking.
 */
export function shortDate(value: string | Date | undefined, withYear = false): string | undefined {
  const date = asDate(value)
  if (!date) return undefined
  const day = `${MONTHS[date.getUTCMonth()]}\u00a0${date.getUTCDate()}`
  return withYear ? `${day}\u00a0${date.getUTCFullYear()}` : day
}

/** True when the dates are not all in one calendar year, so that a short date needs its year. */
export function spansYears(values: ReadonlyArray<string | Date | undefined>): boolean {
  const years = new Set(values.flatMap(value => asDate(value)?.getUTCFullYear() ?? []))
  return years.size > 1
}

/** An ISO time as `2026-11-20 10:15 UTC`, for the one place a full time is worth its width. */
export function dateTime(value: string | Date | undefined): string | undefined {
  const date = asDate(value)
  if (!date) return undefined
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

const SPARKS = '▁▂▃▄▅▆▇█'

/** A one-line trend for a terminal: one block per value, scaled between min and max. */
export function sparkline(values: readonly number[]): string {
  const finite = values.filter(Number.isFinite)
  if (finite.length === 0) return ''
  const low = Math.min(...finite)
  const span = Math.max(...finite) - low
  return values
    .map(value => {
      if (!Number.isFinite(value)) return ' '
      const index = span === 0 ? 3 : Math.round(((value - low) / span) * (SPARKS.length - 1))
      return SPARKS[index]
    })
    .join('')
}
