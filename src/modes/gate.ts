// `gate`: compare a candidate version with the policy and the champion, decide, record
// the decision in the registry, and report it where the team works. Everything up to the
// decision only reads; an error there means nothing is written. The number of SageMaker
// calls (printed for every mode by src/runner.ts) stays O(history) whatever the group's size.
import type { ModeOutcome, ModeRunner, RunContext } from '../context.js'
import { runUrl } from '../context.js'
import { UserError } from '../errors.js'
import { evaluatePolicy, policyMetrics, policySha256, type Decision } from '../policy/index.js'
import { publish, reportFileName } from '../publish.js'
import {
  baselineLabel,
  foreignBaseline,
  readHistory,
  resolveBaseline,
  VersionCache
} from '../registry/comparison.js'
import { assertDecidable, gateRecord, recordDecision } from '../registry/decision.js'
import { readVersionMetrics, type VersionMetrics } from '../registry/metrics.js'
import { namedOrPendingArn, versionFromArn, type PackageDescription } from '../registry/versions.js'
import { renderReport, reportJson, type GateReport } from '../report/index.js'
import { versionReport } from '../report/rows.js'
import type { SettingsOf } from '../settings.js'

/** A version the gate compares: its ARN as resolved, its description and its metrics. */
interface Side {
  arn: string
  pkg: PackageDescription
  metrics: VersionMetrics
}

/** Resolve and read: the candidate, the baseline, and the metrics the policy needs of both. */
async function readSides(
  ctx: RunContext,
  settings: SettingsOf<'gate'>,
  cache: VersionCache
): Promise<{ candidate: Side; baseline?: Side }> {
  const { group, gate } = settings
  const { sagemaker, s3 } = ctx.aws
  const candidateArn = await ctx.steps.run('finding the candidate', () =>
    namedOrPendingArn(
      sagemaker,
      group,
      gate.modelPackage,
      `Group "${group.name}" has no version waiting for approval (PendingManualApproval). Register one first, or name the candidate with "model-package".`
    )
  )
  const baselineArn = await ctx.steps.run('finding the baseline', () =>
    resolveBaseline(sagemaker, group, gate.baseline, candidateArn)
  )
  const [candidate, baseline] = await ctx.steps.run('reading the candidate and the baseline', () =>
    Promise.all([
      cache.get(candidateArn, 'model-package'),
      baselineArn ? cache.get(baselineArn, 'baseline') : undefined
    ])
  )
  assertDecidable(candidate, group, 'gated')
  const foreign = baseline && foreignBaseline(baseline, gate.baseline, group)
  if (foreign) ctx.out.warning(foreign)
  const needed = policyMetrics(gate.policy)
  const [candidateMetrics, baselineMetrics] = await ctx.steps.run('reading the metrics', () =>
    Promise.all([
      readVersionMetrics({ sagemaker, s3 }, candidate, needed),
      baseline ? readVersionMetrics({ sagemaker, s3 }, baseline, needed) : undefined
    ])
  )
  for (const note of [...candidateMetrics.notes, ...(baselineMetrics?.notes ?? [])])
    ctx.out.warning(note)
  return {
    candidate: { arn: candidateArn, pkg: candidate, metrics: candidateMetrics },
    baseline:
      baselineArn && baseline && baselineMetrics
        ? { arn: baselineArn, pkg: baseline, metrics: baselineMetrics }
        : undefined
  }
}

function metricSet(side: Side) {
  return { version: side.pkg.ModelPackageVersion, arn: side.arn, metrics: side.metrics.metrics }
}

export const runGate: ModeRunner<'gate'> = async (ctx, settings): Promise<ModeOutcome> => {
  const { gate, group } = settings
  if (gate.validationData) {
    // Refused rather than ignored: a gate that silently skipped the evaluation it was
    // given would pass on registry metrics the user meant to double-check.
    throw new UserError(
      'Input "validation-data": live evaluation on a temporary endpoint or batch transform is not available in this release. Remove the input to gate on the metrics recorded in the registry.'
    )
  }
  const cache = new VersionCache(ctx.aws.sagemaker)
  const { candidate, baseline } = await readSides(ctx, settings, cache)

  // Decide (pure).
  const version = candidate.pkg.ModelPackageVersion ?? versionFromArn(candidate.arn)
  const decision: Decision = evaluatePolicy(
    gate.policy,
    { ...metricSet(candidate), version },
    baseline ? metricSet(baseline) : undefined
  )
  ctx.out.info(
    `Gate ${decision.decision} for v${version}${baseline ? ` against v${baseline.pkg.ModelPackageVersion}` : ' (no baseline)'}`
  )
  for (const reason of decision.reasons) ctx.out.info(`  - ${reason}`)
  ctx.steps.done(`computing the verdict (${decision.decision})`)

  const known = new Map([[candidate.arn, candidate.metrics.metrics]])
  if (baseline) known.set(baseline.arn, baseline.metrics.metrics)
  const history = await readHistory(ctx, group, settings.history, cache, known)

  // Write.
  const hash = policySha256(gate.policy)
  const record = gateRecord(candidate.pkg, decision, gate, hash, runUrl(ctx.github))
  for (const reason of record.dropped)
    ctx.out.warning(`Not recorded in customer metadata: ${reason}`)
  let status = candidate.pkg.ModelApprovalStatus ?? 'PendingManualApproval'
  if (!settings.dryRun && record.write) {
    await recordDecision(ctx, candidate.pkg, record.write, record.written)
    status = record.write.status
  }
  const written = settings.dryRun ? `dry run: ${record.preview}` : record.written
  ctx.out.info(written)

  // Publish.
  const report: GateReport = {
    group: group.name,
    region: settings.region,
    candidate: { ...versionReport(candidate.pkg, candidate.metrics.metrics), status },
    baseline: baseline && {
      ...versionReport(baseline.pkg, baseline.metrics.metrics),
      label: baselineLabel(gate.baseline, baseline.pkg, group)
    },
    decision,
    history,
    runUrl: runUrl(ctx.github) || undefined,
    dryRun: settings.dryRun,
    written,
    policySha256: hash
  }
  ctx.out.setOutput('decision', decision.decision)
  ctx.out.setOutput('model-package-arn', candidate.arn)
  ctx.out.setOutput('model-package-version', version)
  ctx.out.setOutput('approval-status', status)
  ctx.out.setOutput('baseline-model-package-arn', baseline?.arn ?? '')
  await ctx.steps.run('publishing the report', () =>
    publish(ctx, {
      markdown: renderReport(report),
      json: {
        fileName: reportFileName(group, `v${candidate.pkg.ModelPackageVersion ?? 'unknown'}`),
        data: reportJson(report)
      },
      comment: { group, enabled: settings.comment }
    })
  )
  const reason = decision.rules.map(rule => rule.explanation).join(' ')
  const audit = { decision: decision.decision, reason, packages: [candidate.arn], policyHash: hash }
  if (decision.decision === 'fail' && gate.failOnReject) {
    return { failed: `Gate failed for v${version}: ${decision.reasons.join(' ')}`, audit }
  }
  return { audit }
}
