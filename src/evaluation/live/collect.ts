// From the rows sent and the predictions that came back to the metrics engine: batches
// arrive in any order (requests finish when they finish) and are handed to the Evaluator
// in row order, the candidate's and the baseline's predictions side by side for the paired
// tests. Here is also what the engine expects to be checked before it sees a row: the
// same prediction shape on every row and for both models, and for multiclass
// probabilities, labels within the classes the model knows.
import type { SelectedColumn } from '../csv.js'
import { DataError } from '../data-error.js'
import type { DataColumns } from '../dataset.js'
import { type Evaluation, Evaluator, type EvaluateOptions } from '../evaluate.js'
import { MAX_CLASSES } from '../multiclass.js'
import type { Predictions } from '../predictions.js'

/** The rows of one batch: where they are in the data, and their labels. */
export interface RowsSent {
  rows: number
  /** File lines (1-based), for messages. */
  lines: ArrayLike<number>
  labels: Float64Array
}

export interface CollectorOptions extends Omit<
  EvaluateOptions,
  'label' | 'prediction' | 'baseline'
> {
  /** The label's column in the data, as reported. */
  labelColumn: number
  labelName?: string
  /** Columns in the data: the predictions are reported as the columns after them. */
  fieldCount: number
  paired: boolean
}

function columns(role: string, first: number, width: number): SelectedColumn[] {
  return Array.from({ length: width }, (_, k) => ({
    index: first + k,
    role: width === 1 ? role : `${role} probability of class ${k}`
  }))
}

export class LiveCollector {
  private evaluator?: Evaluator
  private width?: number
  private largestClass = -1
  private readonly pending = new Map<number, [RowsSent, Predictions, Predictions | undefined]>()
  private next = 0

  constructor(private readonly options: CollectorOptions) {}

  /**
   * Adds batch number `index` (0, 1, 2, ... in data order); batches are evaluated in that
   * order whatever order they are added in.
   */
  add(index: number, sent: RowsSent, candidate: Predictions, baseline?: Predictions): void {
    if (this.options.paired !== (baseline !== undefined))
      throw new Error(
        `batch ${index}: a baseline's predictions are ${this.options.paired ? 'missing' : 'unexpected'}`
      )
    this.check(sent, candidate, 'candidate')
    if (baseline) this.check(sent, baseline, 'baseline')
    this.pending.set(index, [sent, candidate, baseline])
    for (;;) {
      const ready = this.pending.get(this.next)
      if (!ready) return
      this.pending.delete(this.next++)
      this.feed(...ready)
    }
  }

  /** Batches added but waiting for an earlier one. */
  get waiting(): number {
    return this.pending.size
  }

  private check(sent: RowsSent, answer: Predictions, model: string): void {
    if (answer.rows !== sent.rows)
      throw new Error(`the ${model} answered ${answer.rows} rows for ${sent.rows}`)
    this.width ??= answer.width
    if (answer.width !== this.width) {
      throw new DataError(
        this.options.source,
        `the ${model} returned ${answer.width} value${answer.width === 1 ? '' : 's'} per row for lines ${sent.lines[0]}-${sent.lines[sent.rows - 1]}, and ${this.width} before: both models must answer every row in one shape.`
      )
    }
    if (this.options.task !== 'multiclass') return
    const { values, width } = answer
    for (let i = 0; i < sent.rows; i++) {
      const label = sent.labels[i]!
      if (width > 1 && label >= width) {
        throw new DataError(
          this.options.source,
          `the label ${label} is not one of the ${width} classes the ${model} gives probabilities for (0-${width - 1}).`,
          {
            line: sent.lines[i]!,
            column: this.options.labelColumn,
            columnName: this.options.labelName,
            role: 'label'
          }
        )
      }
      if (width === 1) {
        const predicted = values[i]!
        if (predicted >= MAX_CLASSES)
          throw new DataError(
            this.options.source,
            `the ${model} predicted class ${predicted} for line ${sent.lines[i]}: at most ${MAX_CLASSES} classes are supported.`
          )
        if (predicted > this.largestClass) this.largestClass = predicted
      }
      if (label > this.largestClass) this.largestClass = label
    }
  }

  private feed(sent: RowsSent, candidate: Predictions, baseline?: Predictions): void {
    const width = this.width!
    if (!this.evaluator) {
      const data: DataColumns = {
        label: { index: this.options.labelColumn, role: 'label' },
        prediction: columns('prediction', this.options.fieldCount, width),
        baseline: baseline
          ? columns('baseline prediction', this.options.fieldCount + width, width)
          : undefined
      }
      this.evaluator = new Evaluator({ ...this.options, label: this.options.labelColumn }, data)
    }
    const out: Float64Array[] = [sent.labels.subarray(0, sent.rows)]
    for (const answer of baseline ? [candidate, baseline] : [candidate]) {
      for (let k = 0; k < width; k++) {
        const column = new Float64Array(sent.rows)
        for (let i = 0; i < sent.rows; i++) column[i] = answer.values[i * width + k]!
        out.push(column)
      }
    }
    this.evaluator.batch(out, sent.rows)
  }

  /** The evaluation of every row added; throws when a batch is still missing. */
  finish(): Evaluation {
    if (this.pending.size > 0)
      throw new Error(
        `batch ${this.next} never arrived; ${this.pending.size} later ones wait for it`
      )
    if (!this.evaluator) throw new DataError(this.options.source, 'there are no rows to evaluate.')
    const classes =
      this.options.task !== 'multiclass'
        ? undefined
        : this.width! > 1
          ? this.width
          : Math.max(this.largestClass + 1, 2)
    return this.evaluator.finish(classes === undefined ? {} : { classes })
  }
}
