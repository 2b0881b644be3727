// Paired comparison of a candidate and a baseline model scored on the same rows: is the
// difference in a metric real, and how large could it be?
//
// - AUC: DeLong's test (DeLong, DeLong and Clarke-Pearson, 1988) in Sun and Xu's fast
//   form (2014): each positive's and each negative's share of correctly ranked pairs
//   (midranks, so ties count one half) gives the covariance of the two AUCs without
//   bootstrapping; the delta is normal with that variance.
// - accuracy: McNemar's test on the rows where exactly one model is right: the exact
//   binomial test when there are fewer than 25 such rows, else the chi-square test with
//   continuity correction (statsmodels' `mcnemar(table, exact, correction=True)`). Its
//   interval is Newcombe's hybrid score interval for paired proportions (method 10,
//   1998), which stays honest with few discordant rows where the Wald interval collapses
//   to a point.
// - every other metric: a paired bootstrap: resample rows with replacement (the same rows
//   for both models), recompute both metrics, and read the percentile interval of the
//   differences (numpy's linear percentile); the p-value is twice the smaller share of
//   resampled differences on either side of 0, counting the observed data as one more
//   resample ((k + 1) / (m + 1)), capped at 1.
//
// Every comparison carries the two-sided (1 - alpha) interval `ci`, and one-sided
// (1 - alpha) bounds, `lower_bound` and `upper_bound`: what a non-inferiority decision
// needs (the lower end of a two-sided (1 - 2 alpha) interval is a one-sided (1 - alpha)
// bound). Where the data cannot give an interval (too few rows of a class), the interval,
// bounds and p-value are null and `note` says why: a decision must then fail closed.
import { contiguous, type SortedScores } from './binary.js'
import { binomialCdfHalf, chiSquare1Sf, normalQuantile, normalSf } from './distributions.js'
import { Random } from './random.js'
import { midrankShare } from './sorting.js'

export type PairedTest = 'delong' | 'mcnemar-exact' | 'mcnemar-chi2' | 'bootstrap'

/** One metric compared between candidate and baseline on the same rows. */
export interface Comparison {
  candidate: number
  baseline: number
  /** candidate - baseline */
  delta: number
  /** Two-sided (1 - alpha) interval of the delta. */
  ci: [number, number] | null
  /** Two-sided p-value of "no difference". */
  p_value: number | null
  test: PairedTest
  alpha: number
  /** The delta is >= this with confidence 1 - alpha (one-sided). */
  lower_bound: number | null
  /** The delta is <= this with confidence 1 - alpha (one-sided). */
  upper_bound: number | null
  /** McNemar: rows only the candidate got right, and rows only the baseline got right. */
  discordant?: [number, number]
  /** Bootstrap: resamples drawn, and the seed. */
  resamples?: number
  seed?: number
  /** Why the interval or p-value is missing, or how it was read. */
  note?: string
}

function checkAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha < 0.5)) throw new RangeError(`alpha must be in (0, 0.5), got ${alpha}`)
}

/** A normal delta with standard error `se`: interval, bounds and p-value. */
function normalComparison(
  candidate: number,
  baseline: number,
  se: number,
  alpha: number
): Pick<Comparison, 'ci' | 'p_value' | 'lower_bound' | 'upper_bound'> {
  const delta = candidate - baseline
  const two = normalQuantile(1 - alpha / 2) * se
  const one = normalQuantile(1 - alpha) * se
  let p: number
  if (se > 0) p = 2 * normalSf(Math.abs(delta) / se)
  else p = delta === 0 ? 1 : 0
  return {
    ci: [delta - two, delta + two],
    p_value: Math.min(1, p),
    lower_bound: delta - one,
    upper_bound: delta + one
  }
}

/** A running mean and sum of squared deviations (Welford). */
class Spread {
  n = 0
  mean = 0
  squares = 0
  add(x: number): void {
    this.n++
    const d = x - this.mean
    this.mean += d / this.n
    this.squares += d * (x - this.mean)
  }
  /** The sample variance (n - 1), NaN below two values. */
  get variance(): number {
    return this.n < 2 ? NaN : this.squares / (this.n - 1)
  }
}

/**
 * DeLong's test of AUC(candidate) - AUC(baseline). `labels` and the two score arrays are
 * in row order; `sorted` holds each model's scores split by label and sorted (as
 * `sortScores` returns). `points` are the two AUCs when already known, so the comparison
 * repeats the reported values exactly. Undefined when the labels hold one class only.
 */
