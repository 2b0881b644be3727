// The few distribution functions the paired tests need, written here rather than taken
// from a package: the standard normal (DeLong's z, Wilson intervals), the chi-square with
// one degree of freedom (McNemar) and the binomial with p = 1/2 (exact McNemar).
//
// Accuracy (checked against scipy 1.10 in the unit tests):
// - erfc, normalSf/normalCdf: relative error below 1e-12 wherever the result is at
//   least 1e-300 (|z| < 37); further out the tail leaves the normal doubles and then
//   underflows to 0, as in scipy;
// - normalQuantile: below 1e-13 relative for p in [1e-300, 1 - 1e-16];
// - binomialCdfHalf: exact (integer arithmetic) for n <= 52.
//
// How: erf(x) for |x| < 1 from its series with positive terms only,
//   erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_n 2^n x^(2n+1) / (1*3*...*(2n+1)),
// which has no cancellation, so it is accurate to a few units in the last place (and
// erfc = 1 - erf >= 0.157 there loses nothing); erfc(x) for x >= 1 from Laplace's
// continued fraction, evaluated with Lentz's method, so the far tail keeps its relative
// accuracy; the quantile by Newton's method on that cdf, started from Abramowitz and
// Stegun 26.2.23.

const TWO_OVER_SQRT_PI = 1.1283791670955126
const ONE_OVER_SQRT_PI = 0.5641895835477563
const SQRT2 = Math.SQRT2
/** Below 1 the series; from 1 the continued fraction, which converges in <= 190 steps. */
const SERIES_LIMIT = 1

/** erf(x) for |x| < 1 from the series of positive terms (odd in x). */
function erfSeries(x: number): number {
  const a = Math.abs(x)
  const a2 = a * a
  let term = a
  let sum = a
  for (let n = 1; n < 100; n++) {
    term *= (2 * a2) / (2 * n + 1)
    sum += term
    if (term < sum * 1e-17) break
  }
  const value = TWO_OVER_SQRT_PI * Math.exp(-a2) * sum
  return x < 0 ? -value : value
}

/** erfc(x) for x >= 1: exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))). */
function erfcFraction(x: number): number {
  const tiny = 1e-300
  let f = x
  let c = x
  let d = 0
  for (let k = 1; k < 400; k++) {
    const a = k / 2
    d = x + a * d
    d = d === 0 ? tiny : 1 / d
    c = x + a / c
    if (c === 0) c = tiny
    const delta = c * d
    f *= delta
    if (Math.abs(delta - 1) < 1e-16) break
  }
  return (ONE_OVER_SQRT_PI * Math.exp(-x * x)) / f
}

/** The error function. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN
  if (Math.abs(x) < SERIES_LIMIT) return erfSeries(x)
  return x > 0 ? 1 - erfcFraction(x) : erfcFraction(-x) - 1
}

/** The complementary error function 1 - erf(x), accurate in relative terms for large x. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN
  if (x >= SERIES_LIMIT) return erfcFraction(x)
  if (x <= -SERIES_LIMIT) return 2 - erfcFraction(-x)
  return 1 - erfSeries(x)
}

/** P(Z <= z) for a standard normal Z. */
export function normalCdf(z: number): number {
  return erfc(-z / SQRT2) / 2
}

/** P(Z > z) for a standard normal Z, accurate in the upper tail. */
export function normalSf(z: number): number {
  return erfc(z / SQRT2) / 2
}

function normalPdf(z: number): number {
  return Math.exp(-(z * z) / 2) / Math.sqrt(2 * Math.PI)
}

/** The z with P(Z <= z) = p, for 0 < p < 1. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity
    if (p === 1) return Infinity
    return NaN
  }
  if (p === 0.5) return 0
  // Work in the tail that p is in, so that 1 - p never loses digits.
  const upper = p > 0.5
  const tail = upper ? 1 - p : p
  const t = Math.sqrt(-2 * Math.log(tail))
  let z = -(
    t -
    (2.515517 + 0.802853 * t + 0.010328 * t * t) /
      (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t)
  )
  for (let i = 0; i < 50; i++) {
    const step = (normalCdf(z) - tail) / normalPdf(z)
    z -= step
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(z))) break
  }
  return upper ? -z : z
}

/** P(X > x) for X chi-square with one degree of freedom: P(|Z| > sqrt(x)). */
export function chiSquare1Sf(x: number): number {
  if (x <= 0) return 1
  return erfc(Math.sqrt(x / 2))
}

/** P(X <= k) for X ~ Binomial(n, 1/2), exact for n <= 52. */
export function binomialCdfHalf(k: number, n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 52) {
    throw new RangeError(`binomialCdfHalf is exact only for whole n in [0, 52], got ${n}`)
  }
  if (k < 0) return 0
  if (k >= n) return 1
  // Pascal's triangle: every entry is an integer below 2^52, so every sum is exact.
  let row = [1]
  for (let m = 1; m <= n; m++) {
    const next = [1]
    for (let i = 1; i < m; i++) next.push(row[i - 1]! + row[i]!)
    next.push(1)
    row = next
  }
  let count = 0
  for (let i = 0; i <= Math.floor(k); i++) count += row[i]!
  return count / 2 ** n
}
