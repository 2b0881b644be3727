// Joining what an endpoint captured with the labels that arrived later, as Model Monitor's
// model-quality jobs do: ground truth is JSON lines of
// `{"groundTruthData": {"data", "encoding"}, "eventMetadata": {"eventId"}, "eventVersion"}`,
// and a captured record is matched by the caller's `inferenceId` when it has one, else by
// the `eventId` SageMaker gave it. Labels are held in one map; captured records then
// stream through, one line at a time, and only the joined (label, prediction) pairs are
// kept, per variant.
import { Float64Column } from '../evaluation/blocks.js'
import { DataError } from '../evaluation/data-error.js'
import type { Task } from '../evaluation/dataset.js'
import { argmax } from '../evaluation/multiclass.js'
import { parsePredictions } from '../evaluation/predictions.js'

/** A half-open time window [start, end). */
export interface TimeWindow {
  start: Date
  end: Date
}

/** One variant's requests: joined pairs and what could not be joined, counted. */
export interface JoinedVariant {
  variantName: string
  labels: Float64Array
  predictions: Float64Array
  /** Captured records inside the window. */
  captured: number
  /** Captured records inside the window without a label. */
  unlabelled: number
}

interface Encoded {
  data?: unknown
  encoding?: unknown
  observedContentType?: unknown
}

const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/

/** The text of a captured or ground-truth payload: CSV and JSON as they are, BASE64 decoded. */
function payloadText(payload: Encoded, where: string, source: string): string {
  if (typeof payload.data !== 'string') {
    throw new DataError(source, `${where}: "data" is missing or not a string.`)
  }
  const encoding = String(payload.encoding ?? 'CSV').toUpperCase()
  if (encoding === 'BASE64') return Buffer.from(payload.data, 'base64').toString('utf8')
  if (encoding === 'CSV' || encoding === 'JSON') return payload.data
  throw new DataError(
    source,
    `${where}: encoding ${JSON.stringify(payload.encoding)} is not CSV, JSON or BASE64.`
  )
}

function parseLine(line: string, where: string, source: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(line)
    if (value && typeof value === 'object' && !Array.isArray(value))
      return value as Record<string, unknown>
  } catch {
    // Reported below with the place.
  }
  throw new DataError(source, `${where}: not a JSON object: ${line.slice(0, 60)}`)
}

function objectAt(record: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = record[key]
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {}
}

/** A label for the task, or an error naming where it came from. */
function checkedLabel(task: Task, text: string, where: string, source: string): number {
  const value = text.trim().replace(/^"|"$/g, '')
  const label =
    value === 'true' ? 1 : value === 'false' ? 0 : NUMBER.test(value) ? Number(value) : NaN
  const ok =
    task === 'binary'
      ? label === 0 || label === 1
      : task === 'multiclass'
        ? Number.isInteger(label) && label >= 0
        : Number.isFinite(label)
  if (!ok) {
    const accepted =
      task === 'binary'
        ? '0 or 1'
        : task === 'multiclass'
          ? 'a class index 0, 1, 2, ...'
          : 'a number'
    throw new DataError(
      source,
      `${where}: the label must be ${accepted}; got ${JSON.stringify(value.slice(0, 40))}.`
    )
  }
  return label
}

/** Ground truth by event id, from Model Monitor's ground-truth JSON lines. */
export class GroundTruth {
  readonly labels = new Map<string, number>()

  constructor(private readonly task: Task) {}

  /** Adds the labels of one object's text; `source` names the object in messages. */
  addText(text: string, source: string): void {
    let lineNumber = 0
    for (const line of text.split('\n')) {
      lineNumber++
      if (line.trim() === '') continue
      const where = `line ${lineNumber}`
      const record = parseLine(line, where, source)
      const eventId = objectAt(record, 'eventMetadata').eventId
      if (typeof eventId !== 'string' || eventId === '') {
        throw new DataError(source, `${where}: eventMetadata.eventId is missing.`)
      }
      const data = objectAt(record, 'groundTruthData') as Encoded
      const text = payloadText(data, where, source)
      this.labels.set(eventId, checkedLabel(this.task, text.split(/[\n,]/)[0] ?? '', where, source))
    }
  }
}

/** One variant's captured records joined with the labels, a line at a time. */
export class VariantJoin {
  private readonly labels = new Float64Column()
  private readonly predictions = new Float64Column()
  private captured = 0
  private unlabelled = 0
  private readonly start: number
  private readonly end: number

  constructor(
    readonly variantName: string,
    private readonly task: Task,
    private readonly truth: ReadonlyMap<string, number>,
    window: TimeWindow
  ) {
    this.start = window.start.getTime()
    this.end = window.end.getTime()
  }

  /** Joins every captured line of one object's text; `source` names the object. */
  addText(text: string, source: string): void {
    let lineNumber = 0
    let from = 0
    while (from < text.length) {
      let to = text.indexOf('\n', from)
      if (to < 0) to = text.length
      lineNumber++
      if (to > from) this.addLine(text.slice(from, to), `line ${lineNumber}`, source)
      from = to + 1
    }
  }

  private addLine(line: string, where: string, source: string): void {
    if (line.trim() === '') return
    const record = parseLine(line, where, source)
    const meta = objectAt(record, 'eventMetadata')
    const time = Date.parse(String(meta.inferenceTime ?? ''))
    if (Number.isNaN(time))
      throw new DataError(source, `${where}: eventMetadata.inferenceTime is missing or not a time.`)
    if (time < this.start || time >= this.end) return
    this.captured++
    const id =
      typeof meta.inferenceId === 'string' && meta.inferenceId !== ''
        ? meta.inferenceId
        : meta.eventId
    const label = typeof id === 'string' ? this.truth.get(id) : undefined
    if (label === undefined) {
      this.unlabelled++
      return
    }
    const output = objectAt(objectAt(record, 'captureData'), 'endpointOutput') as Encoded
    this.labels.push(label)
    this.predictions.push(this.prediction(output, where, source))
  }

  /** One request's prediction: a single number on the fast path, else what the engine parses. */
  private prediction(output: Encoded, where: string, source: string): number {
    const text = payloadText(output, `${where}: captureData.endpointOutput`, source)
    if (NUMBER.test(text)) return Number(text)
    const parsed = parsePredictions(text, {
      task: this.task,
      contentType:
        typeof output.observedContentType === 'string' ? output.observedContentType : undefined,
      expectedRows: 1,
      source: `${source} ${where}`
    })
    if (parsed.rows !== 1) {
      throw new DataError(
        source,
        `${where}: the response holds ${parsed.rows} predictions; an A/B test joins one label to one prediction per request.`
      )
    }
    return parsed.width === 1 ? parsed.values[0]! : argmax(parsed.values)
  }

  finish(): JoinedVariant {
    return {
      variantName: this.variantName,
      labels: this.labels.take(),
      predictions: this.predictions.take(),
      captured: this.captured,
      unlabelled: this.unlabelled
    }
  }
}
