// The A/B test report: the verdict and why, each variant's metrics with their intervals,
// the test and p-value per metric, the operational figures, and what was promoted.
// Markdown for the summary and the pull request, plain text for a terminal, and the data.
import type { VariantComparison } from '../abtest/independent.js'
import { OPS_NAMES, type OpsFigures } from '../abtest/operations.js'
import type { PromotionCall } from '../abtest/promotion-plan.js'
import type { AbDecision } from '../abtest/verdict.js'
import { escapeText } from './escape.js'
import { cell, link, table, versionLink } from './markdown.js'
import { consoleUrl } from './links.js'
import { plain } from './text.js'
import { alignTable, paint, type TextOptions } from './terminal.js'

export interface AbVariantView {
  role: 'control' | 'challenger'
  variantName: string
  version: number
  packageArn: string
  /** Share of the endpoint's weight, 0-1. */
  share: number
  /** Captured requests in the window; labelled ones are `labelled`. */
  captured: number
  labelled: number
  ops: OpsFigures
}

export interface AbTestReport {
  endpointName: string
  region: string
  group: string
  window: { start: string; end: string }
  task: string
  alpha: number
  control: AbVariantView
  challenger: AbVariantView
  comparisons: Record<string, VariantComparison>
  decision: AbDecision
  /** What `on-verdict` did: a sentence, or absent when it had nothing to do. */
  promotion?: string
  /** The promotion's plan: every mutating call, in the order a run makes them (up to where it stops). */
  promotionCalls?: PromotionCall[]
  runUrl?: string
}

const HEADLINE = {
  winner: '🏆',
  'no-difference': '🟰',
  inconclusive: '⏳'
} as const

function num(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  if (value !== 0 && Math.abs(value) < 1e-4) return value.toExponential(2)
  return Number(value.toFixed(4)).toString()
}

function interval(ci: [number, number] | null): string {
  return ci ? `[${num(ci[0])}, ${num(ci[1])}]` : '—'
}

function pValue(p: number | null): string {
  if (p === null) return '—'
  return p < 1e-4 ? '< 0.0001' : p.toFixed(4)
}

export function winnerOf(report: AbTestReport): AbVariantView | undefined {
  const side = report.decision.winner
  return side ? report[side] : undefined
}

function title(report: AbTestReport): string {
  const { verdict } = report.decision
  const winner = winnerOf(report)
  const what =
    verdict === 'winner' && winner
      ? `v${winner.version} (${winner.variantName}) wins`
      : verdict === 'no-difference'
        ? 'no difference'
        : 'inconclusive'
  return `A/B test on ${report.endpointName}: ${what}`
}

function variantName(report: AbTestReport, view: AbVariantView): string {
  return `${versionLink(report.group, report.region, view.version)} ${cell(view.variantName, 63)}`
}

/** The metric table's header; `p` names the p-value column (short in a terminal). */
function metricHead(report: AbTestReport, p: string): string[] {
  const { control, challenger } = report
  return [
    'metric',
    `control v${control.version}`,
    `challenger v${challenger.version}`,
    'delta',
    'delta CI',
    p,
    'test'
  ]
}

/** A row per metric: its name and each variant's value as `cells` writes them, then the test. */
function metricRows(
  report: AbTestReport,
  cells: (name: string, c: VariantComparison) => [string, string, string]
): string[][] {
  return Object.entries(report.comparisons).map(([name, c]) => [
    ...cells(name, c),
    num(c.delta),
    interval(c.ci),
    pValue(c.p_value),
    c.test
  ])
}

function opsRows(report: AbTestReport): string[][] {
  return OPS_NAMES.map(name => [
    name,
    num(report.control.ops[name]),
    num(report.challenger.ops[name])
  ])
}

/** The promotion's plan, in the order the run makes its calls (or, in a dry run, would). */
function promotionCallsMarkdown(calls: readonly PromotionCall[] | undefined): string[] {
  if (!calls || calls.length === 0) return []
  return [
    '',
    `<details><summary>The promotion's plan: SageMaker calls in order (${calls.length})</summary>`,
    '',
    ...calls.map((call, index) => `${index + 1}. ${escapeText(call.text, 2000)}`),
    '',
    '</details>'
  ]
}

