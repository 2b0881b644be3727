// The emulator's model artifact format: a JSON linear model that stands in for a real
// container, so inference results are predictable and a "bad" model can be planted.
// See README.md ("Model artifact format").

export const MODEL_FORMAT = 'sagemaker-model-gate/linear-v1'

export type Task = 'binary' | 'regression' | 'multiclass'

export interface LinearModel {
  task: Task
  /** One row of weights per class for multiclass; a single row otherwise. */
  weights: number[][]
  bias: number[]
  features: number
  /** Multiclass only: `class` (default) prints the class index, `probabilities` all of them. */
  output: 'class' | 'probabilities'
}

export type ArtifactResult = { ok: true; model: LinearModel } | { ok: false; reason: string }

function numberList(value: unknown): number[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined
  return value.every(v => typeof v === 'number' && Number.isFinite(v))
    ? (value as number[])
    : undefined
}

/** Reads an artifact; anything this function rejects makes the model fail to load. */
export function parseArtifact(body: Buffer | undefined, where: string): ArtifactResult {
  if (!body) return { ok: false, reason: `Model artifact ${where} does not exist.` }
  let doc: unknown
  try {
    doc = JSON.parse(body.toString('utf8'))
  } catch {
    return { ok: false, reason: `Model artifact ${where} is not a valid model (not JSON).` }
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    return { ok: false, reason: `Model artifact ${where} is not a JSON object.` }
  const a = doc as Record<string, unknown>
  if (a.bad === true) return { ok: false, reason: `Model artifact ${where} is marked bad.` }
  if (a.format !== MODEL_FORMAT)
    return {
      ok: false,
      reason: `Model artifact ${where} has format ${JSON.stringify(a.format)}, expected "${MODEL_FORMAT}".`
    }
  const task = a.task
  if (task === 'binary' || task === 'regression') {
    const w = numberList(a.weights)
    const b = typeof a.bias === 'number' ? a.bias : a.bias === undefined ? 0 : NaN
    if (!w || !Number.isFinite(b))
      return {
        ok: false,
        reason: `Model artifact ${where}: "weights" must be a list of numbers and "bias" a number.`
      }
    return {
      ok: true,
      model: { task, weights: [w], bias: [b], features: w.length, output: 'class' }
    }
  }
  if (task === 'multiclass') {
    const rows = Array.isArray(a.weights) ? a.weights.map(numberList) : []
    const bias = a.bias === undefined ? rows.map(() => 0) : numberList(a.bias)
    const width = rows[0]?.length ?? 0
    if (
      rows.length < 2 ||
      rows.some(r => !r || r.length !== width) ||
      !bias ||
      bias.length !== rows.length
    )
      return {
        ok: false,
        reason: `Model artifact ${where}: multiclass needs "weights" as at least 2 equal-length rows and one "bias" per row.`
      }
    const output = a.output === 'probabilities' ? 'probabilities' : 'class'
    return { ok: true, model: { task, weights: rows as number[][], bias, features: width, output } }
  }
  return {
    ok: false,
    reason: `Model artifact ${where}: "task" must be binary, regression or multiclass.`
  }
}

/** Raised for input the model cannot score; the runtime turns it into a ModelError. */
export class ModelInputError extends Error {
  /** The HTTP status the container would answer: 400 bad rows, 415/406 unsupported types. */
  readonly status: number
  constructor(message: string, status = 400) {
    super(message)
    this.status = status
  }
}

/** Content types the model container reads and writes ("Common Data Formats - Inference"). */
export const CSV = 'text/csv'
export const JSON_LINES = 'application/jsonlines'

function dot(w: number[], x: ArrayLike<number>): number {
  let s = 0
  for (let i = 0; i < w.length; i++) s += w[i]! * x[i]!
  return s
}

/** One prediction: `score` is a probability, K probabilities or a value; `label` a class. */
export interface Prediction {
  score: number | number[]
  label?: number
}

export function predictRow(model: LinearModel, x: ArrayLike<number>): Prediction {
  if (model.task === 'regression') return { score: dot(model.weights[0]!, x) + model.bias[0]! }
  if (model.task === 'binary') {
    const p = 1 / (1 + Math.exp(-(dot(model.weights[0]!, x) + model.bias[0]!)))
    return { score: p, label: p >= 0.5 ? 1 : 0 }
  }
  const scores = model.weights.map((w, k) => dot(w, x) + model.bias[k]!)
  const top = Math.max(...scores)
  const exp = scores.map(s => Math.exp(s - top))
  const sum = exp.reduce((a, b) => a + b, 0)
  return { score: exp.map(e => e / sum), label: scores.indexOf(top) }
}

/**
 * A prediction as one CSV line: the probability of class 1 (binary), the value
 * (regression), the class index or, with `"output": "probabilities"`, all K probabilities
 * (multiclass).
 */
function csvLine(model: LinearModel, p: Prediction): string {
  if (model.task !== 'multiclass') return String(p.score)
  return model.output === 'probabilities' ? (p.score as number[]).join(',') : String(p.label)
}

/** A prediction as one JSON line, in the linear learner's JSONLINES response format. */
function jsonLine(p: Prediction): string {
  return JSON.stringify(
    p.label === undefined ? { score: p.score } : { score: p.score, predicted_label: p.label }
  )
}

function parseNumber(cell: string, row: number): number {
  const v = Number(cell)
  // Number('') and Number('  ') are 0: an empty cell is no number.
  if (!Number.isFinite(v) || (v === 0 && cell.trim() === ''))
    throw new ModelInputError(`could not convert string to float: '${cell.trim()}' (row ${row})`)
  return v
}

/** `{"features": [...]}` or a bare array per line (the common JSON Lines request format). */
function jsonFeatures(line: string, row: number): number[] {
  let doc: unknown
  try {
    doc = JSON.parse(line)
  } catch {
    throw new ModelInputError(`Row ${row} is not valid JSON.`)
  }
  const features = Array.isArray(doc) ? doc : (doc as { features?: unknown } | null)?.features
  if (!Array.isArray(features)) throw new ModelInputError(`Row ${row} has no "features" array.`)
  return features.map(v => parseNumber(String(v), row))
}

function widthError(row: number, found: number, model: LinearModel): ModelInputError {
  return new ModelInputError(
    `Row ${row} has ${found} features, the model expects ${model.features}.`
  )
}

/**
 * Hands each CSV row of a body (no header, no label column; blank lines skipped) to
 * `score`, its features in one array reused from row to row: a request of many rows makes
 * no array or string per row beyond its cells'.
 */
function forEachCsvRow(model: LinearModel, text: string, score: (x: Float64Array) => void): void {
  const x = new Float64Array(model.features)
  let row = 0
  for (let pos = 0; pos <= text.length;) {
    let end = text.indexOf('\n', pos)
    if (end < 0) end = text.length
    // trim() also takes the \r of a CRLF line ending.
    const line = text.slice(pos, end).trim()
    pos = end + 1
    row++
    if (line === '') continue
    let count = 0
    for (let from = 0; ; count++) {
      const comma = line.indexOf(',', from)
      const value = parseNumber(line.slice(from, comma < 0 ? line.length : comma), row)
      if (count < x.length) x[count] = value
      if (comma < 0) break
      from = comma + 1
    }
    if (count + 1 !== model.features) throw widthError(row, count + 1, model)
    score(x)
  }
}

/** The feature rows of a JSON Lines request body; blank lines skipped. */
function jsonLinesRows(model: LinearModel, text: string): number[][] {
  const rows: number[][] = []
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim()
    if (line === '') continue
    const x = jsonFeatures(line, i + 1)
    if (x.length !== model.features) throw widthError(i + 1, x.length, model)
    rows.push(x)
  }
  return rows
}

