// From data to metrics: `evaluate` for a stream of CSV bytes (the `metrics` mode, Batch
// Transform output), `Evaluator` for labels and predictions already in hand (live
// evaluation against an endpoint). Reads the data once, keeps only what the task's
// metrics require (binary: the scores split by label; with a baseline, the rows in order
// for the paired tests), then computes each model's report and, with a baseline, the
// comparisons. `hashing` gives the data's sha256 on the way through.
import { createHash } from 'node:crypto'
import { binaryMetrics, type SortedScores, sortScores } from './binary.js'
import { Float64Column, Uint8Column } from './blocks.js'
import {
  compareBinary,
  compareMulticlass,
  compareRegression,
  type CompareOptions,
  type MulticlassPredictions
} from './compare.js'
import {
  type DataColumns,
  type DataSpec,
  type DataSummary,
  readData,
  type RowSink,
  type Task
} from './dataset.js'
import { DataError } from './data-error.js'
import { DEFAULT_SEED } from './metric-report.js'
import { argmax, MulticlassAccumulator, rowLogLoss } from './multiclass.js'
import type { Comparison } from './paired.js'
import { RegressionAccumulator } from './regression.js'
import type { TaskReport } from './statistics-json.js'

export interface EvaluateOptions extends DataSpec {
  /** Binary: scores >= this are predicted positive; 0.5 by default. */
  threshold?: number
  /** Paired comparisons: intervals at 1 - alpha; 0.05 by default. */
  alpha?: number
  /** Seeds the standard deviations' subsamples and the bootstrap; fixed by default. */
  seed?: number
  /** Bootstrap resamples; 1,000 by default. Time grows as resamples x rows. */
  resamples?: number
}

export interface Evaluation {
  task: Task
  rows: number
  columns: DataColumns
  header?: string[]
  candidate: TaskReport
  baseline?: TaskReport
  /** With a baseline: each metric defined for both models, compared on the same rows. */
  comparison?: Record<string, Comparison>
  /** Ill-defined metrics and other notes, prefixed with the model when there is a baseline. */
  warnings: string[]
}

export const DEFAULT_ALPHA = 0.05
export const DEFAULT_RESAMPLES = 1000

/** What a sink hands back once the data is read. */
interface Collected {
  candidate: TaskReport
  baseline?: TaskReport
  comparison?: Record<string, Comparison>
}

interface TaskSink extends RowSink {
  finish(summary: DataSummary): Collected
}

function checkedOptions(options: EvaluateOptions): CompareOptions & { threshold: number } {
  const threshold = options.threshold ?? 0.5
  const alpha = options.alpha ?? DEFAULT_ALPHA
  const resamples = options.resamples ?? DEFAULT_RESAMPLES
  if (!Number.isFinite(threshold)) {
    throw new RangeError(`the decision threshold must be a finite number, got ${threshold}`)
  }
  if (!(alpha > 0 && alpha < 0.5)) throw new RangeError(`alpha must be in (0, 0.5), got ${alpha}`)
  if (!Number.isInteger(resamples) || resamples < 100) {
    throw new RangeError(`resamples must be a whole number >= 100, got ${resamples}`)
  }
  return { threshold, alpha, resamples, seed: options.seed ?? DEFAULT_SEED }
}

/**
 * Computes the metrics of rows handed over a batch at a time, for callers that already
 * hold the labels and predictions (live evaluation). Each batch's columns are the label,
 * then the prediction columns, then the baseline columns, as `columns` describes them, and
 * must have passed `readData`'s checks (parsePredictions checks what an endpoint returns).
 */
export class Evaluator implements RowSink {
  private readonly sink: TaskSink
  private rows = 0

  constructor(
    private readonly options: EvaluateOptions,
    private readonly columns: DataColumns
  ) {
    const checked = checkedOptions(options)
    const paired = columns.baseline !== undefined
    if (options.task === 'binary') {
      this.sink = paired
        ? new PairedBinarySink(checked)
        : new BinarySink(checked.threshold, checked.seed)
    } else if (options.task === 'regression') this.sink = new RegressionSink(paired, checked)
    else this.sink = new MulticlassSink(columns, options.classes, checked)
  }

