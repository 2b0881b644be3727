// `register`: one model version per model, with its metrics and provenance, however many
// times the job runs. Everything that can be checked is checked before the first
// mutating call; a re-run finds the version an earlier run created and returns it.
import type { ModeOutcome, ModeRunner, RunContext } from '../context.js'
import { runUrl } from '../context.js'
import { UserError } from '../errors.js'
import {
  mergeMetrics,
  readMetricsFile,
  statisticsJson,
  type Metric
} from '../evaluation/metrics-file.js'
import { consoleLinks } from '../report/links.js'
import { escapeCell, escapeText, safeUrl } from '../report/escape.js'
import { isStatisticsObjectUri } from '../registry/s3.js'
import { ensureGroup } from '../registry/groups.js'
import { readStatisticsObject } from '../registry/metrics.js'
import {
  METADATA_MAX_ENTRIES,
  METRIC_PREFIX,
  fitMetadata,
  formatMetricValue,
  metricsFromMetadata
} from '../registry/metadata.js'
import {
  clientToken,
  hyperParameterMetadata,
  isReservedKey,
  metadataProperties,
  registrationFingerprint,
  RESERVED_PREFIXES,
  runMetadata,
  sourceMetadata
} from '../registry/provenance.js'
import {
  createPackage,
  createPackageInput,
  findRegistration,
  waitForPackage,
  type PackageRequest,
  type StatisticsObject
} from '../registry/register.js'
import {
  contentDigest,
  formatS3Uri,
  joinS3Key,
  parseS3Uri,
  putObject,
  type S3Location
} from '../registry/s3.js'
import { resolveModelSource, type ModelSource } from '../registry/training.js'
import { versionFromArn, type PackageDescription } from '../registry/versions.js'
import type { ApprovalStatus, RegisterSettings, SettingsOf } from '../settings.js'

/**
 * ModelLifeCycle.StageStatus at registration, from the approval status the version is
 * created with (StageStatus is free text matching [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}).
 */
export const STAGE_STATUS: Record<ApprovalStatus, string> = {
  PendingManualApproval: 'PendingApproval',
  Approved: 'Approved',
  Rejected: 'Rejected'
}

interface Plan {
  source: ModelSource
  fingerprint: string
  metrics: Metric[]
  /** Metric entries that made it into the customer metadata mirror. */
  mirrored: Record<string, number>
  /** Statistics this run uploads (`location` set), or an existing object it attaches. */
  statistics?: StatisticsObject & { location?: S3Location }
  request: Omit<PackageRequest, 'clientToken'>
}

/**
 * The user's `customer-metadata`, checked against the keys this action owns and against
 * SageMaker's limits together with the entries the action itself must record.
 */
function checkUserMetadata(
  user: Record<string, string>,
  required: [string, string][]
): [string, string][] {
  const entries = Object.entries(user)
  const reserved = entries.filter(([key]) => isReservedKey(key)).map(([key]) => key)
  if (reserved.length > 0) {
    throw new UserError(
      `Input "customer-metadata": ${reserved.map(k => `"${k}"`).join(', ')} use${reserved.length === 1 ? 's' : ''} a prefix this action writes itself (${RESERVED_PREFIXES.join(' ')}); choose another key.`
    )
  }
  const fit = fitMetadata(entries, Object.fromEntries(required))
  if (fit.dropped.length > 0) {
    const room = METADATA_MAX_ENTRIES - required.length
    throw new UserError(
      `Input "customer-metadata" does not fit SageMaker's limits (at most ${room} entries next to the ${required.length} provenance entries this action records; keys up to 128 and values up to 256 characters of letters, digits, spaces and _.:/=+-@): ${fit.dropped.join('; ')}.`
    )
  }
  return entries
}

function lifecycle(register: RegisterSettings, ctx: RunContext, source: ModelSource) {
  if (!register.modelLifecycleStage) return undefined
  const commit = ctx.github.sha ? `commit ${ctx.github.sha.slice(0, 12)}` : source.modelDataUrl
  const url = runUrl(ctx.github)
  return {
    stage: register.modelLifecycleStage,
    stageStatus: STAGE_STATUS[register.approvalStatus],
    description: `Registered from ${commit}${url ? ` by ${url}` : ''}`.slice(0, 1024)
  }
}

