// Training and tuning jobs (seeded, read-only: nothing trains here) and batch transform
// jobs, which really score every object under an S3 prefix with the model's artifact.
import { resourceInUse, resourceNotFound, validation } from '../errors.ts'
import { ModelInputError, predictCsv } from '../model.ts'
import { parseS3Uri, type TransformJobRec } from '../state.ts'
import { Checker, PATTERNS, type Input } from '../validate.ts'
import {
  arnOf,
  compact,
  copy,
  type Ctx,
  ENTITY_NAME,
  type Handler,
  memberArg,
  NAME_CONTAINS,
  MODEL_NAME_PATTERN,
  nameOf,
  normaliseTimes,
  secs,
  sortedPage,
  timeFilter
} from './common.ts'
import { loadArtifact } from './models.ts'

const TRANSFORM_JOB_NAME = { ...ENTITY_NAME, pattern: PATTERNS.transformJobName }

// ---------- seeding ----------

export function seedTrainingJob(ctx: Ctx, job: Input): void {
  const name = job.TrainingJobName
  if (typeof name !== 'string' || !PATTERNS.entityName.test(name))
    throw new Error(
      `trainingJobs: TrainingJobName must match ${PATTERNS.entityName.source}, got ${JSON.stringify(name)}`
    )
  const now = ctx.now / 1000
  const doc = normaliseTimes({
    TrainingJobArn: arnOf(ctx, 'training-job', name),
    TrainingJobStatus: 'Completed',
    SecondaryStatus: 'Completed',
    CreationTime: now,
    LastModifiedTime: now,
    ...copy(job)
  }) as Input
  ctx.store.trainingJobs.set(name.toLowerCase(), doc)
}

export function seedTuningJob(ctx: Ctx, job: Input): void {
  const name = job.HyperParameterTuningJobName
  if (typeof name !== 'string' || !/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}$/.test(name))
    throw new Error(
      `tuningJobs: HyperParameterTuningJobName must be 1-32 of [a-zA-Z0-9-], got ${JSON.stringify(name)}`
    )
  const now = ctx.now / 1000
  const doc = normaliseTimes({
    HyperParameterTuningJobArn: arnOf(ctx, 'hyper-parameter-tuning-job', name),
    HyperParameterTuningJobStatus: 'Completed',
    CreationTime: now,
    LastModifiedTime: now,
    ...copy(job)
  }) as Input
  ctx.store.tuningJobs.set(name.toLowerCase(), doc)
}

// ---------- training and tuning ----------

const describeTrainingJob: Handler = (ctx, input) => {
  const name = memberArg(input, 'TrainingJobName', ENTITY_NAME)
  const job = ctx.store.trainingJobs.get(name.toLowerCase())
  if (!job) throw resourceNotFound('Requested resource not found.')
  return copy(job)
}

const listTrainingJobs: Handler = (ctx, input) => {
  const check = new Checker()
  const contains = check.str(input, 'NameContains', NAME_CONTAINS)?.toLowerCase()
  const status = check.str(input, 'StatusEquals')
  const by =
    check.str(input, 'SortBy', { enum: ['Name', 'CreationTime', 'Status'] }) ?? 'CreationTime'
  check.done()
  const inTime = timeFilter(input, 'CreationTimeAfter', 'CreationTimeBefore')
  const jobs = [...ctx.store.trainingJobs.values()].filter(
    j =>
      (!contains || String(j.TrainingJobName).toLowerCase().includes(contains)) &&
      (!status || j.TrainingJobStatus === status) &&
      inTime(Number(j.CreationTime) * 1000)
  )
  const key = (j: Input): string | number =>
    by === 'Name'
      ? String(j.TrainingJobName)
      : by === 'Status'
        ? String(j.TrainingJobStatus)
        : Number(j.CreationTime)
  const page = sortedPage(jobs, input, 'ListTrainingJobs', key, 'Ascending')
  return compact({
    TrainingJobSummaries: page.items.map(j =>
      compact({
        TrainingJobName: j.TrainingJobName,
        TrainingJobArn: j.TrainingJobArn,
        CreationTime: j.CreationTime,
        TrainingEndTime: j.TrainingEndTime,
        LastModifiedTime: j.LastModifiedTime,
        TrainingJobStatus: j.TrainingJobStatus
      })
    ),
    NextToken: page.nextToken
  })
}

const describeTuningJob: Handler = (ctx, input) => {
  const name = memberArg(input, 'HyperParameterTuningJobName', {
    required: true,
    min: 1,
    max: 32,
    pattern: /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}$/
  })
  const job = ctx.store.tuningJobs.get(name.toLowerCase())
  if (!job) throw resourceNotFound(`Amazon SageMaker can't find a tuning job with name ${name}`)
  return copy(job)
}

// ---------- transform ----------

