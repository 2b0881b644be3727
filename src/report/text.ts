// The gate report as plain text for a terminal: the verdict, one aligned line per metric
// with a small trend, why it failed, what changed and what to do next. No Markdown, no
// HTML entities, no hidden marker and no chart source; about 20 lines for 5 metrics.
import type { Verdict } from '../policy/types.js'
import { terminalText } from './escape.js'
import { DIRECTION_MARK, fixed, sparkline, statusWords, withStatusWords } from './format.js'
import { changeText, levelText, pValueText } from './gate-table.js'
import { gateRows, historyWithCandidate, nextStep, type GateReport } from './render.js'
import { failureCount, type MetricRow } from './rules.js'
import { alignTable, middleTruncate, paint, type TextOptions } from './terminal.js'

/** Reasons beyond this many are counted, not listed: the table already shows every failure. */
const TEXT_REASONS = 5
/** Versions in a metric's trend: enough to see a direction, short enough for one line. */
const TREND_POINTS = 12

const MARKS: Record<Verdict, string> = { pass: '✓', fail: '✗', skipped: '–' }

function mark(verdict: Verdict, options: TextOptions): string {
  const style = verdict === 'pass' ? 'green' : verdict === 'fail' ? 'red' : 'dim'
  return paint(MARKS[verdict], style, options)
}

/**
 * Our sentences with terminal-friendly operators, and untrusted text without control
 * characters: `<=` and `->` read as `≤` and `→`, and no `<` or `>` is left to look like markup.
 */
export function plain(text: string, maxLength = 500): string {
  return terminalText(text, maxLength)
    .replace(/<=/g, '≤')
    .replace(/>=/g, '≥')
    .replace(/->/g, '→')
    .replace(/ < /g, ' below ')
    .replace(/ > /g, ' above ')
    .replace(/</g, '‹')
    .replace(/>/g, '›')
}

function version(value: number | undefined, fallback: string): string {
  return value === undefined ? fallback : `v${value}`
}

function headlines(data: GateReport, rows: readonly MetricRow[], options: TextOptions): string[] {
  const passed = data.decision.decision === 'pass'
  const candidate = version(data.candidate.version, 'the candidate')
  const against = data.baseline
    ? `against baseline ${version(data.baseline.version, '')} (${plain(data.baseline.label, 100)})`
    : 'with no baseline'
  const title = `${passed ? '✓' : '✗'} Model gate ${passed ? 'passed' : 'failed'}: ${plain(data.group, 200)} ${candidate} ${against}`
  const status = statusWords(data.candidate.status)
  const facts = [
    failureCount(rows),
    ...(status ? [`${candidate} ${status}`] : []),
    plain(data.region, 50)
  ]
  const written = data.dryRun
    ? 'Dry run: nothing was written to the registry.'
    : data.written
      ? `Registry: ${plain(withStatusWords(data.written), 300)}`
      : undefined
  return [
    paint(title, passed ? 'green' : 'red', options),
    `  ${facts.join(' · ')}`,
    ...(written ? [`  ${written}`] : [])
  ]
}

function trend(data: GateReport, metric: string): string {
  const values = historyWithCandidate(data).flatMap(entry => {
    const value = entry.metrics[metric]
    return value === undefined ? [] : [value]
  })
  return values.length < 2 ? '' : sparkline(values.slice(-TREND_POINTS))
}

function ruleText(row: MetricRow, options: TextOptions): string {
  if (row.rules.length === 1) return plain(row.rules[0]?.text ?? '', 60)
  return row.rules.map(rule => `${plain(rule.text, 60)} ${mark(rule.verdict, options)}`).join(', ')
}

function changeCell(row: MetricRow, options: TextOptions): string {
  const { amount, word } = changeText(row.delta, row.baseline, row.direction, row.decimals)
  const painted =
    word === 'worse'
      ? paint(word, 'red', options)
      : word === 'better'
        ? paint(word, 'green', options)
        : word
  const stats = [
    ...(row.ci
      ? [
          `${levelText(row.ciLevel)} CI ${fixed(row.ci[0], row.decimals)}…${fixed(row.ci[1], row.decimals)}`
        ]
      : []),
    ...(row.pValue !== undefined ? [`p ${plain(pValueText(row.pValue))}`] : [])
  ]
  // Non-breaking spaces hold Markdown cells together; a terminal has no use for them.
  return [amount.replace(/\u00a0/g, ' '), painted, ...stats].filter(Boolean).join(' ')
}

