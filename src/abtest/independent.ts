// Comparisons of two variants of an endpoint that served different requests: independent
// samples, unlike the paired tests of src/evaluation/paired.ts, which score both models on
// the same rows.
//
// - accuracy-like rates (a share of requests a variant got right): the two-proportion z-test
//   with the pooled variance (statsmodels' `proportions_ztest`), and Newcombe's hybrid
//   score interval for the difference (method 10, statsmodels'
//   `confint_proportions_2indep(method="newcomb")`), which stays honest near 0 and 1.
// - AUC: DeLong's variance of each variant's AUC from its own placement values (the
//   structural components), var(delta) = var(A) + var(B), because the samples share no
//   rows; the delta is normal with that variance.
// - every other metric: an independent bootstrap: each variant's rows are resampled on
//   their own (two seeded streams), the metric recomputed on both, and the percentile
//   interval and p-value read from the deltas as the paired bootstrap does.
//
// Every comparison carries the standard error of the delta, which the verdict scales to
// estimate how many requests a test needs (src/abtest/verdict.ts).
import { contiguous, type SortedScores } from '../evaluation/binary.js'
import { normalQuantile, normalSf } from '../evaluation/distributions.js'
import {
  bootstrapComparison,
  percentile,
  wilsonInterval,
  type BootstrapOptions
} from '../evaluation/paired.js'
import { Random } from '../evaluation/random.js'
import { midrankShare } from '../evaluation/sorting.js'

export type IndependentTest = 'two-proportion-z' | 'delong-independent' | 'bootstrap-independent'

/** One metric compared between the control variant and the challenger. */
export interface VariantComparison {
  control: number
  challenger: number
  /** challenger - control */
  delta: number
  /** Two-sided (1 - alpha) interval of the delta. */
  ci: [number, number] | null
  /** Two-sided (1 - alpha) interval of each variant's own value: Wilson, DeLong or percentile. */
  control_ci: [number, number] | null
  challenger_ci: [number, number] | null
  p_value: number | null
  test: IndependentTest
  alpha: number
  /** Standard error of the delta; what the required-sample estimate scales. */
  standard_error: number | null
  /** Rows behind each side: [control, challenger]. */
  rows: [number, number]
  resamples?: number
  seed?: number
  note?: string
}

function checkAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha < 0.5)) throw new RangeError(`alpha must be in (0, 0.5), got ${alpha}`)
}

/** A rate: `count` successes in `rows`. */
export interface Rate {
  count: number
  rows: number
}

/**
 * The two-proportion z-test of challenger - control: the p-value from the pooled variance
 * (the null hypothesis says both rates are one), the interval Newcombe's.
 */
export function twoProportion(control: Rate, challenger: Rate, alpha: number): VariantComparison {
  checkAlpha(alpha)
  const { count: x1, rows: n1 } = challenger
  const { count: x2, rows: n2 } = control
  const p1 = x1 / n1
  const p2 = x2 / n2
  const delta = p1 - p2
  const pooled = (x1 + x2) / (n1 + n2)
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
  const p =
    pooledSe > 0 ? Math.min(1, 2 * normalSf(Math.abs(delta) / pooledSe)) : delta === 0 ? 1 : 0
  const [l1, u1] = wilsonInterval(x1, n1, alpha)
  const [l2, u2] = wilsonInterval(x2, n2, alpha)
  return {
    control: p2,
    challenger: p1,
    delta,
    ci: [
      delta - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
      delta + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    ],
    control_ci: [l2, u2],
    challenger_ci: [l1, u1],
    p_value: p,
    test: 'two-proportion-z',
    alpha,
    standard_error: Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2),
    rows: [n2, n1]
  }
}

/** Sample variance (n - 1) of `values`; NaN below two. */
function variance(values: Float64Array): number {
  const n = values.length
  if (n < 2) return NaN
  let mean = 0
  for (let i = 0; i < n; i++) mean += values[i]!
  mean /= n
  let squares = 0
  for (let i = 0; i < n; i++) squares += (values[i]! - mean) ** 2
  return squares / (n - 1)
}

/** One variant's AUC and DeLong's variance of it; undefined with one class only. */
export function delongVariance(
  sorted: SortedScores
): { auc: number; variance: number } | undefined {
  const positives = contiguous(sorted.positives)
  const negatives = contiguous(sorted.negatives)
  const P = positives.length
  const N = negatives.length
  if (P === 0 || N === 0) return undefined
  const v10 = new Float64Array(P)
  const v01 = new Float64Array(N)
  let auc = 0
  for (let i = 0; i < P; i++) auc += v10[i] = midrankShare(negatives, positives[i]!)
  for (let j = 0; j < N; j++) v01[j] = 1 - midrankShare(positives, negatives[j]!)
  return { auc: auc / P, variance: variance(v10) / P + variance(v01) / N }
}

