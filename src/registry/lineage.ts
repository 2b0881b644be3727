// One version's story, read from SageMaker: the package, the training and tuning jobs it
// came from, and the lineage associations around it. Everything here only reads; what
// cannot be read (a job in another account, a denied lineage call) becomes a note in the
// report instead of failing it.
import {
  DescribeHyperParameterTuningJobCommand,
  DescribeTrainingJobCommand,
  ListAssociationsCommand,
  ListContextsCommand,
  type DescribeHyperParameterTuningJobCommandOutput,
  type DescribeTrainingJobCommandOutput,
  type SageMakerClient
} from '@aws-sdk/client-sagemaker'
import { KEYS, METRIC_PREFIX, metricsFromMetadata } from './metadata.js'
import { HYPERPARAMETER_PREFIX, PROVENANCE_KEYS } from './provenance.js'
import { finalMetrics } from './training.js'
import {
  DESCRIBE_CONCURRENCY,
  mapBounded,
  versionFromArn,
  type PackageDescription
} from './versions.js'
import { namedErrorMessage } from '../errors.js'

function iso(date: Date | undefined): string | undefined {
  return date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined
}

export interface ContainerFacts {
  image?: string
  modelDataUrl?: string
  framework?: string
}

/** The package as the lineage report shows it; times are ISO strings so the JSON is plain. */
export interface PackageFacts {
  arn: string
  group?: string
  version?: number
  approvalStatus?: string
  packageStatus?: string
  description?: string
  approvalDescription?: string
  created?: string
  lastModified?: string
  containers: ContainerFacts[]
  contentTypes: string[]
  responseTypes: string[]
  realtimeInstanceTypes: string[]
  transformInstanceTypes: string[]
  /** S3 pointers of ModelMetrics, by section (`ModelQuality.Statistics`, ...). */
  modelMetrics: Record<string, string>
  lifecycle?: { stage?: string; stageStatus?: string; stageDescription?: string }
  /** MetadataProperties: immutable, written at registration. */
  metadataProperties: Record<string, string>
  /** Every CustomerMetadataProperties entry, as SageMaker holds it. */
  customerMetadata: Record<string, string>
}

/** What the customer metadata says, sorted by who wrote it. */
export interface MetadataStory {
  provenance: Record<string, string>
  gate: Record<string, string>
  decision: Record<string, string>
  /** Endpoint name -> the recorded deployment (`<time> run <url>`). */
  deployments: Record<string, string>
  metrics: Record<string, number>
  hyperParameters: Record<string, string>
  /** Entries no convention of this action claims. */
  other: Record<string, string>
}

export interface TrainingJobFacts {
  name: string
  arn?: string
  status?: string
  secondaryStatus?: string
  failureReason?: string
  image?: string
  algorithmName?: string
  inputMode?: string
  roleArn?: string
  instanceType?: string
  instanceCount?: number
  hyperParameters: Record<string, string>
  inputs: { channel: string; uri?: string; contentType?: string; compression?: string }[]
  outputPath?: string
  modelArtifacts?: string
  finalMetrics: { name: string; value: number }[]
  created?: string
  started?: string
  ended?: string
  trainingSeconds?: number
  billableSeconds?: number
  tuningJobArn?: string
}

export interface TuningJobFacts {
  name: string
  arn?: string
  status?: string
  strategy?: string
  objective?: { type?: string; metric?: string }
  bestTrainingJob?: string
  bestObjective?: { metric?: string; value?: number }
  trainingJobCounts: Record<string, number>
  created?: string
  ended?: string
}

export interface AssociationFacts {
  sourceArn: string
  sourceType?: string
  sourceName?: string
  destinationArn: string
  destinationType?: string
  destinationName?: string
  associationType?: string
  created?: string
  /** Set when the association was found on the package's lineage context, not the package. */
  via?: string
}

export interface LineageData {
  package: PackageFacts
  story: MetadataStory
  trainingJob?: TrainingJobFacts
  tuningJob?: TuningJobFacts
  associations: AssociationFacts[]
  /** What could not be read, for the reader; never a reason to fail the report. */
  notes: string[]
}

