// Live evaluation with Batch Transform, for data too large for an endpoint: SageMaker
// spreads each job over its instances. One job per version reads the same S3 data; the
// job's DataProcessing keeps the label with each prediction, so the output alone is
// enough to compute the metrics:
//   InputFilter  `$[1:]`     the model sees the row without its label (the first column),
//   JoinSource   `Input`     the prediction is appended to the row,
//   OutputFilter `$[0,F:]`   the output keeps the label and the prediction's values
//                            (F = the columns of the input row).
// Those are the documented JSONPath forms (DataProcessing's examples `$[1:]`, `$[0,5:]`),
// so the job reads label-first data without a header: data already in that shape is read
// where it is (an S3 object, through a manifest naming exactly it) or uploaded as it is
// (a local file); other data is rewritten label first into the work prefix. Outputs are
// in input order (SplitType Line, AssembleWith Line), so the two versions' outputs pair
// up line by line.
import { randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3'
import {
  CreateTransformJobCommand,
  DescribeTransformJobCommand,
  type TransformInstanceType
} from '@aws-sdk/client-sagemaker'
import { UserError } from '../../errors.js'
import { formatS3Uri, joinS3Key, putObject, type S3Location } from '../../registry/s3.js'
import { hashing } from '../evaluate.js'
import { readAnswer } from './answers.js'
import { LiveCollector } from './collect.js'
import { isLabelFirst, labelFirstCopy, labelNumber } from './data.js'
import { createModel, CSV, type ServedVersion, waitUntilSettled } from './resources.js'
import {
  CandidateFailure,
  collectorOptions,
  type LiveRun,
  type MethodOutcome
} from './run-context.js'
import { currentEtag, openData, uploadFile, workLocation } from './sources.js'
import { BaselineServingError, LIVE_DEFAULTS } from './types.js'

/** A transform job's default MaxPayloadInMB: a row above it fails the job. */
export const TRANSFORM_PAYLOAD_BYTES = 6 * 1024 * 1024

const RUNNING = new Set(['InProgress', 'Stopping'])

/** Rows read from the outputs per block handed to the engine. */
const BLOCK_ROWS = 4096

interface JobInput {
  S3DataType: 'S3Prefix' | 'ManifestFile'
  S3Uri: string
}

/** Puts the data where the jobs read it, label first and without a header. */
async function stageInput(run: LiveRun, work: S3Location): Promise<JobInput> {
  const { deps, request, data, names } = run
  const folder = joinS3Key(work.key, names.base, 'input')
  const labelFirst = isLabelFirst(data.summary.layout)
  if (labelFirst && data.location) {
    // The object itself, and nothing else under its prefix: a manifest names exactly it.
    const dir = data.location.key.slice(0, data.location.key.lastIndexOf('/') + 1)
    const manifest = { bucket: work.bucket, key: joinS3Key(folder, 'input.manifest') }
    await putObject(
      deps.s3,
      manifest,
      JSON.stringify([
        { prefix: formatS3Uri({ bucket: data.location.bucket, key: dir }) },
        data.location.key.slice(dir.length)
      ]),
      'application/json'
    )
    run.written.s3Objects.push(formatS3Uri(manifest))
    return { S3DataType: 'ManifestFile', S3Uri: formatS3Uri(manifest) }
  }
  const target = {
    bucket: work.bucket,
    key: joinS3Key(folder, labelFirst ? basename(request.data) : 'data.csv')
  }
  if (labelFirst) {
    await uploadFile(deps.s3, request.data, target, CSV)
  } else {
    const path = join(deps.tempDir ?? tmpdir(), `${names.base}-${randomUUID()}.csv`)
    try {
      const opened = await openData(deps.s3, request.data, request.source)
      const hashed = hashing(opened.chunks)
      const out = createWriteStream(path)
      for await (const chunk of labelFirstCopy(hashed.chunks, {
        task: request.task,
        source: request.source,
        label: request.labelColumn,
        header: request.header
      })) {
        if (!out.write(chunk)) await once(out, 'drain')
      }
      out.end()
      await once(out, 'finish')
      if (hashed.digest() !== data.sha256)
        throw new UserError(
          `${request.source} changed while it was being copied for the transform jobs (its sha256 is not the one checked before). Run again on data that stays put.`
        )
      await uploadFile(deps.s3, path, target, CSV)
    } finally {
      await rm(path, { force: true })
    }
  }
  run.written.s3Objects.push(formatS3Uri(target))
  return { S3DataType: 'S3Prefix', S3Uri: formatS3Uri({ bucket: work.bucket, key: `${folder}/` }) }
}

function outputPrefix(run: LiveRun, work: S3Location, version: ServedVersion): S3Location {
  return {
    bucket: work.bucket,
    key: `${joinS3Key(work.key, run.names.base, 'output', version.role)}/`
  }
}

async function startJob(
  run: LiveRun,
  version: ServedVersion,
  input: JobInput,
  output: S3Location
): Promise<string> {
  const { deps, request, names, resources, data } = run
  const name = names.transformJob(version.role)
  const instanceType =
    request.instanceType ?? version.transformInstanceTypes[0] ?? LIVE_DEFAULTS.transformInstanceType
  await resources.create('transform-job', name, () =>
    deps.sagemaker.send(
      new CreateTransformJobCommand({
        TransformJobName: name,
        ModelName: names.model(version.role),
        BatchStrategy: 'MultiRecord',
        MaxPayloadInMB: TRANSFORM_PAYLOAD_BYTES / (1024 * 1024),
        TransformInput: {
          DataSource: { S3DataSource: input },
          ContentType: CSV,
          SplitType: 'Line',
          CompressionType: 'None'
        },
        TransformOutput: { S3OutputPath: formatS3Uri(output), Accept: CSV, AssembleWith: 'Line' },
        TransformResources: {
          InstanceType: instanceType as TransformInstanceType,
          InstanceCount: request.instanceCount
        },
        DataProcessing: {
          InputFilter: '$[1:]',
          JoinSource: 'Input',
          OutputFilter: `$[0,${data.summary.layout.fieldCount}:]`
        }
      })
    )
  )
  return name
}

/** The non-blank lines of every object under a prefix, in key order. */
async function* outputLines(s3: S3Client, prefix: S3Location): AsyncGenerator<string> {
  const keys: string[] = []
  let token: string | undefined
  do {
    const page = await s3.send(
      new ListObjectsV2Command({
        Bucket: prefix.bucket,
        Prefix: prefix.key,
        ContinuationToken: token
      })
    )
    for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key)
    token = page.IsTruncated ? page.NextContinuationToken : undefined
  } while (token)
  keys.sort()
  if (keys.length === 0)
    throw new Error(`the transform job wrote nothing under ${formatS3Uri(prefix)}`)
  for (const key of keys) {
    const response = await s3.send(new GetObjectCommand({ Bucket: prefix.bucket, Key: key }))
    const decoder = new TextDecoder()
    let carry = ''
    for await (const chunk of response.Body as AsyncIterable<Uint8Array>) {
      const text = carry + decoder.decode(chunk, { stream: true })
      const lines = text.split('\n')
      carry = lines.pop()!
      for (const line of lines) if (line.trim() !== '') yield line.replace(/\r$/, '')
    }
    carry += decoder.decode()
    if (carry.trim() !== '') yield carry.replace(/\r$/, '')
  }
}