function valueCell(value: number | undefined, decimals: number, sd: number | undefined): string {
  const text = fixed(value, decimals)
  return value !== undefined && sd !== undefined && Number.isFinite(sd)
    ? `${text} ± ${fixed(sd, decimals)}`
    : text
}

function table(data: GateReport, rows: readonly MetricRow[], options: TextOptions): string[] {
  const base = data.baseline ? version(data.baseline.version, 'baseline') : 'baseline'
  const head = [
    '',
    'metric',
    'rule',
    base,
    version(data.candidate.version, 'candidate'),
    'change',
    'trend'
  ]
  const body = rows.map(row => [
    mark(row.verdict, options),
    `${middleTruncate(plain(row.metric, 200), 40)}${row.direction ? ` ${DIRECTION_MARK[row.direction]}` : ''}`,
    ruleText(row, options),
    valueCell(row.baseline, row.decimals, row.baselineSd),
    valueCell(row.candidate, row.decimals, row.candidateSd),
    changeCell(row, options),
    trend(data, row.metric)
  ])
  const lines = alignTable(
    [head.map(text => paint(text, 'bold', options)), ...body],
    ['left', 'left', 'left', 'right', 'right', 'left', 'left']
  )
  return lines.map(line => `  ${line}`)
}

function reasons(rows: readonly MetricRow[]): string[] {
  const failed = rows.flatMap(row => row.rules.filter(rule => rule.verdict === 'fail'))
  if (failed.length === 0) return []
  const shown = failed.slice(0, TEXT_REASONS).map(rule => `  - ${plain(rule.explanation)}`)
  const more = failed.length - shown.length
  return [
    'Why it failed:',
    ...shown,
    ...(more > 0 ? [`  … and ${more} more in the JSON report`] : [])
  ]
}

/** A changed value, its middle cut: S3 prefixes differ at the end, not the start. */
function short(value: string | undefined): string {
  return value === undefined ? '—' : middleTruncate(plain(value, 300), 32)
}

/** One line naming what differs from the baseline: image, training data, hyperparameters. */
function changes(data: GateReport): string[] {
  const before = data.baseline
  const after = data.candidate
  if (!before) return []
  const parts: string[] = []
  if (before.image && after.image && before.image !== after.image) parts.push('image')
  for (const [label, a, b] of [
    ['training data', before.trainingData, after.trainingData],
    ['hyperparameter', before.hyperParameters, after.hyperParameters]
  ] as const) {
    if (!a || !b) continue
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      if (a[key] !== b[key])
        parts.push(`${label} ${plain(key, 60)} ${short(a[key])} → ${short(b[key])}`)
    }
  }
  if (parts.length === 0) return []
  const shown = parts.slice(0, 3).join('; ')
  return [
    `Changed from ${version(before.version, 'the baseline')}: ${shown}${parts.length > 3 ? `; and ${parts.length - 3} more` : ''}`
  ]
}

/** The gate report for a terminal; `options.color` from `useColor`. */
export function renderGateText(data: GateReport, options: TextOptions = {}): string {
  const rows = gateRows(data)
  const legend = [
    ...(rows.some(row => row.direction === 'higher') ? ['↑ higher is better'] : []),
    ...(rows.some(row => row.direction === 'lower') ? ['↓ lower is better'] : [])
  ]
  const lines = [
    ...headlines(data, rows, options),
    '',
    ...table(data, rows, options),
    ...(legend.length > 0
      ? [paint(`  ${legend.join(', ')}; change is candidate − baseline`, 'dim', options)]
      : []),
    '',
    ...reasons(rows),
    ...changes(data),
    `Next step: ${nextStep(data).replace(/`/g, '')}`,
    ...(data.runUrl ? [`Run: ${plain(data.runUrl, 300)}`] : [])
  ]
  return lines.join('\n') + '\n'
}

/** The outcome in a few lines, for the log beside the job summary. */
export function gateLog(data: GateReport): string[] {
  const candidate = version(data.candidate.version, 'the candidate')
  const baseline = data.baseline
    ? ` against ${version(data.baseline.version, 'the baseline')}`
    : ' (no baseline)'
  return [
    `Gate ${data.decision.decision} for ${candidate}${baseline}`,
    ...data.decision.reasons.map(reason => `  - ${reason}`),
    ...(data.written ? [data.written] : [])
  ]
}
