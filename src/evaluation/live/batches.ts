// Rows packed into InvokeEndpoint requests: as many rows as fit under the payload limit,
// counted in bytes of the body actually sent (features only, one line each), and at most
// `maxRows` rows so that one request's model time stays far from the invocation timeout.
import type { RowBlock } from './data.js'

/** InvokeEndpoint's Body: "Maximum length of 6291456" (API reference). */
export const INSTANCE_PAYLOAD_BYTES = 6291456
/** "The maximum request and response payload size for serverless invocations is 4 MB." */
export const SERVERLESS_PAYLOAD_BYTES = 4 * 1024 * 1024
/** Rows per request by default: big enough to amortise a request, small enough for any model. */
export const DEFAULT_ROWS_PER_REQUEST = 1000

/** One request's rows. */
export interface RequestBatch {
  /** 0, 1, 2, ... in data order. */
  index: number
  rows: number
  lines: number[]
  labels: Float64Array
  /** The body: each row's features and a line feed. */
  body: Uint8Array
}

export interface PackLimits {
  maxBytes: number
  maxRows: number
}

/**
 * Packs rows, in order, into request batches. A row larger than `maxBytes` on its own is
 * refused (the data check refuses it earlier, with its line).
 */
export async function* packRequests(
  blocks: AsyncIterable<RowBlock>,
  limits: PackLimits
): AsyncGenerator<RequestBatch> {
  if (!(limits.maxBytes > 0 && limits.maxRows >= 1))
    throw new RangeError(`bad request limits: ${JSON.stringify(limits)}`)
  let index = 0
  let parts: string[] = []
  let lines: number[] = []
  let labels: number[] = []
  let bytes = 0
  const take = (): RequestBatch => {
    const batch: RequestBatch = {
      index: index++,
      rows: parts.length,
      lines,
      labels: Float64Array.from(labels),
      body: Buffer.from(`${parts.join('\n')}\n`)
    }
    parts = []
    lines = []
    labels = []
    bytes = 0
    return batch
  }
  for await (const block of blocks) {
    for (let i = 0; i < block.rows; i++) {
      const features = block.features[i]!
      const size = Buffer.byteLength(features) + 1
      if (size > limits.maxBytes)
        throw new RangeError(
          `line ${block.lines[i]}: a row of ${size} bytes cannot fit a request of ${limits.maxBytes} bytes`
        )
      if (parts.length > 0 && (bytes + size > limits.maxBytes || parts.length >= limits.maxRows))
        yield take()
      parts.push(features)
      lines.push(block.lines[i]!)
      labels.push(block.labels[i]!)
      bytes += size
    }
  }
  if (parts.length > 0) yield take()
}
