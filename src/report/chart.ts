// Trend charts as Mermaid `xychart-beta` blocks, which GitHub renders in comments and job
// summaries. A chart answers one question: is the candidate better than what is approved?
// Bars mark the versions that were decided (approved, rejected) and the candidate; lines
// draw every version's value, the baseline's level, the threshold and the regression limit.
// xychart has no markers, dashes or holes, so every series is a full row of values, and
// a bar that must not show gets a value below the axis: its height would be negative,
// which SVG does not draw (at the axis minimum it would still show as a sliver, because
// the axis keeps some padding below its minimum).
import type { MetricDirection } from '../policy/types.js'
import { mermaidLabel } from './escape.js'
import { DIRECTION_MARK } from './format.js'

/**
 * Mid-tone colours: each has a contrast of at least 3:1 (WCAG's bar for graphics) against
 * the chart background of Mermaid's default theme (white) and of its dark theme (#333),
 * which GitHub uses in dark mode. Named for the caption, which is the legend.
 */
export const SERIES = {
  approved: { colour: '#1f9d55', name: 'green' },
  rejected: { colour: '#e5534b', name: 'red' },
  candidate: { colour: '#2f81f7', name: 'blue' },
  trend: { colour: '#768390', name: 'grey' },
  baseline: { colour: '#1f9d55', name: 'green' },
  threshold: { colour: '#db6d28', name: 'orange' },
  limit: { colour: '#a371f7', name: 'purple' }
} as const

type SeriesKey = keyof typeof SERIES

/** Wide enough to fill GitHub's 900 px comment column, low enough to stack a few. */
const WIDTH = 860
const HEIGHT = 260
const LABEL_FONT = 12
/** Roughly the width of one character of the axis labels, in px, for spacing them. */
const CHAR_WIDTH = 6.5
/** The plot's share of the chart width; the rest is the y-axis labels. */
const PLOT_SHARE = 0.88

export interface ChartPoint {
  version: number
  value: number
  /** The version's approval status: `Approved` and `Rejected` get a bar. */
  status?: string
}

/** A flat line across the chart: a threshold, or the regression limit around the baseline. */
export interface ChartLine {
  kind: 'threshold' | 'limit'
  value: number
  /** How the caption names it: `threshold ≥ 0.85`, `max drop 0.01 from v3`. */
  label: string
}

export interface ChartInput {
  metric: string
  direction?: MetricDirection
  /** Oldest first; missing or non-finite values are left out (a line cannot have holes). */
  points: ChartPoint[]
  baseline?: number
  candidate?: number
  lines?: ChartLine[]
}

/** A decimal Mermaid's number grammar accepts: no exponent, no float noise. */
export function chartNumber(value: number): string {
  const rounded = Number(value.toPrecision(6))
  if (!String(rounded).includes('e')) return String(rounded === 0 ? 0 : rounded)
  return rounded.toFixed(20).replace(/0+$/, '').replace(/\.$/, '')
}

/** A y-axis range with some room above and below, so the line is not glued to the edges. */
function axisRange(values: number[]): [number, number] {
  const min = Math.min(...values)
  const max = Math.max(...values)
  const span = max - min
  const pad = span > 0 ? span * 0.12 : Math.max(Math.abs(max) * 0.05, 0.01)
  return [min - pad, max + pad]
}

/**
 * Lines far outside the data would squash the trend into a strip; they are left out of
 * the drawing (the caption still names them) when more than three data spans away.
 */
function drawnLines(values: number[], lines: readonly ChartLine[]): ChartLine[] {
  const min = Math.min(...values)
  const max = Math.max(...values)
  const reach = Math.max(max - min, Math.abs(max) * 0.02, 1e-9) * 3
  return lines.filter(
    line => Number.isFinite(line.value) && line.value >= min - reach && line.value <= max + reach
  )
}

/**
 * The x-axis: every label where they fit, else every k-th one, always the baseline and the
 * candidate, with their neighbours cleared so nothing overlaps. Categories must differ
 * (Mermaid keys the axis by them), so a hidden label is a distinct run of zero-width spaces.
 */
export function axisLabels(
  versions: readonly number[],
  baseline: number | undefined,
  candidate: number | undefined
): string[] {
  const band = (WIDTH * PLOT_SHARE) / Math.max(versions.length, 1)
  const width = (text: string): number => text.length * CHAR_WIDTH + 6
  const widest = Math.max(...versions.map(version => width(`v${version}`)))
  const step = Math.max(1, Math.ceil(widest / band))
  const labels: Array<string | undefined> = versions.map((version, index) =>
    (versions.length - 1 - index) % step === 0 ? `v${version}` : undefined
  )
  const specials = specialLabels(versions, baseline, candidate, band, width)
  // Clear regular labels that would run into a special one; specials win.
  for (const [index, text] of specials) {
    const needed = width(text) / 2 + widest / 2
    versions.forEach((_, other) => {
      if (!specials.has(other) && Math.abs(other - index) * band < needed) labels[other] = undefined
    })
  }
  for (const [index, text] of specials) labels[index] = text
  return labels.map((label, index) => label ?? '\u200b'.repeat(index + 1))
}

