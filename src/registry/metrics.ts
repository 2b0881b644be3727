// A version's metrics as the gate sees them: the `metric:` mirror in customer metadata
// first (no extra call), then the statistics JSON in S3 behind ModelMetrics (its digest
// verified), then the final metrics of the training job that produced it.
import type { S3Client } from '@aws-sdk/client-s3'
import {
  DescribeTrainingJobCommand,
  type DescribeTrainingJobCommandOutput,
  type SageMakerClient
} from '@aws-sdk/client-sagemaker'
import { errorMessage, UserError } from '../errors.js'
import { metricValues, parseMetricsJson, type ParsedMetrics } from '../evaluation/metrics-file.js'
import { metricsFromMetadata } from './metadata.js'
import { PROVENANCE_KEYS } from './provenance.js'
import {
  contentDigest,
  formatS3Uri,
  getObjectBytes,
  parseS3Uri,
  sha256Hex,
  type S3Location
} from './s3.js'
import { finalMetrics } from './training.js'
import type { PackageDescription } from './versions.js'

export type MetricOrigin = 'metadata' | 'statistics' | 'training-job'

export interface VersionMetrics {
  metrics: Record<string, number>
  /** Where each metric came from. */
  origin: Record<string, MetricOrigin>
  /**
   * Standard deviations from the statistics, for the metrics whose value is the one the
   * statistics hold (a metadata value that differs from them gets none).
   */
  standardDeviations: Record<string, number>
  /** Why a source could not be used (a digest mismatch, an unreadable object), for the report. */
  notes: string[]
}

function expectedDigest(digest: string | undefined): string | undefined {
  const match = /^sha256:([0-9a-f]{64})$/i.exec(digest ?? '')
  return match ? (match[1] as string).toLowerCase() : undefined
}

/**
 * Reads the metrics `needed` by the policy, going to S3 or the training job only while
 * some are still missing; with `deviations`, the statistics are read anyway for their
 * standard deviations (one S3 read). Sources that fail are noted, never trusted: a
 * statistics file whose content does not match its recorded digest contributes nothing.
 */
export async function readVersionMetrics(
  clients: { sagemaker: SageMakerClient; s3: S3Client },
  pkg: PackageDescription,
  needed: string[],
  options: {
    deviations?: boolean
    /** Describes a training job; given when the caller reads the same job for more. */
    describeJob?: (name: string) => Promise<DescribeTrainingJobCommandOutput>
  } = {}
): Promise<VersionMetrics> {
  const result: VersionMetrics = { metrics: {}, origin: {}, standardDeviations: {}, notes: [] }
  const add = (metrics: Record<string, number>, origin: MetricOrigin) => {
    for (const [name, value] of Object.entries(metrics)) {
      if (name in result.metrics) continue
      result.metrics[name] = value
      result.origin[name] = origin
    }
  }
  const missing = () => needed.filter(name => !(name in result.metrics))
  const label = `v${pkg.ModelPackageVersion ?? '?'}`

  add(metricsFromMetadata(pkg.CustomerMetadataProperties), 'metadata')

  const statistics = pkg.ModelMetrics?.ModelQuality?.Statistics
  if ((missing().length > 0 || options.deviations) && statistics?.S3Uri) {
    try {
      const location = parseS3Uri(statistics.S3Uri, 'ModelMetrics.ModelQuality.Statistics.S3Uri')
      const bytes = await getObjectBytes(clients.s3, location)
      const expected = expectedDigest(statistics.ContentDigest)
      if (statistics.ContentDigest && expected !== sha256Hex(bytes)) {
        result.notes.push(
          `${label}: the statistics at ${statistics.S3Uri} do not match their recorded ContentDigest; they were not used.`
        )
      } else {
        if (!statistics.ContentDigest) {
          result.notes.push(
            `${label}: the statistics at ${statistics.S3Uri} have no ContentDigest, so they were used unverified.`
          )
        }
        const text = new TextDecoder('utf-8').decode(bytes)
        const parsed = parseMetricsJson(text, statistics.S3Uri).metrics
        add(metricValues(parsed), 'statistics')
        for (const metric of parsed) {
          const sd = metric.standardDeviation
          if (
            sd !== undefined &&
            Number.isFinite(sd) &&
            result.metrics[metric.name] === metric.value
          )
            result.standardDeviations[metric.name] = sd
        }
      }
    } catch (error) {
      result.notes.push(`${label}: could not read ${statistics.S3Uri}: ${errorMessage(error)}`)
    }
  }

  const trainingJob = pkg.CustomerMetadataProperties?.[PROVENANCE_KEYS.trainingJob]
  if (missing().length > 0 && trainingJob) {
    try {
      const job = options.describeJob
        ? await options.describeJob(trainingJob)
        : await clients.sagemaker.send(
            new DescribeTrainingJobCommand({ TrainingJobName: trainingJob })
          )
      add(metricValues(finalMetrics(job)), 'training-job')
    } catch (error) {
      result.notes.push(
        `${label}: could not read training job ${trainingJob}: ${errorMessage(error)}`
      )
    }
  }
  return result
}

export interface AttachedStatistics extends ParsedMetrics {
  uri: string
  /** `sha256:<hex>` of the object's exact bytes, for ContentDigest. */
  digest: string
}

/**
 * Reads an existing model-quality statistics object to attach to a version as it is: it
 * must exist, parse under the metrics-file rules, and be statistics (a section such as
 * binary_classification_metrics), not a flat file Studio could not show.
 */
export async function readStatisticsObject(
  s3: S3Client,
  location: S3Location,
  input: string
): Promise<AttachedStatistics> {
  const uri = formatS3Uri(location)
  let bytes: Uint8Array
  try {
    bytes = await getObjectBytes(s3, location)
  } catch (error) {
    if (error instanceof Error && error.name === 'NoSuchBucket') {
      throw new UserError(
        `Input "${input}": bucket ${location.bucket} does not exist (${uri}). Check the bucket name and the region of the credentials.`
      )
    }
    if ((error as Error).name === 'NoSuchKey' || (error as Error).name === 'NotFound') {
      throw new UserError(
        `Input "${input}": ${uri} does not exist. Give the key of an existing model-quality statistics JSON, or a folder (a URI not ending in .json) for the statistics this run writes from "metrics-file".`
      )
    }
    throw error
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new UserError(
      `Input "${input}": ${uri} is not UTF-8 text, so it is not a statistics JSON.`
    )
  }
  const parsed = parseMetricsJson(text, input)
  if (parsed.metrics.some(metric => metric.section === undefined)) {
    throw new UserError(
      `Input "${input}": ${uri} is not model-quality statistics: it has no section such as binary_classification_metrics, multiclass_classification_metrics or regression_metrics. Pass a flat metrics file as "metrics-file" instead, with "metrics-s3-uri" as the folder to write the statistics to.`
    )
  }
  return { ...parsed, uri, digest: contentDigest(bytes) }
}
