// Evaluation data: which columns hold the label and the predictions for a task, the
// checks every row must pass, and the one pass over the data that applies them and hands
// the rows on. Without a sink the pass only checks: that is how the data is validated
// before any AWS resource exists, so a bad row is reported with its line and column
// before any work starts.
import {
  type ColumnRef,
  CsvColumnReader,
  type CsvLayout,
  resolveColumn,
  type SelectedColumn
} from './csv.js'
import { DataError } from './data-error.js'
import { MAX_CLASSES } from './multiclass.js'

export const TASKS = ['binary', 'multiclass', 'regression'] as const
export type Task = (typeof TASKS)[number]

/** Where the data is and how to read it. */
export interface DataSpec {
  task: Task
  /** Names the data in messages: an input name, a path, an S3 URI. */
  source: string
  /** The label column; the first column (index 0) by default, SageMaker's convention. */
  label?: ColumnRef
  /**
   * The prediction: one column (a score for binary, a class or value otherwise), or, for
   * multiclass, K columns of class probabilities. By default the first column that is
   * neither the label nor a baseline column; for multiclass without a baseline, every
   * other column (one column: classes; several: probabilities).
   */
  prediction?: ColumnRef | ColumnRef[]
  /** The baseline model's predictions on the same rows, in the same shape. */
  baseline?: ColumnRef | ColumnRef[]
  header?: boolean | 'auto'
  delimiter?: string
  /** Multiclass: the number of classes K; by default the number of probability columns, else the largest class seen + 1. */
  classes?: number
}

/** The columns chosen for a spec, by role. */
export interface DataColumns {
  label: SelectedColumn
  prediction: SelectedColumn[]
  baseline?: SelectedColumn[]
}

function refs(value: ColumnRef | ColumnRef[] | undefined): ColumnRef[] | undefined {
  if (value === undefined) return undefined
  return Array.isArray(value) ? value : [value]
}

function roles(base: string, count: number): string[] {
  return count === 1
    ? [base]
    : Array.from({ length: count }, (_, k) => `${base} probability of class ${k}`)
}

/** Chooses the columns for a spec once the first line is known; throws a DataError if impossible. */
export function chooseColumns(spec: DataSpec, layout: CsvLayout): DataColumns {
  const resolve = (ref: ColumnRef, role: string) => resolveColumn(ref, layout, role, spec.source)
  const label = resolve(spec.label ?? 0, 'label')
  const baselineRefs = refs(spec.baseline)
  const baselineRoles = baselineRefs ? roles('baseline', baselineRefs.length) : []
  const baseline = baselineRefs?.map((ref, k) => resolve(ref, baselineRoles[k]!))
  const taken = new Set([label.index, ...(baseline ?? []).map(c => c.index)])
  const free = Array.from({ length: layout.fieldCount }, (_, i) => i).filter(i => !taken.has(i))
  let predictionRefs = refs(spec.prediction)
  if (predictionRefs === undefined) {
    if (spec.task === 'multiclass' && baseline === undefined) predictionRefs = free
    else if (free.length > 0) predictionRefs = [free[0]!]
    else
      throw new DataError(
        spec.source,
        `there is no column left for the prediction (the first line has ${layout.fieldCount} column${layout.fieldCount === 1 ? '' : 's'}).`
      )
  }
  const predictionRoles = roles('prediction', predictionRefs.length)
  const prediction = predictionRefs.map((ref, k) => resolve(ref, predictionRoles[k]!))
  checkShape(spec, prediction, baseline)
  const all = [label, ...prediction, ...(baseline ?? [])]
  const seen = new Map<number, string>()
  for (const column of all) {
    const other = seen.get(column.index)
    if (other !== undefined) {
      throw new DataError(
        spec.source,
        `column index ${column.index} is chosen twice, as ${other} and as ${column.role}.`
      )
    }
    seen.set(column.index, column.role)
  }
  return { label, prediction, baseline }
}

function checkShape(
  spec: DataSpec,
  prediction: SelectedColumn[],
  baseline?: SelectedColumn[]
): void {
  if (spec.task !== 'multiclass' && prediction.length !== 1) {
    throw new DataError(
      spec.source,
      `a ${spec.task} prediction is one column; ${prediction.length} were given.`
    )
  }
  if (spec.task !== 'multiclass' && baseline && baseline.length !== 1) {
    throw new DataError(
      spec.source,
      `a ${spec.task} baseline prediction is one column; ${baseline.length} were given.`
    )
  }
  if (baseline && baseline.length !== prediction.length) {
    throw new DataError(
      spec.source,
      `the baseline has ${baseline.length} prediction column${baseline.length === 1 ? '' : 's'} and the candidate ${prediction.length}; both models need the same shape.`
    )
  }
  if (spec.classes !== undefined) {
    if (!Number.isInteger(spec.classes) || spec.classes < 2 || spec.classes > MAX_CLASSES) {
      throw new DataError(
        spec.source,
        `the number of classes must be a whole number from 2 to ${MAX_CLASSES}, got ${spec.classes}.`
      )
    }
  }
  if (spec.task === 'multiclass' && prediction.length > 1) {
    if (spec.classes !== undefined && spec.classes !== prediction.length) {
      throw new DataError(
        spec.source,
        `${prediction.length} probability columns were chosen for ${spec.classes} classes.`
      )
    }
    if (prediction.length > MAX_CLASSES) {
      throw new DataError(
        spec.source,
        `${prediction.length} probability columns: at most ${MAX_CLASSES} classes are supported.`
      )
    }
  }
}