/** Splits an output line into its label (the first value) and the prediction's values. */
function splitOutput(line: string, source: string, row: number): [string, string] {
  const comma = line.indexOf(',')
  if (comma < 0)
    throw new UserError(
      `${source}: output line ${row} is ${JSON.stringify(line.slice(0, 80))}: no prediction after the label.`
    )
  return [line.slice(0, comma).trim(), line.slice(comma + 1)]
}

/** Reads both outputs in step, row by row, into the engine. */
async function collect(
  run: LiveRun,
  outputs: Map<ServedVersion, S3Location>
): Promise<LiveCollector> {
  const { deps, request, data } = run
  const versions = [...outputs.keys()]
  const sources = versions.map(v => formatS3Uri(outputs.get(v)!))
  const collector = new LiveCollector(collectorOptions(run, sources[0]!))
  const streams = versions.map(v => outputLines(deps.s3, outputs.get(v)!))
  let rows = 0
  let index = 0
  for (;;) {
    const labels: number[] = []
    const lines: number[] = []
    const rest: string[][] = versions.map(() => [])
    while (labels.length < BLOCK_ROWS) {
      const next = await Promise.all(streams.map(stream => stream.next()))
      const ended = next.filter(n => n.done).length
      if (ended === next.length) break
      if (ended > 0)
        throw new UserError(
          `The transform outputs have different lengths: ${versions.map((v, i) => `${v.role} ${next[i]!.done ? 'ended' : 'goes on'}`).join(', ')} after ${rows} rows. They must pair up row by row.`
        )
      rows++
      const split = next.map((n, i) => splitOutput(n.value as string, sources[i]!, rows))
      const labelText = split[0]![0]
      if (split.some(([label]) => label !== labelText))
        throw new UserError(
          `The transform outputs disagree on the label of row ${rows} (${split.map(([label], i) => `${versions[i]!.role} ${JSON.stringify(label)}`).join(', ')}): they are not in the same order.`
        )
      const label = labelNumber(labelText)
      if (label === undefined)
        throw new UserError(
          `${sources[0]}: row ${rows} starts with ${JSON.stringify(labelText)}, not the label.`
        )
      labels.push(label)
      lines.push(rows)
      split.forEach(([, values], i) => rest[i]!.push(values))
    }
    if (labels.length === 0) break
    const sent = { rows: labels.length, lines, labels: Float64Array.from(labels) }
    const [candidate, baseline] = versions.map((v, i) =>
      readAnswer(rest[i]!.join('\n'), CSV, {
        task: request.task,
        rows: labels.length,
        source: sources[i]!,
        predictionColumn: request.predictionColumn
      })
    )
    collector.add(index++, sent, candidate!, baseline)
  }
  if (rows !== data.summary.rows)
    throw new UserError(
      `The transform output has ${rows} rows; ${request.source} has ${data.summary.rows}. Every row must have its prediction.`
    )
  return collector
}

