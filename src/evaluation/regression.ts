// Regression metrics, as scikit-learn 1.2 defines them, streamed row by row:
// - mae, mse, rmse = sqrt(mse);
// - mape: mean of |y - prediction| / max(|y|, eps), eps = 2^-52 (scikit-learn's
//   definition: a fraction, not a percentage, and huge where y is 0);
// - r2 = 1 - sum((y - prediction)^2) / sum((y - mean y)^2);
// - explained_variance = 1 - var(y - prediction) / var(y).
// Sums are compensated (Neumaier) and variances use Welford's update, so a stream of any
// length agrees with scikit-learn's two-pass numpy arithmetic to about 1e-15 relative.
//
// Degenerate data, as scikit-learn 1.2 (force_finite=True): when the labels are constant,
// r2 and explained_variance are 1 for a perfect fit and 0 otherwise; r2 on fewer than two
// rows is undefined (scikit-learn warns and returns NaN): it is absent, with a warning.
// One difference, on purpose: for constant labels that are not exact in binary (0.1, say)
// numpy's mean can differ from the labels by a unit in the last place, so scikit-learn
// divides by a variance of 1e-33 and reports r2 = -1e31; Welford's mean of equal values is
// exact, and we report the force_finite value the definition asks for.
import {
  deviations,
  MACHINE_EPSILON,
  type MetricReport,
  DEFAULT_SEED,
  SUBSAMPLES,
  Sum,
  wantsDeviation
} from './metric-report.js'
import { KEEP_16, Random } from './random.js'

export const REGRESSION_METRICS = [
  'mae',
  'mse',
  'rmse',
  'r2',
  'mape',
  'explained_variance'
] as const
export type RegressionMetric = (typeof REGRESSION_METRICS)[number]

export type RegressionReport = MetricReport<RegressionMetric>

/** Running moments of one replicate. */
class Moments {
  rows = 0
  private readonly absolute = new Sum()
  private readonly squared = new Sum()
  private readonly percentage = new Sum()
  private meanY = 0
  private spreadY = 0
  private meanError = 0
  private spreadError = 0

  add(y: number, prediction: number): void {
    const error = y - prediction
    this.rows++
    this.absolute.add(Math.abs(error))
    this.squared.add(error * error)
    this.percentage.add(Math.abs(prediction - y) / Math.max(Math.abs(y), MACHINE_EPSILON))
    const dy = y - this.meanY
    this.meanY += dy / this.rows
    this.spreadY += dy * (y - this.meanY)
    const de = error - this.meanError
    this.meanError += de / this.rows
    this.spreadError += de * (error - this.meanError)
  }

  values(): { values: Partial<Record<RegressionMetric, number>>; warnings: string[] } {
    const n = this.rows
    const sse = this.squared.value
    const mse = sse / n
    const values: Partial<Record<RegressionMetric, number>> = {
      mae: this.absolute.value / n,
      mse,
      rmse: Math.sqrt(mse),
      mape: this.percentage.value / n,
      explained_variance: forceFinite(this.spreadError, this.spreadY)
    }
    const warnings: string[] = []
    if (n < 2) {
      warnings.push(
        'r2: fewer than two rows, so R^2 is not defined (scikit-learn returns NaN); it is left out.'
      )
    } else values.r2 = forceFinite(sse, this.spreadY)
    return { values, warnings }
  }
}

/** 1 - numerator / denominator, with scikit-learn's force_finite rule for a zero denominator. */
export function forceFinite(numerator: number, denominator: number): number {
  if (numerator === 0) return 1
  if (denominator === 0) return 0
  return 1 - numerator / denominator
}

/** Streams (label, prediction) rows into the metrics. */
export class RegressionAccumulator {
  private readonly replicas = Array.from({ length: 1 + SUBSAMPLES }, () => new Moments())
  private readonly randoms: Random[]

  constructor(seed = DEFAULT_SEED) {
    this.randoms = Array.from({ length: 1 + SUBSAMPLES }, (_, r) => new Random(seed, r))
  }

  add(y: number, prediction: number): void {
    this.replicas[0]!.add(y, prediction)
    for (let r = 1; r <= SUBSAMPLES; r++) {
      if (this.randoms[r]!.next() >>> 16 < KEEP_16) this.replicas[r]!.add(y, prediction)
    }
  }

  finish(): RegressionReport {
    const full = this.replicas[0]!.values()
    const rows = this.replicas[0]!.rows
    const subsamples = wantsDeviation(rows)
      ? this.replicas.slice(1).map(m => m.values().values)
      : []
    return {
      rows,
      values: full.values,
      standardDeviations: deviations(REGRESSION_METRICS, subsamples),
      warnings: full.warnings
    }
  }
}
