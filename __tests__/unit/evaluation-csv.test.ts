import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type ColumnRef,
  CsvColumnReader,
  type CsvOptions,
  resolveColumn,
  splitCsvLine
} from '../../src/evaluation/csv.js'
import { DataError } from '../../src/evaluation/data-error.js'
import { fileChunks } from '../../src/evaluation/sources.js'

const encoder = new TextEncoder()

interface Read {
  rows: number[][]
  lines: number[]
  header?: string[]
}

/** Reads every batch, copying the reused arrays. */
async function read(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  columns: ColumnRef[],
  options: Partial<CsvOptions> = {}
): Promise<Read> {
  const reader = new CsvColumnReader({
    source: 'data.csv',
    select: layout =>
      columns.map((ref, k) => resolveColumn(ref, layout, `column ${k}`, 'data.csv')),
    batchRows: 7,
    ...options
  })
  const rows: number[][] = []
  const lines: number[] = []
  for await (const batch of reader.batches(chunks)) {
    for (let i = 0; i < batch.rows; i++) {
      rows.push(batch.columns.map(column => column[i]!))
      lines.push(batch.lines[i]!)
    }
  }
  expect(reader.rows).toBe(rows.length)
  return { rows, lines, header: reader.layout?.header }
}

function text(
  value: string,
  columns: ColumnRef[] = [0, 1],
  options: Partial<CsvOptions> = {}
): Promise<Read> {
  return read([encoder.encode(value)], columns, options)
}

async function failure(
  value: string,
  columns: ColumnRef[] = [0, 1],
  options: Partial<CsvOptions> = {}
): Promise<string> {
  try {
    await text(value, columns, options)
  } catch (error) {
    expect(error).toBeInstanceOf(DataError)
    return (error as Error).message
  }
  throw new Error('no error')
}

/** Splits bytes into chunks at the given cut points. */
function chunked(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map(c => c % (bytes.length + 1)))].sort((a, b) => a - b)
  const out: Uint8Array[] = []
  let start = 0
  for (const point of [...points, bytes.length]) {
    out.push(bytes.slice(start, point))
    start = point
  }
  return out
}

