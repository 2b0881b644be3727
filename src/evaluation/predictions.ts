// Predictions as a SageMaker endpoint (InvokeEndpoint) or a Batch Transform job returns
// them, turned into one number per row (a score, a class or a value) or K probabilities.
//
// Accepted bodies (the content type decides; without one, the first character does):
// - CSV (`text/csv`): one line per row, a number or K comma-separated probabilities; also
//   the single line of comma-separated scores some built-in containers return for a
//   batch of rows (told apart by the expected row count);
// - JSON lines (`application/jsonlines`): one JSON value per line;
// - JSON (`application/json`): an array of values, or `{"predictions": [...]}` (built-in
//   algorithms, TensorFlow Serving), or one value.
// A value is a number, an array of K probabilities, or an object. From an object, in this
// order: `SageMakerOutput` (Batch Transform's joined output) is unwrapped; then a
// probability vector from `probabilities`, `scores` or an array-valued `score`/
// `probability`; then a number from `score`, `probability`, `prediction`,
// `predicted_value` or `predicted_label` (true/false count as 1/0).
//
// Per task: binary takes one score per row, or two probabilities and keeps the second
// (class 1); regression one value; multiclass a class (a whole number) or K >= 2
// probabilities, the same K on every row.
import { DataError } from './data-error.js'
import type { Task } from './dataset.js'

export interface PredictionOptions {
  task: Task
  /** The response's Content-Type; sniffed from the body when absent. */
  contentType?: string
  /** Rows sent: the count the predictions must match. */
  expectedRows?: number
  /** Names the response in messages: an endpoint, an S3 object. */
  source?: string
}

export interface Predictions {
  rows: number
  /** 1 (a score, class or value per row), or K (probabilities per row). */
  width: number
  /** Row-major: row i is values[i * width ... (i + 1) * width). */
  values: Float64Array
}

type Format = 'csv' | 'json' | 'jsonlines'

const VECTOR_FIELDS = ['probabilities', 'scores', 'score', 'probability']
const SCALAR_FIELDS = ['score', 'probability', 'prediction', 'predicted_value', 'predicted_label']

function formatOf(contentType: string | undefined, text: string): Format {
  const type = contentType?.split(';')[0]?.trim().toLowerCase()
  if (type === 'text/csv') return 'csv'
  if (type === 'application/json') return 'json'
  if (
    type === 'application/jsonlines' ||
    type === 'application/x-jsonlines' ||
    type === 'application/jsonl'
  )
    return 'jsonlines'
  const first = text.trimStart()[0]
  if (first !== '{' && first !== '[') return 'csv'
  try {
    JSON.parse(text)
    return 'json'
  } catch {
    return 'jsonlines'
  }
}

/** Parses a prediction response body into rows of numbers for the task. */
export function parsePredictions(
  body: Uint8Array | string,
  options: PredictionOptions
): Predictions {
  const source = options.source ?? 'the predictions'
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body)
  const format = formatOf(options.contentType, text)
  let rows: number[][]
  if (format === 'csv') rows = csvRows(text, source, options.expectedRows)
  else if (format === 'jsonlines') {
    rows = text
      .split('\n')
      .map(line => line.trim())
      .filter(line => line !== '')
      .map((line, i) => recordRow(parseJson(line, source, i + 1), source, i + 1))
  } else rows = jsonRows(parseJson(text, source), source, options.expectedRows)
  if (options.expectedRows !== undefined && rows.length !== options.expectedRows) {
    throw new DataError(
      source,
      `${rows.length} prediction${rows.length === 1 ? '' : 's'} came back for ${options.expectedRows} row${options.expectedRows === 1 ? '' : 's'} sent.`
    )
  }
  return forTask(rows, options.task, source)
}

/** JSON text, or a DataError naming the source (and the line of a JSON-lines answer). */
export function parseJson(text: string, source: string, line?: number): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new DataError(
      source,
      `not valid JSON${line !== undefined ? ` on line ${line}` : ''}: ${(error as Error).message}`
    )
  }
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value)
    return Number.isFinite(parsed) ? parsed : undefined
  }
  return undefined
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 80 ? `${text.slice(0, 80)}...` : text
}

