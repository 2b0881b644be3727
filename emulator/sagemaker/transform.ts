// Batch transform jobs: InProgress -> Completed | Failed, Stopping -> Stopped. A job really
// scores every input object with its model's artifact (transform-run.ts) and writes
// `<S3OutputPath>/<key relative to the input prefix's folder>.out`.
import { gunzipSync } from 'node:zlib'
import { resourceInUse, resourceNotFound, validation } from '../errors.ts'
import { CSV } from '../model.ts'
import { parseS3Uri, type Store, type TransformJobRec } from '../state.ts'
import { TransformFailure, transformObject, type TransformSettings } from '../transform-run.ts'
import { Checker, PATTERNS, type Input } from '../validate.ts'
import {
  arnOf,
  compact,
  copy,
  type Ctx,
  ENTITY_NAME,
  type Handler,
  memberArg,
  MODEL_NAME_PATTERN,
  NAME_CONTAINS,
  nameOf,
  secs,
  sortedPage,
  timeFilter
} from './common.ts'
import { loadArtifact } from './models.ts'

const TRANSFORM_JOB_NAME = { ...ENTITY_NAME, pattern: PATTERNS.transformJobName }
const JOB_STATUSES = ['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped']
const S3_SOURCE = 'TransformInput.DataSource.S3DataSource'

function checkTransformInput(check: Checker, input: Input): void {
  const ti = check.obj(input, 'TransformInput', true)
  const ds = check.obj(ti, 'DataSource', true, 'TransformInput.DataSource')
  const s3 = check.obj(ds, 'S3DataSource', true, S3_SOURCE)
  check.str(
    s3,
    'S3DataType',
    { required: true, enum: ['ManifestFile', 'S3Prefix', 'AugmentedManifestFile'] },
    `${S3_SOURCE}.S3DataType`
  )
  check.str(
    s3,
    'S3Uri',
    { required: true, max: 1024, pattern: PATTERNS.s3Uri },
    `${S3_SOURCE}.S3Uri`
  )
  check.str(ti, 'ContentType', { max: 256 }, 'TransformInput.ContentType')
  check.str(ti, 'CompressionType', { enum: ['None', 'Gzip'] }, 'TransformInput.CompressionType')
  check.str(
    ti,
    'SplitType',
    { enum: ['None', 'Line', 'RecordIO', 'TFRecord'] },
    'TransformInput.SplitType'
  )
}

/** CreateTransformJob's members; returns the job and model names. */
function checkTransformJob(check: Checker, input: Input) {
  const name = check.str(input, 'TransformJobName', TRANSFORM_JOB_NAME)
  const modelName = check.str(input, 'ModelName', {
    required: true,
    max: 63,
    pattern: MODEL_NAME_PATTERN
  })
  checkTransformInput(check, input)
  const to = check.obj(input, 'TransformOutput', true)
  check.str(
    to,
    'S3OutputPath',
    { required: true, max: 1024, pattern: PATTERNS.s3Uri },
    'TransformOutput.S3OutputPath'
  )
  check.str(to, 'Accept', { max: 256 }, 'TransformOutput.Accept')
  check.str(to, 'AssembleWith', { enum: ['None', 'Line'] }, 'TransformOutput.AssembleWith')
  const tr = check.obj(input, 'TransformResources', true)
  check.str(tr, 'InstanceType', { required: true }, 'TransformResources.InstanceType')
  check.num(
    tr,
    'InstanceCount',
    { required: true, min: 1, integer: true },
    'TransformResources.InstanceCount'
  )
  const payload = check.num(input, 'MaxPayloadInMB', { min: 0, max: 100, integer: true })
  const concurrent = check.num(input, 'MaxConcurrentTransforms', { min: 0, integer: true })
  check.str(input, 'BatchStrategy', { enum: ['MultiRecord', 'SingleRecord'] })
  const dp = check.obj(input, 'DataProcessing')
  check.str(dp, 'InputFilter', { max: 63 }, 'DataProcessing.InputFilter')
  check.str(dp, 'OutputFilter', { max: 63 }, 'DataProcessing.OutputFilter')
  check.str(dp, 'JoinSource', { enum: ['Input', 'None'] }, 'DataProcessing.JoinSource')
  const tags = check.tags(input)
  check.done()
  // "If you specify the MaxConcurrentTransforms parameter, the value of
  // (MaxConcurrentTransforms * MaxPayloadInMB) also cannot exceed 100 MB."
  if (concurrent && concurrent * (payload ?? 6) > 100)
    throw validation(
      `MaxConcurrentTransforms (${concurrent}) * MaxPayloadInMB (${payload ?? 6}) must not exceed 100 MB.`
    )
  return { name: name!, modelName: modelName!, tags }
}

const JOB_FIELDS = [
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
]

