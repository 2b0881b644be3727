// Live evaluation as the gate runs it: the gate's settings become a request, the run's
// clients and reporter its dependencies, and the result the `live:` metrics the policy
// reads, beside the registry's. A dry run checks the data and names the resources it would
// create, and creates nothing.
import { randomBytes } from 'node:crypto'
import { cleanupCommand, parseTemporaryState, TEMPORARY_STATE } from '../../cleanup.js'
import type { RunContext } from '../../context.js'
import { LIVE_PREFIX, type Decision, type RuleResult } from '../../policy/types.js'
import type { SettingsOf } from '../../settings.js'
import type { ColumnRef } from '../csv.js'
import type { Comparison } from '../paired.js'
import type { TaskReport } from '../statistics-json.js'
import { checkRequestData } from './check.js'
import { liveNames } from './names.js'
import { resolveRequest } from './request.js'
import { runLiveEvaluation } from './run.js'
import type { LiveDeps, LiveMethod, LiveRequest, LiveResult } from './types.js'

/** One version's live metrics under the policy's names (`live:auc`). */
export interface LiveSide {
  metrics: Record<string, number>
  standardDeviations: Record<string, number>
}

/** What the gate learned live: metrics, comparisons, the data's identity, or why not. */
export interface GateLive {
  outcome: LiveResult['outcome'] | 'dry-run'
  method: LiveMethod
  alpha: number
  data: { source: string; sha256: string; rows: number }
  candidate: LiveSide
  baseline?: LiveSide
  /** Paired comparisons on the same rows, keyed `live:<metric>`. */
  comparisons: Record<string, Comparison>
  /** The candidate could not be served: SageMaker's reason, and where. */
  failure?: { reason: string; resource: string }
  /** What a dry run would create. */
  planned?: string[]
}

/** `7`, ` 7 ` -> 7; anything else is a header name. */
function columnRef(value: string | undefined): ColumnRef | undefined {
  if (value === undefined) return undefined
  return /^\s*\d+\s*$/.test(value) ? Number(value) : value
}

/** A run id unique to this attempt, so two gate steps of one job never share names. */
function liveRunId(ctx: RunContext): string {
  const { runId, runAttempt } = ctx.github
  const suffix = randomBytes(3).toString('hex')
  return runId ? `${runId}-${runAttempt || '1'}-${suffix}` : `local-${suffix}`
}

function request(
  ctx: RunContext,
  settings: SettingsOf<'gate'>,
  candidateArn: string,
  baselineArn: string | undefined
): LiveRequest {
  const { gate } = settings
  const data = gate.validationData as string
  return {
    candidate: { packageArn: candidateArn },
    baseline: baselineArn ? { packageArn: baselineArn } : undefined,
    data,
    source: `Input "validation-data" (${data})`,
    task: gate.task,
    labelColumn: columnRef(gate.labelColumn),
    predictionColumn: columnRef(gate.predictionColumn),
    decisionThreshold: gate.decisionThreshold,
    alpha: gate.alpha,
    method: gate.validationMethod,
    executionRoleArn: gate.executionRoleArn ?? '',
    instanceType: gate.instanceType,
    serverlessMemoryMb: gate.serverlessMemoryMb,
    serverlessMaxConcurrency: gate.serverlessMaxConcurrency,
    maxConcurrency: gate.maxConcurrency,
    workS3Uri: gate.workS3Uri,
    runId: liveRunId(ctx)
  }
}

function side(report: TaskReport): LiveSide {
  const named = (values: Record<string, number | undefined>) =>
    Object.fromEntries(
      Object.entries(values).flatMap(([name, value]) =>
        value === undefined ? [] : [[`${LIVE_PREFIX}${name}`, value]]
      )
    )
  return {
    metrics: named(report.report.values),
    standardDeviations: named(report.report.standardDeviations)
  }
}

/**
 * The deps live evaluation borrows from the run. Saved state is remembered, so that a
 * signal outside Actions (no post step) can still print the commands that remove what
 * was recorded.
 */
function liveDeps(ctx: RunContext, saved: { value: string }): LiveDeps {
  return {
    ...ctx.aws,
    log: ctx.out,
    saveState: (name, value) => {
      if (name === TEMPORARY_STATE) saved.value = value
      ctx.out.saveState(name, value)
    },
    sleep: ctx.sleep,
    now: ctx.now,
    tempDir: ctx.workDir
  }
}

function interrupted(ctx: RunContext, saved: { value: string }, signal: string): string {
  const recorded = parseTemporaryState(saved.value)
  if (recorded.length === 0) return `${signal} during live evaluation; nothing had been created.`
  if (ctx.out.postStep)
    return `${signal} during live evaluation: the post step deletes the temporary resources recorded (${recorded.map(r => `${r.kind} ${r.name}`).join(', ')}).`
  return `${signal} during live evaluation: remove the temporary resources with: ${recorded.map(cleanupCommand).join('; ')}`
}

