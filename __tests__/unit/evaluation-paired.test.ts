import { beforeAll, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { binaryMetrics, sortScores } from '../../src/evaluation/binary.js'
import {
  binaryResample,
  multiclassResample,
  regressionResample
} from '../../src/evaluation/compare.js'
import {
  bootstrapComparison,
  bootstrapDeltas,
  type Comparison,
  delong,
  mcnemar,
  type PairedTable,
  percentile
} from '../../src/evaluation/paired.js'
import { Random } from '../../src/evaluation/random.js'
import {
  close,
  describeWithReference,
  type ReferenceCase,
  relativelyClose,
  runReference
} from './reference/python.js'

function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return ((state >>> 0) + 0.5) / 4294967296
  }
}

// DeLong cases: two models scoring the same rows; ties, identical models, constant
// scores, perfect separation, a single row of a class, n = 10^6.
interface DelongCase {
  name: string
  labels: number[] | Uint8Array
  a: number[] | Float64Array
  b: number[] | Float64Array
  alpha: number
}

const scored = fc.array(
  fc.tuple(
    fc.integer({ min: 0, max: 1 }),
    fc.oneof(
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.integer({ min: 0, max: 8 }).map(k => k / 8)
    ),
    fc.oneof(
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.integer({ min: 0, max: 8 }).map(k => k / 8)
    )
  ),
  { minLength: 2, maxLength: 250 }
)
const alpha = fc.constantFrom(0.05, 0.01, 0.1, 0.2)

function largeDelong(n: number): DelongCase {
  const random = seeded(31)
  const labels = new Uint8Array(n)
  const a = new Float64Array(n)
  const b = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    labels[i] = random() < 0.3 ? 1 : 0
    const signal = random()
    a[i] = Math.round((0.6 * signal + 0.4 * labels[i]! * random()) * 1000) / 1000
    b[i] = Math.round((0.7 * signal + 0.3 * labels[i]! * random()) * 1000) / 1000
  }
  return { name: `n=${n}`, labels, a, b, alpha: 0.05 }
}

const delongCases: DelongCase[] = [
  ...fc.sample(fc.tuple(scored, alpha), { seed: 12, numRuns: 250 }).map(([rows, al], i) => ({
    name: `random #${i}`,
    labels: rows.map(([y]) => y),
    a: rows.map(([, a]) => a),
    b: rows.map(([, , b]) => b),
    alpha: al
  })),
  ...fc.sample(scored, { seed: 13, numRuns: 30 }).map((rows, i) => ({
    name: `identical #${i}`,
    labels: rows.map(([y]) => y),
    a: rows.map(([, a]) => a),
    b: rows.map(([, a]) => a),
    alpha: 0.05
  })),
  ...fc.sample(scored, { seed: 14, numRuns: 30 }).map((rows, i) => ({
    name: `constant baseline #${i}`,
    labels: rows.map(([y]) => y),
    a: rows.map(([, a]) => a),
    b: rows.map(() => 0.5),
    alpha: 0.05
  })),
  ...fc.sample(scored, { seed: 15, numRuns: 30 }).map((rows, i) => ({
    name: `perfect candidate #${i}`,
    labels: rows.map(([y]) => y),
    a: rows.map(([y, a]) => y * 2 + a),
    b: rows.map(([, , b]) => b),
    alpha: 0.05
  })),
  {
    name: 'both perfect',
    labels: [0, 0, 1, 1],
    a: [0, 0.1, 0.8, 0.9],
    b: [0.2, 0.3, 0.6, 0.7],
    alpha: 0.05
  },
  {
    name: 'one positive',
    labels: [0, 0, 1, 0],
    a: [0.1, 0.4, 0.8, 0.2],
    b: [0.2, 0.5, 0.3, 0.1],
    alpha: 0.05
  },
  largeDelong(1_000_000)
]