const createTransformJob: Handler = (ctx, input) => {
  const { name, modelName, tags } = checkTransformJob(new Checker(), input)
  const arn = arnOf(ctx, 'transform-job', name)
  if (ctx.store.transformJobs.has(name.toLowerCase()))
    throw resourceInUse(
      `Job name must be unique within an AWS account and region, and a job with this name already exists (${arn})`
    )
  if (!ctx.store.models.has(modelName.toLowerCase()))
    throw validation(`Could not find model "${arnOf(ctx, 'model', modelName)}".`)
  const fields: Input = {}
  for (const f of JOB_FIELDS) if (input[f] !== undefined) fields[f] = copy(input[f])
  const job: TransformJobRec = {
    name,
    arn,
    status: 'InProgress',
    creationTime: ctx.now,
    startTime: ctx.now,
    fields,
    generation: 1
  }
  ctx.store.transformJobs.set(name.toLowerCase(), job)
  if (tags?.length) ctx.store.tags.set(arn, copy(tags))
  ctx.store.schedule(ctx.store.delays.transformJobMs, () => {
    if (ctx.store.transformJobs.get(name.toLowerCase()) !== job || job.status !== 'InProgress')
      return
    let failure: string | undefined
    try {
      failure = runTransform(ctx.store, job)
    } catch (e) {
      // An emulator bug fails the job, as a service fault would, instead of the process.
      failure = `InternalServerError: ${(e as Error).message}`
    }
    job.status = failure ? 'Failed' : 'Completed'
    job.failureReason = failure
    job.endTime = ctx.store.now()
  })
  return { TransformJobArn: arn }
}

interface JobFields {
  ModelName: string
  MaxPayloadInMB?: number
  BatchStrategy?: string
  TransformInput: {
    DataSource: { S3DataSource: { S3DataType: string; S3Uri: string } }
    SplitType?: string
    ContentType?: string
    CompressionType?: string
  }
  TransformOutput: { S3OutputPath: string; Accept?: string }
  DataProcessing?: { InputFilter?: string; OutputFilter?: string; JoinSource?: string }
}

function settingsOf(f: JobFields): TransformSettings {
  // Without a ContentType the container gets CSV, the built-in algorithms' default (assumed).
  const contentType = f.TransformInput.ContentType ?? CSV
  return {
    contentType,
    accept: f.TransformOutput.Accept ?? contentType,
    splitType: f.TransformInput.SplitType ?? 'None',
    batchStrategy: f.BatchStrategy ?? 'MultiRecord',
    maxPayloadBytes: (f.MaxPayloadInMB ?? 6) * 1024 * 1024,
    inputFilter: f.DataProcessing?.InputFilter || '$',
    outputFilter: f.DataProcessing?.OutputFilter || '$',
    joinInput: f.DataProcessing?.JoinSource === 'Input'
  }
}

/** Input objects (key, body) with the key prefix their output names are relative to. */
function inputObjects(
  store: Store,
  source: { S3DataType: string; S3Uri: string }
): { bucket: string; base: string; objects: [string, Buffer][] } {
  const loc = parseS3Uri(source.S3Uri)
  if (!loc) throw new TransformFailure('ClientError: S3 URIs must have the form s3://bucket/key.')
  if (source.S3DataType === 'ManifestFile') return manifestObjects(store, source.S3Uri)
  if (source.S3DataType !== 'S3Prefix')
    throw new TransformFailure(
      `ClientError: the emulator reads S3DataType S3Prefix and ManifestFile only (got ${source.S3DataType}).`
    )
  const objects = [...(store.buckets.get(loc.bucket)?.entries() ?? [])]
    .filter(([key]) => key.startsWith(loc.key) && !key.endsWith('/'))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, o]) => [key, o.body] as [string, Buffer])
  if (objects.length === 0)
    throw new TransformFailure(
      `ClientError: No S3 objects found under S3 URL "${source.S3Uri}" given in input data source. Please ensure that the bucket exists in the selected region, that objects exist under that S3 prefix, and that the role has "s3:ListBucket" permissions on bucket "${loc.bucket}".`
    )
  return { bucket: loc.bucket, base: loc.key.slice(0, loc.key.lastIndexOf('/') + 1), objects }
}

/** A manifest: `[{"prefix": "s3://bucket/prefix/"}, "relative/key", ...]` (S3DataSource). */
function manifestObjects(
  store: Store,
  uri: string
): { bucket: string; base: string; objects: [string, Buffer][] } {
  const loc = parseS3Uri(uri)!
  const body = store.getObject(loc.bucket, loc.key)?.body
  let doc: unknown
  try {
    doc = body ? JSON.parse(body.toString('utf8')) : undefined
  } catch {
    doc = undefined
  }
  const head = Array.isArray(doc) ? (doc[0] as { prefix?: unknown } | undefined) : undefined
  const prefix = typeof head?.prefix === 'string' ? parseS3Uri(head.prefix) : undefined
  if (!prefix || !Array.isArray(doc))
    throw new TransformFailure(`ClientError: Cannot read the manifest file ${uri}.`)
  const objects = doc.slice(1).map(rel => {
    const key = `${prefix.key}${String(rel)}`
    const obj = store.getObject(prefix.bucket, key)
    if (!obj)
      throw new TransformFailure(
        `ClientError: Object s3://${prefix.bucket}/${key} in the manifest does not exist.`
      )
    return [key, obj.body] as [string, Buffer]
  })
  return { bucket: prefix.bucket, base: prefix.key, objects }
}