/** All validation and reads; no mutating call happens until this has returned. */
async function plan(
  ctx: RunContext,
  settings: SettingsOf<'register'>,
  register: RegisterSettings
): Promise<Plan> {
  const metricsLocation = register.metricsS3Uri
    ? parseS3Uri(register.metricsS3Uri, 'metrics-s3-uri')
    : undefined
  const attach = register.metricsS3Uri !== undefined && isStatisticsObjectUri(register.metricsS3Uri)
  const fromFile = register.metricsFile
    ? await ctx.steps.run('reading metrics-file', () => readMetricsFile(register.metricsFile!))
    : undefined
  for (const note of fromFile?.notes ?? []) ctx.out.info(`metrics-file: ${note}`)
  const attached =
    attach && metricsLocation
      ? await ctx.steps.run(`reading the statistics at ${register.metricsS3Uri}`, () =>
          readStatisticsObject(ctx.aws.s3, metricsLocation, 'metrics-s3-uri')
        )
      : undefined
  for (const note of attached?.notes ?? []) ctx.out.info(`metrics-s3-uri: ${note}`)

  const source = await ctx.steps.run('reading the model source', () =>
    resolveModelSource(ctx.aws.sagemaker, register.source)
  )
  const evaluated = fromFile?.metrics ?? attached?.metrics ?? []
  const { metrics, overridden } = mergeMetrics(source.finalMetrics, evaluated)
  const winner = attached ? 'the statistics win' : 'the file wins'
  for (const line of overridden) ctx.out.info(`Metric ${line} (${winner}).`)

  const fingerprint = registrationFingerprint({
    group: settings.group.name,
    commit: ctx.github.sha,
    modelDataUrl: source.modelDataUrl,
    imageUri: source.imageUri
  })
  const required = [
    ...sourceMetadata({
      fingerprint,
      commit: ctx.github.sha,
      modelDataUrl: source.modelDataUrl,
      imageUri: source.imageUri,
      trainingJobName: source.trainingJobName,
      tuningJobName: source.tuningJobName
    }),
    ...runMetadata(ctx.github)
  ]
  const user = checkUserMetadata(register.customerMetadata, required)
  const base = fitMetadata([...required, ...user])
  const metricEntries: [string, string][] = metrics.map(m => [
    `${METRIC_PREFIX}${m.name}`,
    formatMetricValue(m.value)
  ])
  const extra = fitMetadata(
    [...metricEntries, ...hyperParameterMetadata(source.hyperParameters)],
    base.kept
  )
  for (const reason of extra.dropped) {
    ctx.out.warning(`Customer metadata entry not recorded (SageMaker limits): ${reason}`)
  }
  const customerMetadata = { ...base.kept, ...extra.kept }
  const mirrored = metricsFromMetadata(
    Object.fromEntries(Object.entries(extra.kept).filter(([key]) => key.startsWith(METRIC_PREFIX)))
  )

  let statistics: Plan['statistics']
  if (attached) {
    statistics = { uri: attached.uri, digest: attached.digest }
    const jobOnly = source.finalMetrics.filter(
      metric => !attached.metrics.some(m => m.name === metric.name)
    )
    if (jobOnly.length > 0) {
      ctx.out.info(
        `The training job's ${jobOnly.map(m => m.name).join(', ')} ${jobOnly.length === 1 ? 'is' : 'are'} not in ${attached.uri}: recorded in customer metadata only (the attached statistics are used as they are).`
      )
    }
  } else if (metrics.length > 0 && metricsLocation) {
    const body = statisticsJson(metrics)
    const location = {
      bucket: metricsLocation.bucket,
      key: joinS3Key(metricsLocation.key, settings.group.name, fingerprint, 'statistics.json')
    }
    statistics = { location, uri: formatS3Uri(location), digest: contentDigest(body), body }
  } else if (metrics.length > 0) {
    ctx.out.warning(
      'No "metrics-s3-uri" given: metrics are recorded in customer metadata only, so SageMaker Studio shows no model quality statistics for this version.'
    )
  } else if (metricsLocation) {
    throw new UserError(
      `Input "metrics-s3-uri" ${register.metricsS3Uri} is a folder for the statistics this run writes, but there are none to write (no "metrics-file", and no final metrics from a training job). To attach an existing statistics JSON, give its key ending in .json.`
    )
  }

  return {
    source,
    fingerprint,
    metrics,
    mirrored,
    statistics,
    request: {
      group: settings.group,
      modelDataUrl: source.modelDataUrl,
      imageUri: source.imageUri,
      description: register.description,
      approvalStatus: register.approvalStatus,
      contentTypes: register.contentTypes,
      responseTypes: register.responseTypes,
      realtimeInstanceTypes: register.inferenceInstances,
      transformInstanceTypes: register.transformInstances,
      statistics,
      metadataProperties: metadataProperties(ctx.github, register.projectId),
      customerMetadata,
      lifecycle: lifecycle(register, ctx, source)
    }
  }
}

