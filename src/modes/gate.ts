// `gate`: compare a candidate version with the policy and the champion, decide, record
// the decision in the registry, and report it where the team works. Everything up to the
// decision only reads (or, with validation data, evaluates live on temporary resources it
// always removes); an error there means nothing is written. The number of SageMaker calls
// (printed for every mode by src/runner.ts) stays O(history) whatever the group's size.
import type { ModeOutcome, ModeRunner, RunContext } from '../context.js'
import { runUrl } from '../context.js'
import { liveMetadata, measureLive, withLive, withServingFailure } from '../evaluation/live/gate.js'
import { evaluatePolicy, LIVE_PREFIX, policyMetrics, policySha256 } from '../policy/index.js'
import { publish, reportFileName } from '../publish.js'
import {
  baselineLabel,
  foreignBaseline,
  readHistory,
  readSide,
  resolveBaseline,
  VersionCache,
  type SideReading
} from '../registry/comparison.js'
import { assertDecidable, writeGateDecision } from '../registry/decision.js'
import { namedOrPendingArn, versionFromArn, type PackageDescription } from '../registry/versions.js'
import { renderReport, reportJson, type GateReport } from '../report/index.js'
import { versionReport } from '../report/rows.js'
import { gateLog, renderGateText } from '../report/text.js'
import type { SettingsOf } from '../settings.js'

/** A version the gate compares: its ARN as resolved, its description, metrics and training job. */
interface Side extends SideReading {
  arn: string
  pkg: PackageDescription
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
  const needed = policyMetrics(gate.policy).filter(name => !name.startsWith(LIVE_PREFIX))
  const [read, readBaseline] = await ctx.steps.run('reading the metrics and training jobs', () =>
    Promise.all([
      readSide({ sagemaker, s3 }, candidate, needed),
      baseline ? readSide({ sagemaker, s3 }, baseline, needed) : undefined
    ])
  )
  for (const side of [read, readBaseline]) {
    for (const note of side?.metrics.notes ?? []) ctx.out.warning(note)
    for (const note of side?.lineage.notes ?? []) ctx.out.info(note)
  }
  return {
    candidate: { arn: candidateArn, pkg: candidate, ...read },
    baseline:
      baselineArn && baseline && readBaseline
        ? { arn: baselineArn, pkg: baseline, ...readBaseline }
        : undefined
  }
}

export const runGate: ModeRunner<'gate'> = async (ctx, settings): Promise<ModeOutcome> => {
  const { gate, group } = settings
  const cache = new VersionCache(ctx.aws.sagemaker)
  const { candidate, baseline } = await readSides(ctx, settings, cache)
  const live = await measureLive(ctx, settings, candidate.arn, baseline?.arn)
  const seen = withLive(candidate, live?.candidate)
  const baseSeen = baseline && withLive(baseline, live?.baseline)

  // Decide (pure).
  const version = candidate.pkg.ModelPackageVersion ?? versionFromArn(candidate.arn)
  const decision = withServingFailure(
    evaluatePolicy(
      gate.policy,
      { version, arn: candidate.arn, metrics: seen.metrics.metrics },
      baseSeen && { ...baseSeen.metrics, version: baseSeen.pkg.ModelPackageVersion },
      { live: live && { comparisons: live.comparisons, test: gate.regressionTest } }
    ),
    live
  )
  ctx.steps.done(`computing the verdict (${decision.decision})`)

  const known = new Map([candidate, baseline].flatMap(s => (s ? [[s.arn, s.metrics.metrics]] : [])))
  const history = await readHistory(ctx, group, settings.history, cache, known)

  // Write.
  const hash = policySha256(gate.policy)
  const liveEntries = liveMetadata(live, policyMetrics(gate.policy))
  const facts = { policySha256: hash, liveEntries }
  const { status, written } = await writeGateDecision(ctx, settings, candidate.pkg, decision, facts)
  // Publish.
  const report: GateReport = {
    group: group.name,
    region: settings.region,
    candidate: { ...versionReport(candidate.pkg, seen), status },
    baseline: baseSeen && {
      ...versionReport(baseSeen.pkg, baseSeen),
      label: baselineLabel(gate.baseline, baseSeen.pkg, group)
    },
    live,
    decision,
    history,
    runUrl: runUrl(ctx.github) || undefined,
    dryRun: settings.dryRun,
    written,
    policySha256: hash,
    directions: gate.policy.directions,
    serverUrl: ctx.github.serverUrl
  }
  ctx.out.setOutput('decision', decision.decision)
  ctx.out.setOutput('model-package-arn', candidate.arn)
  ctx.out.setOutput('model-package-version', version)
  ctx.out.setOutput('approval-status', status)
  ctx.out.setOutput('baseline-model-package-arn', baseline?.arn ?? '')
  await ctx.steps.run('publishing the report', () =>
    publish(ctx, {
      markdown: renderReport(report),
      text: options => renderGateText(report, options),
      log: gateLog(report),
      json: {
        fileName: reportFileName(group, `v${candidate.pkg.ModelPackageVersion ?? 'unknown'}`),
        data: reportJson(report)
      },
      comment: { group, enabled: settings.comment }
    })
  )
  const reason = decision.rules.map(rule => rule.explanation).join(' ')
  const audit = {
    decision: decision.decision,
    reason,
    packages: [candidate.arn],
    policyHash: hash,
    dataHash: live?.data?.sha256
  }
  if (decision.decision === 'fail' && gate.failOnReject) {
    return { failed: `Gate failed for v${version}: ${decision.reasons.join(' ')}`, audit }
  }
  return { audit }
}
