// Metrics files and SageMaker's model-quality statistics JSON: parsing the shapes people
// hand us, and writing the one SageMaker Studio reads.
//
// Accepted shapes:
// - Model Monitor model-quality statistics:
//   {"version": 0.0, "dataset": {...}, "binary_classification_metrics": {"auc": {"value": 0.9,
//   "standard_deviation": 0.01}, "confusion_matrix": {...}, ...}}
//   (also `multiclass_classification_metrics` and `regression_metrics`);
// - the nested form SageMaker Pipelines evaluation scripts write:
//   {"classification_metrics": {"validation:auc": {"value": 0.92, "standard_deviation": 0.01}}}
// - flat: {"validation:auc": 0.92, "validation:logloss": 0.31}.
//
// Metric names are kept exactly as written: a statistics file yields `auc`, not
// `binary_classification_metrics.auc`, because that is the name a person writes in a gate
// threshold (`auc >= 0.85`) and the name Studio shows. Curves and confusion matrices are
// not scalar metrics and are skipped.
//
// Values must be JSON numbers that a double holds exactly enough to be told apart: a
// quoted "0.9", NaN or Infinity (bare, as Python writes them), 1e400 (beyond a double) and
// 1e-400 (indistinguishable from 0) are errors naming the metric. A key given twice in one
// object is an error too (JSON.parse would silently keep the last), and a UTF-8 byte-order
// mark at the start is ignored.
import { readFile } from 'node:fs/promises'
import { UserError } from '../errors.js'

export const STATISTICS_SECTIONS = [
  'binary_classification_metrics',
  'multiclass_classification_metrics',
  'regression_metrics',
  'classification_metrics'
] as const
export type StatisticsSection = (typeof STATISTICS_SECTIONS)[number]

/** Top-level keys of a statistics file that describe the data, not the model. */
const STATISTICS_INFO_KEYS = new Set(['version', 'dataset'])

export interface Metric {
  name: string
  value: number
  standardDeviation?: number
  /** The statistics section the metric came from, when the source had one. */
  section?: StatisticsSection
}

export interface ParsedMetrics {
  metrics: Metric[]
  /** Things skipped on purpose (curves, non-finite standard deviations), for the log. */
  notes: string[]
}

/** A number as written in the file: the text is kept so that errors can quote it. */
class JsonNumber {
  constructor(
    readonly raw: string,
    readonly value: number,
    readonly line: number
  ) {}
}

/** Python's json module writes NaN and Infinity as bare words; kept to name the metric. */
class NonFinite {
  constructor(
    readonly word: string,
    readonly line: number
  ) {}
}

const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t'
}

/**
 * A strict JSON reader (RFC 8259) for metrics files. JSON.parse would keep the last of two
 * equal keys and turn 1e400 into Infinity without a word; here both are errors that say
 * where, numbers keep the text they were written as, and Python's bare NaN/Infinity are
 * read so that the error can name the metric that holds one.
 */
class JsonReader {
  private pos = 0
  constructor(
    private readonly text: string,
    private readonly input: string
  ) {}

  private line(at = this.pos): number {
    let line = 1
    for (let i = 0; i < at; i++) if (this.text.charCodeAt(i) === 10) line++
    return line
  }

  private fail(message: string, at = this.pos): never {
    const line = this.line(at)
    const column = at - this.text.lastIndexOf('\n', at - 1)
    throw new UserError(
      `Input "${this.input}": not valid JSON at line ${line}, column ${column}: ${message}.`
    )
  }

  private space(): void {
    while (/[ \t\n\r]/.test(this.text[this.pos] ?? '')) this.pos++
  }

  document(): unknown {
    const value = this.value()
    this.space()
    if (this.pos < this.text.length) this.fail('unexpected text after the end of the document')
    return value
  }