export function packageFacts(pkg: PackageDescription): PackageFacts {
  const arn = pkg.ModelPackageArn ?? ''
  let version = pkg.ModelPackageVersion
  if (version === undefined) {
    try {
      version = versionFromArn(arn)
    } catch {
      version = undefined
    }
  }
  const spec = pkg.InferenceSpecification
  const modelMetrics: Record<string, string> = {}
  for (const [section, reports] of Object.entries(pkg.ModelMetrics ?? {})) {
    for (const [name, source] of Object.entries((reports ?? {}) as Record<string, unknown>)) {
      const uri = (source as { S3Uri?: unknown } | undefined)?.S3Uri
      if (typeof uri === 'string') modelMetrics[`${section}.${name}`] = uri
    }
  }
  const metadataProperties: Record<string, string> = {}
  for (const [key, value] of Object.entries(pkg.MetadataProperties ?? {})) {
    if (typeof value === 'string' && value !== '') metadataProperties[key] = value
  }
  const lifecycle = pkg.ModelLifeCycle
  return {
    arn,
    group: pkg.ModelPackageGroupName,
    version,
    approvalStatus: pkg.ModelApprovalStatus,
    packageStatus: pkg.ModelPackageStatus,
    description: pkg.ModelPackageDescription,
    approvalDescription: pkg.ApprovalDescription,
    created: iso(pkg.CreationTime),
    lastModified: iso(pkg.LastModifiedTime),
    containers: (spec?.Containers ?? []).map(container => ({
      image: container.Image,
      modelDataUrl: container.ModelDataUrl,
      framework: container.Framework
    })),
    contentTypes: [...(spec?.SupportedContentTypes ?? [])],
    responseTypes: [...(spec?.SupportedResponseMIMETypes ?? [])],
    realtimeInstanceTypes: [...(spec?.SupportedRealtimeInferenceInstanceTypes ?? [])],
    transformInstanceTypes: [...(spec?.SupportedTransformInstanceTypes ?? [])],
    modelMetrics,
    lifecycle: lifecycle
      ? {
          stage: lifecycle.Stage,
          stageStatus: lifecycle.StageStatus,
          stageDescription: lifecycle.StageDescription
        }
      : undefined,
    metadataProperties,
    customerMetadata: { ...(pkg.CustomerMetadataProperties ?? {}) }
  }
}

const PROVENANCE_VALUES = new Set<string>(Object.values(PROVENANCE_KEYS))

/** Sorts the customer metadata by the conventions `register`, `gate`, `approve` and `deploy` write. */
export function metadataStory(metadata: Record<string, string>): MetadataStory {
  const story: MetadataStory = {
    provenance: {},
    gate: {},
    decision: {},
    deployments: {},
    metrics: metricsFromMetadata(metadata),
    hyperParameters: {},
    other: {}
  }
  for (const [key, value] of Object.entries(metadata).sort(([a], [b]) => a.localeCompare(b))) {
    if (PROVENANCE_VALUES.has(key)) story.provenance[key] = value
    else if (key.startsWith('gate:')) story.gate[key] = value
    else if (key.startsWith('decision:')) story.decision[key] = value
    else if (key.startsWith(KEYS.deployedPrefix))
      story.deployments[key.slice(KEYS.deployedPrefix.length)] = value
    else if (key.startsWith(HYPERPARAMETER_PREFIX))
      story.hyperParameters[key.slice(HYPERPARAMETER_PREFIX.length)] = value
    // A metric value that does not parse is still worth showing, as it was written.
    else if (!key.startsWith(METRIC_PREFIX) || !(key.slice(METRIC_PREFIX.length) in story.metrics))
      story.other[key] = value
  }
  return story
}

