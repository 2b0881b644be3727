// Where validation data comes from and where batch transform's copy goes: a local file or
// an S3 object read as a stream (never whole in memory), files uploaded with their length.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client
} from '@aws-sdk/client-s3'
import { UserError } from '../../errors.js'
import { parseS3Uri, type S3Location } from '../../registry/s3.js'
import { fileChunks } from '../sources.js'

/** The input names S3 URI errors mention. */
export const DATA_INPUT = 'validation-data'
export const WORK_INPUT = 'work-s3-uri'

export interface OpenedData {
  chunks: AsyncIterable<Uint8Array>
  /** S3: the object read, and its ETag, to tell later whether it changed. */
  location?: S3Location
  etag?: string
}

export function isS3Uri(data: string): boolean {
  return data.startsWith('s3://')
}

/** Opens the data for one pass over its bytes. */
export async function openData(s3: S3Client, data: string, source: string): Promise<OpenedData> {
  if (isS3Uri(data)) {
    const location = parseS3Uri(data, DATA_INPUT)
    let response
    try {
      response = await s3.send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key }))
    } catch (error) {
      const name = (error as Error).name
      if (name === 'NoSuchKey' || name === 'NoSuchBucket' || name === 'NotFound')
        throw new UserError(`${source}: there is no such S3 object (${name}).`)
      throw error
    }
    const body = response.Body as AsyncIterable<Uint8Array> | undefined
    if (!body) throw new UserError(`${source}: the S3 object has no content.`)
    return { chunks: body, location, etag: response.ETag }
  }
  try {
    const info = await stat(data)
    if (!info.isFile()) throw new UserError(`${source}: not a file.`)
  } catch (error) {
    if (error instanceof UserError) throw error
    throw new UserError(`${source}: cannot read the file: ${(error as Error).message}`)
  }
  return { chunks: fileChunks(data) }
}

/** The ETag of an S3 object now. */
export async function currentEtag(s3: S3Client, location: S3Location): Promise<string | undefined> {
  const head = await s3.send(new HeadObjectCommand({ Bucket: location.bucket, Key: location.key }))
  return head.ETag
}

/** Uploads a local file as one object (up to S3's 5 GB for one PutObject). */
export async function uploadFile(
  s3: S3Client,
  path: string,
  location: S3Location,
  contentType: string
): Promise<void> {
  const { size } = await stat(path)
  await s3.send(
    new PutObjectCommand({
      Bucket: location.bucket,
      Key: location.key,
      Body: createReadStream(path),
      ContentLength: size,
      ContentType: contentType
    })
  )
}

export function workLocation(workS3Uri: string): S3Location {
  return parseS3Uri(workS3Uri, WORK_INPUT)
}
