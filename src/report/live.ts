// What the gate measured itself, in one note under the metric table and as plain data in
// the JSON report: the data (path, rows, sha256), the method, and the paired comparisons.
import type { GateLive } from '../evaluation/live/gate.js'
import { formatNumber } from '../policy/format.js'
import { escapeText } from './escape.js'

/** `live:` metrics come from this data: a reviewer can find and hash the same file. */
export function liveNote(live: GateLive | undefined): string[] {
  if (!live) return []
  const data = `${escapeText(live.data.source, 300)}, ${live.data.rows.toLocaleString('en-US')} rows, sha256 \`${live.data.sha256.slice(0, 16)}…\``
  if (live.outcome === 'dry-run')
    return [
      `<sub>Live evaluation (${live.method}) not run in a dry run; data checked: ${data}. It would create: ${escapeText(live.planned?.join(', ') ?? '', 500)}.</sub>`,
      ''
    ]
  if (live.failure)
    return [
      `<sub>Live evaluation (${live.method}) on ${data}: the candidate could not be served (${escapeText(live.failure.resource, 200)}).</sub>`,
      ''
    ]
  const paired = Object.keys(live.comparisons).length > 0
  return [
    `<sub>live: metrics measured by ${live.method} on ${data}${paired ? `; both versions on the same rows, intervals and p-values from paired tests at alpha ${formatNumber(live.alpha)}` : ''}.</sub>`,
    ''
  ]
}

/** The live section of the JSON report: every comparison with its ci and p_value. */
export function liveJson(live: GateLive | undefined): Record<string, unknown> | undefined {
  if (!live) return undefined
  return {
    outcome: live.outcome,
    method: live.method,
    alpha: live.alpha,
    data: { ...live.data },
    ...(live.failure ? { failure: { ...live.failure } } : {}),
    ...(live.planned ? { planned: [...live.planned] } : {}),
    candidate: { ...live.candidate.metrics },
    ...(live.baseline ? { baseline: { ...live.baseline.metrics } } : {}),
    comparisons: Object.fromEntries(
      Object.entries(live.comparisons).map(([metric, c]) => [
        metric,
        {
          candidate: c.candidate,
          baseline: c.baseline,
          delta: c.delta,
          ci: c.ci,
          p_value: c.p_value,
          test: c.test,
          lower_bound: c.lower_bound,
          upper_bound: c.upper_bound,
          ...(c.note ? { note: c.note } : {})
        }
      ])
    )
  }
}