  private value(): unknown {
    this.space()
    const char = this.text[this.pos]
    if (char === '{') return this.object()
    if (char === '[') return this.array()
    if (char === '"') return this.string()
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null]
    ] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length
        return value
      }
    }
    for (const word of ['NaN', 'Infinity', '-Infinity']) {
      if (this.text.startsWith(word, this.pos)) {
        const found = new NonFinite(word, this.line())
        this.pos += word.length
        return found
      }
    }
    JSON_NUMBER.lastIndex = this.pos
    const number = JSON_NUMBER.exec(this.text)
    if (number) {
      const found = new JsonNumber(number[0], Number(number[0]), this.line())
      this.pos += number[0].length
      return found
    }
    this.fail(char === undefined ? 'the document ends too early' : `unexpected "${char}"`)
  }

  private object(): Record<string, unknown> {
    this.pos++
    // No prototype: a key such as "__proto__" is a metric name like any other.
    const result = Object.create(null) as Record<string, unknown>
    const lines = new Map<string, number>()
    this.space()
    if (this.text[this.pos] === '}') {
      this.pos++
      return result
    }
    for (;;) {
      this.space()
      if (this.text[this.pos] !== '"') this.fail('expected a key in double quotes')
      const at = this.pos
      const key = this.string()
      const first = lines.get(key)
      if (first !== undefined) {
        this.fail(
          `the key "${key}" appears twice in one object (lines ${first} and ${this.line(at)}); a JSON reader would keep only the last, so give each key once`,
          at
        )
      }
      lines.set(key, this.line(at))
      this.space()
      if (this.text[this.pos] !== ':') this.fail(`expected ":" after "${key}"`)
      this.pos++
      result[key] = this.value()
      this.space()
      const next = this.text[this.pos++]
      if (next === '}') return result
      if (next !== ',') this.fail('expected "," or "}"', this.pos - 1)
    }
  }

  private array(): unknown[] {
    this.pos++
    const result: unknown[] = []
    this.space()
    if (this.text[this.pos] === ']') {
      this.pos++
      return result
    }
    for (;;) {
      result.push(this.value())
      this.space()
      const next = this.text[this.pos++]
      if (next === ']') return result
      if (next !== ',') this.fail('expected "," or "]"', this.pos - 1)
    }
  }

  private string(): string {
    let out = ''
    this.pos++
    for (;;) {
      const char = this.text[this.pos]
      if (char === undefined) this.fail('a string is not closed')
      if (char === '"') {
        this.pos++
        return out
      }
      if (char < ' ') this.fail('a control character inside a string must be escaped')
      if (char !== '\\') {
        out += char
        this.pos++
        continue
      }
      const escape = this.text[this.pos + 1] ?? ''
      if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
        out += String.fromCharCode(parseInt(this.text.slice(this.pos + 2, this.pos + 6), 16))
        this.pos += 6
      } else if (ESCAPES[escape] !== undefined) {
        out += ESCAPES[escape]
        this.pos += 2
      } else this.fail(`"\\${escape}" is not a JSON escape`)
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof JsonNumber) &&
    !(value instanceof NonFinite)
  )
}

function describeValue(value: unknown): string {
  if (value instanceof JsonNumber) return value.raw
  if (value instanceof NonFinite) return value.word
  if (isRecord(value)) return 'an object'
  if (Array.isArray(value)) return 'a list'
  return JSON.stringify(value) ?? String(value)
}

/**
 * The number a value holds, or why it holds none. Only JSON numbers count: a quoted "0.9"
 * is refused like "high", because a metric written as a string is usually a serialisation
 * mistake upstream, and accepting some strings but not others would be a guess.
 */
function numberOf(value: unknown): { value: number } | { problem: string } {
  if (value instanceof JsonNumber) {
    if (!Number.isFinite(value.value)) {
      return {
        problem: `is ${value.raw} (line ${value.line}), beyond the largest number a double holds (about 1.8e308)`
      }
    }
    if (value.value === 0 && /[1-9]/.test(value.raw.split(/[eE]/)[0] ?? '')) {
      return {
        problem: `is ${value.raw} (line ${value.line}), too small to tell from 0 in a double (below about 5e-324)`
      }
    }
    return { value: value.value }
  }
  if (value instanceof NonFinite) return { problem: `has value ${value.word} (line ${value.line})` }
  if (typeof value === 'string') {
    const numeric = /^\s*[-+]?(\d|\.\d)/.test(value)
    return {
      problem: `has the string ${JSON.stringify(value)}${numeric ? `; write it as a number, without quotes (${value.trim()})` : ''}`
    }
  }
  return { problem: `has value ${describeValue(value)}` }
}