// One Python process for the whole file: each case names the reference it needs.
const DELONG_PYTHON = `
from scipy.stats import norm, rankdata
def fast_delong(y, scores):
    # Sun and Xu (2014): midranks of positives among positives, negatives among
    # negatives, and both among all.
    pos, neg = y == 1, y == 0
    m, n = int(pos.sum()), int(neg.sum())
    aucs, v10, v01 = [], [], []
    for s in scores:
        x, z = s[pos], s[neg]
        tx, tz, t = rankdata(x), rankdata(z), rankdata(np.concatenate([x, z]))
        aucs.append((t[:m].sum() - m * (m + 1) / 2) / (m * n))
        v10.append((t[:m] - tx) / n)
        v01.append(1.0 - (t[m:] - tz) / m)
    return np.array(aucs), np.array(v10), np.array(v01), m, n
def delong_case(a, params):
    y = a["labels"].astype(int)
    alpha = params["alpha"]
    aucs, v10, v01, m, n = fast_delong(y, [a["a"], a["b"]])
    delta = aucs[0] - aucs[1]
    if m < 2 or n < 2:
        return dict(delta=delta, ci=None, p=None, lower=None, upper=None)
    s = np.cov(v10) / m + np.cov(v01) / n
    var = s[0, 0] + s[1, 1] - 2 * s[0, 1]
    se = math.sqrt(max(var, 0.0))
    if se > 0:
        p = 2 * norm.sf(abs(delta) / se)
    else:
        p = 1.0 if delta == 0 else 0.0
    two, one = norm.ppf(1 - alpha / 2) * se, norm.ppf(1 - alpha) * se
    return dict(delta=delta, ci=[delta - two, delta + two], p=min(1.0, p),
                lower=delta - one, upper=delta + one)
`

interface IntervalReference {
  delta: number
  ci: [number, number] | null
  p: number | null
  lower: number | null
  upper: number | null
}

function intervalProblems(
  name: string,
  ours: Comparison | undefined,
  theirs: IntervalReference
): string[] {
  if (ours === undefined) return [`${name}: no comparison`]
  const problems: string[] = []
  const check = (
    what: string,
    a: number | null | undefined,
    b: number | null,
    relative = false
  ) => {
    if (b === null || a === null || a === undefined) {
      if ((a ?? null) !== b) problems.push(`${name}: ${what} ${a} vs ${b}`)
      return
    }
    if (!(relative ? relativelyClose(a, b, 1e-6) : close(a, b, 1e-9)))
      problems.push(`${name}: ${what} ${a} vs ${b}`)
  }
  check('delta', ours.delta, theirs.delta)
  check('ci low', ours.ci?.[0] ?? null, theirs.ci?.[0] ?? null)
  check('ci high', ours.ci?.[1] ?? null, theirs.ci?.[1] ?? null)
  check('lower bound', ours.lower_bound, theirs.lower)
  check('upper bound', ours.upper_bound, theirs.upper)
  check('p-value', ours.p_value, theirs.p, true)
  return problems
}

describeWithReference(
  "DeLong's test against an independent Sun-Xu implementation (numpy, scipy)",
  () => {
    let references: IntervalReference[] = []
    beforeAll(() => {
      references = allReferences().delong
    }, 120000)

    it('agrees to 1e-9 on deltas, intervals and bounds and 1e-6 relative on p-values', () => {
      const problems = delongCases.flatMap((c, i) => {
        const labels = Uint8Array.from(c.labels)
        const a = Float64Array.from(c.a)
        const b = Float64Array.from(c.b)
        const sorted = { candidate: sortScores(labels, a), baseline: sortScores(labels, b) }
        if (!labels.includes(0) || !labels.includes(1)) {
          return delong(labels, a, b, sorted, c.alpha) === undefined
            ? []
            : [`${c.name}: should be undefined`]
        }
        const points = {
          candidate: binaryMetrics(sorted.candidate).values.auc!,
          baseline: binaryMetrics(sorted.baseline).values.auc!
        }
        return intervalProblems(
          c.name,
          delong(labels, a, b, sorted, c.alpha, points),
          references[i]!
        )
      })
      expect(problems).toEqual([])
    })
  }
)