/** A dry run: the data checked, and the temporary resources a real run would create. */
async function dryRun(deps: LiveDeps, live: LiveRequest): Promise<GateLive> {
  const resolved = resolveRequest(live)
  const data = await checkRequestData(deps, resolved)
  const names = liveNames(resolved.runId)
  const roles = live.baseline ? (['candidate', 'baseline'] as const) : (['candidate'] as const)
  const planned =
    resolved.method === 'batch-transform'
      ? roles.flatMap(role => [
          `model ${names.model(role)}`,
          `transform job ${names.transformJob(role)}`
        ])
      : roles.flatMap(role => [`model ${names.model(role)}`, `endpoint ${names.endpoint(role)}`])
  return {
    outcome: 'dry-run',
    method: resolved.method,
    alpha: resolved.alpha,
    data: { source: resolved.data, sha256: data.sha256, rows: data.summary.rows },
    candidate: { metrics: {}, standardDeviations: {} },
    comparisons: {},
    planned
  }
}

/**
 * Evaluates the candidate (and the baseline, on the same rows) live when the gate has
 * validation data. Throws for bad data (before anything exists) and for a baseline that
 * cannot be served; a candidate that cannot be served comes back with `failure`.
 */
export async function measureLive(
  ctx: RunContext,
  settings: SettingsOf<'gate'>,
  candidateArn: string,
  baselineArn: string | undefined
): Promise<GateLive | undefined> {
  if (!settings.gate.validationData) return undefined
  const saved = { value: '' }
  const deps = liveDeps(ctx, saved)
  const live = request(ctx, settings, candidateArn, baselineArn)
  if (settings.dryRun)
    return ctx.steps.run('checking the validation data', () => dryRun(deps, live))
  const unwatch = ctx.interrupts?.watch(signal => interrupted(ctx, saved, signal))
  let result: LiveResult
  try {
    result = await ctx.steps.run(`evaluating live (${live.method})`, () =>
      runLiveEvaluation(deps, live)
    )
  } finally {
    unwatch?.()
  }
  const common = {
    outcome: result.outcome,
    method: result.method,
    alpha: live.alpha ?? settings.gate.alpha,
    data: { source: result.data.source, sha256: result.data.sha256, rows: result.data.rows }
  }
  if (result.outcome === 'candidate-failed')
    return {
      ...common,
      candidate: { metrics: {}, standardDeviations: {} },
      comparisons: {},
      failure: { reason: result.candidate.failureReason, resource: result.candidate.resource }
    }
  return {
    ...common,
    candidate: side(result.candidate.report),
    baseline: result.baseline ? side(result.baseline.report) : undefined,
    comparisons: Object.fromEntries(
      Object.entries(result.comparison ?? {}).map(([name, c]) => [`${LIVE_PREFIX}${name}`, c])
    )
  }
}

/** What the policy and the report read of a version: the registry's metrics, the live ones beside them. */
export function withLive<T extends { metrics: LiveSide }>(side: T, live: LiveSide | undefined): T {
  if (!live) return side
  return {
    ...side,
    metrics: {
      ...side.metrics,
      metrics: { ...side.metrics.metrics, ...live.metrics },
      standardDeviations: { ...side.metrics.standardDeviations, ...live.standardDeviations }
    }
  }
}

/**
 * A candidate that cannot be served fails the gate, whatever the other rules say: the
 * decision gains a failed rule with SageMaker's reason, first.
 */
export function withServingFailure(decision: Decision, live: GateLive | undefined): Decision {
  if (!live?.failure) return decision
  const explanation = `The candidate cannot be served (${live.failure.resource}): ${live.failure.reason}`
  const served: RuleResult = {
    metric: `${LIVE_PREFIX}served`,
    kind: 'threshold',
    rule: 'served',
    verdict: 'fail',
    explanation
  }
  return {
    decision: 'fail',
    rules: [served, ...decision.rules],
    reasons: [explanation, ...decision.reasons]
  }
}

/** A number in few characters, for metadata values. */
function short(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : 'NaN'
}

/**
 * The live facts mirrored in the candidate's customer metadata, most important first (the
 * 50-entry limit drops from the end): the data's sha256 and rows, then the metrics the
 * policy names with their comparison, then every other live metric.
 */
export function liveMetadata(
  live: GateLive | undefined,
  named: readonly string[]
): [string, string][] {
  if (!live || live.outcome === 'dry-run') return []
  const entries: [string, string][] = [
    [`${LIVE_PREFIX}data-sha256`, live.data.sha256],
    [`${LIVE_PREFIX}data-rows`, String(live.data.rows)],
    [`${LIVE_PREFIX}method`, live.method]
  ]
  if (live.failure) return entries
  const metrics = Object.keys(live.candidate.metrics)
  const ordered = [
    ...metrics.filter(m => named.includes(m)),
    ...metrics.filter(m => !named.includes(m))
  ]
  for (const metric of ordered) {
    entries.push([metric, short(live.candidate.metrics[metric] as number)])
    const c = live.comparisons[metric]
    if (c && named.includes(metric)) {
      const ci = c.ci ? ` ci=${short(c.ci[0])}/${short(c.ci[1])}` : ''
      const p = c.p_value !== null ? ` p=${short(c.p_value)}` : ''
      entries.push([`${metric}:vs-baseline`, `delta=${short(c.delta)}${ci}${p} ${c.test}`])
    }
  }
  return entries
}