/** AUC(challenger) - AUC(control) with DeLong's variances of two independent samples. */
export function independentDelong(
  control: SortedScores,
  challenger: SortedScores,
  alpha: number
): VariantComparison | undefined {
  checkAlpha(alpha)
  const a = delongVariance(control)
  const b = delongVariance(challenger)
  if (!a || !b) return undefined
  const rows: [number, number] = [rowsOf(control), rowsOf(challenger)]
  const delta = b.auc - a.auc
  const base = { control: a.auc, challenger: b.auc, delta, test: 'delong-independent' as const }
  const se = Math.sqrt(a.variance + b.variance)
  if (!Number.isFinite(se)) {
    return {
      ...base,
      ci: null,
      control_ci: null,
      challenger_ci: null,
      p_value: null,
      alpha,
      standard_error: null,
      rows,
      note: "DeLong's variance needs at least 2 labelled requests of each class in each variant."
    }
  }
  const z = normalQuantile(1 - alpha / 2)
  const half = z * se
  const own = (side: { auc: number; variance: number }): [number, number] => [
    side.auc - z * Math.sqrt(side.variance),
    side.auc + z * Math.sqrt(side.variance)
  ]
  const p = se > 0 ? 2 * normalSf(Math.abs(delta) / se) : delta === 0 ? 1 : 0
  return {
    ...base,
    ci: [delta - half, delta + half],
    control_ci: own(a),
    challenger_ci: own(b),
    p_value: Math.min(1, p),
    alpha,
    standard_error: se,
    rows
  }
}

function rowsOf(sorted: SortedScores): number {
  let n = 0
  for (const run of [...sorted.positives, ...sorted.negatives]) n += run.length
  return n
}

/** One variant's metric values on a resample: `weights[i]` is how often row i was drawn. */
export type Measure<M extends string> = (weights: Uint32Array) => Partial<Record<M, number>>

function draw(random: Random, weights: Uint32Array): void {
  const n = weights.length
  weights.fill(0)
  for (let i = 0; i < n; i++) weights[random.below(n)]!++
}

/**
 * The independent bootstrap of every metric in `names`: each resample draws the control's
 * rows and the challenger's rows apart, from two streams of one seed.
 */
export function independentBootstrap<M extends string>(
  names: readonly M[],
  points: { control: Partial<Record<M, number>>; challenger: Partial<Record<M, number>> },
  sides: {
    control: { rows: number; measure: Measure<M> }
    challenger: { rows: number; measure: Measure<M> }
  },
  options: BootstrapOptions
): Partial<Record<M, VariantComparison>> {
  const out: Partial<Record<M, VariantComparison>> = {}
  const wanted = names.filter(
    n => points.control[n] !== undefined && points.challenger[n] !== undefined
  )
  if (wanted.length === 0) return out
  const randoms = [new Random(options.seed, 0xab0), new Random(options.seed, 0xab1)]
  const weights = [new Uint32Array(sides.control.rows), new Uint32Array(sides.challenger.rows)]
  const deltas = wanted.map(() => new Float64Array(options.resamples))
  const values = wanted.map(() => [
    new Float64Array(options.resamples),
    new Float64Array(options.resamples)
  ])
  const defined = new Uint32Array(wanted.length)
  for (let b = 0; b < options.resamples; b++) {
    draw(randoms[0]!, weights[0]!)
    draw(randoms[1]!, weights[1]!)
    const a = sides.control.measure(weights[0]!)
    const c = sides.challenger.measure(weights[1]!)
    wanted.forEach((name, m) => {
      const value = (c[name] ?? NaN) - (a[name] ?? NaN)
      if (Number.isNaN(value)) return
      values[m]![0]![defined[m]!] = a[name]!
      values[m]![1]![defined[m]!] = c[name]!
      deltas[m]![defined[m]!++] = value
    })
  }
  wanted.forEach((name, m) => {
    const sorted = deltas[m]!.slice(0, defined[m]).sort()
    const read = bootstrapComparison(
      points.challenger[name]!,
      points.control[name]!,
      sorted,
      options
    )
    const own = (side: 0 | 1): [number, number] | null => {
      if (!read.ci) return null
      const kept = values[m]![side]!.slice(0, defined[m]).sort()
      return [percentile(kept, options.alpha / 2), percentile(kept, 1 - options.alpha / 2)]
    }
    out[name] = {
      control: read.baseline,
      challenger: read.candidate,
      delta: read.delta,
      ci: read.ci,
      control_ci: own(0),
      challenger_ci: own(1),
      p_value: read.p_value,
      test: 'bootstrap-independent',
      alpha: options.alpha,
      standard_error: read.ci ? standardDeviation(sorted) : null,
      rows: [sides.control.rows, sides.challenger.rows],
      resamples: options.resamples,
      seed: options.seed,
      ...(read.note ? { note: read.note } : {})
    }
  })
  return out
}

function standardDeviation(sorted: Float64Array): number {
  return Math.sqrt(variance(sorted))
}