export function trainingJobFacts(job: DescribeTrainingJobCommandOutput): TrainingJobFacts {
  return {
    name: job.TrainingJobName ?? '',
    arn: job.TrainingJobArn,
    status: job.TrainingJobStatus,
    secondaryStatus: job.SecondaryStatus,
    failureReason: job.FailureReason,
    image: job.AlgorithmSpecification?.TrainingImage,
    algorithmName: job.AlgorithmSpecification?.AlgorithmName,
    inputMode: job.AlgorithmSpecification?.TrainingInputMode,
    roleArn: job.RoleArn,
    instanceType: job.ResourceConfig?.InstanceType,
    instanceCount: job.ResourceConfig?.InstanceCount,
    hyperParameters: { ...(job.HyperParameters ?? {}) },
    inputs: (job.InputDataConfig ?? []).map(channel => ({
      channel: channel.ChannelName ?? '',
      uri:
        channel.DataSource?.S3DataSource?.S3Uri ??
        channel.DataSource?.FileSystemDataSource?.DirectoryPath,
      contentType: channel.ContentType,
      compression: channel.CompressionType
    })),
    outputPath: job.OutputDataConfig?.S3OutputPath,
    modelArtifacts: job.ModelArtifacts?.S3ModelArtifacts,
    finalMetrics: finalMetrics(job),
    created: iso(job.CreationTime),
    started: iso(job.TrainingStartTime),
    ended: iso(job.TrainingEndTime),
    trainingSeconds: job.TrainingTimeInSeconds,
    billableSeconds: job.BillableTimeInSeconds,
    tuningJobArn: job.TuningJobArn
  }
}

export function tuningJobFacts(job: DescribeHyperParameterTuningJobCommandOutput): TuningJobFacts {
  const config = job.HyperParameterTuningJobConfig
  const counts: Record<string, number> = {}
  for (const [status, count] of Object.entries(job.TrainingJobStatusCounters ?? {})) {
    if (typeof count === 'number') counts[status] = count
  }
  const best = job.BestTrainingJob
  return {
    name: job.HyperParameterTuningJobName ?? '',
    arn: job.HyperParameterTuningJobArn,
    status: job.HyperParameterTuningJobStatus,
    strategy: config?.Strategy,
    objective: config?.HyperParameterTuningJobObjective
      ? {
          type: config.HyperParameterTuningJobObjective.Type,
          metric: config.HyperParameterTuningJobObjective.MetricName
        }
      : undefined,
    bestTrainingJob: best?.TrainingJobName,
    bestObjective: best?.FinalHyperParameterTuningJobObjectiveMetric
      ? {
          metric: best.FinalHyperParameterTuningJobObjectiveMetric.MetricName,
          value: best.FinalHyperParameterTuningJobObjectiveMetric.Value
        }
      : undefined,
    trainingJobCounts: counts,
    created: iso(job.CreationTime),
    ended: iso(job.HyperParameterTuningEndTime)
  }
}

/** Associations listed per direction and per entity; more than this is a graph, not a report. */
export const ASSOCIATION_PAGE = 50
/** SageMaker's own lineage contexts for the package (normally one) that are followed. */
const CONTEXT_LIMIT = 3

async function associationsOf(
  sagemaker: SageMakerClient,
  arn: string,
  notes: string[],
  via?: string
): Promise<AssociationFacts[]> {
  const found: AssociationFacts[] = []
  for (const direction of ['DestinationArn', 'SourceArn'] as const) {
    const page = await sagemaker.send(
      new ListAssociationsCommand({
        [direction]: arn,
        SortBy: 'CreationTime',
        SortOrder: 'Descending',
        MaxResults: ASSOCIATION_PAGE
      })
    )
    for (const item of page.AssociationSummaries ?? []) {
      if (!item.SourceArn || !item.DestinationArn) continue
      found.push({
        sourceArn: item.SourceArn,
        sourceType: item.SourceType,
        sourceName: item.SourceName,
        destinationArn: item.DestinationArn,
        destinationType: item.DestinationType,
        destinationName: item.DestinationName,
        associationType: item.AssociationType,
        created: iso(item.CreationTime),
        ...(via ? { via } : {})
      })
    }
    if (page.NextToken) {
      const side = direction === 'DestinationArn' ? 'into' : 'out of'
      notes.push(
        `Only the newest ${ASSOCIATION_PAGE} lineage associations ${side} ${arn} are shown.`
      )
    }
  }
  return found
}

/**
 * Associations of the package itself and of the lineage contexts SageMaker keeps for it
 * (their SourceUri is the package ARN), without repeats.
 */
