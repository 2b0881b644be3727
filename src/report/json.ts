// The gate report as plain data for the JSON report file: full ARNs, every metric and
// rule, unescaped text (it is not Markdown), and null where a number is not finite.
import { directionOf } from './format.js'
import { consoleLinks, versionConsoleUrl } from './links.js'
import { liveJson } from './live.js'
import { historyWithCandidate, type GateReport, type VersionReport } from './render.js'

function finite(value: number | undefined): number | null | undefined {
  if (value === undefined) return undefined
  return Number.isFinite(value) ? value : null
}

function finiteMetrics(metrics: Record<string, number>): Record<string, number | null> {
  return Object.fromEntries(
    Object.entries(metrics).map(([name, value]) => [name, finite(value) ?? null])
  )
}

function dateText(value: string | Date | undefined): string | undefined {
  if (value === undefined) return undefined
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString()
  return value
}

function versionJson(data: GateReport, version: VersionReport): Record<string, unknown> {
  return {
    version: version.version,
    arn: version.arn,
    url: versionConsoleUrl(data.group, data.region, version.version),
    status: version.status,
    description: version.description,
    creationTime: dateText(version.creationTime),
    metrics: finiteMetrics(version.metrics),
    ...(version.standardDeviations
      ? { standardDeviations: finiteMetrics(version.standardDeviations) }
      : {}),
    provenance: { ...version.provenance },
    ...(version.hyperParameters ? { hyperParameters: { ...version.hyperParameters } } : {}),
    ...(version.trainingData ? { trainingData: { ...version.trainingData } } : {}),
    ...(version.image ? { image: version.image } : {})
  }
}

/**
 * The same report as plain data for the JSON report file. Numbers that are not finite
 * become null, which JSON can carry; text is left unescaped, as it is not Markdown.
 */
export function reportJson(data: GateReport): Record<string, unknown> {
  return {
    schema: 'sagemaker-model-gate/gate-report@1',
    group: data.group,
    region: data.region,
    decision: data.decision.decision,
    reasons: [...data.decision.reasons],
    rules: data.decision.rules.map(result => ({
      metric: result.metric,
      kind: result.kind,
      rule: result.rule,
      candidate: finite(result.candidate),
      baseline: finite(result.baseline),
      delta: finite(result.delta),
      verdict: result.verdict,
      explanation: result.explanation,
      ...(result.ci ? { ci: result.ci.map(value => finite(value) ?? null) } : {}),
      ...(result.pValue !== undefined ? { pValue: finite(result.pValue) } : {})
    })),
    directions: Object.fromEntries(
      [...new Set(data.decision.rules.map(result => result.metric))].flatMap(metric => {
        const direction = directionOf(metric, data.directions)
        return direction ? [[metric, direction]] : []
      })
    ),
    candidate: versionJson(data, data.candidate),
    baseline: data.baseline
      ? { label: data.baseline.label, ...versionJson(data, data.baseline) }
      : null,
    history: historyWithCandidate(data).map(entry => ({
      version: entry.version,
      status: entry.status,
      metrics: finiteMetrics(entry.metrics)
    })),
    links: [...consoleLinks({ region: data.region, group: data.group }), ...(data.links ?? [])],
    runUrl: data.runUrl,
    dryRun: data.dryRun,
    written: data.written,
    policySha256: data.policySha256,
    ...(data.live ? { live: liveJson(data.live) } : {})
  }
}
