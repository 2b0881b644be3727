import { mermaidLabel } from './escape.js'

/** Makes GitHub's default near-white line readable on both light and dark themes. */
export const CHART_INIT =
  '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#0969da"}}}}%%'

export interface ChartPoint {
  version: number
  value: number
}

/** A decimal Mermaid's number grammar accepts: no exponent, no float noise. */
export function chartNumber(value: number): string {
  const rounded = Number(value.toPrecision(6))
  if (!String(rounded).includes('e')) return String(rounded)
  return rounded.toFixed(20).replace(/0+$/, '').replace(/\.$/, '')
}

/** A y-axis range with some room above and below, so the line is not glued to the edges. */
function axisRange(values: number[]): [number, number] {
  const min = Math.min(...values)
  const max = Math.max(...values)
  const span = max - min
  const pad = span > 0 ? span * 0.1 : Math.max(Math.abs(max) * 0.05, 0.01)
  return [min - pad, max + pad]
}

/**
 * A fenced Mermaid `xychart-beta` line chart of one metric over versions, oldest first.
 * Points that are missing or not finite are left out (a line cannot have holes); with
 * fewer than two points there is no trend to draw and the result is undefined.
 */
export function trendChart(
  metric: string,
  points: ChartPoint[],
  title?: string
): string | undefined {
  const usable = points.filter(point => Number.isFinite(point.value))
  if (usable.length < 2) return undefined
  const [low, high] = axisRange(usable.map(point => point.value))
  const categories = usable.map(point => `"v${Math.trunc(point.version)}"`).join(', ')
  return [
    '```mermaid',
    CHART_INIT,
    'xychart-beta',
    `  title "${mermaidLabel(title ?? metric, 80)}"`,
    `  x-axis [${categories}]`,
    `  y-axis "${mermaidLabel(metric)}" ${chartNumber(low)} --> ${chartNumber(high)}`,
    `  line [${usable.map(point => chartNumber(point.value)).join(', ')}]`,
    '```'
  ].join('\n')
}