/** Scores every input object; returns a FailureReason or undefined. Writes only on success. */
function runTransform(store: Store, job: TransformJobRec): string | undefined {
  const f = job.fields as unknown as JobFields
  const model = store.models.get(f.ModelName.toLowerCase())
  if (!model) return `ClientError: Could not find model "${f.ModelName}".`
  const loaded = loadArtifact(store, model.artifactUri)
  if (!loaded.ok) return `ClientError: Failed to load the model: ${loaded.reason}`
  const output = parseS3Uri(f.TransformOutput.S3OutputPath)
  if (!output) return 'ClientError: S3 URIs must have the form s3://bucket/key.'
  const outPrefix = output.key === '' || output.key.endsWith('/') ? output.key : `${output.key}/`
  const settings = settingsOf(f)
  const results: [string, string][] = []
  try {
    const { bucket, base, objects } = inputObjects(store, f.TransformInput.DataSource.S3DataSource)
    for (const [key, raw] of objects) {
      const body = f.TransformInput.CompressionType === 'Gzip' ? gunzipSync(raw) : raw
      if (
        settings.splitType === 'None' &&
        settings.maxPayloadBytes > 0 &&
        body.length > settings.maxPayloadBytes
      )
        throw new TransformFailure(
          `ClientError: Object s3://${bucket}/${key} is ${body.length} bytes, more than MaxPayloadInMB (${settings.maxPayloadBytes / 1048576} MB). Use SplitType Line or a larger MaxPayloadInMB.`
        )
      if (settings.splitType !== 'None' && settings.splitType !== 'Line')
        throw new TransformFailure(
          `ClientError: the emulator splits by Line only (got ${settings.splitType}).`
        )
      const out = transformObject(loaded.model, body.toString('utf8'), settings)
      store.count('transform', job.name, out.requests)
      results.push([`${outPrefix}${key.slice(base.length)}.out`, out.body])
    }
  } catch (e) {
    if (e instanceof TransformFailure) return e.message
    if (e instanceof Error && 'code' in e && String(e.code).startsWith('Z_'))
      return `ClientError: An input object is not valid gzip: ${e.message}`
    throw e
  }
  for (const [key, body] of results)
    store.putObject(output.bucket, key, Buffer.from(body), settings.accept)
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
  ctx.store.schedule(ctx.store.delays.transformStopMs, () => {
    if (job.status !== 'Stopping') return
    job.status = 'Stopped'
    job.endTime = ctx.store.now()
  })
  return {}
}

const listTransformJobs: Handler = (ctx, input) => {
  const check = new Checker()
  const contains = check.str(input, 'NameContains', NAME_CONTAINS)?.toLowerCase()
  const status = check.str(input, 'StatusEquals', { enum: JOB_STATUSES })
  const by =
    check.str(input, 'SortBy', { enum: ['Name', 'CreationTime', 'Status'] }) ?? 'CreationTime'
  check.done()
  const inTime = timeFilter(input, 'CreationTimeAfter', 'CreationTimeBefore')
  const modified = timeFilter(input, 'LastModifiedTimeAfter', 'LastModifiedTimeBefore')
  const jobs = [...ctx.store.transformJobs.values()].filter(
    j =>
      (!contains || j.name.toLowerCase().includes(contains)) &&
      (!status || j.status === status) &&
      inTime(j.creationTime) &&
      modified(j.endTime ?? j.startTime ?? j.creationTime)
  )
  const key = (j: TransformJobRec) =>
    by === 'Name' ? j.name : by === 'Status' ? j.status : j.creationTime
  const page = sortedPage(jobs, input, 'ListTransformJobs', key, 'Descending')
  return compact({
    TransformJobSummaries: page.items.map(j =>
      compact({
        TransformJobName: j.name,
        TransformJobArn: j.arn,
        CreationTime: secs(j.creationTime),
        TransformEndTime: secs(j.endTime),
        LastModifiedTime: secs(j.endTime ?? j.startTime),
        TransformJobStatus: j.status,
        FailureReason: j.failureReason
      })
    ),
    NextToken: page.nextToken
  })
}

export const transformHandlers: Record<string, Handler> = {
  CreateTransformJob: createTransformJob,
  DescribeTransformJob: describeTransformJob,
  StopTransformJob: stopTransformJob,
  ListTransformJobs: listTransformJobs
}
