// JSON-lines objects read as bytes, a chunk at a time: each line is scanned in place
// (scan.ts) and handed to the reader's fast path with its fields' positions; a line the
// scanner cannot vouch for, or the fast path declines, goes to the reader's JSON.parse
// path as the text the object's UTF-8 decodes to. A line split across chunks is joined
// once (lines.ts); lines are numbered per object for messages.
import { decimalEnd, parseDecimal } from '../evaluation/decimal.js'
import { LF, SPACE, lastLine, linesOf, type LineRegion } from '../evaluation/lines.js'
import { ESCAPED, LineScanner, WIDE, type Shape } from './scan.js'

/** Where a line is: the object's name for messages, and the line's number in it. */
export interface LineOrigin {
  source: string
  line: number
}

/** One object being read: where, and a line not yet ended. */
interface ObjectState extends LineOrigin {
  carry?: Uint8Array
}

function asBuffer(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength)
}

/** The text of `b[start, end)` as the object's UTF-8 decodes to (bad bytes become U+FFFD). */
export function utf8(b: Uint8Array, start: number, end: number): string {
  return asBuffer(b).toString('utf8', start, end)
}

/** Whether `b[start, end)` holds exactly the ASCII `word`. */
export function bytesEqual(b: Uint8Array, start: number, end: number, word: Uint8Array): boolean {
  if (end - start !== word.length) return false
  for (let k = 0; k < word.length; k++) if (b[start + k] !== word[k]) return false
  return true
}

const BACKSLASH = 92
/** Escapes of characters `\s` matches: `\n`, `\r`, `\t`, `\f`. */
const SPACE_ESCAPES = new Set([110, 114, 116, 102])

/**
 * The number a JSON string's text `b[start, end)` holds with nothing around it but
 * spaces and `\n`, `\r`, `\t`, `\f` escapes; NaN when it holds anything else (the caller
 * then reads the decoded text). The same double Number() gives.
 */
export function plainNumber(b: Uint8Array, start: number, end: number): number {
  for (;;) {
    if (b[start] === SPACE) start++
    else if (b[start] === BACKSLASH && SPACE_ESCAPES.has(b[start + 1]!)) start += 2
    else break
  }
  for (;;) {
    if (b[end - 1] === SPACE) end--
    else if (end - start >= 2 && b[end - 2] === BACKSLASH && SPACE_ESCAPES.has(b[end - 1]!)) {
      // `\\n` is a backslash then `n`, not a line feed: an even run of backslashes.
      let run = 1
      while (b[end - 2 - run] === BACKSLASH) run++
      if (run % 2 === 0) break
      end -= 2
    } else break
  }
  if (start >= end) return NaN
  const value = parseDecimal(b, start, end)
  return decimalEnd === end ? value : NaN
}

/** Both ways of reading a line: the fast ones, and JSON.parse (the reference, for tests). */
export interface ReadOptions {
  /** false reads every line with JSON.parse. */
  scan?: boolean
}

/**
 * A JSON string's text in a layout RegExp: printable ASCII without escapes (so the text is
 * what JSON.parse gives), as a group; and any string JSON.parse accepts, skipped: no raw
 * control character, only JSON's escapes. A line a layout matches is then JSON in every
 * byte, read or not.
 */
export const PLAIN_TEXT = String.raw`[^"\\\x00-\x1f\x80-\xff]`
export const PLAIN_STRING = String.raw`"(${PLAIN_TEXT}*)"`
export const ANY_STRING = String.raw`"[^"\\\x00-\x1f]*(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\x00-\x1f]*)*"`
/** The spaces and line feed after a line's last brace. */
export const LINE_END = String.raw`[ \t\r]*\n`

/**
 * The number in a JSON string's text (ASCII) with nothing around it but spaces and `\n`,
 * `\r`, `\t`, `\f` escapes; NaN when it holds anything else. What plainNumber reads.
 */
export function plainNumberText(text: string): number {
  if (text.length > scratch.length) return NaN
  for (let k = 0; k < text.length; k++) scratch[k] = text.charCodeAt(k)
  return plainNumber(scratch, 0, text.length)
}
const scratch = new Uint8Array(256)