// McNemar: tables around the exact/chi-square boundary (24 and 25 discordant rows), no
// discordant rows, equal discordant counts, tiny and large tables.
const tables: { table: PairedTable; alpha: number }[] = [
  ...fc
    .sample(
      fc.record({
        both: fc.integer({ min: 0, max: 120 }),
        candidateOnly: fc.integer({ min: 0, max: 60 }),
        baselineOnly: fc.integer({ min: 0, max: 60 }),
        neither: fc.integer({ min: 0, max: 120 })
      }),
      { seed: 21, numRuns: 300 }
    )
    .filter(t => t.both + t.candidateOnly + t.baselineOnly + t.neither > 0)
    .map((table, i) => ({ table, alpha: [0.05, 0.01, 0.1][i % 3]! })),
  ...[
    [10, 0, 0, 5],
    [0, 0, 0, 1],
    [1, 0, 0, 0],
    [3, 12, 12, 3],
    [50, 20, 4, 9],
    [50, 20, 5, 9],
    [7, 13, 12, 0],
    [0, 1, 0, 0],
    [0, 0, 1, 0],
    [5000, 260, 200, 400]
  ].map(([both, candidateOnly, baselineOnly, neither]) => ({
    table: {
      both: both!,
      candidateOnly: candidateOnly!,
      baselineOnly: baselineOnly!,
      neither: neither!
    },
    alpha: 0.05
  }))
]

const MCNEMAR_PYTHON = `
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.proportion import proportion_confint
def newcombe(a, b, c, d, alpha):
    # Newcombe (1998), method 10: Wilson limits of both marginal proportions, combined
    # with the phi correlation of the paired table.
    n = a + b + c + d
    p1, p2 = (a + b) / n, (a + c) / n
    l1, u1 = proportion_confint(a + b, n, alpha=alpha, method="wilson")
    l2, u2 = proportion_confint(a + c, n, alpha=alpha, method="wilson")
    margins = (a + b) * (c + d) * (a + c) * (b + d)
    phi = 0.0 if margins == 0 else (a * d - b * c) / math.sqrt(margins)
    delta = p1 - p2
    lo = delta - math.sqrt(max(0.0, (p1 - l1) ** 2 - 2 * phi * (p1 - l1) * (u2 - p2) + (u2 - p2) ** 2))
    hi = delta + math.sqrt(max(0.0, (u1 - p1) ** 2 - 2 * phi * (u1 - p1) * (p2 - l2) + (p2 - l2) ** 2))
    return lo, hi
def mcnemar_case(arrays, params):
    a, b, c, d = (int(params[k]) for k in ("both", "candidateOnly", "baselineOnly", "neither"))
    alpha = params["alpha"]
    result = mcnemar([[a, b], [c, d]], exact=(b + c) < 25, correction=True)
    ci = newcombe(a, b, c, d, alpha)
    lower, _ = newcombe(a, b, c, d, 2 * alpha)
    _, upper = newcombe(a, b, c, d, 2 * alpha)
    return dict(delta=(b - c) / (a + b + c + d), ci=list(ci), p=result.pvalue, lower=lower, upper=upper)
`

describeWithReference(
  "McNemar's test against statsmodels, Newcombe's interval against a numpy implementation",
  () => {
    let references: IntervalReference[] = []
    beforeAll(() => {
      references = allReferences().mcnemar
    }, 120000)

    it('agrees to 1e-9 on deltas and intervals and 1e-6 relative on p-values', () => {
      const problems = tables.flatMap((t, i) =>
        intervalProblems(JSON.stringify(t.table), mcnemar(t.table, t.alpha), references[i]!)
      )
      expect(problems).toEqual([])
    })

    it('uses the exact test below 25 discordant rows and the chi-square test from 25', () => {
      expect(mcnemar({ both: 5, candidateOnly: 12, baselineOnly: 12, neither: 1 }, 0.05).test).toBe(
        'mcnemar-exact'
      )
      expect(mcnemar({ both: 5, candidateOnly: 13, baselineOnly: 12, neither: 1 }, 0.05).test).toBe(
        'mcnemar-chi2'
      )
    })
  }
)