function differingMetrics(
  existing: PackageDescription,
  mirrored: Record<string, number>
): string[] {
  const recorded = metricsFromMetadata(existing.CustomerMetadataProperties)
  const names = new Set([...Object.keys(recorded), ...Object.keys(mirrored)])
  return [...names]
    .filter(name => recorded[name] !== mirrored[name])
    .map(
      name => `${name}: recorded ${recorded[name] ?? 'none'}, this run ${mirrored[name] ?? 'none'}`
    )
}

interface Result {
  arn?: string
  version?: number
  created: boolean
  approvalStatus: string
}

function setOutputs(ctx: RunContext, result: Result): void {
  if (result.arn) ctx.out.setOutput('model-package-arn', result.arn)
  if (result.version !== undefined) ctx.out.setOutput('model-package-version', result.version)
  ctx.out.setOutput('created', result.created)
  ctx.out.setOutput('approval-status', result.approvalStatus)
}

function summary(
  settings: SettingsOf<'register'>,
  planned: Plan,
  result: Result,
  dryRun: boolean
): string {
  const title = dryRun
    ? `Model registration (dry run): ${escapeText(settings.group.name)}`
    : `Model registered: ${escapeText(settings.group.name)} v${result.version ?? '?'}`
  const outcome = dryRun
    ? result.version !== undefined
      ? `already registered as v${result.version}; nothing would change`
      : 'a new version would be created'
    : result.created
      ? 'new version'
      : 'already registered by an earlier run of this commit; reused'
  const source = planned.source.tuningJobName
    ? `tuning job ${planned.source.tuningJobName} (best: ${planned.source.trainingJobName ?? '?'})`
    : planned.source.trainingJobName
      ? `training job ${planned.source.trainingJobName}`
      : 'model artifact'
  const rows: [string, string][] = [
    ['Outcome', outcome],
    ['Approval status', result.approvalStatus],
    ['Source', source],
    ['Model data', planned.source.modelDataUrl],
    ['Image', planned.source.imageUri]
  ]
  if (planned.request.metadataProperties?.CommitId)
    rows.push(['Commit', planned.request.metadataProperties.CommitId])
  if (planned.statistics) rows.push(['Statistics', planned.statistics.uri])
  const lines = [
    `### ${title}`,
    '',
    '| | |',
    '|---|---|',
    ...rows.map(([k, v]) => `| ${k} | ${escapeCell(v)} |`)
  ]
  if (planned.metrics.length > 0) {
    lines.push('', '| Metric | Value |', '|---|---|')
    for (const metric of planned.metrics) {
      lines.push(`| ${escapeCell(metric.name)} | ${escapeCell(formatMetricValue(metric.value))} |`)
    }
  }
  const [link] = consoleLinks({ region: settings.region, group: settings.group.nameOrArn })
  const url = link ? safeUrl(link.url) : undefined
  if (url && !dryRun) lines.push('', `[${link?.label}](${url})`)
  return `${lines.join('\n')}\n`
}

