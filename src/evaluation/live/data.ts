// Validation data for live evaluation: CSV rows of a label and the model's features. A row
// goes to the model without its label column, byte for byte as the rest of its line was
// written (feature values need not be numbers: a model may take categories), and the
// label is checked for the task. The same reader serves the check that runs before any AWS
// resource exists, the rows sent to an endpoint, and the label-first copy a transform job
// reads.
//
// The format, as the metrics engine reads CSV (csv.ts), with two differences that come
// from features: only the label must be a number, and so the first line is a header (with
// `header: 'auto'`) when its label field is not a number. Fields are separated by commas
// (what a `text/csv` model reads), lines by `\n` or `\r\n`; blank lines are skipped; a
// UTF-8 byte-order mark is dropped; a field may be double-quoted but may not span lines;
// every line has as many fields as the first.
//
// Rows are cut from the bytes as they arrive, without a string per line: a request's body
// is the rows' bytes copied back to back, so reading costs little beside the network.
import { type ColumnRef, resolveColumn } from '../csv.js'
import { assertHasRows, DataError, showValue } from '../data-error.js'
import type { Task } from '../dataset.js'
import { decimalEnd, parseDecimal } from '../decimal.js'
import { BOM, CR, LF, lineRegions, QUOTE, SPACE, TAB, type LineLimit } from '../lines.js'
import { MAX_CLASSES } from '../multiclass.js'

export interface LiveDataSpec {
  task: Task
  /** Names the data in messages: an input name, a path, an S3 URI. */
  source: string
  /** The label column by 0-based index or header name; the first column by default. */
  label?: ColumnRef
  /** Whether the first line is a header; `'auto'` (the default) decides from its label field. */
  header?: boolean | 'auto'
  /** A row whose features (and line feed) take more bytes than this is refused. */
  maxRowBytes?: number
  /** What `maxRowBytes` is, for the message. */
  maxRowBytesReason?: string
}

/** What the first line says. */
export interface LiveLayout {
  header?: string[]
  /** Fields per line, the label included. */
  fieldCount: number
  label: { index: number; name?: string }
}

/** Consecutive data rows; every array is fresh for each block. */
export interface RowBlock {
  rows: number
  /** The file line (1-based, header and blank lines counted) of each row. */
  lines: Float64Array
  labels: Float64Array
  /** Each row's features and a line feed, back to back. */
  features: Uint8Array
  /** Where row i's features (line feed included) end; row i starts where row i - 1 ends. */
  ends: Uint32Array
}

const COMMA = 44
/** The longest line accepted: far beyond any row of features a model takes. */
const LINE_LIMIT: LineLimit = { maxBytes: 64 << 20 }

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/
const decoder = new TextDecoder()
const encoder = new TextEncoder()

/** The finite number a field's text holds (quotes and blanks around it allowed), or undefined. */
export function labelNumber(text: string): number | undefined {
  const bare = unquote(text)
  if (!DECIMAL.test(bare)) return undefined
  const value = Number(bare)
  return Number.isFinite(value) ? value + 0 : undefined
}

function unquote(text: string): string {
  const trimmed = text.trim()
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
    ? trimmed.slice(1, -1).replaceAll('""', '"').trim()
    : trimmed
}

/**
 * Where each field of a line starts and ends (`ends[i]` is the delimiter after field i, or
 * the line's length). Quoted fields may hold commas; a quote left open returns undefined.
 */
export function fieldSpans(line: string): { starts: number[]; ends: number[] } | undefined {
  const starts: number[] = []
  const ends: number[] = []
  let i = 0
  for (;;) {
    starts.push(i)
    let j = i
    while (line[j] === ' ' || line[j] === '\t') j++
    if (line[j] === '"') {
      j++
      for (;;) {
        if (j >= line.length) return undefined
        if (line[j] === '"' && line[j + 1] === '"') j += 2
        else if (line[j] === '"') break
        else j++
      }
      j++
    }
    const comma = line.indexOf(',', j)
    ends.push(comma < 0 ? line.length : comma)
    if (comma < 0) return { starts, ends }
    i = comma + 1
  }
}

