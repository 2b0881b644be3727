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
import {
  ANY_STRING,
  bytesEqual,
  JsonLines,
  LINE_END,
  PLAIN_STRING,
  PLAIN_TEXT,
  plainNumber,
  plainNumberText,
  type LineOrigin,
  type ReadOptions
} from './json-lines.js'
import { LabelTable } from './labels.js'
import type { LineScanner, Shape } from './scan.js'

export type { ReadOptions } from './json-lines.js'

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

/** Up to 60 characters of the line, around `at` when JSON.parse named a position. */
function excerpt(line: string, at: number): string {
  const start = Math.max(0, Math.min(at - 30, line.length - 60))
  const text = JSON.stringify(line.slice(start, start + 60))
  return `${start > 0 ? '...' : ''}${text}${start + 60 < line.length ? '...' : ''}`
}

function parseLine(line: string, where: string, source: string): Record<string, unknown> {
  let why = 'it is an array or a single value'
  let at = 0
  try {
    const value: unknown = JSON.parse(line)
    if (value && typeof value === 'object' && !Array.isArray(value))
      return value as Record<string, unknown>
  } catch (error) {
    // JSON.parse says what is wrong and where: "Bad control character ... at position 95".
    why = error instanceof SyntaxError ? error.message : String(error)
    at = Number(/at position (\d+)/.exec(why)?.[1] ?? 0)
  }
  throw new DataError(source, `${where}: not a JSON object (${why}): ${excerpt(line, at)}`)
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

// Field numbers of the scanned lines.
const DATA = 0
const ENCODING = 1
const CONTENT_TYPE = 2
const EVENT_ID = 3
const INFERENCE_ID = 4
const INFERENCE_TIME = 5
const FIELDS = 6

const TRUTH_SHAPE: Shape = {
  groundTruthData: { data: DATA, encoding: ENCODING },
  eventMetadata: { eventId: EVENT_ID }
}
const CAPTURE_SHAPE: Shape = {
  captureData: {
    endpointOutput: { data: DATA, encoding: ENCODING, observedContentType: CONTENT_TYPE }
  },
  eventMetadata: { eventId: EVENT_ID, inferenceId: INFERENCE_ID, inferenceTime: INFERENCE_TIME }
}
/** A member whose value is a string: all SageMaker writes in `endpointInput`. */
const MEMBER = `${ANY_STRING}:${ANY_STRING}`
/**
 * The layout SageMaker and Model Monitor write, compact and in their order, as one sticky
 * RegExp over a line: matched natively, with the few strings the join needs as groups.
 * A match leaves no doubt about what JSON.parse would give: every member is in place up to
 * the closing brace at the line's end, every string (the request's payload too, skipped
 * unread) is one JSON.parse accepts, and `endpointInput` holds string members only, so
 * `endpointOutput` is captureData's. Anything else (escapes or UTF-8 in the fields, another
 * order, spacing, an object or array in the payload) goes to the scanner.
 */
const CAPTURE_LAYOUT = new RegExp(
  String.raw`\{"captureData":\{"endpointInput":\{(?:${MEMBER}(?:,${MEMBER})*)?\},` +
    String.raw`"endpointOutput":\{"observedContentType":${ANY_STRING},"mode":${ANY_STRING},` +
    String.raw`"data":"(${PLAIN_TEXT}*(?:\\[nrtf]${PLAIN_TEXT}*)*)","encoding":${PLAIN_STRING}\}\},` +
    // The caller's inferenceId, else SageMaker's eventId: the join needs only one of them.
    String.raw`"eventMetadata":\{"eventId":(?:${ANY_STRING},"inferenceId":"(${PLAIN_TEXT}+)"|${PLAIN_STRING}),` +
    String.raw`"inferenceTime":${PLAIN_STRING}\},"eventVersion":${ANY_STRING}\}${LINE_END}`,
  'y'
)
const TRUTH_LAYOUT = new RegExp(
  String.raw`\{"groundTruthData":\{"data":${PLAIN_STRING},"encoding":${PLAIN_STRING}\},` +
    String.raw`"eventMetadata":\{"eventId":"(${PLAIN_TEXT}+)"\},"eventVersion":${ANY_STRING}\}${LINE_END}`,
  'y'
)
const CSV = Buffer.from('CSV', 'latin1')
const JSON_ = Buffer.from('JSON', 'latin1')

/** Whether the payload's encoding leaves its data as it is: CSV, JSON or none given. */
function encodedAsIs(scanner: LineScanner, b: Uint8Array): boolean {
  const flag = scanner.flags[ENCODING]
  if (flag === -1) return true
  if (flag !== 0) return false
  const start = scanner.start[ENCODING]!
  const end = scanner.end[ENCODING]!
  return bytesEqual(b, start, end, CSV) || bytesEqual(b, start, end, JSON_)
}

/** Whether an encoding's name leaves the data as it is. */
function asIs(encoding: string): boolean {
  return encoding === 'CSV' || encoding === 'JSON'
}

/** Whether a label fits the task: what checkedLabel accepts. */
function fitsTask(task: Task, label: number): boolean {
  return task === 'binary'
    ? label === 0 || label === 1
    : task === 'multiclass'
      ? Number.isInteger(label) && label >= 0
      : Number.isFinite(label)
}

/** The label of one ground-truth record, checked for the task. */
function labelOf(
  task: Task,
  meta: Record<string, unknown>,
  data: Encoded,
  where: string,
  source: string
): [string, number] {
  const eventId = meta.eventId
  if (typeof eventId !== 'string' || eventId === '') {
    throw new DataError(source, `${where}: eventMetadata.eventId is missing.`)
  }
  const text = payloadText(data, where, source)
  return [eventId, checkedLabel(task, text.split(/[\n,]/)[0] ?? '', where, source)]
}

/** Ground truth by event id, from Model Monitor's ground-truth JSON lines. */
export class GroundTruth extends JsonLines {
  readonly labels = new LabelTable()

  constructor(
    private readonly task: Task,
    options: ReadOptions = {}
  ) {
    super(TRUTH_SHAPE, FIELDS, options, TRUTH_LAYOUT)
  }

  protected override matched(match: RegExpExecArray): boolean {
    const label = plainNumberText(match[1]!)
    if (!fitsTask(this.task, label) || !asIs(match[2]!)) return false
    this.labels.setText(match[3]!, label)
    return true
  }

  /** A plain id with a plain number as its label, in CSV or JSON: straight from the bytes. */
  protected scanned(b: Uint8Array): boolean {
    if (this.options.scan === false) return false
    const { start, end } = this.scanner
    if (!this.plain(EVENT_ID) || end[EVENT_ID] === start[EVENT_ID] || !this.plain(DATA))
      return false
    if (!encodedAsIs(this.scanner, b)) return false
    const label = plainNumber(b, start[DATA]!, end[DATA]!)
    if (!fitsTask(this.task, label)) return false
    this.labels.setBytes(b, start[EVENT_ID]!, end[EVENT_ID]!, label)
    return true
  }

  protected parsed(line: string, where: string, source: string): void {
    if (blank(line)) return
    const record = parseLine(line, where, source)
    const [id, label] = labelOf(
      this.task,
      objectAt(record, 'eventMetadata'),
      objectAt(record, 'groundTruthData'),
      where,
      source
    )
    this.labels.set(id, label)
  }
}

/** One variant's captured records joined with the labels, a line at a time. */
export class VariantJoin extends JsonLines {
  private readonly labels = new Float64Column()
  private readonly predictions = new Float64Column()
  private readonly truth: LabelTable
  private captured = 0
  private unlabelled = 0
  private readonly start: number
  private readonly end: number

  constructor(
    readonly variantName: string,
    private readonly task: Task,
    truth: LabelTable | ReadonlyMap<string, number>,
    window: TimeWindow,
    options: ReadOptions = {}
  ) {
    super(CAPTURE_SHAPE, FIELDS, options, CAPTURE_LAYOUT)
    this.truth = truth instanceof LabelTable ? truth : LabelTable.from(truth)
    this.start = window.start.getTime()
    this.end = window.end.getTime()
  }

  protected scanned(b: Uint8Array, origin: LineOrigin): boolean {
    if (this.options.scan === false || this.scanner.flags[INFERENCE_TIME]! < 0) return false
    const time = this.scannedTime(b)
    if (Number.isNaN(time)) return false
    if (time < this.start || time >= this.end) return true
    this.captured++
    const label = this.scannedLabel(b)
    if (label === undefined) {
      this.unlabelled++
      return true
    }
    this.labels.push(label)
    this.predictions.push(this.scannedPrediction(b, origin))
    return true
  }

  protected override matched(match: RegExpExecArray): boolean {
    const [, data, encoding, inferenceId, eventId, inferenceTime] = match
    if (inferenceTime !== this.lastTimeText) {
      this.lastTimeText = inferenceTime!
      this.lastTime = Date.parse(inferenceTime!)
    }
    const time = this.lastTime
    if (Number.isNaN(time)) return false
    if (time < this.start || time >= this.end) return true
    const label = this.truth.getText(inferenceId ?? eventId!)
    const prediction = label === undefined ? 0 : asIs(encoding!) ? plainNumberText(data!) : NaN
    if (Number.isNaN(prediction)) return false
    this.captured++
    if (label === undefined) this.unlabelled++
    else {
      this.labels.push(label)
      this.predictions.push(prediction)
    }
    return true
  }

  /** The label of a scanned line's inferenceId, else its eventId. */
  private scannedLabel(b: Uint8Array): number | undefined {
    const { start, end, flags } = this.scanner
    const id =
      flags[INFERENCE_ID]! >= 0 && end[INFERENCE_ID]! > start[INFERENCE_ID]!
        ? INFERENCE_ID
        : EVENT_ID
    if (flags[id]! < 0) return undefined
    return this.plain(id)
      ? this.truth.getBytes(b, start[id]!, end[id]!)
      : this.truth.get(this.text(b, id))
  }

  /** A scanned line's prediction: a plain number from the bytes, else as `prediction` reads it. */
  private scannedPrediction(b: Uint8Array, origin: LineOrigin): number {
    const { start, end } = this.scanner
    if (this.ascii(DATA) && encodedAsIs(this.scanner, b)) {
      const value = plainNumber(b, start[DATA]!, end[DATA]!)
      if (!Number.isNaN(value)) return value
    }
    const output: Encoded = {
      data: this.optionalText(b, DATA),
      encoding: this.optionalText(b, ENCODING),
      observedContentType: this.optionalText(b, CONTENT_TYPE)
    }
    return this.prediction(output, `line ${origin.line}`, origin.source)
  }

  private readonly lastTimeBytes = new Uint8Array(64)
  private lastTimeLength = -1
  private lastScannedTime = NaN

  /** Records of one second share their time's bytes: parse each once. */
  private scannedTime(b: Uint8Array): number {
    const start = this.scanner.start[INFERENCE_TIME]!
    const end = this.scanner.end[INFERENCE_TIME]!
    const length = end - start
    const last = this.lastTimeBytes.subarray(0, Math.max(this.lastTimeLength, 0))
    if (length === this.lastTimeLength && bytesEqual(b, start, end, last)) {
      return this.lastScannedTime
    }
    this.lastScannedTime = Date.parse(this.text(b, INFERENCE_TIME))
    this.lastTimeLength = length <= this.lastTimeBytes.length ? length : -1
    if (this.lastTimeLength >= 0) this.lastTimeBytes.set(b.subarray(start, end))
    return this.lastScannedTime
  }

  protected parsed(line: string, where: string, source: string): void {
    if (blank(line)) return
    const record = parseLine(line, where, source)
    const meta = objectAt(record, 'eventMetadata')
    const output = objectAt(objectAt(record, 'captureData'), 'endpointOutput')
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

  /** One request's prediction: a single number as it is, else what the engine parses. */
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