function csvRows(text: string, source: string, expected?: number): number[][] {
  const lines = text
    .split('\n')
    .map(line => line.trim())
    .filter(line => line !== '')
  const rows = lines.map((line, i) =>
    line.split(',').map(field => {
      const value = numberOf(field.trim().replace(/^"(.*)"$/, '$1'))
      if (value === undefined)
        throw new DataError(source, `line ${i + 1}: ${show(field.trim())} is not a finite number.`)
      return value
    })
  )
  // Some containers answer a batch with one line of comma-separated predictions.
  if (
    expected !== undefined &&
    expected > 1 &&
    rows.length === 1 &&
    rows[0]!.length % expected === 0
  ) {
    const width = rows[0]!.length / expected
    return Array.from({ length: expected }, (_, i) => rows[0]!.slice(i * width, (i + 1) * width))
  }
  return rows
}

function jsonRows(document: unknown, source: string, expected?: number): number[][] {
  let list: unknown = document
  if (typeof document === 'object' && document !== null && !Array.isArray(document)) {
    const predictions = (document as Record<string, unknown>).predictions
    list = predictions !== undefined ? predictions : [document]
  }
  if (!Array.isArray(list))
    throw new DataError(source, `"predictions" is ${show(list)}, not a list.`)
  // A bare list of numbers is one score per row, unless it is one row of probabilities.
  if (expected === 1 && list.length > 1 && list.every(v => typeof v === 'number'))
    return [recordRow(list, source, 1)]
  return list.map((value, i) => recordRow(value, source, i + 1))
}

/** One record's numbers: [x] for a scalar prediction, [p0, ..., pK-1] for probabilities. */
function recordRow(value: unknown, source: string, record: number): number[] {
  if (Array.isArray(value)) return vector(value, source, record)
  const scalar = numberOf(value)
  if (scalar !== undefined) return [scalar]
  if (typeof value === 'object' && value !== null) {
    const fields = value as Record<string, unknown>
    if ('SageMakerOutput' in fields) return recordRow(fields.SageMakerOutput, source, record)
    for (const name of VECTOR_FIELDS)
      if (Array.isArray(fields[name])) return vector(fields[name], source, record)
    for (const name of SCALAR_FIELDS) {
      const number = numberOf(fields[name])
      if (number !== undefined) return [number]
    }
    throw new DataError(
      source,
      `prediction ${record} has no numeric field (looked for ${[...new Set([...VECTOR_FIELDS, ...SCALAR_FIELDS])].join(', ')}): ${show(value)}.`
    )
  }
  throw new DataError(
    source,
    `prediction ${record} is ${show(value)}, not a number, a list of probabilities or an object.`
  )
}

function vector(values: unknown[], source: string, record: number): number[] {
  return values.map(v => {
    const number = numberOf(v)
    if (number === undefined)
      throw new DataError(source, `prediction ${record} holds ${show(v)}, not a finite number.`)
    return number
  })
}

function forTask(rows: number[][], task: Task, source: string): Predictions {
  const widths = new Set(rows.map(row => row.length))
  if (widths.size > 1)
    throw new DataError(
      source,
      `the predictions have different lengths (${[...widths].sort((a, b) => a - b).join(', ')}); every row needs the same number of values.`
    )
  const width = rows[0]?.length ?? 1
  let keep: (row: number[]) => number[]
  if (task === 'binary') {
    if (width > 2)
      throw new DataError(
        source,
        `a binary prediction is one score or two probabilities; got ${width} values per row.`
      )
    keep = row => [row[width - 1]!]
  } else if (task === 'regression') {
    if (width !== 1)
      throw new DataError(
        source,
        `a regression prediction is one value; got ${width} values per row.`
      )
    keep = row => row
  } else {
    keep = row => row
    if (width === 1) {
      const bad = rows.findIndex(row => !Number.isInteger(row[0]) || row[0]! < 0)
      if (bad >= 0)
        throw new DataError(
          source,
          `prediction ${bad + 1} is ${rows[bad]![0]}, not a class (a whole number >= 0).`
        )
    }
  }
  if (width > 1) {
    const bad = rows.findIndex(row => row.some(p => p < 0 || p > 1))
    if (bad >= 0)
      throw new DataError(
        source,
        `prediction ${bad + 1} has ${show(rows[bad])}: probabilities must lie within [0, 1].`
      )
  }
  const outWidth = task === 'multiclass' ? width : 1
  const values = new Float64Array(rows.length * outWidth)
  rows.forEach((row, i) => values.set(keep(row), i * outWidth))
  return { rows: rows.length, width: outWidth, values }
}