/**
 * The candidate's label, and the baseline's when it fits beside it: in full, else as its
 * bare number, else none (its line and the legend still name it).
 */
function specialLabels(
  versions: readonly number[],
  baseline: number | undefined,
  candidate: number | undefined,
  band: number,
  width: (text: string) => number
): Map<number, string> {
  const specials = new Map<number, string>()
  const at = candidate === undefined ? -1 : versions.indexOf(candidate)
  if (at >= 0) specials.set(at, `v${candidate} candidate`)
  const base = baseline === undefined ? -1 : versions.indexOf(baseline)
  if (base < 0) return specials
  const beside = (text: string): boolean => {
    const other = specials.get(at)
    return !other || Math.abs(base - at) * band >= (width(text) + width(other)) / 2
  }
  const text = [`v${baseline} baseline`, `v${baseline}`].find(beside)
  if (text) specials.set(base, text)
  return specials
}

function row(values: readonly number[]): string {
  return `[${values.map(chartNumber).join(', ')}]`
}

interface Series {
  key: SeriesKey
  kind: 'bar' | 'line'
  values: number[]
  caption: string
}

function barSeries(input: ChartInput, points: ChartPoint[], floor: number): Series[] {
  const bar = (key: SeriesKey, caption: string, keep: (point: ChartPoint) => boolean): Series[] => {
    const values = points.map(point => (keep(point) ? point.value : floor))
    return points.some(keep) ? [{ key, kind: 'bar', values, caption }] : []
  }
  const isCandidate = (point: ChartPoint): boolean => point.version === input.candidate
  return [
    ...bar('approved', 'approved', point => !isCandidate(point) && point.status === 'Approved'),
    ...bar('rejected', 'rejected', point => !isCandidate(point) && point.status === 'Rejected'),
    ...bar('candidate', `candidate v${input.candidate}`, isCandidate)
  ]
}

function lineSeries(input: ChartInput, points: ChartPoint[], lines: ChartLine[]): Series[] {
  const flat = (value: number): number[] => points.map(() => value)
  const base = points.find(point => point.version === input.baseline)
  return [
    {
      key: 'trend',
      kind: 'line',
      values: points.map(point => point.value),
      caption: 'every version'
    },
    ...(base
      ? [
          {
            key: 'baseline' as const,
            kind: 'line' as const,
            values: flat(base.value),
            caption: `baseline v${base.version}`
          }
        ]
      : []),
    ...lines.map(line => ({
      key: line.kind,
      kind: 'line' as const,
      values: flat(line.value),
      caption: line.label
    }))
  ]
}

function caption(series: readonly Series[], left: readonly ChartLine[]): string {
  const parts = series.map(entry => {
    const colour = SERIES[entry.key].name
    return entry.kind === 'bar'
      ? `${colour} bars: ${entry.caption}`
      : `${colour} line: ${entry.caption}`
  })
  for (const line of left) parts.push(`${line.label} (off the chart)`)
  return parts.join(' · ')
}

/**
 * A fenced Mermaid chart of one metric over versions, oldest first, and its legend as a
 * line of text (xychart draws no legend GitHub can be relied on to show). Undefined with
 * fewer than two points: there is no trend to draw.
 */
export function trendChart(input: ChartInput): { block: string; legend: string } | undefined {
  const points = input.points.filter(point => Number.isFinite(point.value))
  if (points.length < 2) return undefined
  const values = points.map(point => point.value)
  const lines = drawnLines(values, input.lines ?? [])
  const [low, high] = axisRange([...values, ...lines.map(line => line.value)])
  const hidden = low - (high - low)
  const series = [...barSeries(input, points, hidden), ...lineSeries(input, points, lines)]
  const palette = series.map(entry => SERIES[entry.key].colour).join(',')
  const init = {
    xyChart: { width: WIDTH, height: HEIGHT, xAxis: { labelFontSize: LABEL_FONT } },
    themeVariables: { xyChart: { plotColorPalette: palette } }
  }
  const mark = input.direction ? ` ${DIRECTION_MARK[input.direction]}` : ''
  const labels = axisLabels(
    points.map(point => Math.trunc(point.version)),
    input.baseline,
    input.candidate
  )
  const block = [
    '```mermaid',
    `%%{init: ${JSON.stringify(init)}}%%`,
    'xychart-beta',
    `  title "${mermaidLabel(input.metric, 80)}${mark}"`,
    `  x-axis [${labels.map(label => `"${label}"`).join(', ')}]`,
    `  y-axis ${chartNumber(low)} --> ${chartNumber(high)}`,
    ...series.map(entry => `  ${entry.kind} ${row(entry.values)}`),
    '```'
  ].join('\n')
  const left = (input.lines ?? []).filter(line => !lines.includes(line))
  return { block, legend: caption(series, left) }
}
