// A byte stream cut into runs of whole lines, for the readers that parse lines in place
// (csv.ts, live/data.ts): a line split across chunks is joined once, and the last line
// gains the line feed it may lack.
import { DataError } from './data-error.js'

export const LF = 10
export const CR = 13
export const TAB = 9
export const SPACE = 32
export const QUOTE = 34
/** The UTF-8 byte order mark a file may begin with. */
export const BOM = [0xef, 0xbb, 0xbf]

/** `start..end` of `bytes` holds whole lines, each ending in LF. */
export interface LineRegion {
  bytes: Uint8Array
  start: number
  end: number
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a, 0)
  out.set(b, a.length)
  return out
}

/**
 * The regions of whole lines in a stream, in order. A region is valid only until the next
 * is requested (a chunk's buffer may be reused). `checkCarry` sees the length of a line
 * still unfinished at a chunk's end, so a reader can refuse one that grows without bound.
 */
export function* linesOf(
  bytes: Uint8Array,
  state: { carry?: Uint8Array },
  checkCarry: (length: number) => void
): Generator<LineRegion> {
  let start = 0
  if (state.carry !== undefined) {
    const newline = bytes.indexOf(LF)
    if (newline < 0) {
      state.carry = concat(state.carry, bytes)
      checkCarry(state.carry.length)
      return
    }
    const joined = concat(state.carry, bytes.subarray(0, newline + 1))
    state.carry = undefined
    yield { bytes: joined, start: 0, end: joined.length }
    start = newline + 1
  }
  const last = bytes.lastIndexOf(LF)
  if (last >= start) yield { bytes, start, end: last + 1 }
  const rest = Math.max(start, last + 1)
  // A copy: the chunk's buffer may be reused for the next one (Buffer#slice would not copy).
  if (rest < bytes.length) {
    state.carry = new Uint8Array(bytes.subarray(rest))
    checkCarry(state.carry.length)
  }
}

/** The last line, when the stream did not end with a line feed. */
export function lastLine(state: { carry?: Uint8Array }): LineRegion | undefined {
  if (state.carry === undefined) return undefined
  const line = concat(state.carry, Uint8Array.of(LF))
  return { bytes: line, start: 0, end: line.length }
}

/** The longest line a reader takes, and what its message adds after "without a line break". */
export interface LineLimit {
  maxBytes: number
  note?: string
}

/**
 * The regions of whole lines in a byte stream, in order, the last line included. A region
 * is valid only until the next is requested. A line that grows past `limit` is a DataError
 * naming `source` and the line (`lineNumber()`): it is not data to read, and would be
 * copied again with every chunk.
 */
export async function* lineRegions(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  source: string,
  limit: LineLimit,
  lineNumber: () => number
): AsyncGenerator<LineRegion> {
  const state: { carry?: Uint8Array } = {}
  const check = (length: number): void => {
    if (length > limit.maxBytes) {
      throw new DataError(
        source,
        `line ${lineNumber()} is longer than ${limit.maxBytes >> 20} MiB without a line break${limit.note ?? ''}.`
      )
    }
  }
  for await (const chunk of chunks) yield* linesOf(chunk, state, check)
  const last = lastLine(state)
  if (last) yield last
}