function metricValue(value: unknown, name: string, input: string): number {
  const number = numberOf(value)
  if ('problem' in number) {
    throw new UserError(
      `Input "${input}": metric "${name}" ${number.problem}; metrics must be finite numbers.`
    )
  }
  return number.value
}

function sectionMetrics(
  section: StatisticsSection,
  body: unknown,
  input: string,
  notes: string[]
): Metric[] {
  if (!isRecord(body)) {
    throw new UserError(
      `Input "${input}": "${section}" must be an object of metrics like {"auc": {"value": 0.9, "standard_deviation": 0.01}}.`
    )
  }
  const metrics: Metric[] = []
  for (const [name, entry] of Object.entries(body)) {
    if (isRecord(entry)) {
      if (!('value' in entry)) {
        // Confusion matrices and ROC/PR curves: structured, not a single number.
        notes.push(`${section}.${name}: not a scalar metric, skipped`)
        continue
      }
      const metric: Metric = { name, value: metricValue(entry.value, name, input), section }
      if (entry.standard_deviation !== undefined && entry.standard_deviation !== null) {
        const sd = numberOf(entry.standard_deviation)
        if ('problem' in sd) {
          notes.push(
            `${name}: standard_deviation ${describeValue(entry.standard_deviation)} is not a finite number, left out`
          )
        } else {
          metric.standardDeviation = sd.value
        }
      }
      metrics.push(metric)
    } else if (Array.isArray(entry)) {
      notes.push(`${section}.${name}: not a scalar metric, skipped`)
    } else {
      metrics.push({ name, value: metricValue(entry, name, input), section })
    }
  }
  return metrics
}

/**
 * Parses the text of a metrics file (or a statistics JSON read from S3). `input` is the
 * name used in error messages: the action input, or an S3 URI.
 */
export function parseMetricsJson(text: string, input = 'metrics-file'): ParsedMetrics {
  // A UTF-8 byte-order mark, as Windows tools write one, is not part of the JSON.
  const document = new JsonReader(text.replace(/^\uFEFF/, ''), input).document()
  if (!isRecord(document)) {
    throw new UserError(
      `Input "${input}": expected a JSON object of metrics; got ${describeValue(document)}.`
    )
  }
  const notes: string[] = []
  const metrics: Metric[] = []
  const keys = Object.keys(document)
  const sections = keys.filter((k): k is StatisticsSection =>
    (STATISTICS_SECTIONS as readonly string[]).includes(k)
  )
  if (sections.length > 0) {
    const unknown = keys.filter(
      k => !STATISTICS_INFO_KEYS.has(k) && !(STATISTICS_SECTIONS as readonly string[]).includes(k)
    )
    if (unknown.length > 0) {
      throw new UserError(
        `Input "${input}": unknown top-level key ${unknown.map(k => `"${k}"`).join(', ')} next to ${sections.map(s => `"${s}"`).join(', ')}; accepted: ${STATISTICS_SECTIONS.join(', ')}, version, dataset.`
      )
    }
    for (const section of sections)
      metrics.push(...sectionMetrics(section, document[section], input, notes))
    if (metrics.length > 0) {
      notes.push(
        `metrics keep their names as in the statistics (${metrics
          .slice(0, 3)
          .map(m => m.name)
          .join(
            ', '
          )}${metrics.length > 3 ? ', ...' : ''}), without the section name: write rules as "${metrics[0]?.name} >= ..."`
      )
    }
  } else {
    for (const [name, value] of Object.entries(document)) {
      if (isRecord(value) || Array.isArray(value)) {
        throw new UserError(
          `Input "${input}": unknown shape at "${name}". Accepted: SageMaker model-quality statistics (${STATISTICS_SECTIONS.slice(0, 3).join(', ')}), {"classification_metrics": {"name": {"value": 0.9}}}, or flat {"validation:auc": 0.92}.`
        )
      }
      metrics.push({ name, value: metricValue(value, name, input) })
    }
  }
  if (metrics.length === 0) {
    throw new UserError(`Input "${input}": the file holds no metrics.`)
  }
  const seen = new Set<string>()
  for (const metric of metrics) {
    if (seen.has(metric.name)) {
      throw new UserError(
        `Input "${input}": metric "${metric.name}" appears twice; give each metric one value.`
      )
    }
    seen.add(metric.name)
  }
  return { metrics, notes }
}

