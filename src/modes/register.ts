// `register`: one model version per model, with its metrics and provenance, however many
// times the job runs. Everything that can be checked is checked before the first
// mutating call; a re-run finds the version an earlier run created and returns it.
import type { ModeOutcome, ModeRunner, RunContext } from '../context.js'
import { readMetricsFile } from '../evaluation/metrics-file.js'
import { publish } from '../publish.js'
import { ensureGroup } from '../registry/groups.js'
import { readStatisticsObject } from '../registry/metrics.js'
import { findRegistration } from '../registry/register.js'
import {
  createRegistration,
  planRegistration,
  reuseRegistration,
  type RegistrationFacts
} from '../registry/registration.js'
import { isStatisticsObjectUri, parseS3Uri } from '../registry/s3.js'
import { resolveModelSource } from '../registry/training.js'
import { renderRegistration } from '../report/register.js'
import type { SettingsOf } from '../settings.js'

/** The reads a registration is planned from: metrics file, attached statistics, model source. */
async function readFacts(
  ctx: RunContext,
  settings: SettingsOf<'register'>
): Promise<RegistrationFacts> {
  const { register, group } = settings
  const { metricsFile, metricsS3Uri } = register
  const metricsLocation = metricsS3Uri ? parseS3Uri(metricsS3Uri, 'metrics-s3-uri') : undefined
  const fromFile = metricsFile
    ? await ctx.steps.run('reading metrics-file', () => readMetricsFile(metricsFile))
    : undefined
  for (const note of fromFile?.notes ?? []) ctx.out.info(`metrics-file: ${note}`)
  const attached =
    metricsLocation && metricsS3Uri && isStatisticsObjectUri(metricsS3Uri)
      ? await ctx.steps.run(`reading the statistics at ${metricsS3Uri}`, () =>
          readStatisticsObject(ctx.aws.s3, metricsLocation, 'metrics-s3-uri')
        )
      : undefined
  for (const note of attached?.notes ?? []) ctx.out.info(`metrics-s3-uri: ${note}`)
  const source = await ctx.steps.run('reading the model source', () =>
    resolveModelSource(ctx.aws.sagemaker, register.source)
  )
  return { group, run: ctx.github, register, source, fromFile, attached, metricsLocation }
}

export const runRegister: ModeRunner<'register'> = async (ctx, settings): Promise<ModeOutcome> => {
  const { register, group, dryRun } = settings
  const sagemaker = ctx.aws.sagemaker
  // Read, and decide everything the registration writes (no mutating call before this).
  const plan = planRegistration(await readFacts(ctx, settings), ctx.out)

  // Write: the group if missing, then the version unless an earlier run registered it.
  const ensured = await ctx.steps.run(`finding or creating group "${group.name}"`, () =>
    ensureGroup(sagemaker, group, register.groupDescription, register.groupTags, ctx.out, dryRun)
  )
  if (ensured.created) {
    ctx.steps.changed(
      `created model package group "${group.name}" (it stays; a re-run registers into it)`
    )
  }
  const existing =
    ensured.exists && !ensured.created
      ? await ctx.steps.run('looking for an earlier registration of this commit and model', () =>
          findRegistration(sagemaker, group, plan.fingerprint)
        )
      : { match: undefined, failed: [] }
  const retryAfter = existing.failed[0]
  if (!existing.match && retryAfter !== undefined) {
    ctx.out.warning(
      `Version ${retryAfter} registered this commit and model but Failed; registering again.`
    )
  }
  const result = existing.match
    ? await reuseRegistration(ctx, existing.match, plan, dryRun)
    : await createRegistration(ctx, plan, retryAfter, dryRun)

  // Publish.
  if (result.arn) ctx.out.setOutput('model-package-arn', result.arn)
  if (result.version !== undefined) ctx.out.setOutput('model-package-version', result.version)
  ctx.out.setOutput('created', result.created)
  ctx.out.setOutput('approval-status', result.approvalStatus)
  const markdown = renderRegistration({
    group,
    region: settings.region,
    dryRun,
    result,
    source: plan.source,
    commit: plan.request.metadataProperties?.CommitId,
    statisticsUri: plan.statistics?.uri,
    metrics: plan.metrics
  })
  await publish(ctx, { markdown })
  // A re-run that finds the version records the same: the version this run registered.
  const reason = `v${result.version ?? '?'} from commit ${plan.request.metadataProperties?.CommitId ?? 'unknown'}`
  return { audit: { decision: 'registered', reason, packages: result.arn ? [result.arn] : [] } }
}