// The bootstrap's per-resample arithmetic: metrics on weighted rows must equal
// scikit-learn's metrics on the resampled rows themselves (np.repeat).
function multinomial(n: number, seed: number): Uint32Array {
  const random = new Random(seed)
  const weights = new Uint32Array(n)
  for (let i = 0; i < n; i++) weights[random.below(n)]!++
  return weights
}

const resampleData = Array.from({ length: 12 }, (_, k) => {
  const random = seeded(100 + k)
  const n = [5, 40, 300][k % 3]!
  const labels = Array.from({ length: n }, () => (random() < 0.35 ? 1 : 0))
  const round = (x: number) => (k % 2 === 0 ? Math.round(x * 10) / 10 : x)
  return {
    labels,
    a: labels.map(y => round(Math.min(1, random() * 0.8 + y * 0.2))),
    b: labels.map(() => round(random())),
    classes: labels.map((y, i) => (y + i) % 3),
    predictedA: labels.map(() => Math.floor(random() * 3)),
    predictedB: labels.map((y, i) => (i % 4 === 0 ? (y + i) % 3 : Math.floor(random() * 3))),
    values: labels.map(() => random() * 10),
    weights: multinomial(n, k)
  }
})

const RESAMPLE_PYTHON = `
from sklearn import metrics as m
def binary(y, s, t):
    p = (s >= t).astype(int)
    tn, fp, fn, tp = m.confusion_matrix(y, p, labels=[0, 1]).ravel()
    return dict(
        average_precision=m.average_precision_score(y, s) if y.any() else 0.0,
        logloss=m.log_loss(y, s, labels=[0, 1]), brier=m.brier_score_loss(y, s),
        balanced_accuracy=m.balanced_accuracy_score(y, p), precision=m.precision_score(y, p),
        recall=m.recall_score(y, p), f0_5=m.fbeta_score(y, p, beta=0.5), f1=m.f1_score(y, p),
        f2=m.fbeta_score(y, p, beta=2), mcc=m.matthews_corrcoef(y, p),
        true_negative_rate=tn / (tn + fp) if tn + fp else 0.0,
        false_positive_rate=fp / (tn + fp) if tn + fp else 0.0,
        false_negative_rate=fn / (fn + tp) if fn + tp else 0.0)
def multiclass(y, p):
    return dict(
        weighted_precision=m.precision_score(y, p, average="weighted"),
        weighted_recall=m.recall_score(y, p, average="weighted"),
        weighted_f1=m.f1_score(y, p, average="weighted"),
        macro_precision=m.precision_score(y, p, average="macro"),
        macro_recall=m.recall_score(y, p, average="macro"), macro_f1=m.f1_score(y, p, average="macro"))
def regression(y, p):
    return dict(mae=m.mean_absolute_error(y, p), mse=m.mean_squared_error(y, p),
        r2=m.r2_score(y, p), mape=m.mean_absolute_percentage_error(y, p),
        explained_variance=m.explained_variance_score(y, p))
def resample_case(a, params):
    w = a["weights"].astype(int)
    r = lambda name: np.repeat(a[name], w)
    y = r("labels").astype(int)
    return dict(
        binary=[binary(y, r("a"), 0.5), binary(y, r("b"), 0.5)],
        multiclass=[multiclass(r("classes").astype(int), r("predictedA").astype(int)),
                    multiclass(r("classes").astype(int), r("predictedB").astype(int))],
        regression=[regression(r("values"), r("a") * 10), regression(r("values"), r("b") * 10)])
`

interface ResampleReference {
  binary: Record<string, number>[]
  multiclass: Record<string, number>[]
  regression: Record<string, number>[]
}

