import { beforeAll, expect, it } from '@jest/globals'
import { binaryMetrics, sortScores } from '../../src/evaluation/binary.js'
import { binaryResample } from '../../src/evaluation/compare.js'
import {
  delongVariance,
  independentBootstrap,
  independentDelong,
  twoProportion,
  type VariantComparison
} from '../../src/abtest/independent.js'
import { close, describeWithReference, relativelyClose, runReference } from './reference/python.js'

function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return ((state >>> 0) + 0.5) / 4294967296
  }
}

// Rates: equal, far apart, at 0 and 1, tiny and large samples, unequal sizes.
const rates = [
  { control: { count: 50, rows: 100 }, challenger: { count: 50, rows: 100 }, alpha: 0.05 },
  { control: { count: 1612, rows: 2000 }, challenger: { count: 1790, rows: 2000 }, alpha: 0.05 },
  { control: { count: 21, rows: 30 }, challenger: { count: 19, rows: 30 }, alpha: 0.1 },
  { control: { count: 0, rows: 40 }, challenger: { count: 3, rows: 55 }, alpha: 0.05 },
  { control: { count: 40, rows: 40 }, challenger: { count: 37, rows: 41 }, alpha: 0.01 },
  {
    control: { count: 812345, rows: 1000000 },
    challenger: { count: 81000, rows: 99000 },
    alpha: 0.05
  }
]

interface Scored {
  labels: Uint8Array
  scores: Float64Array
}

function sample(n: number, separation: number, seed: number, step = 0): Scored {
  const random = seeded(seed)
  const labels = new Uint8Array(n)
  const scores = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    labels[i] = random() < 0.4 ? 1 : 0
    let s = Math.min(1, Math.max(0, random() * 0.7 + (labels[i] ? separation : 0)))
    if (step > 0) s = Math.round(s / step) * step
    scores[i] = s
  }
  return { labels, scores }
}

// AUC: independent samples of different sizes, heavy ties, near-perfect separation.
const aucCases = [
  { control: sample(300, 0.1, 7), challenger: sample(420, 0.3, 11), alpha: 0.05 },
  { control: sample(2000, 0.2, 3, 0.125), challenger: sample(1900, 0.2, 5, 0.125), alpha: 0.05 },
  { control: sample(50, 0.6, 13), challenger: sample(45, 0.05, 17, 0.25), alpha: 0.1 },
  { control: sample(100000, 0.15, 19), challenger: sample(120000, 0.18, 23), alpha: 0.01 }
]

const PYTHON = `
from scipy.stats import rankdata, norm
from statsmodels.stats.proportion import proportions_ztest, confint_proportions_2indep
def delong_var(labels, scores):
    pos = scores[labels == 1]; neg = scores[labels == 0]
    m, n = len(pos), len(neg)
    allr = rankdata(np.concatenate([pos, neg]))
    pr = rankdata(pos); nr = rankdata(neg)
    v10 = (allr[:m] - pr) / n
    v01 = 1.0 - (allr[m:] - nr) / m
    auc = (allr[:m].sum() - m * (m + 1) / 2) / (m * n)
    return auc, np.var(v10, ddof=1) / m + np.var(v01, ddof=1) / n
out = []
for index, arrays, params in cases():
    if params["kind"] == "rate":
        c, r = params["control"], params["challenger"]
        count = np.array([r["count"], c["count"]]); nobs = np.array([r["rows"], c["rows"]])
        z, p = proportions_ztest(count, nobs)
        low, upp = confint_proportions_2indep(r["count"], r["rows"], c["count"], c["rows"], method="newcomb", compare="diff", alpha=params["alpha"])
        out.append({"delta": r["count"] / r["rows"] - c["count"] / c["rows"], "p": p, "ci": [low, upp]})
    else:
        a_auc, a_var = delong_var(arrays["la"], arrays["sa"])
        b_auc, b_var = delong_var(arrays["lb"], arrays["sb"])
        se = np.sqrt(a_var + b_var); d = b_auc - a_auc
        zq = norm.ppf(1 - params["alpha"] / 2)
        out.append({"a": a_auc, "b": b_auc, "a_var": a_var, "delta": d, "se": se, "p": 2 * norm.sf(abs(d) / se), "ci": [d - zq * se, d + zq * se]})
emit(out)
`

interface Reference {
  delta: number
  p: number
  ci: [number, number]
  a?: number
  b?: number
  a_var?: number
  se?: number
}

function problems(name: string, got: VariantComparison, ref: Reference): string[] {
  const out: string[] = []
  if (!close(got.delta, ref.delta, 1e-9)) out.push(`${name}: delta ${got.delta} vs ${ref.delta}`)
  if (!got.ci || !close(got.ci[0], ref.ci[0], 1e-9) || !close(got.ci[1], ref.ci[1], 1e-9))
    out.push(`${name}: ci ${JSON.stringify(got.ci)} vs ${JSON.stringify(ref.ci)}`)
  const p = got.p_value ?? NaN
  if (!(close(p, ref.p, 1e-9) && (ref.p < 1e-300 || relativelyClose(p, ref.p, 1e-6))))
    out.push(`${name}: p ${p} vs ${ref.p}`)
  return out
}