/** CreateTransformJob's members; returns the job and model names. */
function checkTransformJob(check: Checker, input: Input) {
  const name = check.str(input, 'TransformJobName', TRANSFORM_JOB_NAME)
  const modelName = check.str(input, 'ModelName', {
    required: true,
    max: 63,
    pattern: MODEL_NAME_PATTERN
  })
  const ti = check.obj(input, 'TransformInput', true)
  const ds = check.obj(ti, 'DataSource', true, 'TransformInput.DataSource')
  const s3 = check.obj(ds, 'S3DataSource', true, 'TransformInput.DataSource.S3DataSource')
  check.str(
    s3,
    'S3DataType',
    { required: true, enum: ['ManifestFile', 'S3Prefix', 'AugmentedManifestFile'] },
    'TransformInput.DataSource.S3DataSource.S3DataType'
  )
  check.str(
    s3,
    'S3Uri',
    { required: true, max: 1024, pattern: PATTERNS.s3Uri },
    'TransformInput.DataSource.S3DataSource.S3Uri'
  )
  check.str(ti, 'CompressionType', { enum: ['None', 'Gzip'] }, 'TransformInput.CompressionType')
  check.str(
    ti,
    'SplitType',
    { enum: ['None', 'Line', 'RecordIO', 'TFRecord'] },
    'TransformInput.SplitType'
  )
  const to = check.obj(input, 'TransformOutput', true)
  check.str(
    to,
    'S3OutputPath',
    { required: true, max: 1024, pattern: PATTERNS.s3Uri },
    'TransformOutput.S3OutputPath'
  )
  check.str(to, 'AssembleWith', { enum: ['None', 'Line'] }, 'TransformOutput.AssembleWith')
  const tr = check.obj(input, 'TransformResources', true)
  check.str(tr, 'InstanceType', { required: true }, 'TransformResources.InstanceType')
  check.num(
    tr,
    'InstanceCount',
    { required: true, min: 1, integer: true },
    'TransformResources.InstanceCount'
  )
  check.num(input, 'MaxPayloadInMB', { min: 0, max: 100, integer: true })
  check.num(input, 'MaxConcurrentTransforms', { min: 0, integer: true })
  check.str(input, 'BatchStrategy', { enum: ['MultiRecord', 'SingleRecord'] })
  return { name, modelName }
}

const createTransformJob: Handler = (ctx, input) => {
  const check = new Checker()
  const { name, modelName } = checkTransformJob(check, input)
  const tags = check.tags(input)
  check.done()
  const arn = arnOf(ctx, 'transform-job', name!)
  if (ctx.store.transformJobs.has(name!.toLowerCase()))
    throw resourceInUse(
      `Job name must be unique within an AWS account and region, and a job with this name already exists (${arn})`
    )
  if (!ctx.store.models.has(modelName!.toLowerCase()))
    throw validation(`Could not find model "${arnOf(ctx, 'model', modelName!)}".`)
  const fields: Input = {}
  for (const f of [
    'ModelName',
    'MaxConcurrentTransforms',
    'ModelClientConfig',
    'MaxPayloadInMB',
    'BatchStrategy',
    'Environment',
    'TransformInput',
    'TransformOutput',
    'DataCaptureConfig',
    'TransformResources',
    'DataProcessing',
    'ExperimentConfig'
  ])
    if (input[f] !== undefined) fields[f] = copy(input[f])
  const job: TransformJobRec = {
    name: name!,
    arn,
    status: 'InProgress',
    creationTime: ctx.now,
    startTime: ctx.now,
    fields,
    generation: 1
  }
  ctx.store.transformJobs.set(name!.toLowerCase(), job)
  if (tags?.length) ctx.store.tags.set(arn, copy(tags))
  ctx.store.schedule(ctx.store.delays.transformJobMs, () => {
    if (
      ctx.store.transformJobs.get(job.name.toLowerCase()) !== job ||
      job.generation !== 1 ||
      job.status !== 'InProgress'
    )
      return
    const failure = runTransform(ctx, job)
    job.status = failure ? 'Failed' : 'Completed'
    job.failureReason = failure
    job.endTime = ctx.store.now()
  })
  return { TransformJobArn: arn }
}