describeWithReference('bootstrap resamples against scikit-learn on the resampled rows', () => {
  let references: ResampleReference[] = []
  beforeAll(() => {
    references = allReferences().resample
  }, 120000)

  it('computes every bootstrapped metric of both models as scikit-learn does on the resample', () => {
    const problems: string[] = []
    resampleData.forEach((d, i) => {
      const binary = binaryResample(
        {
          labels: Uint8Array.from(d.labels),
          candidate: Float64Array.from(d.a),
          baseline: Float64Array.from(d.b)
        },
        0.5
      )(d.weights)
      const multiclass = multiclassResample({
        labels: Float64Array.from(d.classes),
        classes: 3,
        candidate: { predicted: Float64Array.from(d.predictedA) },
        baseline: { predicted: Float64Array.from(d.predictedB) }
      })(d.weights)
      const regression = regressionResample({
        labels: Float64Array.from(d.values),
        candidate: Float64Array.from(d.a.map(x => x * 10)),
        baseline: Float64Array.from(d.b.map(x => x * 10))
      })(d.weights)
      const ours = { binary, multiclass, regression } as Record<
        string,
        Record<string, number | undefined>[]
      >
      for (const task of ['binary', 'multiclass', 'regression'] as const) {
        references[i]![task].forEach((expected, model) => {
          for (const [metric, value] of Object.entries(expected)) {
            const actual = ours[task]![model]![metric]
            if (actual === undefined || !close(actual, value, 1e-9)) {
              problems.push(`data ${i} ${task} model ${model}: ${metric} ${actual} vs ${value}`)
            }
          }
        })
      }
    })
    expect(problems).toEqual([])
  })
})

it('draws resamples of exactly n rows, the same for the same seed', () => {
  const seen: Uint32Array[] = []
  const deltas = bootstrapDeltas(50, 1, { alpha: 0.05, resamples: 200, seed: 3 }, weights => {
    seen.push(weights.slice())
    return [weights.reduce((a, b) => a + b, 0)]
  })
  expect([...new Set(deltas[0])]).toEqual([50])
  const again: Uint32Array[] = []
  bootstrapDeltas(50, 1, { alpha: 0.05, resamples: 200, seed: 3 }, weights => {
    again.push(weights.slice())
    return [0]
  })
  expect(again).toEqual(seen)
  const other: Uint32Array[] = []
  bootstrapDeltas(50, 1, { alpha: 0.05, resamples: 200, seed: 4 }, weights => {
    other.push(weights.slice())
    return [0]
  })
  expect(other).not.toEqual(seen)
})

const percentileSamples = fc.sample(
  fc.tuple(
    fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 50 }),
    fc.double({ min: 0, max: 1, noNaN: true })
  ),
  { seed: 5, numRuns: 200 }
)

interface References {
  delong: IntervalReference[]
  mcnemar: IntervalReference[]
  resample: ResampleReference[]
  percentile: number[]
}

let computed: References | undefined

/** Every reference value of this file, from one Python process, computed once. */
function allReferences(): References {
  if (computed) return computed
  const cases: ReferenceCase[] = [
    ...delongCases.map(c => ({
      arrays: { labels: c.labels, a: c.a, b: c.b },
      params: { kind: 'delong', alpha: c.alpha }
    })),
    ...tables.map(t => ({ arrays: {}, params: { kind: 'mcnemar', ...t.table, alpha: t.alpha } })),
    ...resampleData.map(d => ({
      arrays: {
        labels: d.labels,
        a: d.a,
        b: d.b,
        classes: d.classes,
        predictedA: d.predictedA,
        predictedB: d.predictedB,
        values: d.values,
        weights: d.weights
      },
      params: { kind: 'resample' }
    })),
    ...percentileSamples.map(([values, q]) => ({
      arrays: { values },
      params: { kind: 'percentile', q }
    }))
  ]
  const dispatch = `
def percentile_case(a, params):
    return float(np.percentile(a["values"], params["q"] * 100))
HANDLERS = dict(delong=delong_case, mcnemar=mcnemar_case, resample=resample_case, percentile=percentile_case)
emit([HANDLERS[params["kind"]](a, params) for index, a, params in cases()])
`
  const out = runReference<unknown>(
    [DELONG_PYTHON, MCNEMAR_PYTHON, RESAMPLE_PYTHON, dispatch].join('\n'),
    cases
  )
  let at = 0
  const take = <T>(count: number) => out.slice(at, (at += count)) as T[]
  computed = {
    delong: take<IntervalReference>(delongCases.length),
    mcnemar: take<IntervalReference>(tables.length),
    resample: take<ResampleReference>(resampleData.length),
    percentile: take<number>(percentileSamples.length)
  }
  return computed
}

