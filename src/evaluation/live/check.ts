// The data of a live evaluation read once and checked row by row before anything exists in
// AWS: its sha256, size and row count are taken on the way.
import { hashing } from '../evaluate.js'
import { INSTANCE_PAYLOAD_BYTES, SERVERLESS_PAYLOAD_BYTES } from './batches.js'
import { checkLiveData } from './data.js'
import type { CheckedData, ResolvedRequest } from './run-context.js'
import { openData } from './sources.js'
import { TRANSFORM_PAYLOAD_BYTES } from './transform.js'
import type { LiveDeps } from './types.js'

/** The largest row a method can send, and why, for the data check. */
function rowLimit(request: ResolvedRequest): { bytes: number; reason: string } {
  if (request.method === 'batch-transform')
    return { bytes: TRANSFORM_PAYLOAD_BYTES, reason: `a transform job's MaxPayloadInMB (6 MB)` }
  return request.instanceType === undefined
    ? { bytes: SERVERLESS_PAYLOAD_BYTES, reason: `a serverless endpoint's payload limit (4 MB)` }
    : { bytes: INSTANCE_PAYLOAD_BYTES, reason: `an endpoint's payload limit (6 MB)` }
}

async function* counted(chunks: AsyncIterable<Uint8Array>, into: { bytes: number }) {
  for await (const chunk of chunks) {
    into.bytes += chunk.length
    yield chunk
  }
}

/** Reads the data once, checking every row; nothing in AWS exists yet. */
export async function checkRequestData(
  deps: LiveDeps,
  request: ResolvedRequest
): Promise<CheckedData> {
  const opened = await openData(deps.s3, request.data, request.source)
  const size = { bytes: 0 }
  const hashed = hashing(counted(opened.chunks, size))
  const limit = rowLimit(request)
  const summary = await checkLiveData(
    hashed.chunks,
    {
      task: request.task,
      source: request.source,
      label: request.labelColumn,
      header: request.header,
      maxRowBytes: limit.bytes,
      maxRowBytesReason: limit.reason
    },
    // Kept, the rows are sent from memory: no second read (of S3, perhaps), and nothing
    // can change between the check and the predictions.
    request.method === 'endpoint' ? request.keepInMemoryBytes : 0
  )
  return {
    summary,
    sha256: hashed.digest(),
    bytes: size.bytes,
    location: opened.location,
    etag: opened.etag
  }
}