/** A block being filled: rows' features appended to a buffer that grows by doubling. */
class BlockBuilder {
  rows = 0
  readonly lines: Float64Array
  readonly labels: Float64Array
  readonly ends: Uint32Array
  private bytes: Uint8Array
  private used = 0

  constructor(readonly capacity: number) {
    this.lines = new Float64Array(capacity)
    this.labels = new Float64Array(capacity)
    this.ends = new Uint32Array(capacity)
    this.bytes = new Uint8Array(64 * 1024)
  }

  private reserve(size: number): void {
    if (this.used + size <= this.bytes.length) return
    let length = this.bytes.length * 2
    while (length < this.used + size) length *= 2
    const grown = new Uint8Array(length)
    grown.set(this.bytes.subarray(0, this.used))
    this.bytes = grown
  }

  /** Appends a row: its features from up to two byte ranges, then a line feed. */
  add(
    line: number,
    label: number,
    source: Uint8Array,
    from: number,
    to: number,
    from2 = 0,
    to2 = 0
  ): void {
    const size = to - from + (to2 - from2)
    this.reserve(size + 1)
    this.bytes.set(source.subarray(from, to), this.used)
    this.used += to - from
    if (to2 > from2) {
      this.bytes.set(source.subarray(from2, to2), this.used)
      this.used += to2 - from2
    }
    this.bytes[this.used++] = LF
    const i = this.rows++
    this.lines[i] = line
    this.labels[i] = label
    this.ends[i] = this.used
  }

  take(): RowBlock {
    return {
      rows: this.rows,
      lines: this.lines,
      labels: this.labels,
      features: this.bytes.subarray(0, this.used),
      ends: this.ends
    }
  }
}

/** Reads live validation data a block of rows at a time. */
export class LiveDataReader {
  layout?: LiveLayout
  /** Data rows read so far. */
  rows = 0
  /** Multiclass: the largest label seen. */
  largestLabel = -1
  /** The most bytes one row's features and line feed take. */
  largestRow = 0
  private line = 0
  private block: BlockBuilder

  constructor(
    private readonly spec: LiveDataSpec,
    private readonly blockRows = 4096
  ) {
    this.block = new BlockBuilder(blockRows)
  }

  /** The rows of a byte stream, in order; throws a DataError naming the first bad line. */
  async *blocks(
    chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>
  ): AsyncGenerator<RowBlock> {
    const regions = lineRegions(chunks, this.spec.source, LINE_LIMIT, () => this.line + 1)
    for await (const r of regions) yield* this.region(r.bytes, r.start, r.end)
    if (this.block.rows > 0) yield this.flush()
    assertHasRows(this.spec.source, this)
  }

  private flush(): RowBlock {
    const block = this.block.take()
    this.block = new BlockBuilder(this.blockRows)
    return block
  }

  /** Complete lines in bytes[start, end): `end - 1` is a line feed. */
  private *region(bytes: Uint8Array, start: number, end: number): Generator<RowBlock> {
    let pos = start
    // The next quote in the region, looked up again only once passed: one scan, not one a line.
    let quote = bytes.indexOf(QUOTE, pos)
    while (pos < end) {
      const newline = bytes.indexOf(LF, pos)
      let stop = newline
      if (stop > pos && bytes[stop - 1] === CR) stop--
      if (quote >= 0 && quote < pos) quote = bytes.indexOf(QUOTE, pos)
      this.takeLine(bytes, pos, stop, quote >= 0 && quote < stop)
      pos = newline + 1
      if (this.block.rows === this.blockRows) yield this.flush()
    }
  }

  private fail(problem: string, column?: number): never {
    const index = column ?? this.layout?.label.index
    throw new DataError(this.spec.source, problem, {
      line: this.line,
      column: index,
      columnName: index === undefined ? undefined : this.layout?.header?.[index],
      role: index === this.layout?.label.index ? 'label' : undefined
    })
  }

