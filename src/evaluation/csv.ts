// A streaming reader for numeric CSV columns: labels, scores, probabilities. It parses
// bytes as they arrive (a local file's read stream, an S3 GetObject body, any async
// iterable of byte chunks) and hands out the chosen columns in batches of typed arrays;
// the whole file is never one string, and no string is made per line or per field.
//
// The format it accepts, and how it is read:
// - fields separated by one ASCII character (`,` by default), lines by `\n` or `\r\n`;
//   a UTF-8 byte-order mark is skipped; blank lines are skipped (as pandas does);
// - spaces and tabs around a field are ignored; a field may be double-quoted, but a
//   quoted field cannot span lines (prediction data never needs it);
// - the first line is a header when the caller says so, or, with `header: 'auto'`, when
//   any of its fields is not a number;
// - every chosen field must be a finite decimal number (`nan`, `inf`, empty: refused
//   with the line and the column); lines may have more fields than the chosen columns;
// - a file with no data line is refused.
import { assertHasRows, DataError, showValue, type DataLocation } from './data-error.js'
import { decimalEnd, parseDecimal } from './decimal.js'
import { BOM, CR, LF, lineRegions, QUOTE, SPACE, TAB, type LineLimit } from './lines.js'

/** A column by 0-based index or by header name. */
export type ColumnRef = number | string

/** What the first line says about the file, for choosing columns. */
export interface CsvLayout {
  /** The header's names, when the first line is a header. */
  header?: string[]
  /** How many fields the first line has. */
  fieldCount: number
}

/** One column to read: where it is and what it holds (for messages). */
export interface SelectedColumn {
  index: number
  role: string
}

export interface CsvOptions {
  /** Names the data in messages: an input name, a path, an S3 URI. */
  source: string
  /** Whether the first line is a header; `'auto'` (the default) decides from its fields. */
  header?: boolean | 'auto'
  /** The field separator, one ASCII character; `,` by default. */
  delimiter?: string
  /**
   * Chooses the columns once the first line is known (by name or index); may throw a
   * DataError for a column that does not exist.
   */
  select: (layout: CsvLayout) => SelectedColumn[]
  /** Rows per batch; 65,536 by default. */
  batchRows?: number
}

/**
 * Rows of the chosen columns. The arrays are reused for the next batch: copy what you
 * keep before asking for it.
 */
export interface CsvBatch {
  rows: number
  /** One array per selected column, in the order `select` returned them; valid up to `rows`. */
  columns: Float64Array[]
  /** The file line (1-based) of each row. */
  lines: Float64Array
}

const ZERO = 48
const NINE = 57
/** The longest line accepted: far beyond any row of labels, scores and features. */
const LINE_LIMIT: LineLimit = {
  maxBytes: 16 << 20,
  note: '; this is not CSV prediction data'
}

/** Resolves a column reference against the layout, or throws naming what exists. */
export function resolveColumn(
  ref: ColumnRef,
  layout: CsvLayout,
  role: string,
  source: string
): SelectedColumn {
  if (typeof ref === 'number') {
    if (!Number.isInteger(ref) || ref < 0) {
      throw new DataError(source, `the ${role} column index ${ref} is not a whole number >= 0.`)
    }
    if (ref >= layout.fieldCount) {
      throw new DataError(
        source,
        `the ${role} column index ${ref} does not exist: the first line has ${layout.fieldCount} column${layout.fieldCount === 1 ? '' : 's'} (indexes 0-${layout.fieldCount - 1}).`
      )
    }
    return { index: ref, role }
  }
  if (layout.header === undefined) {
    throw new DataError(
      source,
      `the ${role} column is named ${JSON.stringify(ref)}, but the first line is data, not a header; name columns by 0-based index instead.`
    )
  }
  const matches = layout.header.flatMap((name, index) => (name === ref ? [index] : []))
  if (matches.length !== 1) {
    const known = layout.header.map(name => JSON.stringify(name)).join(', ')
    throw new DataError(
      source,
      matches.length === 0
        ? `no column named ${JSON.stringify(ref)} for the ${role}; the header has ${known}.`
        : `${matches.length} columns are named ${JSON.stringify(ref)}; choose the ${role} column by index (${matches.join(' or ')}).`
    )
  }
  return { index: matches[0]!, role }
}

