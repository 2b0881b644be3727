// A byte stream cut into runs of whole lines, for the readers that parse lines in place
// (csv.ts, live/data.ts): a line split across chunks is joined once, and the last line
// gains the line feed it may lack.

export const LF = 10

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
