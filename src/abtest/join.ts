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

const SIMPLE_ESCAPES = /\\[^nrt]|\\$/
const ESCAPED = { n: '\n', r: '\r', t: '\t' } as const

/**
 * The object under `"key":{` when the line is compact JSON and that object holds only
 * string values with no escapes but \n, \r and \t: what SageMaker writes. Found by
 * scanning, because JSON.parse of every line costs several times the scoring itself;
 * undefined sends the line to JSON.parse. (A quote inside a JSON string is escaped, so
 * `"key":{` cannot match inside a value.)
 */
function flatObject(line: string, key: string): Record<string, string> | undefined {
  const needle = `"${key}":{`
  const at = line.indexOf(needle)
  if (at < 0 || line.indexOf(needle, at + 1) >= 0) return undefined
  const out: Record<string, string> = {}
  let i = at + needle.length
  if (line.charCodeAt(i) === 125) return out
  for (;;) {
    // "name":"value" then , or }
    if (line.charCodeAt(i) !== 34) return undefined
    const nameEnd = line.indexOf('"', i + 1)
    if (nameEnd < 0 || line.charCodeAt(nameEnd + 1) !== 58 || line.charCodeAt(nameEnd + 2) !== 34)
      return undefined
    const valueEnd = line.indexOf('"', nameEnd + 3)
    if (valueEnd < 0) return undefined
    const name = line.slice(i + 1, nameEnd)
    let value = line.slice(nameEnd + 3, valueEnd)
    if (name.includes('\\')) return undefined
    if (value.includes('\\')) {
      if (SIMPLE_ESCAPES.test(value)) return undefined
      value = value.replace(/\\([nrt])/g, (_, c: 'n' | 'r' | 't') => ESCAPED[c])
    }
    out[name] = value
    const next = line.charCodeAt(valueEnd + 1)
    if (next === 125) return out
    if (next !== 44) return undefined
    i = valueEnd + 2
  }
}

/** The two objects a line's join needs: fast when the line is simple, else parsed. */
function partsOf(
  line: string,
  keys: [string, string],
  where: string,
  source: string
): [Record<string, unknown>, Record<string, unknown>] {
  const first = flatObject(line, keys[0])
  const second = first && flatObject(line, keys[1])
  if (first && second) return [first, second]
  const record = parseLine(line, where, source)
  const inner = (key: string) =>
    key === 'endpointOutput'
      ? objectAt(objectAt(record, 'captureData'), key)
      : objectAt(record, key)
  return [inner(keys[0]), inner(keys[1])]
}

function blank(line: string): boolean {
  return line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === '')
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
      if (blank(line)) continue
      const where = `line ${lineNumber}`
      const [meta, data] = partsOf(line, ['eventMetadata', 'groundTruthData'], where, source)
      const eventId = meta.eventId
      if (typeof eventId !== 'string' || eventId === '') {
        throw new DataError(source, `${where}: eventMetadata.eventId is missing.`)
      }
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
    if (blank(line)) return
    const [meta, output] = partsOf(line, ['eventMetadata', 'endpointOutput'], where, source)
    const time = this.timeOf(meta.inferenceTime)
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
    this.labels.push(label)
    this.predictions.push(this.prediction(output, where, source))
  }

  private lastTimeText = ''
  private lastTime = NaN

  /** Records of one second share their time text: parse each once. */
  private timeOf(value: unknown): number {
    const text = String(value ?? '')
    if (text !== this.lastTimeText) {
      this.lastTimeText = text
      this.lastTime = Date.parse(text)
    }
    return this.lastTime
  }

  /** One request's prediction: a single number on the fast path, else what the engine parses. */
  private prediction(output: Encoded, where: string, source: string): number {
    const text = payloadText(output, `${where}: captureData.endpointOutput`, source)
    if (NUMBER.test(text)) return Number(text)
    const parsed = parsePredictions(text, {
      task: this.task,
      contentType:
        typeof output.observedContentType === 'string' ? output.observedContentType : undefined,
      // One label joins one prediction: a response with several is refused by the parser.
      expectedRows: 1,
      source: `${source} ${where}`
    })
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
