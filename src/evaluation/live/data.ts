// Validation data for live evaluation: CSV rows of a label and the model's features. A row
// goes to the model without its label column, exactly as the rest of its line was written
// (feature values need not be numbers: a model may take categories), and the label is
// checked for the task. The same reader serves the check that runs before any AWS resource
// exists, the rows sent to an endpoint, and the label-first copy a transform job reads.
//
// The format, as the metrics engine reads CSV (csv.ts), with two differences that come
// from features: only the label must be a number, and so the first line is a header (with
// `header: 'auto'`) when its label field is not a number. Fields are separated by commas
// (what a `text/csv` model reads), lines by `\n` or `\r\n`; blank lines are skipped; a
// UTF-8 byte-order mark is dropped; a field may be double-quoted but may not span lines;
// every line has as many fields as the first.
import { type ColumnRef, resolveColumn } from '../csv.js'
import { DataError, showValue } from '../data-error.js'
import type { Task } from '../dataset.js'
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

/** Consecutive data rows; the arrays are fresh for each block. */
export interface RowBlock {
  rows: number
  /** The file line (1-based, header and blank lines counted) of each row. */
  lines: number[]
  labels: Float64Array
  /** The label as written (unquoted, trimmed): a valid decimal number. */
  labelTexts: string[]
  /** Each row without its label field and without a line ending. */
  features: string[]
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/
const QUOTE = '"'

/** The finite number a field holds (quotes and blanks around it allowed), or undefined. */
export function labelNumber(text: string): number | undefined {
  const bare = unquote(text)
  if (!DECIMAL.test(bare)) return undefined
  const value = Number(bare)
  return Number.isFinite(value) ? value + 0 : undefined
}

function unquote(text: string): string {
  const trimmed = text.trim()
  return trimmed.length >= 2 && trimmed.startsWith(QUOTE) && trimmed.endsWith(QUOTE)
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
  if (!line.includes(QUOTE)) {
    let start = 0
    for (;;) {
      const comma = line.indexOf(',', start)
      starts.push(start)
      ends.push(comma < 0 ? line.length : comma)
      if (comma < 0) return { starts, ends }
      start = comma + 1
    }
  }
  let i = 0
  for (;;) {
    starts.push(i)
    let j = i
    while (line[j] === ' ' || line[j] === '\t') j++
    if (line[j] === QUOTE) {
      j++
      for (;;) {
        if (j >= line.length) return undefined
        if (line[j] === QUOTE && line[j + 1] === QUOTE) j += 2
        else if (line[j] === QUOTE) break
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

  constructor(
    private readonly spec: LiveDataSpec,
    private readonly blockRows = 4096
  ) {}

  /** The rows of a byte stream, in order; throws a DataError naming the first bad line. */
  async *blocks(
    chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>
  ): AsyncGenerator<RowBlock> {
    const decoder = new TextDecoder('utf-8')
    let carry = ''
    let block = this.emptyBlock()
    for await (const chunk of chunks) {
      const text = carry + decoder.decode(chunk, { stream: true })
      let start = 0
      for (;;) {
        const newline = text.indexOf('\n', start)
        if (newline < 0) break
        this.take(text.slice(start, newline), block)
        start = newline + 1
        if (block.rows === this.blockRows) {
          yield block
          block = this.emptyBlock()
        }
      }
      carry = text.slice(start)
    }
    carry += decoder.decode()
    if (carry !== '') this.take(carry, block)
    if (block.rows > 0) yield block
    if (this.layout === undefined) throw new DataError(this.spec.source, 'the data is empty.')
    if (this.rows === 0)
      throw new DataError(this.spec.source, 'there are no data rows after the header.')
  }

  private emptyBlock(): RowBlock {
    return {
      rows: 0,
      lines: [],
      labels: new Float64Array(this.blockRows),
      labelTexts: [],
      features: []
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

  private take(raw: string, block: RowBlock): void {
    this.line++
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw
    if (line.trim() === '') return
    const spans = fieldSpans(line)
    if (!spans)
      this.fail(
        'a quoted field runs past the end of the line; quoted line breaks are not supported.'
      )
    if (this.layout === undefined && this.firstLine(line, spans)) return
    const layout = this.layout!
    if (spans.starts.length !== layout.fieldCount) {
      this.fail(
        `the line has ${spans.starts.length} field${spans.starts.length === 1 ? '' : 's'}; the first line has ${layout.fieldCount}, and every row must give the model the same columns.`
      )
    }
    const k = layout.label.index
    const text = line.slice(spans.starts[k], spans.ends[k])
    const label = labelNumber(text)
    if (label === undefined) {
      const shown = text.trim()
      this.fail(
        shown === '' ? 'the label is empty.' : `${showValue(shown)} is not a finite number.`
      )
    }
    this.checkLabel(label)
    const features =
      k === layout.fieldCount - 1
        ? line.slice(0, spans.starts[k]! - 1)
        : line.slice(0, spans.starts[k]) + line.slice(spans.ends[k]! + 1)
    const bytes = Buffer.byteLength(features) + 1
    if (bytes > this.largestRow) this.largestRow = bytes
    if (this.spec.maxRowBytes !== undefined && bytes > this.spec.maxRowBytes) {
      this.fail(
        `the row's features take ${bytes} bytes, more than ${this.spec.maxRowBytesReason ?? `the limit of ${this.spec.maxRowBytes} bytes`}.`
      )
    }
    const i = block.rows++
    block.lines.push(this.line)
    block.labels[i] = label
    block.labelTexts.push(unquote(text))
    block.features.push(features)
    this.rows++
  }

  /** Reads the layout from the first non-blank line; true when that line is a header. */
  private firstLine(line: string, spans: { starts: number[]; ends: number[] }): boolean {
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

/** What the check of the data learned. */
export interface LiveDataSummary {
  rows: number
  layout: LiveLayout
  /** Multiclass: the largest label; -1 otherwise. */
  largestLabel: number
  /** The most bytes one row's features (and line feed) take. */
  largestRow: number
}

/**
 * Reads the whole data once and checks every row (the label parses and fits the task,
 * every line has the first line's fields, no row is above `maxRowBytes`, at least one
 * row): the pass that runs before any AWS resource exists.
 */
export async function checkLiveData(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  spec: LiveDataSpec
): Promise<LiveDataSummary> {
  const reader = new LiveDataReader(spec, 65536)
  for await (const _block of reader.blocks(chunks)) {
    // Reading is checking.
  }
  return {
    rows: reader.rows,
    layout: reader.layout!,
    largestLabel: reader.largestLabel,
    largestRow: reader.largestRow
  }
}

/** Whether a transform job can read the data as it is: no header, the label first. */
export function isLabelFirst(layout: LiveLayout): boolean {
  return layout.header === undefined && layout.label.index === 0
}

/** The data rewritten label first, without a header: what a transform job's InputFilter `$[1:]` expects. */
export async function* labelFirstCopy(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  spec: LiveDataSpec
): AsyncGenerator<Uint8Array> {
  const reader = new LiveDataReader(spec)
  const encoder = new TextEncoder()
  for await (const block of reader.blocks(chunks)) {
    let text = ''
    for (let i = 0; i < block.rows; i++) text += `${block.labelTexts[i]},${block.features[i]}\n`
    yield encoder.encode(text)
  }
}
