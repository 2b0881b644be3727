// What a training job (or a tuning job's best training job) tells us about the model it
// produced: the artifact, the image, the hyperparameters and the final metrics.
import {
  DescribeHyperParameterTuningJobCommand,
  DescribeTrainingJobCommand,
  type DescribeTrainingJobCommandOutput,
  type SageMakerClient
} from '@aws-sdk/client-sagemaker'
import { namedErrorMessage, UserError } from '../errors.js'
import type { Metric } from '../evaluation/metrics-file.js'
import type { RegisterSettings } from '../settings.js'

export interface ModelSource {
  modelDataUrl: string
  imageUri: string
  trainingJobName?: string
  trainingJobArn?: string
  tuningJobName?: string
  hyperParameters: Record<string, string>
  /** The job's FinalMetricDataList; empty for an artifact source. */
  finalMetrics: Metric[]
}

/** Tuning jobs whose best training job can no longer change. */
const FINISHED_TUNING = new Set(['Completed', 'Stopped'])

/** Reads the job `input` names; a name SageMaker cannot find or refuses is an error naming `input`. */
async function describeJob<T>(input: string, job: string, describe: () => Promise<T>): Promise<T> {
  try {
    return await describe()
  } catch (error) {
    const errorName = (error as Error).name
    if (errorName === 'ResourceNotFound' || errorName === 'ValidationException') {
      throw new UserError(
        `Input "${input}": ${job} could not be read (${namedErrorMessage(error)}). Check the name, the region and the account.`
      )
    }
    throw error
  }
}

function describeTrainingJob(
  sagemaker: SageMakerClient,
  name: string,
  input: string
): Promise<DescribeTrainingJobCommandOutput> {
  return describeJob(input, `training job "${name}"`, () =>
    sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: name }))
  )
}

export function finalMetrics(job: DescribeTrainingJobCommandOutput): Metric[] {
  const metrics: Metric[] = []
  for (const item of job.FinalMetricDataList ?? []) {
    // A metric the algorithm never logged comes back without a value or as NaN; it
    // carries no information, and a NaN in the registry would poison every comparison.
    if (!item.MetricName || item.Value === undefined || !Number.isFinite(item.Value)) continue
    metrics.push({ name: item.MetricName, value: item.Value })
  }
  return metrics
}

function fromTrainingJob(
  job: DescribeTrainingJobCommandOutput,
  input: string,
  imageOverride: string | undefined
): ModelSource {
  const name = job.TrainingJobName ?? ''
  if (job.TrainingJobStatus !== 'Completed') {
    const reason = job.FailureReason ? `: ${job.FailureReason}` : ''
    throw new UserError(
      `Input "${input}": training job "${name}" is ${job.TrainingJobStatus ?? 'in an unknown state'}${reason}; only a Completed job can be registered.`
    )
  }
  const modelDataUrl = job.ModelArtifacts?.S3ModelArtifacts
  if (!modelDataUrl) {
    throw new UserError(
      `Input "${input}": training job "${name}" has no ModelArtifacts.S3ModelArtifacts to register.`
    )
  }
  const imageUri = imageOverride ?? job.AlgorithmSpecification?.TrainingImage
  if (!imageUri) {
    const algorithm = job.AlgorithmSpecification?.AlgorithmName
    throw new UserError(
      `Input "image-uri" is required: training job "${name}" ran ${algorithm ? `algorithm resource "${algorithm}"` : 'without a TrainingImage'}, so the inference image cannot be read from it.`
    )
  }
  return {
    modelDataUrl,
    imageUri,
    trainingJobName: name,
    trainingJobArn: job.TrainingJobArn,
    hyperParameters: { ...(job.HyperParameters ?? {}) },
    finalMetrics: finalMetrics(job)
  }
}

/**
 * Resolves the register source to what SageMaker needs. Reads only (Describe calls), so it
 * runs before any mutating call; a job that is not finished is an input error.
 */
export async function resolveModelSource(
  sagemaker: SageMakerClient,
  source: RegisterSettings['source']
): Promise<ModelSource> {
  if (source.kind === 'artifact') {
    return {
      modelDataUrl: source.modelDataUrl,
      imageUri: source.imageUri,
      hyperParameters: {},
      finalMetrics: []
    }
  }
  if (source.kind === 'training-job') {
    const job = await describeTrainingJob(sagemaker, source.trainingJobName, 'training-job-name')
    return fromTrainingJob(job, 'training-job-name', source.imageUri)
  }
  const tuning = await describeJob('tuning-job-name', `tuning job "${source.tuningJobName}"`, () =>
    sagemaker.send(
      new DescribeHyperParameterTuningJobCommand({
        HyperParameterTuningJobName: source.tuningJobName
      })
    )
  )
  const status = tuning.HyperParameterTuningJobStatus ?? 'Unknown'
  if (!FINISHED_TUNING.has(status)) {
    throw new UserError(
      `Input "tuning-job-name": tuning job "${source.tuningJobName}" is ${status}; its best training job may still change. Register it once the job is Completed or Stopped.`
    )
  }
  const best = tuning.BestTrainingJob?.TrainingJobName
  if (!best) {
    throw new UserError(
      `Input "tuning-job-name": tuning job "${source.tuningJobName}" (${status}) has no best training job.`
    )
  }
  const job = await describeTrainingJob(sagemaker, best, 'tuning-job-name')
  return {
    ...fromTrainingJob(job, 'tuning-job-name', source.imageUri),
    tuningJobName: source.tuningJobName
  }
}
