// What every metrics engine returns, and the standard deviation SageMaker Model Monitor
// puts beside each metric.
//
// Model Monitor documents its `standard_deviation` as: with at least 200 rows, compute the
// metric on 5 random samples of 80% of the rows and take the standard deviation of the
// five values; with fewer rows it writes "NaN". We do the same, reproducibly: each row is
// kept independently with probability 52429/65536 = 0.800003 (Bernoulli sampling, as
// Spark's `sample` does), drawn from a seeded generator, and the standard deviation is
// the sample one (n - 1).

/** Metric values and their standard deviations, by metric name. */
export interface MetricReport<M extends string> {
  rows: number
  /** Metrics that are defined on this data; an undefined one is absent and explained in `warnings`. */
  values: Partial<Record<M, number>>
  /** Absent when there were fewer than 200 rows, or the metric was undefined on a subsample. */
  standardDeviations: Partial<Record<M, number>>
  /** Degenerate data, in words: what was ill-defined and what was reported instead. */
  warnings: string[]
}

/**
 * float64's machine epsilon, np.finfo(np.float64).eps: scikit-learn 1.2 clips
 * probabilities to [eps, 1 - eps] for log loss (eps="auto") and divides by max(|y|, eps)
 * for mape.
 */
export const MACHINE_EPSILON = 2 ** -52

/** Below this many rows Model Monitor reports no standard deviation. */
export const MIN_ROWS_FOR_DEVIATION = 200
/** Subsamples of 80% used for a standard deviation. */
export const SUBSAMPLES = 5
/** The seed used when the caller gives none: any fixed number keeps runs reproducible. */
export const DEFAULT_SEED = 20240611

/** Whether standard deviations are computed for this many rows. */
export function wantsDeviation(rows: number): boolean {
  return rows >= MIN_ROWS_FOR_DEVIATION
}

/**
 * The sample standard deviation of each metric over the subsample values, for metrics
 * defined on every subsample.
 */
export function deviations<M extends string>(
  names: readonly M[],
  subsamples: Partial<Record<M, number>>[]
): Partial<Record<M, number>> {
  const out: Partial<Record<M, number>> = {}
  if (subsamples.length < 2) return out
  for (const name of names) {
    const values = subsamples.map(sample => sample[name])
    if (values.some(value => value === undefined || !Number.isFinite(value))) continue
    const numbers = values as number[]
    const mean = numbers.reduce((a, b) => a + b, 0) / numbers.length
    const squares = numbers.reduce((a, b) => a + (b - mean) * (b - mean), 0)
    out[name] = Math.sqrt(squares / (numbers.length - 1))
  }
  return out
}

/** A compensated (Neumaier) running sum: exact to a few units in the last place. */
export class Sum {
  private total = 0
  private compensation = 0

  add(x: number): void {
    const t = this.total + x
    this.compensation +=
      Math.abs(this.total) >= Math.abs(x) ? this.total - t + x : x - t + this.total
    this.total = t
  }

  get value(): number {
    return this.total + this.compensation
  }
}