describe('CsvColumnReader', () => {
  it('reads the same rows however the bytes are split into chunks', async () => {
    const field = fc.oneof(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }).map(String),
      fc.integer({ min: 0, max: 1 }).map(String),
      fc.double({ min: 0, max: 1, noNaN: true }).map(x => x.toFixed(4))
    )
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(field, field, field), { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (rows, header, newline, bom, trailing, cuts) => {
          const body = rows.map(row => row.join(',')).join(newline)
          const content = `${bom ? '\uFEFF' : ''}${header ? `label,score,extra${newline}` : ''}${body}${trailing ? newline : ''}`
          const bytes = encoder.encode(content)
          const whole = await read([bytes], [0, 1])
          const split = await read(chunked(bytes, cuts), [0, 1])
          expect(split).toEqual(whole)
          expect(whole.rows).toEqual(rows.map(([a, b]) => [Number(a) + 0, Number(b) + 0]))
          expect(whole.header).toEqual(header ? ['label', 'score', 'extra'] : undefined)
        }
      ),
      { seed: 3, numRuns: 300 }
    )
  })

  it('copies what it keeps across chunks, so a source may reuse its buffer', async () => {
    // A reading loop that refills one buffer, as a file reader does: the reader must not
    // hold on to a view of the previous chunk.
    const lines = Array.from({ length: 500 }, (_, i) => `${i % 2},${(i / 1000).toFixed(6)}`)
    const bytes = encoder.encode(`label,score\n${lines.join('\n')}\n`)
    async function* reused(): AsyncGenerator<Uint8Array> {
      const buffer = Buffer.alloc(37)
      for (let start = 0; start < bytes.length; start += 37) {
        const part = bytes.subarray(start, start + 37)
        buffer.set(part)
        yield buffer.subarray(0, part.length)
        buffer.fill(0x39)
      }
    }
    const result = await read(reused(), ['label', 'score'])
    expect(result.rows).toEqual(lines.map(line => line.split(',').map(Number)))
    const dir = mkdtempSync(join(tmpdir(), 'csv-'))
    try {
      writeFileSync(join(dir, 'data.csv'), bytes)
      const fromFile = await read(fileChunks(join(dir, 'data.csv'), 29), ['label', 'score'])
      expect(fromFile).toEqual(result)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('takes the first line as a header when a field is not a number, or when told', async () => {
    expect((await text('y,p\n1,0.5\n')).header).toEqual(['y', 'p'])
    expect((await text('1,0.5\n0,0.25\n')).rows).toEqual([
      [1, 0.5],
      [0, 0.25]
    ])
    expect((await text('1,0.5\n0,0.25\n', [0, 1], { header: true })).rows).toEqual([[0, 0.25]])
    expect(await failure('y,p\n1,0.5\n', [0, 1], { header: false })).toBe(
      'data.csv: line 1, column index 0 (column 0): "y" is not a finite number.'
    )
  })

  it('chooses columns by header name or 0-based index, and says what exists', async () => {
    expect((await text('a,b,c\n1,2,3\n', ['c', 0])).rows).toEqual([[3, 1]])
    expect(await failure('a,b,c\n1,2,3\n', ['d'])).toBe(
      'data.csv: no column named "d" for the column 0; the header has "a", "b", "c".'
    )
    expect(await failure('1,2\n', ['score'])).toBe(
      'data.csv: the column 0 column is named "score", but the first line is data, not a header; name columns by 0-based index instead.'
    )
    expect(await failure('a,b\n1,2\n', [5])).toBe(
      'data.csv: the column 0 column index 5 does not exist: the first line has 2 columns (indexes 0-1).'
    )
    expect(await failure('a,a\n1,2\n', ['a'])).toBe(
      'data.csv: 2 columns are named "a"; choose the column 0 column by index (0 or 1).'
    )
  })

  it('reads quoted fields, spaces, tabs, other delimiters and blank lines', async () => {
    expect((await text('"label","the score"\n" 1 ","0.5"\n', ['label', 'the score'])).rows).toEqual(
      [[1, 0.5]]
    )
    expect((await text('label,name,score\n1,"Smith, J.",0.5\n', ['label', 'score'])).rows).toEqual([
      [1, 0.5]
    ])
    expect((await text(' 1 ,\t0.5\t\n\n   \n0, 0.25', [0, 1])).rows).toEqual([
      [1, 0.5],
      [0, 0.25]
    ])
    expect((await text('label;score\n1;0.5\n', [0, 1], { delimiter: ';' })).rows).toEqual([
      [1, 0.5]
    ])
    expect((await text('label\tscore\n1\t0.5\n', [0, 1], { delimiter: '\t' })).rows).toEqual([
      [1, 0.5]
    ])
  })

  it('counts file lines, header and blank lines included', async () => {
    const result = await text('label,score\n\n1,0.5\n\n\n0,0.1\n')
    expect(result.lines).toEqual([3, 6])
  })

  it('refuses bad values with the line and the column', async () => {
    const data = 'label,score\n1,0.5\n0,abc\n'
    expect(await failure(data)).toBe(
      'data.csv: line 3, column "score" (index 1, column 1): "abc" is not a finite number.'
    )
    expect(await failure('label,score\n1,\n')).toBe(
      'data.csv: line 2, column "score" (index 1, column 1): the value is empty.'
    )
    for (const bad of ['nan', 'inf', '1e999', '0.5.1', '5x', '"0.5', '"0.5 x"']) {
      expect(await failure(`label,score\n1,${bad}\n`)).toMatch(
        /^data\.csv: line 2, column "score" \(index 1, column 1\): .* is not a finite number\.$/
      )
    }
  })

  it('refuses a missing column, a quoted line break, empty data and a header alone', async () => {
    expect(await failure('label,score\n1,0.5\n1\n')).toBe(
      'data.csv: line 3, column "score" (index 1, column 1): the line has 1 field, so this column is missing.'
    )
    expect(await failure('label,note,score\n1,"a\nb",0.5\n', [0, 2])).toBe(
      'data.csv: line 2, column "note" (index 1): a quoted field runs past the end of the line; quoted line breaks are not supported.'
    )
    expect(await failure('')).toBe('data.csv: the data is empty.')
    expect(await failure('\n\n')).toBe('data.csv: the data is empty.')
    expect(await failure('label,score\n')).toBe(
      'data.csv: there are no data rows after the header.'
    )
  })

  it('refuses a line too long to be prediction data, without copying it over and over', async () => {
    const chunk = new Uint8Array(1 << 20).fill(0x31)
    const endless = function* () {
      for (let i = 0; i < 40; i++) yield chunk
    }
    await expect(read(endless(), [0])).rejects.toThrow(
      'data.csv: line 1 is longer than 16 MiB without a line break; this is not CSV prediction data.'
    )
  })

  it('refuses a delimiter it cannot use', () => {
    expect(() => new CsvColumnReader({ source: 'x', delimiter: '"', select: () => [] })).toThrow(
      'x: the delimiter "\\"" must be one ASCII character other than a quote, space or line break.'
    )
  })
})

describe('splitCsvLine', () => {
  it('splits on the delimiter outside quotes and unescapes doubled quotes', () => {
    expect(splitCsvLine(' a , "b,c" ,"say ""hi""",')).toEqual(['a', 'b,c', 'say "hi"', ''])
  })
})