export const runRegister: ModeRunner<'register'> = async (ctx, settings): Promise<ModeOutcome> => {
  const register = settings.register
  const dryRun = settings.dryRun
  const sagemaker = ctx.aws.sagemaker
  const planned = await plan(ctx, settings, register)

  const group = await ctx.steps.run(`finding or creating group "${settings.group.name}"`, () =>
    ensureGroup(
      sagemaker,
      settings.group,
      register.groupDescription,
      register.groupTags,
      ctx.out,
      dryRun
    )
  )
  if (group.created) {
    ctx.steps.changed(
      `created model package group "${settings.group.name}" (it stays; a re-run registers into it)`
    )
  }
  const existing =
    group.exists && !group.created
      ? await ctx.steps.run('looking for an earlier registration of this commit and model', () =>
          findRegistration(sagemaker, settings.group, planned.fingerprint)
        )
      : { failed: [] as number[] }

  let result: Result
  if (existing.match) {
    let description = existing.match
    const arn = description.ModelPackageArn as string
    const version = description.ModelPackageVersion ?? versionFromArn(arn)
    ctx.out.info(
      `Version ${version} was already registered from this commit and model (${arn}); reusing it.`
    )
    const differing = differingMetrics(description, planned.mirrored)
    if (differing.length > 0) {
      ctx.out.warning(
        `Version ${version} keeps the metrics it was registered with (ModelMetrics cannot change): ${differing.join('; ')}.`
      )
    }
    if (description.ModelPackageStatus !== 'Completed' && !dryRun) {
      description = await ctx.steps.run(`waiting for v${version} to complete`, () =>
        waitForPackage(sagemaker, arn, { sleep: ms => ctx.sleep(ms) })
      )
    }
    if (
      description.ModelApprovalStatus &&
      description.ModelApprovalStatus !== register.approvalStatus
    ) {
      ctx.out.warning(
        `Version ${version} is ${description.ModelApprovalStatus}; "approval-status" ${register.approvalStatus} applies to new versions only (use mode "approve" or "reject" to change it).`
      )
    }
    result = {
      arn,
      version,
      created: false,
      approvalStatus: description.ModelApprovalStatus ?? planned.request.approvalStatus
    }
  } else {
    const retryAfter = existing.failed[0]
    if (retryAfter !== undefined) {
      ctx.out.warning(
        `Version ${retryAfter} registered this commit and model but Failed; registering again.`
      )
    }
    const input = createPackageInput({
      ...planned.request,
      clientToken: clientToken(planned.fingerprint, retryAfter)
    })
    if (dryRun) {
      if (planned.statistics?.location) {
        ctx.out.info(
          `Dry run: would upload model quality statistics to ${planned.statistics.uri} (${planned.statistics.digest}):\n${planned.statistics.body}`
        )
      } else if (planned.statistics) {
        ctx.out.info(
          `Dry run: would attach the statistics at ${planned.statistics.uri} as they are (${planned.statistics.digest}).`
        )
      }
      ctx.out.info(
        `Dry run: would call CreateModelPackage with:\n${JSON.stringify(input, null, 2)}`
      )
      result = { created: false, approvalStatus: planned.request.approvalStatus }
    } else {
      const statistics = planned.statistics
      if (statistics?.location && statistics.body !== undefined) {
        const { location, body } = statistics
        await ctx.steps.run(`uploading the model quality statistics to ${statistics.uri}`, () =>
          putObject(ctx.aws.s3, location, body, 'application/json')
        )
        ctx.steps.changed(`uploaded the statistics to ${statistics.uri}`)
        ctx.out.info(
          `Uploaded model quality statistics to ${statistics.uri} (${statistics.digest}).`
        )
      } else if (statistics) {
        ctx.out.info(
          `Attaching the statistics at ${statistics.uri} as they are (${statistics.digest}).`
        )
      }
      const arn = await ctx.steps.run('creating the model package', () =>
        createPackage(sagemaker, input)
      )
      ctx.steps.changed(`created ${arn}`)
      ctx.out.info(`Created ${arn}; waiting for it to complete.`)
      const description = await ctx.steps.run(`waiting for ${arn} to complete`, () =>
        waitForPackage(sagemaker, arn, { sleep: ms => ctx.sleep(ms) })
      )
      result = {
        arn,
        version: description.ModelPackageVersion ?? versionFromArn(arn),
        created: true,
        approvalStatus: description.ModelApprovalStatus ?? planned.request.approvalStatus
      }
    }
  }

  setOutputs(ctx, result)
  await ctx.out.summary(summary(settings, planned, result, dryRun))
  return {}
}