/** Reads and parses a local metrics file; a missing file is an input error. */
export async function readMetricsFile(
  path: string,
  input = 'metrics-file'
): Promise<ParsedMetrics> {
  let text: string
  try {
    text = await readFile(path, 'utf-8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : String(code ?? error)
    throw new UserError(`Input "${input}": cannot read "${path}" (${reason}).`)
  }
  return parseMetricsJson(text, input)
}

export interface MergedMetrics {
  metrics: Metric[]
  /** Names the file overrode, with both values, for the log. */
  overridden: string[]
}

/**
 * Training-job metrics first, then the file's; where both name a metric the file wins,
 * because it is the evaluation the workflow ran on purpose (the job's final metrics are
 * whatever the algorithm logged last).
 */
export function mergeMetrics(fromJob: Metric[], fromFile: Metric[]): MergedMetrics {
  const byName = new Map<string, Metric>()
  const overridden: string[] = []
  for (const metric of fromJob) byName.set(metric.name, metric)
  for (const metric of fromFile) {
    const previous = byName.get(metric.name)
    if (previous && previous.value !== metric.value) {
      overridden.push(`${metric.name}: file ${metric.value} over training job ${previous.value}`)
    }
    byName.set(metric.name, metric)
  }
  return { metrics: [...byName.values()], overridden }
}

const CLASSIFICATION_HINT =
  /auc|accuracy|f1|precision|recall|logloss|log_loss|error|fpr|tpr|specificity/i
const REGRESSION_HINT = /(^|[^a-z])(r2|mse|rmse|mae|mape)([^a-z]|$)/i

/**
 * Where a metric without a section goes in the statistics JSON: the file's single section
 * when it had exactly one, otherwise guessed from the metric name, so Studio lists it.
 */
function sectionFor(metric: Metric, fileSections: Set<StatisticsSection>): StatisticsSection {
  if (metric.section) return metric.section
  if (fileSections.size === 1) return [...fileSections][0] as StatisticsSection
  if (REGRESSION_HINT.test(metric.name)) return 'regression_metrics'
  if (CLASSIFICATION_HINT.test(metric.name)) return 'binary_classification_metrics'
  return 'regression_metrics'
}

/**
 * The model-quality statistics JSON stored in S3 for ModelMetrics.ModelQuality.Statistics.
 * Serialised with sorted sections and stable key order, so equal metrics give equal bytes
 * and therefore an equal ContentDigest.
 */
export function statisticsJson(metrics: Metric[]): string {
  const fileSections = new Set(
    metrics.map(m => m.section).filter((s): s is StatisticsSection => s !== undefined)
  )
  const document: Record<string, unknown> = { version: 0.0 }
  const sections = new Map<
    StatisticsSection,
    Record<string, { value: number; standard_deviation?: number }>
  >()
  for (const metric of metrics) {
    const section = sectionFor(metric, fileSections)
    const body = sections.get(section) ?? {}
    body[metric.name] =
      metric.standardDeviation === undefined
        ? { value: metric.value }
        : { value: metric.value, standard_deviation: metric.standardDeviation }
    sections.set(section, body)
  }
  for (const section of [...sections.keys()].sort()) document[section] = sections.get(section)
  return `${JSON.stringify(document, null, 2)}\n`
}

/** name -> value, in the order given. */
export function metricValues(metrics: Metric[]): Record<string, number> {
  const values: Record<string, number> = {}
  for (const metric of metrics) values[metric.name] = metric.value
  return values
}
