// Reading an A/B test's data from S3: the ground truth under its prefix, then each
// variant's captured requests under `<capture prefix>/<endpoint>/<variant>/yyyy/mm/dd/hh/`,
// one object at a time, streamed through the join. Only the hour folders the window can
// hold are read: captures of the window's hours, and labels from the window's first hour
// on (a label cannot come before its request).
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3'
import type { Task } from '../evaluation/dataset.js'
import { formatS3Uri, joinS3Key, type S3Location } from '../registry/s3.js'
import { GroundTruth, VariantJoin, type JoinedVariant, type TimeWindow } from './join.js'

const HOUR_FOLDER = /(?:^|\/)(\d{4})\/(\d{2})\/(\d{2})\/(\d{2})\/[^/]+$/
const HOUR_MS = 3600_000

/** The start of the hour a key's `yyyy/mm/dd/hh/` folder names, or undefined. */
export function hourOfKey(key: string): number | undefined {
  const m = HOUR_FOLDER.exec(key)
  if (!m) return undefined
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]))
}

async function* keysUnder(s3: S3Client, location: S3Location): AsyncGenerator<string> {
  const prefix = location.key === '' ? '' : `${location.key.replace(/\/+$/, '')}/`
  let ContinuationToken: string | undefined
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: location.bucket, Prefix: prefix, ContinuationToken })
    )
    for (const item of page.Contents ?? []) if (item.Key) yield item.Key
    ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined
  } while (ContinuationToken)
}

/**
 * One object's bytes, whole: a long line (a large payload) would otherwise be joined again
 * at every chunk of the stream it spans.
 */
async function objectBytes(s3: S3Client, bucket: string, key: string): Promise<Uint8Array[]> {
  const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
  const body = await response.Body?.transformToByteArray()
  return body ? [body] : []
}

/** Keys under `location` whose hour folder lies in [from, to]. */
async function keysInHours(
  s3: S3Client,
  location: S3Location,
  from: number,
  to: number
): Promise<string[]> {
  const keys: string[] = []
  for await (const key of keysUnder(s3, location)) {
    const hour = hourOfKey(key)
    if (hour !== undefined && hour >= from && hour <= to) keys.push(key)
  }
  return keys.sort()
}

function firstHour(window: TimeWindow): number {
  return Math.floor(window.start.getTime() / HOUR_MS) * HOUR_MS
}

/** Every label under the ground-truth prefix from the window's first hour on. */
export async function readGroundTruth(
  s3: S3Client,
  location: S3Location,
  task: Task,
  window: TimeWindow
): Promise<{ truth: GroundTruth; objects: number }> {
  const truth = new GroundTruth(task)
  const keys = await keysInHours(s3, location, firstHour(window), Number.MAX_SAFE_INTEGER)
  for (const key of keys) {
    truth.addChunks(await objectBytes(s3, location.bucket, key), `s3://${location.bucket}/${key}`)
  }
  return { truth, objects: keys.length }
}

/** One variant's captured requests in the window, joined with the labels. */
export async function readVariant(
  s3: S3Client,
  capture: S3Location,
  endpointName: string,
  variantName: string,
  options: { task: Task; truth: GroundTruth; window: TimeWindow }
): Promise<JoinedVariant & { objects: number; prefix: string }> {
  const location = {
    bucket: capture.bucket,
    key: joinS3Key(capture.key, endpointName, variantName)
  }
  const join = new VariantJoin(variantName, options.task, options.truth.labels, options.window)
  const keys = await keysInHours(
    s3,
    location,
    firstHour(options.window),
    options.window.end.getTime()
  )
  for (const key of keys) {
    join.addChunks(await objectBytes(s3, location.bucket, key), `s3://${location.bucket}/${key}`)
  }
  return { ...join.finish(), objects: keys.length, prefix: formatS3Uri(location) }
}
