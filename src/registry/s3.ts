// S3 objects the registry points at: the model-quality statistics JSON a version's
// ModelMetrics refer to, and the digests SageMaker records for them.
import { createHash } from 'node:crypto'
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { UserError } from '../errors.js'
import { S3_URI, s3UriExpected } from './names.js'

export interface S3Location {
  bucket: string
  /** Object key, or key prefix, without a leading slash; may be empty for a bucket root. */
  key: string
}

/** Parses `s3://bucket/key`; `input` names the action input in the error message. */
export function parseS3Uri(uri: string, input: string): S3Location {
  const match = S3_URI.exec(uri.trim())
  if (!match) {
    throw new UserError(
      `Input "${input}" must be ${s3UriExpected(uri, 's3://bucket/prefix')}; got "${uri}".`
    )
  }
  return { bucket: match[1] as string, key: match[2] ?? '' }
}

export function formatS3Uri(location: S3Location): string {
  return `s3://${location.bucket}/${location.key}`
}

/** Appends path segments to a prefix, with exactly one `/` between parts. */
export function joinS3Key(prefix: string, ...segments: string[]): string {
  return [prefix, ...segments]
    .map(part => part.replace(/^\/+|\/+$/g, ''))
    .filter(part => part.length > 0)
    .join('/')
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

/**
 * The digest in the form MetricsSource.ContentDigest accepts
 * (`^[Ss][Hh][Aa]256:[0-9a-fA-F]{64}$`, at most 72 characters).
 */
export function contentDigest(data: string | Uint8Array): string {
  return `sha256:${sha256Hex(data)}`
}

export async function putObject(
  s3: S3Client,
  location: S3Location,
  body: string,
  contentType: string
): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: location.bucket,
      Key: location.key,
      Body: body,
      ContentType: contentType
    })
  )
}

/**
 * The object's bytes: the digest SageMaker records is of the bytes, and decoding first
 * would change them (a byte-order mark is dropped, invalid UTF-8 becomes U+FFFD).
 */
export async function getObjectBytes(s3: S3Client, location: S3Location): Promise<Uint8Array> {
  const response = await s3.send(
    new GetObjectCommand({ Bucket: location.bucket, Key: location.key })
  )
  if (!response.Body) throw new Error(`${formatS3Uri(location)} has no content`)
  return response.Body.transformToByteArray()
}

/** Reads a whole object as UTF-8 text. */
export async function getObjectText(s3: S3Client, location: S3Location): Promise<string> {
  const response = await s3.send(
    new GetObjectCommand({ Bucket: location.bucket, Key: location.key })
  )
  if (!response.Body) throw new Error(`${formatS3Uri(location)} has no content`)
  return response.Body.transformToString('utf-8')
}

/**
 * `metrics-s3-uri` names an existing statistics object to attach when it ends in `.json`;
 * any other URI is the folder the statistics this run builds are written to.
 */
export function isStatisticsObjectUri(uri: string): boolean {
  return /\.json$/i.test(uri)
}