/** Scores every object under the input prefix; returns a FailureReason or undefined. */
function runTransform(ctx: Ctx, job: TransformJobRec): string | undefined {
  const store = ctx.store
  const f = job.fields as {
    ModelName: string
    MaxPayloadInMB?: number
    TransformInput: {
      DataSource: { S3DataSource: { S3DataType: string; S3Uri: string } }
      SplitType?: string
      ContentType?: string
    }
    TransformOutput: { S3OutputPath: string }
  }
  const source = f.TransformInput.DataSource.S3DataSource
  if (source.S3DataType !== 'S3Prefix')
    return `ClientError: the emulator supports S3DataType S3Prefix only (got ${source.S3DataType}).`
  const model = store.models.get(f.ModelName.toLowerCase())
  if (!model) return `ClientError: Could not find model "${f.ModelName}".`
  const loaded = loadArtifact(store, model.artifactUri)
  if (!loaded.ok) return `ClientError: Failed to load the model: ${loaded.reason}`
  const input = parseS3Uri(source.S3Uri)
  const output = parseS3Uri(f.TransformOutput.S3OutputPath)
  if (!input || !output) return 'ClientError: S3 URIs must have the form s3://bucket/key.'
  const objects = [...(store.buckets.get(input.bucket)?.entries() ?? [])]
    .filter(([key]) => key.startsWith(input.key) && !key.endsWith('/'))
    .sort(([a], [b]) => (a < b ? -1 : 1))
  if (objects.length === 0)
    return `ClientError: No S3 objects found under S3 URL "${source.S3Uri}" given in input data source. Please ensure that the bucket exists in the selected region, that objects exist under that S3 prefix, and that the role has "s3:ListBucket" permissions on bucket "${input.bucket}".`
  const maxBytes = (f.MaxPayloadInMB ?? 6) * 1024 * 1024
  const base = input.key.slice(0, input.key.lastIndexOf('/') + 1)
  const outPrefix = output.key === '' || output.key.endsWith('/') ? output.key : `${output.key}/`
  const results: [string, string][] = []
  for (const [key, obj] of objects) {
    if (
      (f.TransformInput.SplitType ?? 'None') === 'None' &&
      maxBytes > 0 &&
      obj.body.length > maxBytes
    )
      return `ClientError: Object s3://${input.bucket}/${key} is ${obj.body.length} bytes, more than MaxPayloadInMB (${maxBytes / 1024 / 1024} MB). Use SplitType Line or a larger MaxPayloadInMB.`
    try {
      const lines = predictCsv(loaded.model, obj.body.toString('utf8'))
      results.push([`${outPrefix}${key.slice(base.length)}.out`, lines.map(l => `${l}\n`).join('')])
    } catch (e) {
      if (e instanceof ModelInputError)
        return `ClientError: See job logs for more information. s3://${input.bucket}/${key}: ${e.message}`
      throw e
    }
  }
  for (const [key, body] of results)
    store.putObject(output.bucket, key, Buffer.from(body), 'text/csv')
  return undefined
}

function requireTransformJob(ctx: Ctx, input: Input): TransformJobRec {
  const name = memberArg(input, 'TransformJobName', TRANSFORM_JOB_NAME)
  const job = ctx.store.transformJobs.get(nameOf(name, 'transform-job').toLowerCase())
  if (!job) throw resourceNotFound(`Could not find requested job with name ${name}`)
  return job
}

const describeTransformJob: Handler = (ctx, input) => {
  const job = requireTransformJob(ctx, input)
  return compact({
    TransformJobName: job.name,
    TransformJobArn: job.arn,
    TransformJobStatus: job.status,
    FailureReason: job.failureReason,
    CreationTime: secs(job.creationTime),
    TransformStartTime: secs(job.startTime),
    TransformEndTime: secs(job.endTime),
    ...copy(job.fields)
  })
}

const stopTransformJob: Handler = (ctx, input) => {
  const job = requireTransformJob(ctx, input)
  if (job.status !== 'InProgress')
    throw validation(
      `The request was rejected because the transform job is in status ${job.status}.`
    )
  job.status = 'Stopping'
  job.generation++
  ctx.store.schedule(Math.min(ctx.store.delays.transformJobMs, 50), () => {
    if (job.status !== 'Stopping') return
    job.status = 'Stopped'
    job.endTime = ctx.store.now()
  })
  return {}
}

const listTransformJobs: Handler = (ctx, input) => {
  const check = new Checker()
  const contains = check.str(input, 'NameContains', NAME_CONTAINS)?.toLowerCase()
  const status = check.str(input, 'StatusEquals')
  check.done()
  const inTime = timeFilter(input, 'CreationTimeAfter', 'CreationTimeBefore')
  const jobs = [...ctx.store.transformJobs.values()].filter(
    j =>
      (!contains || j.name.toLowerCase().includes(contains)) &&
      (!status || j.status === status) &&
      inTime(j.creationTime)
  )
  const page = sortedPage(jobs, input, 'ListTransformJobs', j => j.creationTime, 'Descending')
  return compact({
    TransformJobSummaries: page.items.map(j =>
      compact({
        TransformJobName: j.name,
        TransformJobArn: j.arn,
        CreationTime: secs(j.creationTime),
        TransformEndTime: secs(j.endTime),
        TransformJobStatus: j.status,
        FailureReason: j.failureReason
      })
    ),
    NextToken: page.nextToken
  })
}

export const jobHandlers: Record<string, Handler> = {
  DescribeTrainingJob: describeTrainingJob,
  ListTrainingJobs: listTrainingJobs,
  DescribeHyperParameterTuningJob: describeTuningJob,
  CreateTransformJob: createTransformJob,
  DescribeTransformJob: describeTransformJob,
  StopTransformJob: stopTransformJob,
  ListTransformJobs: listTransformJobs
}