/** Receives the rows, a checked batch at a time. */
export interface RowSink {
  /**
   * `columns[c][i]` is row i's value in the c-th chosen column: the label, then the
   * prediction columns, then the baseline columns. The arrays are reused after the call.
   */
  batch(columns: Float64Array[], rows: number): void
}

/** The rows read, and what the reading learned about the data. */
export interface DataSummary {
  rows: number
  columns: DataColumns
  header?: string[]
  /** Multiclass: K, the number of classes. */
  classes?: number
}

/**
 * Reads the data stream once: every row checked (labels and predictions valid for the
 * task), then handed to `sink` (omit it to only check). Throws a DataError naming the
 * line and column of the first bad value, a missing column, or empty data.
 */
export async function readData(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  spec: DataSpec,
  sink?: (columns: DataColumns) => RowSink
): Promise<DataSummary> {
  let columns: DataColumns | undefined
  let check: RowCheck | undefined
  let target: RowSink | undefined
  const reader = new CsvColumnReader({
    source: spec.source,
    header: spec.header,
    delimiter: spec.delimiter,
    select: layout => {
      columns = chooseColumns(spec, layout)
      check = new RowCheck(spec, columns)
      target = sink?.(columns)
      return [columns.label, ...columns.prediction, ...(columns.baseline ?? [])]
    }
  })
  for await (const batch of reader.batches(chunks)) {
    const bad = check!.batch(batch.columns, batch.rows)
    if (bad !== undefined) {
      const column = reader.columns[bad.column]!
      throw new DataError(spec.source, bad.message, {
        line: batch.lines[bad.row]!,
        column: column.index,
        columnName: reader.layout?.header?.[column.index],
        role: column.role
      })
    }
    target?.batch(batch.columns, batch.rows)
  }
  return {
    rows: reader.rows,
    columns: columns!,
    header: reader.layout?.header,
    classes: check!.classes()
  }
}

/**
 * Checks the data without keeping it (columns exist, labels and predictions parse and fit
 * the task, at least one row): the pass to run before any AWS resource exists. Throws a
 * DataError naming the line and column of the first problem.
 */
export function validateData(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  spec: DataSpec
): Promise<DataSummary> {
  return readData(chunks, spec)
}

interface Problem {
  row: number
  /** Index into the chosen columns: 0 is the label. */
  column: number
  message: string
}

/** The per-row rules of a task. */
class RowCheck {
  private readonly probabilities: boolean
  /** K when known before reading: probability columns, or given. */
  private readonly known?: number
  private largest = -1

  constructor(
    private readonly spec: DataSpec,
    columns: DataColumns
  ) {
    this.probabilities = spec.task === 'multiclass' && columns.prediction.length > 1
    this.known = this.probabilities ? columns.prediction.length : spec.classes
  }

  /** Multiclass: K, given, from the probability columns, or the largest class seen + 1 (at least 2). */
  classes(): number | undefined {
    if (this.spec.task !== 'multiclass') return undefined
    return this.known ?? Math.max(this.largest + 1, 2)
  }

  /** The first problem in a batch, or undefined. */
  batch(columns: Float64Array[], rows: number): Problem | undefined {
    if (this.spec.task === 'regression') return undefined
    const labels = columns[0]!
    if (this.spec.task === 'binary') {
      for (let i = 0; i < rows; i++) {
        const label = labels[i]!
        if (label !== 0 && label !== 1) {
          return {
            row: i,
            column: 0,
            message: `the label ${label} is not 0 or 1 (binary labels are 0 and 1).`
          }
        }
      }
      return undefined
    }
    for (let i = 0; i < rows; i++) {
      for (let c = 0; c < columns.length; c++) {
        const value = columns[c]![i]!
        const problem =
          c === 0
            ? this.classProblem(value, 'label')
            : this.probabilities
              ? value >= 0 && value <= 1
                ? undefined
                : `the probability ${value} is not within [0, 1].`
              : this.classProblem(value, 'predicted class')
        if (problem !== undefined) return { row: i, column: c, message: problem }
      }
    }
    return undefined
  }

  private classProblem(value: number, what: string): string | undefined {
    const limit = this.known ?? MAX_CLASSES
    if (Number.isInteger(value) && value >= 0 && value < limit) {
      if (value > this.largest) this.largest = value
      return undefined
    }
    return `the ${what} ${value} is not a class: classes are whole numbers from 0 to ${limit - 1}${this.known === undefined ? ` (at most ${MAX_CLASSES} classes)` : ''}.`
  }
}
