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
// not scalar metrics and are skipped. Python's json module writes NaN and Infinity as bare
// words; they are recognised so the error can name the metric instead of a JSON position.
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

const NON_FINITE_MARK = '\u0000non-finite:'

/**
 * JSON.parse refuses Python's bare NaN/Infinity; they are rewritten outside strings into
 * marked strings so that parsing succeeds and the metric that holds one can be named.
 */
function parseLenientJson(text: string): unknown {
  let out = ''
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string
    if (inString) {
      out += char
      if (char === '\\') out += text[++i] ?? ''
      else if (char === '"') inString = false
      continue
    }
    if (char === '"') {
      inString = true
      out += char
      continue
    }
    const word = /^(-?Infinity|NaN)/.exec(text.slice(i, i + 9))
    if (word) {
      out += JSON.stringify(`${NON_FINITE_MARK}${word[1]}`)
      i += (word[1] as string).length - 1
      continue
    }
    out += char
  }
  return JSON.parse(out)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function describeValue(value: unknown): string {
  if (typeof value === 'string' && value.startsWith(NON_FINITE_MARK)) {
    return value.slice(NON_FINITE_MARK.length)
  }
  return JSON.stringify(value) ?? String(value)
}

/** A finite number, or a string holding one; anything else is undefined. */
function finiteNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value === 'string' && value.trim() !== '' && !value.startsWith(NON_FINITE_MARK)) {
    const parsed = Number(value)
    return Number.isFinite(parsed) ? parsed : undefined
  }
  return undefined
}

function metricValue(value: unknown, name: string, input: string): number {
  const number = finiteNumber(value)
  if (number === undefined) {
    throw new UserError(
      `Input "${input}": metric "${name}" has value ${describeValue(value)}; metrics must be finite numbers.`
    )
  }
  return number
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
        const sd = finiteNumber(entry.standard_deviation)
        if (sd === undefined) {
          notes.push(
            `${name}: standard_deviation ${describeValue(entry.standard_deviation)} is not a finite number, left out`
          )
        } else {
          metric.standardDeviation = sd
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
  let document: unknown
  try {
    document = parseLenientJson(text)
  } catch (error) {
    throw new UserError(
      `Input "${input}": not valid JSON (${error instanceof Error ? error.message : String(error)}).`
    )
  }
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