export async function readAssociations(
  sagemaker: SageMakerClient,
  packageArn: string,
  notes: string[]
): Promise<AssociationFacts[]> {
  const direct = await associationsOf(sagemaker, packageArn, notes)
  const contexts = await sagemaker.send(
    new ListContextsCommand({ SourceUri: packageArn, MaxResults: CONTEXT_LIMIT })
  )
  const viaContexts = await mapBounded(
    (contexts.ContextSummaries ?? []).flatMap(summary =>
      summary.ContextArn ? [summary.ContextArn] : []
    ),
    DESCRIBE_CONCURRENCY,
    contextArn => associationsOf(sagemaker, contextArn, notes, contextArn)
  )
  const seen = new Set<string>()
  return [...direct, ...viaContexts.flat()].filter(association => {
    const key = `${association.sourceArn}\n${association.destinationArn}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** The result of `read`, or undefined with a note saying what could not be read and why. */
async function readOrNote<T>(
  what: string,
  notes: string[],
  read: () => Promise<T>
): Promise<T | undefined> {
  try {
    return await read()
  } catch (error) {
    notes.push(`${what} could not be read (${namedErrorMessage(error)}).`)
    return undefined
  }
}

type DescribeJob = (name: string) => Promise<DescribeTrainingJobCommandOutput>

function readTrainingJob(
  describe: DescribeJob,
  name: string | undefined,
  notes: string[]
): Promise<TrainingJobFacts | undefined> {
  if (!name) return Promise.resolve(undefined)
  return readOrNote(`Training job "${name}"`, notes, async () =>
    trainingJobFacts(await describe(name))
  )
}

/** DescribeTrainingJob, each job at most once however often it is asked for. */
export function describeJobOnce(sagemaker: SageMakerClient): DescribeJob {
  const seen = new Map<string, Promise<DescribeTrainingJobCommandOutput>>()
  return name => {
    let found = seen.get(name)
    if (!found) {
      found = sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: name }))
      seen.set(name, found)
    }
    return found
  }
}

/**
 * The package and the training job it records, without tuning job or associations: what a
 * comparison of two versions' hyperparameters, data and image needs, at one call a version.
 */
export async function readTrainingLineage(
  sagemaker: SageMakerClient,
  pkg: PackageDescription,
  describe: DescribeJob = describeJobOnce(sagemaker)
): Promise<Pick<LineageData, 'package' | 'story' | 'trainingJob' | 'notes'>> {
  const facts = packageFacts(pkg)
  const story = metadataStory(facts.customerMetadata)
  const notes: string[] = []
  const trainingJob = await readTrainingJob(
    describe,
    story.provenance[PROVENANCE_KEYS.trainingJob],
    notes
  )
  return { package: facts, story, trainingJob, notes }
}

/** Reads everything the lineage report shows about one described package. */
export async function readLineage(
  sagemaker: SageMakerClient,
  pkg: PackageDescription
): Promise<LineageData> {
  const facts = packageFacts(pkg)
  const story = metadataStory(facts.customerMetadata)
  const notes: string[] = []
  const trainingJobName = story.provenance[PROVENANCE_KEYS.trainingJob]
  const tuningJobName = story.provenance[PROVENANCE_KEYS.tuningJob]
  const [trainingJob, tuningJob, associations] = await Promise.all([
    readTrainingJob(describeJobOnce(sagemaker), trainingJobName, notes),
    tuningJobName
      ? readOrNote(`Tuning job "${tuningJobName}"`, notes, async () =>
          tuningJobFacts(
            await sagemaker.send(
              new DescribeHyperParameterTuningJobCommand({
                HyperParameterTuningJobName: tuningJobName
              })
            )
          )
        )
      : undefined,
    // Lineage is optional: an account without it, or a role without
    // sagemaker:ListAssociations, gets a note instead of an error.
    facts.arn
      ? readOrNote('Lineage associations', notes, () =>
          readAssociations(sagemaker, facts.arn, notes)
        )
      : undefined
  ])
  if (!trainingJobName && !tuningJobName) {
    notes.push(
      `No training or tuning job is recorded on this version (customer metadata "${PROVENANCE_KEYS.trainingJob}"): it was registered from a model artifact, or by another tool.`
    )
  }
  return { package: facts, story, trainingJob, tuningJob, associations: associations ?? [], notes }
}
