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
export class ModelInputError extends Error {}

function dot(w: number[], x: number[]): number {
  let s = 0
  for (let i = 0; i < w.length; i++) s += w[i]! * x[i]!
  return s
}

export function predictRow(model: LinearModel, x: number[]): string {
  if (model.task === 'regression') return String(dot(model.weights[0]!, x) + model.bias[0]!)
  if (model.task === 'binary')
    return String(1 / (1 + Math.exp(-(dot(model.weights[0]!, x) + model.bias[0]!))))
  const scores = model.weights.map((w, k) => dot(w, x) + model.bias[k]!)
  const top = Math.max(...scores)
  const exp = scores.map(s => Math.exp(s - top))
  const sum = exp.reduce((a, b) => a + b, 0)
  if (model.output === 'probabilities') return exp.map(e => String(e / sum)).join(',')
  return String(scores.indexOf(top))
}

/** Scores CSV rows (no header, no label column); returns one prediction per line. */
export function predictCsv(model: LinearModel, text: string): string[] {
  const out: string[] = []
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim()
    if (line === '') continue
    const cells = line.split(',')
    if (cells.length !== model.features)
      throw new ModelInputError(
        `Row ${i + 1} has ${cells.length} features, the model expects ${model.features}.`
      )
    const x = cells.map(c => {
      const v = c.trim() === '' ? NaN : Number(c)
      if (!Number.isFinite(v))
        throw new ModelInputError(`could not convert string to float: '${c.trim()}' (row ${i + 1})`)
      return v
    })
    out.push(predictRow(model, x))
  }
  return out
}