/** The batch transform method: stage the data, run a job per version, read the outputs. */
export async function predictWithTransform(run: LiveRun): Promise<MethodOutcome> {
  const { deps, request, names, resources } = run
  const work = workLocation(request.workS3Uri!)
  const versions = run.baseline ? [run.candidate, run.baseline] : [run.candidate]
  const input = await stageInput(run, work)
  for (const version of versions)
    await createModel(deps, resources, version, names.model(version.role), request.executionRoleArn)
  run.marks.predicting = deps.now().getTime()
  const outputs = new Map<ServedVersion, S3Location>()
  const jobs = new Map<ServedVersion, string>()
  for (const version of versions) {
    const output = outputPrefix(run, work, version)
    outputs.set(version, output)
    run.written.outputs.push(formatS3Uri(output))
    jobs.set(version, await startJob(run, version, input, output))
  }
  const settled = await Promise.allSettled(
    versions.map(version =>
      waitUntilSettled(
        deps,
        `transform job ${jobs.get(version)}`,
        RUNNING,
        async () => {
          const job = await deps.sagemaker.send(
            new DescribeTransformJobCommand({ TransformJobName: jobs.get(version) })
          )
          return { status: job.TransformJobStatus ?? 'unknown', reason: job.FailureReason }
        },
        { timeoutSeconds: request.waitTimeoutSeconds, pollSeconds: request.pollSeconds }
      )
    )
  )
  const rejected = settled.find(s => s.status === 'rejected')
  if (rejected) throw (rejected as PromiseRejectedResult).reason
  const states = settled.map(
    s => (s as PromiseFulfilledResult<{ status: string; reason?: string }>).value
  )
  for (const [i, version] of versions.entries()) {
    const state = states[i]!
    if (state.status === 'Completed') continue
    const reason = state.reason ?? `the job is ${state.status}`
    if (version.role === 'candidate')
      throw new CandidateFailure(reason, 'transform-job', `transform job ${jobs.get(version)}`)
    throw new BaselineServingError(
      `The baseline ${version.label} cannot be served: transform job ${jobs.get(version)} is ${state.status}: ${reason}. This is an error, not a decision: without the baseline there is no comparison.`,
      reason
    )
  }
  if (run.data.location && run.data.etag !== undefined) {
    const etag = await currentEtag(deps.s3, run.data.location)
    if (etag !== run.data.etag)
      throw new UserError(
        `${request.source} changed while the transform jobs read it (its ETag is ${etag ?? 'gone'}, not ${run.data.etag}): the metrics would not describe the data checked. Run again on data that stays put.`
      )
  }
  return { kind: 'predicted', collector: await collect(run, outputs) }
}
