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
  /** The file line of each row. */
  lines: Float64Array
  labels: Float64Array
  /** The body: each row's features and a line feed. */
  body: Uint8Array
}

export interface PackLimits {
  maxBytes: number
  maxRows: number
}

/** Rows [from, to) of a block. */
interface Run {
  block: RowBlock
  from: number
  to: number
}

function start(block: RowBlock, i: number): number {
  return i === 0 ? 0 : block.ends[i - 1]!
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
  let runs: Run[] = []
  let rows = 0
  let bytes = 0
  const take = (): RequestBatch => {
    const batch: RequestBatch = {
      index: index++,
      rows,
      lines: new Float64Array(rows),
      labels: new Float64Array(rows),
      body: new Uint8Array(bytes)
    }
    let row = 0
    let at = 0
    for (const { block, from, to } of runs) {
      batch.lines.set(block.lines.subarray(from, to), row)
      batch.labels.set(block.labels.subarray(from, to), row)
      row += to - from
      const piece = block.features.subarray(start(block, from), start(block, to))
      batch.body.set(piece, at)
      at += piece.length
    }
    runs = []
    rows = 0
    bytes = 0
    return batch
  }
  for await (const block of blocks) {
    let run: Run = { block, from: 0, to: 0 }
    for (let i = 0; i < block.rows; i++) {
      const size = block.ends[i]! - start(block, i)
      if (size > limits.maxBytes)
        throw new RangeError(
          `line ${block.lines[i]}: a row of ${size} bytes cannot fit a request of ${limits.maxBytes} bytes`
        )
      if (rows > 0 && (bytes + size > limits.maxBytes || rows >= limits.maxRows)) {
        if (run.to > run.from) runs.push(run)
        yield take()
        run = { block, from: i, to: i }
      }
      run.to = i + 1
      rows++
      bytes += size
    }
    if (run.to > run.from) runs.push(run)
  }
  if (rows > 0) yield take()
}