/** Lines of JSON read through a scanner's fast path, else with JSON.parse. */
export abstract class JsonLines {
  protected readonly scanner: LineScanner

  constructor(
    shape: Shape,
    fields: number,
    protected readonly options: ReadOptions,
    private readonly layout?: RegExp
  ) {
    this.scanner = new LineScanner(shape, fields)
  }

  /**
   * Handles a line the layout matched (sticky, through its line feed), from the match's
   * groups; false leaves it to the scanner, unchanged.
   */
  protected matched(_match: RegExpExecArray): boolean {
    return false
  }

  /** Handles one line from the scanner's fields; false leaves it to `parsed`, unchanged. */
  protected abstract scanned(b: Uint8Array, origin: LineOrigin): boolean

  /** Handles one line of text with JSON.parse; `where` names the line in messages. */
  protected abstract parsed(line: string, where: string, source: string): void

  /** Reads one object's text; `source` names the object in messages. */
  addText(text: string, source: string): void {
    this.addChunks([Buffer.from(text, 'utf8')], source)
  }

  /** Reads one object's bytes, a chunk at a time (a chunk may be reused once read). */
  addChunks(chunks: Iterable<Uint8Array>, source: string): void {
    const object: ObjectState = { source, line: 0 }
    for (const chunk of chunks) this.chunk(object, chunk)
    this.finishObject(object)
  }

  /** addChunks for a stream: an S3 object's body, a file's chunks. */
  async addStream(
    chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    source: string
  ): Promise<void> {
    const object: ObjectState = { source, line: 0 }
    for await (const chunk of chunks) this.chunk(object, chunk)
    this.finishObject(object)
  }

  /** The text of field `f` of the line last scanned. */
  protected text(b: Uint8Array, f: number): string {
    const { start, end, flags } = this.scanner
    const flag = flags[f]!
    if (flag === 0) return asBuffer(b).toString('latin1', start[f]!, end[f]!)
    const raw = utf8(b, start[f]!, end[f]!)
    return (flag & ESCAPED) === 0 ? raw : (JSON.parse(`"${raw}"`) as string)
  }

  /** Field `f`'s text when the line has it, else undefined. */
  protected optionalText(b: Uint8Array, f: number): string | undefined {
    return this.scanner.flags[f]! < 0 ? undefined : this.text(b, f)
  }

  /** Whether field `f` is there, ASCII and without escapes: its bytes are its text. */
  protected plain(f: number): boolean {
    return this.scanner.flags[f] === 0
  }

  /** Whether field `f` is there and its text has only ASCII characters. */
  protected ascii(f: number): boolean {
    const flag = this.scanner.flags[f]!
    return flag >= 0 && (flag & WIDE) === 0
  }

  private chunk(object: ObjectState, chunk: Uint8Array): void {
    for (const region of linesOf(chunk, object, () => {})) this.lines(region, object)
  }

  private finishObject(object: ObjectState): void {
    const last = lastLine(object)
    if (last) this.lines(last, object)
  }

  private lines({ bytes, start, end }: LineRegion, object: ObjectState): void {
    const layout = this.options.scan === false ? undefined : this.layout
    // One string of the region's bytes (latin1: a byte a character) for the layout's RegExp.
    const text = layout ? asBuffer(bytes).toString('latin1', start, end) : ''
    let i = start
    while (i < end) {
      object.line++
      if (layout) {
        layout.lastIndex = i - start
        const match = layout.exec(text)
        if (match && this.matched(match)) {
          i = start + layout.lastIndex
          continue
        }
      }
      let lf = this.scanner.scan(bytes, i)
      const fast = lf >= 0 && (this.scanner.blank || this.scanned(bytes, object))
      if (lf < 0) lf = bytes.indexOf(LF, i)
      if (!fast) this.parsed(utf8(bytes, i, lf), `line ${object.line}`, object.source)
      i = lf + 1
    }
  }
}
