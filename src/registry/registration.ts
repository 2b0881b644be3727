// One registration, from what was read to the version it ends on. `planRegistration` decides
// everything a registration writes (metadata, statistics, the CreateModelPackage request)
// from the reads alone, so nothing is created before all of it has been checked; then a
// re-run reuses the version an earlier run created from the same commit and model, and a
// first run uploads the statistics and creates the version.
import { runUrl, type GitHubRun, type Reporter, type RunContext } from '../context.js'
import { UserError } from '../errors.js'
import {
  mergeMetrics,
  statisticsJson,
  type Metric,
  type ParsedMetrics
} from '../evaluation/metrics-file.js'
import type { ApprovalStatus, GroupRef, RegisterSettings } from '../settings.js'
import {
  droppedSummary,
  fitMetadata,
  formatMetricValue,
  METADATA_MAX_ENTRIES,
  METRIC_PREFIX,
  metricsFromMetadata
} from './metadata.js'
import type { AttachedStatistics } from './metrics.js'
import {
  clientToken,
  hyperParameterMetadata,
  isReservedKey,
  metadataProperties,
  registrationFingerprint,
  RESERVED_PREFIXES,
  runMetadata,
  sourceMetadata
} from './provenance.js'
import {
  createPackage,
  createPackageInput,
  waitForPackage,
  type PackageRequest,
  type StatisticsObject
} from './register.js'
import { contentDigest, formatS3Uri, joinS3Key, putObject, type S3Location } from './s3.js'
import type { ModelSource } from './training.js'
import { versionFromArn, type PackageDescription } from './versions.js'

/**
 * ModelLifeCycle.StageStatus at registration, from the approval status the version is
 * created with (StageStatus is free text matching [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}).
 */
/** What a new version is when `approval-status` is not given. */
const INITIAL_STATUS: ApprovalStatus = 'PendingManualApproval'

export const STAGE_STATUS: Record<ApprovalStatus, string> = {
  PendingManualApproval: 'PendingApproval',
  Approved: 'Approved',
  Rejected: 'Rejected'
}

/** What the registration read before deciding anything. */
export interface RegistrationFacts {
  group: GroupRef
  run: GitHubRun
  register: RegisterSettings
  source: ModelSource
  /** `metrics-file`, parsed. */
  fromFile?: ParsedMetrics
  /** `metrics-s3-uri` naming an existing statistics object, read and checked. */
  attached?: AttachedStatistics
  /** `metrics-s3-uri` as a location (a folder unless `attached`). */
  metricsLocation?: S3Location
}

export interface RegistrationPlan {
  source: ModelSource
  fingerprint: string
  metrics: Metric[]
  /** Metric entries that made it into the customer metadata mirror. */
  mirrored: Record<string, number>
  /** Statistics this run uploads (`location` set), or an existing object it attaches. */
  statistics?: StatisticsObject & { location?: S3Location }
  request: Omit<PackageRequest, 'clientToken'>
  /** The `approval-status` the user gave, if any. */
  askedStatus?: ApprovalStatus
}

type Log = Pick<Reporter, 'info' | 'warning'>