describeWithReference('independent-sample tests against statsmodels and a scipy DeLong', () => {
  let references: Reference[] = []
  beforeAll(() => {
    references = runReference<Reference>(PYTHON, [
      ...rates.map(r => ({ arrays: {}, params: { kind: 'rate', ...r } })),
      ...aucCases.map(c => ({
        arrays: {
          la: c.control.labels,
          sa: c.control.scores,
          lb: c.challenger.labels,
          sb: c.challenger.scores
        },
        params: { kind: 'auc', alpha: c.alpha }
      }))
    ])
  }, 120000)

  it('two-proportion z-test: delta, Newcombe interval and p-value agree to 1e-9', () => {
    const found = rates.flatMap((r, i) =>
      problems(JSON.stringify(r), twoProportion(r.control, r.challenger, r.alpha), references[i]!)
    )
    expect(found).toEqual([])
  })

  it("DeLong's independent variance: AUCs, variance, interval and p-value agree to 1e-9", () => {
    const found = aucCases.flatMap((c, i) => {
      const ref = references[rates.length + i]!
      const a = sortScores(c.control.labels, c.control.scores)
      const b = sortScores(c.challenger.labels, c.challenger.scores)
      const got = independentDelong(a, b, c.alpha)!
      const own = delongVariance(a)!
      const out = problems(`auc case ${i}`, got, ref)
      if (!close(got.control, ref.a!, 1e-12)) out.push(`case ${i}: auc ${got.control} vs ${ref.a}`)
      if (!close(own.variance, ref.a_var!, 1e-12))
        out.push(`case ${i}: variance ${own.variance} vs ${ref.a_var}`)
      if (!close(got.standard_error!, ref.se!, 1e-12)) out.push(`case ${i}: se`)
      // The engine's AUC of the same rows is the point the comparison reports.
      if (!close(binaryMetrics(b).values.auc!, got.challenger, 1e-12)) out.push(`case ${i}: engine`)
      return out
    })
    expect(found).toEqual([])
  })
})

it('two-proportion z-test: equal rates give p = 1 and an interval around 0', () => {
  const got = twoProportion({ count: 30, rows: 60 }, { count: 30, rows: 60 }, 0.05)
  expect(got.delta).toBe(0)
  expect(got.p_value).toBeCloseTo(1, 12)
  expect(got.ci![0]).toBeLessThan(0)
  expect(got.ci![1]).toBeGreaterThan(0)
  expect(got.test).toBe('two-proportion-z')
  expect(got.rows).toEqual([60, 60])
})

it('DeLong: a variant with one class gives no comparison, a lone row of a class no interval', () => {
  const one = sortScores(Uint8Array.from([1, 1, 1]), Float64Array.from([0.2, 0.4, 0.9]))
  const fine = sortScores(Uint8Array.from([1, 0, 1, 0]), Float64Array.from([0.9, 0.1, 0.7, 0.3]))
  expect(independentDelong(one, fine, 0.05)).toBeUndefined()
  const lone = sortScores(Uint8Array.from([1, 0, 0]), Float64Array.from([0.9, 0.1, 0.3]))
  const got = independentDelong(lone, fine, 0.05)!
  expect(got.ci).toBeNull()
  expect(got.p_value).toBeNull()
  expect(got.note).toMatch(/at least 2/)
})

it('independent bootstrap: seeded, reproducible, and finds a clear difference in precision', () => {
  const control = sample(800, 0.05, 29)
  const challenger = sample(800, 0.5, 31)
  const side = (s: Scored) => {
    const resample = binaryResample(
      { labels: s.labels, candidate: s.scores, baseline: s.scores },
      0.5
    )
    return { rows: s.labels.length, measure: (w: Uint32Array) => resample(w)[0] }
  }
  const points = {
    control: binaryMetrics(sortScores(control.labels, control.scores)).values,
    challenger: binaryMetrics(sortScores(challenger.labels, challenger.scores)).values
  }
  const options = { alpha: 0.05, resamples: 400, seed: 42 }
  const sides = { control: side(control), challenger: side(challenger) }
  const first = independentBootstrap(['precision', 'f1'] as const, points, sides, options)
  const again = independentBootstrap(['precision', 'f1'] as const, points, sides, options)
  expect(first).toEqual(again)
  expect(first.precision!.test).toBe('bootstrap-independent')
  expect(first.precision!.delta).toBeCloseTo(
    points.challenger.precision! - points.control.precision!,
    12
  )
  expect(first.precision!.ci![0]).toBeGreaterThan(0)
  expect(first.precision!.p_value).toBeLessThan(0.01)
  expect(first.precision!.standard_error).toBeGreaterThan(0)
  const other = independentBootstrap(['precision'] as const, points, sides, {
    ...options,
    seed: 43
  })
  expect(other.precision!.ci).not.toEqual(first.precision!.ci)
})