  batch(columns: Float64Array[], rows: number): void {
    this.rows += rows
    this.sink.batch(columns, rows)
  }

  /** The evaluation; `summary` adds what reading the data learned (header, K). */
  finish(summary: Partial<DataSummary> = {}): Evaluation {
    if (this.rows === 0) throw new DataError(this.options.source, 'there are no rows to evaluate.')
    const collected = this.sink.finish({ rows: this.rows, columns: this.columns, ...summary })
    const paired = collected.baseline !== undefined
    const warnings = [
      ...collected.candidate.report.warnings.map(w => (paired ? `candidate: ${w}` : w)),
      ...(collected.baseline?.report.warnings.map(w => `baseline: ${w}`) ?? [])
    ]
    return {
      task: this.options.task,
      rows: this.rows,
      columns: this.columns,
      header: summary.header,
      ...collected,
      warnings
    }
  }
}

/** Reads and evaluates CSV data; throws a DataError for bad data, naming line and column. */
export async function evaluate(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: EvaluateOptions
): Promise<Evaluation> {
  checkedOptions(options)
  let evaluator: Evaluator | undefined
  const summary = await readData(chunks, options, columns => {
    evaluator = new Evaluator(options, columns)
    return evaluator
  })
  return evaluator!.finish(summary)
}

class BinarySink implements TaskSink {
  private readonly positives = new Float64Column()
  private readonly negatives = new Float64Column()

  constructor(
    private readonly threshold: number,
    private readonly seed: number
  ) {}

  batch(columns: Float64Array[], rows: number): void {
    const labels = columns[0]!
    const scores = columns[1]!
    for (let i = 0; i < rows; i++) {
      if (labels[i] === 1) this.positives.push(scores[i]!)
      else this.negatives.push(scores[i]!)
    }
  }

  finish(): Collected {
    // Each stored block sorted in place with one shared scratch buffer: sorted data
    // without a second copy of the scores.
    const parts = [...this.positives.parts(), ...this.negatives.parts()]
    const scratch = new Float64Array(Math.max(0, ...parts.map(part => part.length)))
    const sorted: SortedScores = {
      positives: this.positives.sortedRuns(scratch),
      negatives: this.negatives.sortedRuns(scratch)
    }
    return {
      candidate: {
        task: 'binary',
        report: binaryMetrics(sorted, { threshold: this.threshold, seed: this.seed })
      }
    }
  }
}

class PairedBinarySink implements TaskSink {
  private readonly labels = new Uint8Column()
  private readonly candidate = new Float64Column()
  private readonly baseline = new Float64Column()

  constructor(private readonly options: CompareOptions & { threshold: number }) {}

  batch(columns: Float64Array[], rows: number): void {
    for (let i = 0; i < rows; i++) {
      this.labels.push(columns[0]![i]!)
      this.candidate.push(columns[1]![i]!)
      this.baseline.push(columns[2]![i]!)
    }
  }

  finish(): Collected {
    const data = {
      labels: this.labels.take(),
      candidate: this.candidate.take(),
      baseline: this.baseline.take()
    }
    const sorted = {
      candidate: sortScores(data.labels, data.candidate),
      baseline: sortScores(data.labels, data.baseline)
    }
    const metricOptions = { threshold: this.options.threshold, seed: this.options.seed }
    const reports = {
      candidate: binaryMetrics(sorted.candidate, metricOptions),
      baseline: binaryMetrics(sorted.baseline, metricOptions)
    }
    return {
      candidate: { task: 'binary', report: reports.candidate },
      baseline: { task: 'binary', report: reports.baseline },
      comparison: compareBinary(data, reports, sorted, this.options)
    }
  }
}

class RegressionSink implements TaskSink {
  private readonly accumulators: RegressionAccumulator[]
  private readonly kept?: [Float64Column, Float64Column, Float64Column]

  constructor(
    paired: boolean,
    private readonly options: CompareOptions
  ) {
    this.accumulators = Array.from(
      { length: paired ? 2 : 1 },
      () => new RegressionAccumulator(options.seed)
    )
    if (paired) this.kept = [new Float64Column(), new Float64Column(), new Float64Column()]
  }