describeWithReference('percentiles', () => {
  it("match numpy's default (linear) percentile", () => {
    const samples = percentileSamples
    const expected = allReferences().percentile
    samples.forEach(([values, q], i) => {
      const sorted = Float64Array.from(values).sort()
      expect(close(percentile(sorted, q), expected[i]!, 1e-12)).toBe(true)
    })
  })
})

it('reads the bootstrap interval, bounds and p-value from the resampled deltas', () => {
  // 1000 deltas: -0.099 ... 0.9 in steps of 0.001; 100 of them are <= 0.
  const deltas = Float64Array.from({ length: 1000 }, (_, i) => (i - 99) / 1000)
  const comparison = bootstrapComparison(0.8, 0.7, deltas, {
    alpha: 0.05,
    resamples: 1000,
    seed: 1
  })
  expect(comparison.test).toBe('bootstrap')
  expect(comparison.delta).toBeCloseTo(0.1, 15)
  expect(comparison.ci![0]).toBeCloseTo(percentile(deltas, 0.025), 15)
  expect(comparison.ci![1]).toBeCloseTo(percentile(deltas, 0.975), 15)
  expect(comparison.lower_bound).toBeCloseTo(percentile(deltas, 0.05), 15)
  expect(comparison.upper_bound).toBeCloseTo(percentile(deltas, 0.95), 15)
  // Twice the smaller tail, counting the observed: 2 * (100 + 1) / 1001.
  expect(comparison.p_value).toBeCloseTo((2 * 101) / 1001, 15)
})

it('gives identical models a zero delta, a zero interval and p = 1', () => {
  const random = seeded(8)
  const labels = Uint8Array.from({ length: 300 }, () => (random() < 0.5 ? 1 : 0))
  const scores = Float64Array.from(labels, y => Math.min(1, random() * 0.7 + y * 0.3))
  const resample = binaryResample({ labels, candidate: scores, baseline: scores }, 0.5)
  const deltas = bootstrapDeltas(300, 1, { alpha: 0.05, resamples: 200, seed: 1 }, weights => {
    const [a, b] = resample(weights)
    return [a.f1! - b.f1!]
  })
  const comparison = bootstrapComparison(0.5, 0.5, deltas[0]!, {
    alpha: 0.05,
    resamples: 200,
    seed: 1
  })
  expect(comparison.ci).toEqual([0, 0])
  expect(comparison.p_value).toBe(1)
})

it('leaves the interval out when the metric is undefined on most resamples', () => {
  const comparison = bootstrapComparison(0.5, 0.4, Float64Array.of(0.1, 0.2), {
    alpha: 0.05,
    resamples: 100,
    seed: 1
  })
  expect(comparison.ci).toBeNull()
  expect(comparison.lower_bound).toBeNull()
  expect(comparison.note).toBe('the metric is undefined on 98 of 100 resamples.')
})

it('gives the same DeLong comparison from several sorted runs per class as from one', () => {
  const random = seeded(41)
  const labels = Uint8Array.from({ length: 400 }, () => (random() < 0.4 ? 1 : 0))
  const a = Float64Array.from(labels, y => Math.round((random() * 0.6 + y * 0.4) * 50) / 50)
  const b = Float64Array.from(labels, y => Math.round((random() * 0.8 + y * 0.2) * 50) / 50)
  const one = { candidate: sortScores(labels, a), baseline: sortScores(labels, b) }
  const split = (runs: Float64Array[]) => {
    const all = runs[0]!
    const middle = all.length >> 1
    return [all.slice(middle), all.slice(0, middle)]
  }
  const several = {
    candidate: {
      positives: split(one.candidate.positives),
      negatives: split(one.candidate.negatives)
    },
    baseline: { positives: split(one.baseline.positives), negatives: split(one.baseline.negatives) }
  }
  expect(delong(labels, a, b, several, 0.05)).toEqual(delong(labels, a, b, one, 0.05))
})
