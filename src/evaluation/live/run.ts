// Live evaluation: the gate measures the candidate (and the baseline, on the same rows)
// itself. In order:
//   1. the request is checked, then the data, every row, before any AWS resource exists
//      (a bad row fails with its line and column); the data's sha256 and row count are
//      taken on the way;
//   2. the versions are read (status, containers, content types);
//   3. the method serves them and collects every prediction: temporary endpoints
//      (endpoint.ts) or transform jobs (transform.ts), each resource recorded in the
//      step's state before it is created;
//   4. `finally`, whatever happened: the temporary resources are deleted (transform jobs
//      stopped); a problem there is a warning with the command that finishes the job;
//   5. the metrics, and with a baseline the paired comparisons, from the engine.
// A candidate that cannot be served is a result (`outcome: 'candidate-failed'`, with
// SageMaker's reason): the gate fails on it. A baseline that cannot be served is an error.
import { cleanupCommand } from '../../cleanup.js'
import { statisticsDocument } from '../statistics-json.js'
import { checkRequestData } from './check.js'
import { predictOnEndpoints } from './endpoint.js'
import { liveNames } from './names.js'
import { resolveRequest } from './request.js'
import { describeVersion, TemporaryResources } from './resources.js'
import { CandidateFailure, type LiveRun, type MethodOutcome } from './run-context.js'
import { predictWithTransform } from './transform.js'
import type {
  LiveCandidateFailed,
  LiveDeps,
  LiveEvaluated,
  LiveRequest,
  LiveResult,
  LiveTimings
} from './types.js'

export { resolveRequest } from './request.js'

async function regionOf(deps: LiveDeps): Promise<string | undefined> {
  const region: unknown = deps.sagemaker.config.region
  try {
    const value = typeof region === 'function' ? await (region as () => Promise<string>)() : region
    return typeof value === 'string' && value ? value : undefined
  } catch {
    return undefined
  }
}

/** Steps 1 and 2: the request resolved, the data checked, the versions read. */
async function prepare(deps: LiveDeps, request: LiveRequest): Promise<LiveRun> {
  const resolved = resolveRequest(request)
  const data = await checkRequestData(deps, resolved)
  const { layout } = data.summary
  deps.log.info(
    `Checked ${resolved.source}: ${data.summary.rows} rows, ${layout.fieldCount - 1} feature columns, label in column ${layout.label.index}${layout.label.name ? ` ("${layout.label.name}")` : ''}, sha256 ${data.sha256}.`
  )
  const candidate = await describeVersion(
    deps,
    'candidate',
    resolved.candidate.packageArn,
    resolved.method
  )
  const baseline = resolved.baseline
    ? await describeVersion(deps, 'baseline', resolved.baseline.packageArn, resolved.method)
    : undefined
  return {
    deps,
    request: resolved,
    names: liveNames(resolved.runId),
    resources: new TemporaryResources(deps, await regionOf(deps)),
    candidate,
    baseline,
    data,
    warnings: [],
    marks: {},
    written: { s3Objects: [], outputs: [] }
  }
}

/** When each phase ended, by deps.now(), for the timings. */
interface Clock {
  started: number
  checked: number
  predicted: number
  cleaned: number
}

/** Steps 3 and 4: predictions by the method, then cleanup whatever happened. */
async function predict(
  run: LiveRun,
  clock: Clock
): Promise<{ outcome: MethodOutcome; cleanupWarnings: string[] }> {
  const { deps } = run
  let outcome: MethodOutcome | undefined
  let failure: { error: unknown } | undefined
  let cleanupWarnings: string[] = []
  try {
    outcome =
      run.request.method === 'endpoint'
        ? await predictOnEndpoints(run)
        : await predictWithTransform(run)
  } catch (error) {
    if (error instanceof CandidateFailure)
      outcome = {
        kind: 'candidate-failed',
        failureReason: error.failureReason,
        failedAt: error.failedAt,
        resource: error.resource
      }
    else failure = { error }
  } finally {
    clock.predicted = deps.now().getTime()
    cleanupWarnings = await cleanUp(run)
    clock.cleaned = deps.now().getTime()
  }
  if (failure || !outcome) throw failure?.error
  return { outcome, cleanupWarnings }
}