export function delong(
  labels: Uint8Array,
  candidate: Float64Array,
  baseline: Float64Array,
  sorted: { candidate: SortedScores; baseline: SortedScores },
  alpha: number,
  points?: { candidate: number; baseline: number }
): Comparison | undefined {
  checkAlpha(alpha)
  const candidatePositives = contiguous(sorted.candidate.positives)
  const candidateNegatives = contiguous(sorted.candidate.negatives)
  const baselinePositives = contiguous(sorted.baseline.positives)
  const baselineNegatives = contiguous(sorted.baseline.negatives)
  const P = candidatePositives.length
  const N = candidateNegatives.length
  if (P === 0 || N === 0) return undefined
  const positives = new Spread()
  const negatives = new Spread()
  const aucs = [new Spread(), new Spread()]
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) {
      const a = midrankShare(candidateNegatives, candidate[i]!)
      const b = midrankShare(baselineNegatives, baseline[i]!)
      positives.add(a - b)
      aucs[0]!.add(a)
      aucs[1]!.add(b)
    } else {
      const a = 1 - midrankShare(candidatePositives, candidate[i]!)
      const b = 1 - midrankShare(baselinePositives, baseline[i]!)
      negatives.add(a - b)
    }
  }
  const aucCandidate = points?.candidate ?? aucs[0]!.mean
  const aucBaseline = points?.baseline ?? aucs[1]!.mean
  const base = { candidate: aucCandidate, baseline: aucBaseline, delta: aucCandidate - aucBaseline }
  const variance = positives.variance / P + negatives.variance / N
  if (!Number.isFinite(variance)) {
    return ordered({
      ...base,
      ci: null,
      p_value: null,
      test: 'delong',
      alpha,
      lower_bound: null,
      upper_bound: null,
      note: `DeLong's variance needs at least 2 rows of each class (${P} labelled 1, ${N} labelled 0).`
    })
  }
  const se = Math.sqrt(variance)
  return ordered({
    ...base,
    ...normalComparison(aucCandidate, aucBaseline, se, alpha),
    test: 'delong',
    alpha
  })
}

/** Paired correctness counts: rows both models got right, only one, or neither. */
export interface PairedTable {
  both: number
  candidateOnly: number
  baselineOnly: number
  neither: number
}

/** Wilson's score interval for x successes in n, at confidence 1 - alpha (statsmodels' form). */
export function wilsonInterval(x: number, n: number, alpha: number): [number, number] {
  const z = normalQuantile(1 - alpha / 2)
  const z2 = z * z
  const q = x / n
  const denominator = 1 + z2 / n
  const center = (q + z2 / (2 * n)) / denominator
  const half = (z * Math.sqrt((q * (1 - q)) / n + z2 / (4 * n * n))) / denominator
  return [center - half, center + half]
}

/** Newcombe's interval (method 10) for p(candidate right) - p(baseline right), paired. */
export function newcombeInterval(table: PairedTable, alpha: number): [number, number] {
  const { both: a, candidateOnly: b, baselineOnly: c, neither: d } = table
  const n = a + b + c + d
  const p1 = (a + b) / n
  const p2 = (a + c) / n
  const [l1, u1] = wilsonInterval(a + b, n, alpha)
  const [l2, u2] = wilsonInterval(a + c, n, alpha)
  const margins = (a + b) * (c + d) * (a + c) * (b + d)
  const phi = margins === 0 ? 0 : (a * d - b * c) / Math.sqrt(margins)
  const delta = p1 - p2
  const below = (p1 - l1) ** 2 - 2 * phi * (p1 - l1) * (u2 - p2) + (u2 - p2) ** 2
  const above = (u1 - p1) ** 2 - 2 * phi * (u1 - p1) * (p2 - l2) + (p2 - l2) ** 2
  return [delta - Math.sqrt(Math.max(0, below)), delta + Math.sqrt(Math.max(0, above))]
}