  batch(columns: Float64Array[], rows: number): void {
    for (let i = 0; i < rows; i++) {
      for (let m = 0; m < this.accumulators.length; m++)
        this.accumulators[m]!.add(columns[0]![i]!, columns[1 + m]![i]!)
      if (this.kept) for (let c = 0; c < 3; c++) this.kept[c]!.push(columns[c]![i]!)
    }
  }

  finish(): Collected {
    const [candidate, baseline] = this.accumulators.map(a => a.finish())
    if (!this.kept || !baseline) return { candidate: { task: 'regression', report: candidate! } }
    const [labels, c, b] = this.kept.map(column => column.take()) as [
      Float64Array,
      Float64Array,
      Float64Array
    ]
    return {
      candidate: { task: 'regression', report: candidate! },
      baseline: { task: 'regression', report: baseline },
      comparison: compareRegression(
        { labels, candidate: c, baseline: b },
        { candidate: candidate!, baseline },
        this.options
      )
    }
  }
}

class MulticlassSink implements TaskSink {
  private readonly width: number
  private readonly probabilities: boolean
  private readonly accumulators: MulticlassAccumulator[]
  private readonly kept?: {
    labels: Float64Column
    predicted: Float64Column[]
    losses: Float64Column[]
  }
  private readonly row: Float64Array

  constructor(
    columns: DataColumns,
    classes: number | undefined,
    private readonly options: CompareOptions
  ) {
    this.width = columns.prediction.length
    this.probabilities = this.width > 1
    const models = columns.baseline ? 2 : 1
    const K = this.probabilities ? this.width : (classes ?? 2)
    this.accumulators = Array.from(
      { length: models },
      () => new MulticlassAccumulator(K, this.probabilities, options.seed)
    )
    if (models === 2) {
      this.kept = {
        labels: new Float64Column(),
        predicted: [new Float64Column(), new Float64Column()],
        losses: [new Float64Column(), new Float64Column()]
      }
    }
    this.row = new Float64Array(this.width)
  }

  batch(columns: Float64Array[], rows: number): void {
    for (let i = 0; i < rows; i++) {
      const label = columns[0]![i]!
      this.kept?.labels.push(label)
      for (let m = 0; m < this.accumulators.length; m++) {
        const first = 1 + m * this.width
        let predicted = columns[first]![i]!
        let loss = 0
        if (this.probabilities) {
          let sum = 0
          for (let k = 0; k < this.width; k++) sum += this.row[k] = columns[first + k]![i]!
          predicted = argmax(this.row)
          loss = rowLogLoss(this.row, label)
          this.accumulators[m]!.noteRowSum(sum)
        }
        this.accumulators[m]!.add(label, predicted, loss)
        this.kept?.predicted[m]!.push(predicted)
        if (this.probabilities) this.kept?.losses[m]!.push(loss)
      }
    }
  }

  finish(summary: DataSummary): Collected {
    const [candidate, baseline] = this.accumulators.map(a => a.finish(summary.classes))
    if (!this.kept || !baseline) return { candidate: { task: 'multiclass', report: candidate! } }
    const model = (m: number): MulticlassPredictions => ({
      predicted: this.kept!.predicted[m]!.take(),
      ...(this.probabilities ? { losses: this.kept!.losses[m]!.take() } : {})
    })
    const classes = Math.max(candidate!.classes, baseline.classes)
    const data = {
      labels: this.kept.labels.take(),
      classes,
      candidate: model(0),
      baseline: model(1)
    }
    return {
      candidate: { task: 'multiclass', report: candidate! },
      baseline: { task: 'multiclass', report: baseline },
      comparison: compareMulticlass(data, { candidate: candidate!, baseline }, this.options)
    }
  }
}

/**
 * Passes a byte stream through while hashing it, for the data's sha256 recorded with a
 * decision: `digest()` is valid once the stream has been read to the end.
 */
export function hashing(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): {
  chunks: AsyncIterable<Uint8Array>
  digest: () => string
} {
  const hash = createHash('sha256')
  let done = false
  async function* pass(): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunks) {
      hash.update(chunk)
      yield chunk
    }
    done = true
  }
  let hex: string | undefined
  return {
    chunks: pass(),
    digest: () => {
      if (!done) throw new Error('the stream has not been read to the end')
      hex ??= hash.digest('hex')
      return hex
    }
  }
}
