// What a model answers for a batch of rows, read as predictions. `parsePredictions` knows
// the common response shapes; a model whose answer holds more than the prediction (an id
// and a score, a label and a probability) needs `predictionColumn` to say which value is
// the prediction: an index into each CSV line or JSON array, or a field of a JSON object.
import { DataError } from '../data-error.js'
import type { Task } from '../dataset.js'
import { parsePredictions, type Predictions } from '../predictions.js'

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

function parseJson(text: string, source: string, line?: number): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new DataError(
      source,
      `not valid JSON${line === undefined ? '' : ` on line ${line}`}: ${(error as Error).message}`
    )
  }
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

/** Reads a model's answer for `options.rows` rows; throws a DataError naming what is wrong. */
export function readAnswer(
  body: Uint8Array | string,
  contentType: string | undefined,
  options: AnswerOptions
): Predictions {
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