/** Splits one line of text into trimmed fields, honouring double quotes. */
export function splitCsvLine(text: string, delimiter = ','): string[] {
  const fields: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"' && field.trim() === '') {
      quoted = true
      field = ''
    } else if (char === delimiter) {
      fields.push(field.trim())
      field = ''
    } else field += char
  }
  fields.push(field.trim())
  return fields
}

const encoder = new TextEncoder()

/** The finite number a whole field holds, or undefined. */
function fieldNumber(text: string): number | undefined {
  const bytes = encoder.encode(text.trim())
  if (bytes.length === 0) return undefined
  const value = parseDecimal(bytes, 0, bytes.length)
  return Number.isFinite(value) && decimalEnd === bytes.length ? value + 0 : undefined
}

/**
 * Reads the chosen numeric columns of a CSV stream. `layout` and `columns` are known
 * after the first batch; `rows` counts the data rows read so far.
 */
export class CsvColumnReader {
  layout?: CsvLayout
  columns: SelectedColumn[] = []
  rows = 0
  private line = 0
  private count = 0
  private slotOf = new Int32Array(0)
  private lastField = -1
  private readonly delimiter: number
  private readonly capacity: number
  private batch: CsvBatch = { rows: 0, columns: [], lines: new Float64Array(0) }

  constructor(private readonly options: CsvOptions) {
    const delimiter = options.delimiter ?? ','
    if (delimiter.length !== 1 || delimiter.charCodeAt(0) > 127 || /["\r\n ]/.test(delimiter)) {
      throw new DataError(
        options.source,
        `the delimiter ${JSON.stringify(delimiter)} must be one ASCII character other than a quote, space or line break.`
      )
    }
    this.delimiter = delimiter.charCodeAt(0)
    this.capacity = options.batchRows ?? 65536
  }

  /** The batches of the stream, in order; throws a DataError on the first bad line. */
  async *batches(
    chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>
  ): AsyncGenerator<CsvBatch> {
    const regions = lineRegions(chunks, this.options.source, LINE_LIMIT, () => this.line + 1)
    for await (const r of regions) yield* this.region(r.bytes, r.start, r.end)
    if (this.count > 0) yield this.flush()
    assertHasRows(this.options.source, this)
  }

  /** Complete lines in bytes[start, end): `end - 1` is a line feed. */
  private *region(bytes: Uint8Array, start: number, end: number): Generator<CsvBatch> {
    let pos = start
    if (this.layout === undefined) {
      pos = this.firstLine(bytes, pos, end)
      if (this.layout === undefined) return
    }
    while (pos < end) {
      pos = this.fill(bytes, pos, end)
      if (this.count === this.capacity) yield this.flush()
    }
  }

  private flush(): CsvBatch {
    this.batch.rows = this.count
    this.rows += this.count
    this.count = 0
    return this.batch
  }

  /** Reads the first non-blank line: the header, or the layout of the first data line. */
  private firstLine(bytes: Uint8Array, start: number, end: number): number {
    let pos = start
    // The byte-order mark, at the start of the first line (which is whole here, however
    // the chunks were cut).
    if (this.line === 0 && BOM.every((byte, i) => bytes[pos + i] === byte)) pos += 3
    for (;;) {
      if (pos >= end) return pos
      const newline = bytes.indexOf(LF, pos)
      const text = new TextDecoder().decode(bytes.subarray(pos, newline)).replace(/\r$/, '')
      if (text.trim() === '') {
        this.line++
        pos = newline + 1
        continue
      }
      const fields = splitCsvLine(text, String.fromCharCode(this.delimiter))
      const mode = this.options.header ?? 'auto'
      const isHeader =
        mode === 'auto' ? fields.some(field => fieldNumber(field) === undefined) : mode
      this.layout = isHeader
        ? { header: fields, fieldCount: fields.length }
        : { fieldCount: fields.length }
      this.setColumns(this.options.select(this.layout))
      if (!isHeader) return pos
      this.line++
      return newline + 1
    }
  }

  private setColumns(columns: SelectedColumn[]): void {
    this.columns = columns
    this.lastField = Math.max(-1, ...columns.map(column => column.index))
    this.slotOf = new Int32Array(this.lastField + 1).fill(-1)
    columns.forEach((column, slot) => {
      this.slotOf[column.index] = slot
    })
    this.batch = {
      rows: 0,
      columns: columns.map(() => new Float64Array(this.capacity)),
      lines: new Float64Array(this.capacity)
    }
  }

  /** Parses lines from `pos` until the region ends or the batch is full; returns where it stopped. */
  private fill(bytes: Uint8Array, pos: number, end: number): number {
    const { slotOf, lastField, delimiter, capacity } = this
    // Blanks around fields are skipped, except a tab that is the delimiter.
    const tab = delimiter === TAB ? -1 : TAB
    const columns = this.batch.columns
    const lines = this.batch.lines
    let count = this.count
    let line = this.line
    while (pos < end && count < capacity) {
      line++
      let c = bytes[pos]!
      while (c === SPACE || c === tab || c === CR) c = bytes[++pos]!
      if (c === LF) {
        pos++
        continue
      }
      for (let field = 0; ; field++) {
        while (c === SPACE || c === tab) c = bytes[++pos]!
        const slot = field <= lastField ? slotOf[field]! : -1
        if (slot >= 0) {
          const quoted = c === QUOTE
          let from = pos
          if (quoted) {
            from++
            while (bytes[from] === SPACE || bytes[from] === tab) from++
          }
          const after = bytes[pos + 1]!
          let value: number
          let next: number
          if (c >= ZERO && c <= NINE && (after === delimiter || after === LF || after === CR)) {
            // A one-digit field (a label): no need for the general parser.
            value = c - ZERO
            next = pos + 1
          } else {
            value = parseDecimal(bytes, from, end)
            next = decimalEnd
            if (quoted && value === value) {
              while (bytes[next] === SPACE || bytes[next] === tab) next++
              next = bytes[next] === QUOTE ? next + 1 : -1
            }
            if (value !== value || next < 0 || value === Infinity || value === -Infinity) {
              this.badValue(bytes, pos, line, field)
            }
          }
          pos = next
          c = bytes[pos]!
          while (c === SPACE || c === tab) c = bytes[++pos]!
          if (c !== delimiter && c !== LF && c !== CR) this.badValue(bytes, from, line, field)
          columns[slot]![count] = value + 0
        } else {
          if (c === QUOTE) pos = this.skipQuoted(bytes, pos, line, field)
          c = bytes[pos]!
          while (c !== delimiter && c !== LF) c = bytes[++pos]!
        }
        if (field === lastField) {
          pos = c === LF ? pos + 1 : bytes.indexOf(LF, pos) + 1
          break
        }
        if (c !== delimiter) this.missingColumn(line, field + 1)
        c = bytes[++pos]!
      }
      lines[count++] = line
    }
    this.count = count
    this.line = line
    return pos
  }

  /** The position after the closing quote of a quoted field that starts at `pos`. */
  private skipQuoted(bytes: Uint8Array, pos: number, line: number, field: number): number {
    let i = pos + 1
    for (;;) {
      const c = bytes[i]!
      if (c === LF) {
        throw new DataError(
          this.options.source,
          'a quoted field runs past the end of the line; quoted line breaks are not supported.',
          this.locate(line, field)
        )
      }
      if (c === QUOTE && bytes[i + 1] === QUOTE) i += 2
      else if (c === QUOTE) return i + 1
      else i++
    }
  }

  private locate(line: number, field: number): DataLocation {
    const slot = field < this.slotOf.length ? this.slotOf[field]! : -1
    return {
      line,
      column: field,
      columnName: this.layout?.header?.[field],
      role: slot >= 0 ? this.columns[slot]!.role : undefined
    }
  }

  private badValue(bytes: Uint8Array, pos: number, line: number, field: number): never {
    let stop = pos
    while (stop < bytes.length && bytes[stop] !== LF && bytes[stop] !== this.delimiter) stop++
    const text = new TextDecoder().decode(bytes.subarray(pos, stop)).replace(/\r$/, '').trim()
    throw new DataError(
      this.options.source,
      text === '' ? 'the value is empty.' : `${showValue(text)} is not a finite number.`,
      this.locate(line, field)
    )
  }

  private missingColumn(line: number, found: number): never {
    const wanted = this.columns.filter(column => column.index >= found)
    const first = wanted.reduce((a, b) => (a.index <= b.index ? a : b))
    throw new DataError(
      this.options.source,
      `the line has ${found} field${found === 1 ? '' : 's'}, so this column is missing.`,
      this.locate(line, first.index)
    )
  }
}