function timings(run: LiveRun, clock: Clock, evaluated: number): LiveTimings {
  const predicting = run.marks.predicting ?? clock.predicted
  return {
    checkMs: clock.checked - clock.started,
    provisionMs: predicting - clock.checked,
    predictMs: clock.predicted - predicting,
    evaluateMs: evaluated - clock.cleaned,
    cleanupMs: clock.cleaned - clock.predicted,
    totalMs: evaluated - clock.started
  }
}

/** What both results share: the method, the data's facts, the resources. */
function common(run: LiveRun) {
  const { request, data } = run
  return {
    method: request.method,
    task: request.task,
    data: {
      source: request.source,
      sha256: data.sha256,
      bytes: data.bytes,
      rows: data.summary.rows,
      header: data.summary.layout.header,
      labelColumn: data.summary.layout.label
    },
    resources: { ...run.resources.listing(), ...run.written }
  }
}

function candidateFailed(
  run: LiveRun,
  outcome: Extract<MethodOutcome, { kind: 'candidate-failed' }>,
  warnings: string[],
  clock: Clock
): LiveCandidateFailed {
  run.deps.log.warning(
    `The candidate ${run.candidate.label} cannot be served (${outcome.resource}): ${outcome.failureReason}`
  )
  return {
    ...common(run),
    outcome: 'candidate-failed',
    candidate: {
      packageArn: run.candidate.packageArn,
      failureReason: outcome.failureReason,
      failedAt: outcome.failedAt,
      resource: outcome.resource
    },
    warnings: [...run.warnings, ...warnings],
    timings: timings(run, clock, clock.cleaned)
  }
}

/** Step 5: the metrics, and with a baseline the paired comparisons. */
function evaluated(
  run: LiveRun,
  outcome: Extract<MethodOutcome, { kind: 'predicted' }>,
  warnings: string[],
  clock: Clock
): LiveEvaluated {
  const evaluation = outcome.collector.finish()
  const { candidate, baseline } = run
  return {
    ...common(run),
    outcome: 'evaluated',
    candidate: {
      packageArn: candidate.packageArn,
      report: evaluation.candidate,
      statistics: statisticsDocument(evaluation.candidate)
    },
    baseline:
      baseline && evaluation.baseline
        ? {
            packageArn: baseline.packageArn,
            report: evaluation.baseline,
            statistics: statisticsDocument(evaluation.baseline)
          }
        : undefined,
    comparison: evaluation.comparison,
    evaluation,
    warnings: [...run.warnings, ...evaluation.warnings, ...warnings],
    timings: timings(run, clock, run.deps.now().getTime()),
    traffic: outcome.traffic
  }
}

/**
 * Evaluates the candidate (and the baseline) live on the validation data. Throws a
 * UserError (DataError for the data, BaselineServingError for the baseline) when no
 * decision can be made; in every case the temporary resources are gone, or a warning
 * says how to remove them, by the time it returns or throws.
 */
export async function runLiveEvaluation(deps: LiveDeps, request: LiveRequest): Promise<LiveResult> {
  const started = deps.now().getTime()
  const run = await prepare(deps, request)
  const checked = deps.now().getTime()
  const clock: Clock = { started, checked, predicted: checked, cleaned: checked }
  const { outcome, cleanupWarnings } = await predict(run, clock)
  return outcome.kind === 'candidate-failed'
    ? candidateFailed(run, outcome, cleanupWarnings, clock)
    : evaluated(run, outcome, cleanupWarnings, clock)
}

/** Deletes what the run created; never throws: a problem is a warning with the commands. */
async function cleanUp(run: LiveRun): Promise<string[]> {
  const { deps, request } = run
  let warnings: string[]
  try {
    warnings = await run.resources.cleanup({
      sleep: deps.sleep,
      now: deps.now,
      waitSeconds: request.waitTimeoutSeconds,
      pollSeconds: request.pollSeconds
    })
  } catch (error) {
    warnings = [
      `Cleaning up the temporary resources failed: ${(error as Error).message}. Remove them with: ${run.resources.pending.map(cleanupCommand).join('; ')}`
    ]
  }
  for (const warning of warnings) deps.log.warning(warning)
  return warnings
}