/** McNemar's test of accuracy(candidate) - accuracy(baseline) on the paired table. */
export function mcnemar(table: PairedTable, alpha: number): Comparison {
  checkAlpha(alpha)
  const { both, candidateOnly: b, baselineOnly: c, neither } = table
  const n = both + b + c + neither
  const discordant = b + c
  let p: number
  let test: PairedTest
  if (discordant < 25) {
    test = 'mcnemar-exact'
    p = Math.min(1, 2 * binomialCdfHalf(Math.min(b, c), discordant))
  } else {
    test = 'mcnemar-chi2'
    p = chiSquare1Sf((Math.abs(b - c) - 1) ** 2 / discordant)
  }
  const ci = newcombeInterval(table, alpha)
  const [lower, upper] = newcombeInterval(table, 2 * alpha)
  return ordered({
    candidate: (both + b) / n,
    baseline: (both + c) / n,
    delta: (b - c) / n,
    ci,
    p_value: p,
    test,
    alpha,
    lower_bound: lower,
    upper_bound: upper,
    discordant: [b, c]
  })
}

/** numpy's default percentile (linear interpolation between order statistics), q in [0, 1]. */
export function percentile(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q
  const low = Math.floor(position)
  const high = Math.min(low + 1, sorted.length - 1)
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low)
}

export interface BootstrapOptions {
  alpha: number
  resamples: number
  seed: number
}

/**
 * Draws paired bootstrap resamples of `rows` rows: `weights[i]` is how often row i was
 * drawn. `measure` returns, for each metric, candidate - baseline on the resample (NaN
 * when undefined there). Returns each metric's resampled deltas, sorted ascending.
 */
export function bootstrapDeltas(
  rows: number,
  metrics: number,
  options: BootstrapOptions,
  measure: (weights: Uint32Array) => ArrayLike<number>
): Float64Array[] {
  const random = new Random(options.seed, 0x5eed)
  const weights = new Uint32Array(rows)
  const deltas = Array.from({ length: metrics }, () => new Float64Array(options.resamples))
  const defined = new Uint32Array(metrics)
  for (let b = 0; b < options.resamples; b++) {
    weights.fill(0)
    for (let i = 0; i < rows; i++) weights[random.below(rows)]!++
    const result = measure(weights)
    for (let m = 0; m < metrics; m++) {
      const value = result[m]!
      if (!Number.isNaN(value)) deltas[m]![defined[m]!++] = value
    }
  }
  return deltas.map((values, m) => values.slice(0, defined[m]).sort())
}

/**
 * A bootstrap comparison from the point values and the sorted resampled deltas. The
 * p-value counts the observed side too ((k + 1) / (m + 1), Davison and Hinkley), so it is
 * never 0: with m resamples nothing smaller than about 2 / m can be claimed.
 */
export function bootstrapComparison(
  candidate: number,
  baseline: number,
  sortedDeltas: Float64Array,
  options: BootstrapOptions
): Comparison {
  checkAlpha(options.alpha)
  const { alpha, resamples, seed } = options
  const m = sortedDeltas.length
  const delta = candidate - baseline
  if (m < resamples / 2) {
    return ordered({
      candidate,
      baseline,
      delta,
      ci: null,
      p_value: null,
      test: 'bootstrap',
      alpha,
      lower_bound: null,
      upper_bound: null,
      resamples,
      seed,
      note: `the metric is undefined on ${resamples - m} of ${resamples} resamples.`
    })
  }
  let atOrBelow = 0
  let atOrAbove = 0
  for (let i = 0; i < m; i++) {
    if (sortedDeltas[i]! <= 0) atOrBelow++
    if (sortedDeltas[i]! >= 0) atOrAbove++
  }
  return ordered({
    candidate,
    baseline,
    delta,
    ci: [percentile(sortedDeltas, alpha / 2), percentile(sortedDeltas, 1 - alpha / 2)],
    p_value: Math.min(1, (2 * (Math.min(atOrBelow, atOrAbove) + 1)) / (m + 1)),
    test: 'bootstrap',
    alpha,
    lower_bound: percentile(sortedDeltas, alpha),
    upper_bound: percentile(sortedDeltas, 1 - alpha),
    resamples,
    seed,
    ...(m < resamples
      ? {
          note: `the metric is undefined on ${resamples - m} of ${resamples} resamples, which are left out.`
        }
      : {})
  })
}

const KEY_ORDER: (keyof Comparison)[] = [
  'candidate',
  'baseline',
  'delta',
  'ci',
  'p_value',
  'test',
  'alpha',
  'lower_bound',
  'upper_bound',
  'discordant',
  'resamples',
  'seed',
  'note'
]

/** The comparison with its keys in one fixed order, so reports and JSON read the same way. */
function ordered(comparison: Comparison): Comparison {
  const out: Record<string, unknown> = {}
  for (const key of KEY_ORDER) if (comparison[key] !== undefined) out[key] = comparison[key]
  return out as unknown as Comparison
}