  private takeLine(bytes: Uint8Array, start: number, end: number, quoted: boolean): void {
    this.line++
    let s = start
    if (this.line === 1 && BOM.every((byte, i) => bytes[s + i] === byte)) s += 3
    let first = s
    while (first < end && (bytes[first] === SPACE || bytes[first] === TAB)) first++
    if (first === end) return
    if (this.layout === undefined && this.firstLine(decoder.decode(bytes.subarray(s, end)))) return
    if (quoted) this.takeQuoted(decoder.decode(bytes.subarray(s, end)))
    else this.takePlain(bytes, s, end)
  }

  /** A line without quotes: fields are what lies between commas. */
  private takePlain(bytes: Uint8Array, start: number, end: number): void {
    const { fieldCount, label } = this.layout!
    const k = label.index
    let field = 0
    let pos = start
    let labelStart = start
    let labelEnd = end
    for (;;) {
      let comma = bytes.indexOf(COMMA, pos)
      if (comma >= end) comma = -1
      if (field === k) {
        labelStart = pos
        labelEnd = comma < 0 ? end : comma
      }
      if (comma < 0) break
      field++
      pos = comma + 1
    }
    this.checkFields(field + 1)
    let a = labelStart
    let b = labelEnd
    while (a < b && (bytes[a] === SPACE || bytes[a] === TAB)) a++
    while (b > a && (bytes[b - 1] === SPACE || bytes[b - 1] === TAB)) b--
    if (a === b) this.fail('the label is empty.')
    const value = parseDecimal(bytes, a, b)
    if (decimalEnd !== b || !Number.isFinite(value))
      this.fail(`${showValue(decoder.decode(bytes.subarray(a, b)))} is not a finite number.`)
    const labelValue = value + 0
    this.checkLabel(labelValue)
    if (k === 0) this.add(labelValue, bytes, labelEnd + 1, end)
    else if (k === fieldCount - 1) this.add(labelValue, bytes, start, labelStart - 1)
    else this.add(labelValue, bytes, start, labelStart, labelEnd + 1, end)
  }

  /** A line with quotes: split honouring them (rare in feature data, so done on text). */
  private takeQuoted(line: string): void {
    const spans = fieldSpans(line)
    if (!spans)
      this.fail(
        'a quoted field runs past the end of the line; quoted line breaks are not supported.'
      )
    this.checkFields(spans.starts.length)
    const { fieldCount, label } = this.layout!
    const k = label.index
    const text = line.slice(spans.starts[k], spans.ends[k])
    const value = labelNumber(text)
    if (value === undefined) {
      const shown = text.trim()
      this.fail(
        shown === '' ? 'the label is empty.' : `${showValue(shown)} is not a finite number.`
      )
    }
    this.checkLabel(value)
    const features =
      k === fieldCount - 1
        ? line.slice(0, spans.starts[k]! - 1)
        : line.slice(0, spans.starts[k]) + line.slice(spans.ends[k]! + 1)
    const bytes = encoder.encode(features)
    this.add(value, bytes, 0, bytes.length)
  }

  private checkFields(count: number): void {
    const expected = this.layout!.fieldCount
    if (count !== expected)
      this.fail(
        `the line has ${count} field${count === 1 ? '' : 's'}; the first line has ${expected}, and every row must give the model the same columns.`
      )
  }

  private add(label: number, bytes: Uint8Array, from: number, to: number, from2 = 0, to2 = 0) {
    const size = to - from + (to2 - from2) + 1
    if (size > this.largestRow) this.largestRow = size
    if (this.spec.maxRowBytes !== undefined && size > this.spec.maxRowBytes)
      this.fail(
        `the row's features take ${size} bytes, more than ${this.spec.maxRowBytesReason ?? `the limit of ${this.spec.maxRowBytes} bytes`}.`
      )
    this.block.add(this.line, label, bytes, from, to, from2, to2)
    this.rows++
  }

