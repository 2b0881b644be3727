// What a model answers for a batch of rows, read as predictions. `parsePredictions` knows
// the common response shapes; a model whose answer holds more than the prediction (an id
// and a score, a label and a probability) needs `predictionColumn` to say which value is
// the prediction: an index into each CSV line or JSON array, or a field of a JSON object.
import { DataError } from '../data-error.js'
import type { Task } from '../dataset.js'
import { decimalEnd, parseDecimal } from '../decimal.js'
import { parseJson, parsePredictions, type Predictions } from '../predictions.js'

export type PredictionRef = number | string

export interface AnswerOptions {
  task: Task
  /** Rows sent: the count the answer must hold. */
  rows: number
  /** Names the answer in messages: the endpoint and variant, or the S3 output. */
  source: string
  predictionColumn?: PredictionRef
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 80 ? `${text.slice(0, 80)}...` : text
}

function isJsonType(type: string): boolean {
  return /json/i.test(type)
}

function pick(value: unknown, ref: PredictionRef, source: string, record: number): unknown {
  if (typeof ref === 'number') {
    if (Array.isArray(value) && ref < value.length) return value[ref]
    throw new DataError(
      source,
      `prediction ${record} is ${show(value)}: it has no value at index ${ref} (prediction-column).`
    )
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && ref in value)
    return (value as Record<string, unknown>)[ref]
  throw new DataError(
    source,
    `prediction ${record} is ${show(value)}: it has no field ${JSON.stringify(ref)} (prediction-column).`
  )
}

/** The chosen value of each record, as a JSON lines body. */
function selected(text: string, contentType: string, ref: PredictionRef, source: string): string {
  const nonBlank = text.split('\n').filter(line => line.trim() !== '')
  const json = isJsonType(contentType) || /^\s*[[{]/.test(text)
  let records: unknown[]
  if (!json) {
    if (typeof ref === 'string')
      throw new DataError(
        source,
        `the answer is CSV, which has no field names: prediction-column ${JSON.stringify(ref)} must be a 0-based index.`
      )
    records = nonBlank.map(line => line.split(',').map(field => field.trim()))
  } else if (/jsonl|jsonlines/i.test(contentType) || nonBlank.length > 1) {
    records = nonBlank.map((line, i) => parseJson(line, source, i + 1))
  } else {
    const document = parseJson(text, source)
    const list =
      typeof document === 'object' && document !== null && !Array.isArray(document)
        ? ((document as Record<string, unknown>).predictions ?? [document])
        : document
    records = Array.isArray(list) ? list : [list]
  }
  return records.map((record, i) => JSON.stringify(pick(record, ref, source, i + 1))).join('\n')
}

const LF = 10
const CR = 13
const SPACE = 32
const TAB = 9

/**
 * The common answer read straight from its bytes: CSV with one number a line, exactly
 * `rows` of them (and for multiclass, classes). Anything else is left to parsePredictions
 * (undefined), which reads every shape and words every error; both give the same numbers.
 * One pass: each number is parsed where its line starts, then only blanks and a line feed
 * may follow it (no search for the line's end first).
 */
function plainCsv(bytes: Uint8Array, rows: number, task: Task): Predictions | undefined {
  const values = new Float64Array(rows)
  const end = bytes.length
  let count = 0
  let pos = 0
  while (pos < end) {
    while (pos < end && (bytes[pos] === SPACE || bytes[pos] === TAB)) pos++
    if (pos < end && bytes[pos] !== LF && bytes[pos] !== CR) {
      if (count === rows) return undefined
      const value = parseDecimal(bytes, pos, end)
      if (!Number.isFinite(value)) return undefined
      if (task === 'multiclass' && !(Number.isInteger(value) && value >= 0)) return undefined
      values[count++] = value
      pos = decimalEnd
    }
    while (pos < end && (bytes[pos] === SPACE || bytes[pos] === TAB || bytes[pos] === CR)) pos++
    if (pos < end && bytes[pos++] !== LF) return undefined
  }
  return count === rows ? { rows, width: 1, values } : undefined
}

/** Reads a model's answer for `options.rows` rows; throws a DataError naming what is wrong. */
export function readAnswer(
  body: Uint8Array | string,
  contentType: string | undefined,
  options: AnswerOptions
): Predictions {
  const type = contentType?.split(';')[0]?.trim().toLowerCase()
  if (options.predictionColumn === undefined && (type === 'text/csv' || type === undefined)) {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body
    const first = bytes.findIndex(
      byte => byte !== SPACE && byte !== TAB && byte !== LF && byte !== CR
    )
    // `[` or `{` without a content type: JSON, for parsePredictions to sniff.
    if (type === 'text/csv' || (bytes[first] !== 91 && bytes[first] !== 123)) {
      const plain = plainCsv(bytes, options.rows, options.task)
      if (plain) return plain
    }
  }
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body)
  if (options.predictionColumn === undefined) {
    return parsePredictions(text, {
      task: options.task,
      contentType,
      expectedRows: options.rows,
      source: options.source
    })
  }
  return parsePredictions(
    selected(text, contentType ?? '', options.predictionColumn, options.source),
    {
      task: options.task,
      contentType: 'application/jsonlines',
      expectedRows: options.rows,
      source: options.source
    }
  )
}