/** The media type part of a Content-Type or Accept header, lower-cased. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase()
}

/**
 * Scores a request body as the container would: CSV or JSON Lines in, one prediction per
 * line out in the `accept` type (default: the request's own type). Unsupported types are
 * 415 / 406 from the container.
 */
export function predict(
  model: LinearModel,
  body: string,
  contentType: string | undefined,
  accept: string | undefined
): { body: string; contentType: string } {
  const type = mediaType(contentType)
  if (type !== CSV && type !== JSON_LINES)
    throw new ModelInputError(
      `Content type ${contentType ?? '(none)'} is not supported by this model; send ${CSV} or ${JSON_LINES}.`,
      415
    )
  const wanted = mediaType(accept)
  const out = wanted === '' || wanted === '*/*' ? type : wanted
  if (out !== CSV && out !== JSON_LINES)
    throw new ModelInputError(
      `Accept ${accept} is not supported by this model; accept ${CSV} or ${JSON_LINES}.`,
      406
    )
  let answer = ''
  const score = (x: ArrayLike<number>) => {
    const p = predictRow(model, x)
    answer += `${out === CSV ? csvLine(model, p) : jsonLine(p)}\n`
  }
  if (type === CSV) forEachCsvRow(model, body, score)
  else for (const x of jsonLinesRows(model, body)) score(x)
  return { body: answer, contentType: out }
}
