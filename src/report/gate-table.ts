// The gate's metric table: one row per metric, failing metrics first, the verdict in the
// first column where no long name can push it off the screen.
import type { MetricDirection, Verdict } from '../policy/types.js'
import { formatNumber } from '../policy/format.js'
import { breakable, escapeCell, escapeHtml, escapeText } from './escape.js'
import {
  DIRECTION_MARK,
  changeWord,
  directionOf,
  fixed,
  metricDecimals,
  relativePercent,
  signedFixed
} from './format.js'
import { table } from './markdown.js'
import type { MetricRow } from './rules.js'

export const VERDICT_MARK: Record<Verdict, string> = { pass: '✅', fail: '❌', skipped: '⏭️' }

/** The value of a metric, with its standard deviation when the statistics carry one. */
export function valueText(value: number | undefined, decimals: number, sd?: number): string {
  const text = fixed(value, decimals)
  return value !== undefined && sd !== undefined && Number.isFinite(sd)
    ? `${text}\u00a0±\u00a0${fixed(sd, decimals)}`
    : text
}

/** `-0.022 (-2.5%) worse`: signed, relative to 2 significant figures, and what it means. */
export function changeText(
  delta: number | undefined,
  baseline: number | undefined,
  direction: MetricDirection | undefined,
  decimals: number
): { amount: string; word?: string } {
  if (delta === undefined || !Number.isFinite(delta)) return { amount: '—' }
  const relative = baseline === undefined ? undefined : relativePercent(delta, baseline)
  const amount = `${signedFixed(delta, decimals)}${relative ? `\u00a0(${relative})` : ''}`
  const word = changeWord(delta, direction)
  return { amount, word: word === 'changed' ? undefined : word }
}

function changeCell(row: MetricRow): string {
  const { amount, word } = changeText(row.delta, row.baseline, row.direction, row.decimals)
  // Bold only where it decided something: a passing metric may be a little worse.
  const loud = word === 'worse' && row.verdict === 'fail'
  let text = loud ? `${amount} **worse**` : word ? `${amount} ${word}` : amount
  if (row.ci) {
    text += `<br>${levelText(row.ciLevel)} CI ${signedFixed(row.ci[0], row.decimals)} … ${signedFixed(row.ci[1], row.decimals)}`
  }
  if (row.pValue !== undefined) {
    const p = pValueText(row.pValue)
    text += `<br>p ${p.startsWith('<') ? '' : '= '}${escapeHtml(p)}`
  }
  return text
}

/** An interval's confidence as a percentage: 0.99 → `99%` (alpha sets it; 95% without one). */
export function levelText(level = 0.95): string {
  return `${formatNumber(Number((level * 100).toPrecision(4)))}%`
}

/** A p-value to 2 significant figures; below 0.0001 only its bound matters. */
export function pValueText(p: number): string {
  return p < 0.0001 ? '< 0.0001' : formatNumber(Number(p.toPrecision(2)))
}

function ruleCell(row: MetricRow): string {
  const several = row.rules.length > 1
  return row.rules
    .map(rule => {
      const mark = several ? `${VERDICT_MARK[rule.verdict]}\u00a0` : ''
      const skipped = rule.verdict === 'skipped' ? ' (skipped)' : ''
      // One line per rule: a rule broken over two lines reads as two rules.
      return `${mark}${escapeCell(rule.text, 100).replace(/ /g, '\u00a0')}${skipped}`
    })
    .join('<br>')
}

function metricCell(row: MetricRow): string {
  const name = breakable(escapeCell(row.metric, 200))
  const mark = row.direction ? ` ${DIRECTION_MARK[row.direction]}` : ''
  return row.verdict === 'fail' ? `**${name}**${mark}` : `${name}${mark}`
}

export interface TableHeads {
  baseline: string
  candidate: string
}

/** The table of metric rows; `heads` are the baseline and candidate column titles. */
export function metricTable(rows: readonly MetricRow[], heads: TableHeads): string[] {
  const lines = table(
    ['', 'metric', 'rule', heads.baseline, heads.candidate, 'change'],
    [':-:', '---', '---', '--:', '--:', '--:'],
    rows.map(row => [
      VERDICT_MARK[row.verdict],
      metricCell(row),
      ruleCell(row),
      valueText(row.baseline, row.decimals, row.baselineSd),
      valueText(row.candidate, row.decimals, row.candidateSd),
      changeCell(row)
    ])
  )
  const marks = new Set(rows.flatMap(row => (row.direction ? [row.direction] : [])))
  const legend = [
    ...(marks.has('higher') ? ['↑ higher is better'] : []),
    ...(marks.has('lower') ? ['↓ lower is better'] : []),
    'change: candidate − baseline'
  ]
  return [...lines, '', `<sub>${legend.join(' · ')}</sub>`, '']
}

/** Metrics both versions carry that no rule names, folded away: context, not the decision. */
export function otherMetrics(
  candidate: Readonly<Record<string, number>>,
  baseline: Readonly<Record<string, number>> | undefined,
  ruled: ReadonlySet<string>,
  heads: TableHeads,
  directions?: Readonly<Record<string, MetricDirection>>
): string[] {
  const names = [...new Set([...Object.keys(candidate), ...Object.keys(baseline ?? {})])]
    .filter(name => !ruled.has(name))
    .sort()
  if (names.length === 0) return []
  const rows = names.map(name => {
    const direction = directionOf(name, directions)
    const [now, before] = [candidate[name], baseline?.[name]]
    const decimals = metricDecimals([now, before])
    const delta = now !== undefined && before !== undefined ? now - before : undefined
    const { amount, word } = changeText(delta, before, direction, decimals)
    const mark = direction ? ` ${DIRECTION_MARK[direction]}` : ''
    return [
      `${breakable(escapeCell(name, 200))}${mark}`,
      fixed(before, decimals),
      fixed(now, decimals),
      word ? `${amount} ${word}` : amount
    ]
  })
  return [
    `<details><summary>Other metrics (${names.length}, no rule)</summary>`,
    '',
    ...table(
      ['metric', heads.baseline, heads.candidate, 'change'],
      ['---', '--:', '--:', '--:'],
      rows
    ),
    '',
    '</details>',
    ''
  ]
}

/** The failed rules' explanations, and the skipped ones folded away. */
export function reasonLists(rows: readonly MetricRow[], limit: number): string[] {
  const lines: string[] = []
  const failed = rows.flatMap(row => row.rules.filter(rule => rule.verdict === 'fail'))
  if (failed.length > 0) {
    lines.push('### Why it failed', '')
    for (const rule of failed.slice(0, limit)) lines.push(`- ${escapeText(rule.explanation, 500)}`)
    if (failed.length > limit) {
      lines.push(`- … and ${failed.length - limit} more, listed in the JSON report.`)
    }
    lines.push('')
  }
  const skipped = rows.flatMap(row =>
    row.rules.filter(rule => rule.verdict === 'skipped').map(rule => ({ row, rule }))
  )
  if (skipped.length > 0) {
    lines.push('<details><summary>Skipped rules</summary>', '')
    for (const { row, rule } of skipped.slice(0, limit)) {
      lines.push(
        `- ${escapeText(row.metric, 200)} ${escapeText(rule.text, 100)}: ${escapeText(rule.explanation, 500)}`
      )
    }
    lines.push('', '</details>', '')
  }
  return lines
}