/** The report as Markdown for the job summary and the pull request comment. */
export function renderAbTest(report: AbTestReport): string {
  const { control, challenger, decision } = report
  const endpoint = link(
    report.endpointName,
    consoleUrl(report.region, 'endpoints', report.endpointName)
  )
  const lines = [
    `## ${HEADLINE[decision.verdict]} ${escapeText(title(report))}`,
    '',
    `Endpoint ${endpoint}, ${escapeText(report.task)} task, requests from ${escapeText(report.window.start)} to ${escapeText(report.window.end)}, alpha ${report.alpha}. Control ${variantName(report, control)} (${Math.round(control.share * 100)}% of traffic, ${control.labelled} of ${control.captured} captured requests labelled); challenger ${variantName(report, challenger)} (${Math.round(challenger.share * 100)}%, ${challenger.labelled} of ${challenger.captured} labelled).`,
    '',
    ...decision.reasons.map(reason => `- ${escapeText(reason)}`),
    ...(report.promotion ? ['', `**On verdict:** ${escapeText(report.promotion)}`] : []),
    ...promotionCallsMarkdown(report.promotionCalls),
    '',
    `### Metrics (challenger − control, ${Math.round((1 - report.alpha) * 100)}% intervals)`,
    '',
    ...table(
      metricHead(report, 'p-value'),
      [':--', '--:', '--:', '--:', '--:', '--:', ':--'],
      metricRows(report, (name, c) => [
        `${cell(name, 60)}${name === decision.primaryMetric ? ' (primary)' : ''}`,
        `${num(c.control)} ${interval(c.control_ci)}`,
        `${num(c.challenger)} ${interval(c.challenger_ci)}`
      ])
    ),
    '',
    '### Operations (CloudWatch; latency in ms)',
    '',
    ...table(
      ['figure', `v${control.version}`, `v${challenger.version}`],
      [':--', '--:', '--:'],
      opsRows(report)
    )
  ]
  const rules = [
    ...decision.rules.control.map(r => ['control', r] as const),
    ...decision.rules.challenger.map(r => ['challenger', r] as const)
  ]
  if (rules.length > 0) {
    lines.push(
      '',
      '### Limits',
      '',
      ...table(
        ['variant', 'metric', 'rule', 'value', 'verdict'],
        [':--', ':--', ':--', '--:', ':--'],
        rules.map(([side, r]) => [
          `v${report[side].version}`,
          cell(r.metric, 60),
          escapeText(r.rule),
          num(r.candidate),
          r.verdict
        ])
      )
    )
  }
  if (report.runUrl) lines.push('', link('Workflow run', report.runUrl))
  return `${lines.join('\n')}\n`
}

/** The report as plain text for a terminal. */
export function renderAbTestText(report: AbTestReport, options: TextOptions = {}): string {
  const { decision, control, challenger } = report
  const style =
    decision.verdict === 'winner'
      ? 'green'
      : decision.verdict === 'inconclusive'
        ? 'yellow'
        : 'bold'
  const head = metricHead(report, 'p')
  const rows = metricRows(report, (name, c) => [plain(name, 60), num(c.control), num(c.challenger)])
  const ops = opsRows(report)
  return [
    paint(plain(title(report), 200), style, options),
    ...decision.reasons.map(reason => `  ${plain(reason)}`),
    ...(report.promotion ? [`  ${plain(report.promotion)}`] : []),
    ...(report.promotionCalls ?? []).map((call, i) => `    ${i + 1}. ${plain(call.text, 2000)}`),
    '',
    ...alignTable([head, ...rows], ['left', 'right', 'right', 'right', 'right', 'right']),
    '',
    ...alignTable(
      [['figure', `v${control.version}`, `v${challenger.version}`], ...ops],
      ['left', 'right', 'right']
    )
  ].join('\n')
}

/** What a re-run found: this workflow run's promotion, done before it. */
export interface EarlierPromotionView {
  endpointName: string
  region: string
  group: string
  winner: number
  loser: number
  /** The sentence the log says: what was found and what is left. */
  found: string
  evidence: string
}

/** The summary of a re-run that found its workflow run's promotion done. */
export function renderEarlierPromotion(view: EarlierPromotionView): string {
  const endpoint = link(view.endpointName, consoleUrl(view.region, 'endpoints', view.endpointName))
  const [winner, loser] = [view.winner, view.loser].map(v =>
    versionLink(view.group, view.region, v)
  )
  return [
    `## ${HEADLINE.winner} A/B test on ${endpoint}: ${winner} promoted over ${loser} by this workflow run`,
    '',
    escapeText(view.found),
    '',
    `**Evidence:** ${escapeText(view.evidence)}`,
    ''
  ].join('\n')
}

/** The report as data, for the JSON report file. */
export function abTestJson(report: AbTestReport): unknown {
  const winner = winnerOf(report)
  return {
    mode: 'ab-test',
    endpointName: report.endpointName,
    region: report.region,
    window: report.window,
    task: report.task,
    alpha: report.alpha,
    verdict: report.decision.verdict,
    winner: winner ? { variantName: winner.variantName, packageArn: winner.packageArn } : null,
    primaryMetric: report.decision.primaryMetric,
    reasons: report.decision.reasons,
    estimate: report.decision.estimate ?? null,
    margin: report.decision.margin,
    variants: { control: report.control, challenger: report.challenger },
    comparisons: report.comparisons,
    limits: report.decision.rules,
    promotion: report.promotion
      ? { summary: report.promotion, calls: report.promotionCalls ?? [] }
      : null
  }
}