/** The version a registration ends on (none in a dry run that would create one). */
export interface RegistrationResult {
  arn?: string
  version?: number
  created: boolean
  approvalStatus: string
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

function lifecycle(facts: RegistrationFacts): PackageRequest['lifecycle'] {
  const { register, run, source } = facts
  if (!register.modelLifecycleStage) return undefined
  const commit = run.sha ? `commit ${run.sha.slice(0, 12)}` : source.modelDataUrl
  const url = runUrl(run)
  return {
    stage: register.modelLifecycleStage,
    stageStatus: STAGE_STATUS[register.approvalStatus ?? INITIAL_STATUS],
    description: `Registered from ${commit}${url ? ` by ${url}` : ''}`.slice(0, 1024)
  }
}

/** Provenance, the user's entries, then metrics and hyperparameters as far as they fit. */
function customerMetadata(facts: RegistrationFacts, fingerprint: string, metrics: Metric[]) {
  const { source, run } = facts
  const required = [
    ...sourceMetadata({
      fingerprint,
      commit: run.sha,
      modelDataUrl: source.modelDataUrl,
      imageUri: source.imageUri,
      trainingJobName: source.trainingJobName,
      tuningJobName: source.tuningJobName
    }),
    ...runMetadata(run)
  ]
  const user = checkUserMetadata(facts.register.customerMetadata, required)
  const base = fitMetadata([...required, ...user])
  const metricEntries: [string, string][] = metrics.map(m => [
    `${METRIC_PREFIX}${m.name}`,
    formatMetricValue(m.value)
  ])
  const extra = fitMetadata(
    [...metricEntries, ...hyperParameterMetadata(source.hyperParameters)],
    base.kept
  )
  const mirrored = metricsFromMetadata(
    Object.fromEntries(Object.entries(extra.kept).filter(([key]) => key.startsWith(METRIC_PREFIX)))
  )
  return { metadata: { ...base.kept, ...extra.kept }, mirrored, dropped: extra.dropped }
}

/** The statistics the version points at: attached as they are, built from the metrics, or none. */
function statisticsOf(
  facts: RegistrationFacts,
  fingerprint: string,
  metrics: Metric[],
  out: Log
): RegistrationPlan['statistics'] {
  const { attached, metricsLocation, source } = facts
  if (attached) {
    const jobOnly = source.finalMetrics.filter(
      metric => !attached.metrics.some(m => m.name === metric.name)
    )
    if (jobOnly.length > 0) {
      out.info(
        `The training job's ${jobOnly.map(m => m.name).join(', ')} ${jobOnly.length === 1 ? 'is' : 'are'} not in ${attached.uri}: recorded in customer metadata only (the attached statistics are used as they are).`
      )
    }
    return { uri: attached.uri, digest: attached.digest }
  }
  if (metrics.length > 0 && metricsLocation) {
    const body = statisticsJson(metrics)
    const location = {
      bucket: metricsLocation.bucket,
      key: joinS3Key(metricsLocation.key, facts.group.name, fingerprint, 'statistics.json')
    }
    return { location, uri: formatS3Uri(location), digest: contentDigest(body), body }
  }
  if (metrics.length > 0) {
    out.warning(
      'No "metrics-s3-uri" given: metrics are recorded in customer metadata only, so SageMaker Studio shows no model quality statistics for this version.'
    )
  } else if (metricsLocation) {
    throw new UserError(
      `Input "metrics-s3-uri" ${facts.register.metricsS3Uri} is a folder for the statistics this run writes, but there are none to write (no "metrics-file", and no final metrics from a training job). To attach an existing statistics JSON, give its key ending in .json.`
    )
  }
  return undefined
}

/** Everything the registration writes, decided from the reads alone; `out` hears why. */
export function planRegistration(facts: RegistrationFacts, out: Log): RegistrationPlan {
  const { register, source } = facts
  const evaluated = facts.fromFile?.metrics ?? facts.attached?.metrics ?? []
  const { metrics, overridden } = mergeMetrics(source.finalMetrics, evaluated)
  const winner = facts.attached ? 'the statistics win' : 'the file wins'
  for (const line of overridden) out.info(`Metric ${line} (${winner}).`)
  const fingerprint = registrationFingerprint({
    group: facts.group.name,
    commit: facts.run.sha,
    modelDataUrl: source.modelDataUrl,
    imageUri: source.imageUri
  })
  const fit = customerMetadata(facts, fingerprint, metrics)
  if (fit.dropped.length > 0) out.warning(droppedSummary(fit.dropped))
  const statistics = statisticsOf(facts, fingerprint, metrics, out)
  const request = {
    group: facts.group,
    modelDataUrl: source.modelDataUrl,
    imageUri: source.imageUri,
    description: register.description,
    approvalStatus: register.approvalStatus ?? INITIAL_STATUS,
    contentTypes: register.contentTypes,
    responseTypes: register.responseTypes,
    realtimeInstanceTypes: register.inferenceInstances,
    transformInstanceTypes: register.transformInstances,
    statistics,
    metadataProperties: metadataProperties(facts.run, register.projectId),
    customerMetadata: fit.metadata,
    lifecycle: lifecycle(facts)
  }
  return {
    source,
    fingerprint,
    metrics,
    mirrored: fit.mirrored,
    statistics,
    request,
    askedStatus: register.approvalStatus
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

type Ctx = Pick<RunContext, 'aws' | 'out' | 'steps' | 'sleep'>

/** A re-run: the version an earlier run registered from this commit and model, waited for. */
export async function reuseRegistration(
  ctx: Ctx,
  match: PackageDescription,
  plan: RegistrationPlan,
  dryRun: boolean
): Promise<RegistrationResult> {
  const arn = match.ModelPackageArn ?? ''
  const version = match.ModelPackageVersion ?? versionFromArn(arn)
  ctx.out.info(
    `Version ${version} was already registered from this commit and model (${arn}); reusing it.`
  )
  const differing = differingMetrics(match, plan.mirrored)
  if (differing.length > 0) {
    ctx.out.warning(
      `Version ${version} keeps the metrics it was registered with (ModelMetrics cannot change): ${differing.join('; ')}.`
    )
  }
  const description =
    match.ModelPackageStatus !== 'Completed' && !dryRun
      ? await ctx.steps.run(`waiting for v${version} to complete`, () =>
          waitForPackage(ctx.aws.sagemaker, arn, { sleep: ms => ctx.sleep(ms) })
        )
      : match
  const status = description.ModelApprovalStatus
  // Only a status the user asked for can be at odds with the version's; the default is no wish.
  const asked = plan.askedStatus
  if (asked && status && status !== asked) {
    ctx.out.warning(
      `Version ${version} is ${status}; "approval-status" ${asked} applies to new versions only (use mode "approve" or "reject" to change it).`
    )
  }
  return { arn, version, created: false, approvalStatus: status ?? plan.request.approvalStatus }
}

/** A first run: the statistics uploaded (or attached), the version created and waited for. */
export async function createRegistration(
  ctx: Ctx,
  plan: RegistrationPlan,
  retryAfter: number | undefined,
  dryRun: boolean
): Promise<RegistrationResult> {
  const { ClientToken: _, ...request } = createPackageInput({ ...plan.request, clientToken: '' })
  const input = { ...request, ClientToken: clientToken(plan.fingerprint, request, retryAfter) }
  const statistics = plan.statistics
  const upload = statistics?.location && statistics.body !== undefined ? statistics : undefined
  if (dryRun) {
    if (upload) {
      ctx.out.info(
        `Dry run: would upload model quality statistics to ${upload.uri} (${upload.digest}):\n${upload.body}`
      )
    } else if (statistics) {
      ctx.out.info(
        `Dry run: would attach the statistics at ${statistics.uri} as they are (${statistics.digest}).`
      )
    }
    ctx.out.info(`Dry run: would call CreateModelPackage with:\n${JSON.stringify(input, null, 2)}`)
    return { created: false, approvalStatus: plan.request.approvalStatus }
  }
  if (upload?.location && upload.body !== undefined) {
    const { location, body } = upload
    await ctx.steps.run(`uploading the model quality statistics to ${upload.uri}`, () =>
      putObject(ctx.aws.s3, location, body, 'application/json')
    )
    ctx.steps.changed(`uploaded the statistics to ${upload.uri}`)
    ctx.out.info(`Uploaded model quality statistics to ${upload.uri} (${upload.digest}).`)
  } else if (statistics) {
    ctx.out.info(
      `Attaching the statistics at ${statistics.uri} as they are (${statistics.digest}).`
    )
  }
  const sagemaker = ctx.aws.sagemaker
  const arn = await ctx.steps.run('creating the model package', () =>
    createPackage(sagemaker, input)
  )
  ctx.steps.changed(`created ${arn}`)
  ctx.out.info(`Created ${arn}; waiting for it to complete.`)
  const description = await ctx.steps.run(`waiting for ${arn} to complete`, () =>
    waitForPackage(sagemaker, arn, { sleep: ms => ctx.sleep(ms) })
  )
  return {
    arn,
    version: description.ModelPackageVersion ?? versionFromArn(arn),
    created: true,
    approvalStatus: description.ModelApprovalStatus ?? plan.request.approvalStatus
  }
}