  /** Reads the layout from the first non-blank line; true when that line is a header. */
  private firstLine(line: string): boolean {
    const spans = fieldSpans(line)
    if (!spans)
      throw new DataError(
        this.spec.source,
        'a quoted field runs past the end of the line; quoted line breaks are not supported.',
        { line: this.line }
      )
    const fields = spans.starts.map((start, i) => unquote(line.slice(start, spans.ends[i])))
    const fieldCount = fields.length
    const ref = this.spec.label ?? 0
    const mode = this.spec.header ?? 'auto'
    let isHeader: boolean
    if (mode !== 'auto') isHeader = mode
    else if (typeof ref === 'string') isHeader = true
    else isHeader = ref < fieldCount && labelNumber(fields[ref]!) === undefined
    const header = isHeader ? fields : undefined
    const label = resolveColumn(ref, { header, fieldCount }, 'label', this.spec.source)
    this.layout = { header, fieldCount, label: { index: label.index, name: header?.[label.index] } }
    if (fieldCount < 2) {
      throw new DataError(
        this.spec.source,
        'the first line has only one column, the label: the model needs feature columns beside it.'
      )
    }
    return isHeader
  }

  private checkLabel(label: number): void {
    const task = this.spec.task
    if (task === 'binary') {
      if (label !== 0 && label !== 1)
        this.fail(`the label ${label} is not 0 or 1 (binary labels are 0 and 1).`)
    } else if (task === 'multiclass') {
      if (!Number.isInteger(label) || label < 0 || label >= MAX_CLASSES)
        this.fail(
          `the label ${label} is not a class: classes are whole numbers from 0 to ${MAX_CLASSES - 1}.`
        )
      if (label > this.largestLabel) this.largestLabel = label
    }
  }
}

/** Row i's features, line feed included, as a view of the block. */
export function rowFeatures(block: RowBlock, i: number): Uint8Array {
  return block.features.subarray(i === 0 ? 0 : block.ends[i - 1], block.ends[i])
}

/** What the check of the data learned. */
export interface LiveDataSummary {
  rows: number
  layout: LiveLayout
  /** Multiclass: the largest label; -1 otherwise. */
  largestLabel: number
  /** The most bytes one row's features (and line feed) take. */
  largestRow: number
  /** The rows read, when they fit `keepBytes`: sent from memory, the data is not read again. */
  blocks?: RowBlock[]
}

/**
 * Reads the whole data once and checks every row (the label parses and fits the task,
 * every line has the first line's fields, no row is above `maxRowBytes`, at least one
 * row): the pass that runs before any AWS resource exists. Keeps the rows when their
 * features take at most `keepBytes`.
 */
export async function checkLiveData(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  spec: LiveDataSpec,
  keepBytes = 0
): Promise<LiveDataSummary> {
  const reader = new LiveDataReader(spec, 65536)
  let kept: RowBlock[] | undefined = keepBytes > 0 ? [] : undefined
  let bytes = 0
  for await (const block of reader.blocks(chunks)) {
    bytes += block.features.length
    if (bytes > keepBytes) kept = undefined
    kept?.push(block)
  }
  return {
    rows: reader.rows,
    layout: reader.layout!,
    largestLabel: reader.largestLabel,
    largestRow: reader.largestRow,
    blocks: kept
  }
}

/** Whether a transform job can read the data as it is: no header, the label first. */
export function isLabelFirst(layout: LiveLayout): boolean {
  return layout.header === undefined && layout.label.index === 0
}

/**
 * The data rewritten label first, without a header: what a transform job's InputFilter
 * `$[1:]` expects. The label is written as the shortest decimal that reads back as the same
 * number (so `1.50` becomes `1.5`); the features as they were.
 */
export async function* labelFirstCopy(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  spec: LiveDataSpec
): AsyncGenerator<Uint8Array> {
  const reader = new LiveDataReader(spec)
  for await (const block of reader.blocks(chunks)) {
    const labels = Array.from(block.labels.subarray(0, block.rows), label => `${label},`)
    const prefix = encoder.encode(labels.join(''))
    const out = new Uint8Array(prefix.length + block.features.length)
    let at = 0
    let from = 0
    for (let i = 0; i < block.rows; i++) {
      const text = labels[i]!
      out.set(prefix.subarray(from, from + text.length), at)
      at += text.length
      from += text.length
      const features = rowFeatures(block, i)
      out.set(features, at)
      at += features.length
    }
    yield out
  }
}
