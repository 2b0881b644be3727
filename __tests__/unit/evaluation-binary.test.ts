import { beforeAll, expect, it } from '@jest/globals'
import fc from 'fast-check'
import {
  BINARY_METRICS,
  type BinaryMetric,
  type BinaryReport,
  binaryMetrics,
  sortScores
} from '../../src/evaluation/binary.js'
import { sortAscending } from '../../src/evaluation/sorting.js'
import { close, describeWithReference, runReference } from './reference/python.js'

// Each case: labels, scores, a decision threshold. Cases are random and adversarial
// (ties, one class, constant scores, hard 0/1 predictions, scores on the threshold,
// probabilities 0 and 1 that logloss must clip, scores outside [0, 1]), n = 1 and 10^6.
interface Case {
  name: string
  labels: number[] | Uint8Array
  scores: number[] | Float64Array
  threshold: number
}

const score = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.integer({ min: 0, max: 10 }).map(k => k / 10),
  fc.constantFrom(0, 1, 0.5, 1e-300, 1 - 2 ** -53)
)
const rows = fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), score), {
  minLength: 1,
  maxLength: 300
})
const threshold = fc.constantFrom(0.5, 0.3, 0, 1, 0.7)

const generated = fc.oneof(
  rows.map(r => ({ kind: 'random', rows: r })),
  rows.map(r => ({ kind: 'one class 0', rows: r.map(([, s]) => [0, s] as [number, number]) })),
  rows.map(r => ({ kind: 'one class 1', rows: r.map(([, s]) => [1, s] as [number, number]) })),
  fc.tuple(rows, score).map(([r, s]) => ({
    kind: 'constant',
    rows: r.map(([y]) => [y, s] as [number, number])
  })),
  rows.map(r => ({
    kind: 'hard',
    rows: r.map(([y, s]) => [y, s >= 0.5 ? 1 : 0] as [number, number])
  })),
  rows.map(r => ({
    kind: 'outside',
    rows: r.map(([y, s], i) => [y, i === 0 ? s * 4 - 2 : s] as [number, number])
  }))
)

function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return ((state >>> 0) + 0.5) / 4294967296
  }
}

function largeCase(n: number): Case {
  const random = seeded(99)
  const labels = new Uint8Array(n)
  const scores = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    labels[i] = random() < 0.25 ? 1 : 0
    // Three decimals: heavy ties, as a rounded model output has.
    scores[i] = Math.round(Math.min(1, random() * 0.8 + labels[i]! * 0.25) * 1000) / 1000
  }
  return { name: `n=${n}`, labels, scores, threshold: 0.5 }
}

const cases: Case[] = [
  ...fc
    .sample(fc.tuple(generated, threshold), { seed: 20240611, numRuns: 400 })
    .map(([c, t], i) => ({
      name: `${c.kind} #${i}`,
      labels: c.rows.map(([y]) => y),
      scores: c.rows.map(([, s]) => s),
      threshold: t
    })),
  { name: 'n=1 positive', labels: [1], scores: [0.7], threshold: 0.5 },
  { name: 'n=1 negative', labels: [0], scores: [0.7], threshold: 0.5 },
  { name: 'perfect', labels: [0, 0, 1, 1], scores: [0.1, 0.2, 0.8, 0.9], threshold: 0.5 },
  { name: 'inverted', labels: [1, 1, 0, 0], scores: [0.1, 0.2, 0.8, 0.9], threshold: 0.5 },
  largeCase(1_000_000)
]

const SCRIPT = `
from sklearn import metrics as m
def guarded(results, warned, name, call):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            results[name] = call()
        except ValueError:
            results[name] = None
            caught.append(name)
    if caught:
        warned.append(name)
out = []
for index, a, params in cases():
    y = a["labels"].astype(int)
    s = a["scores"]
    p = (s >= params["threshold"]).astype(int)
    r, warned = {}, []
    guarded(r, warned, "auc", lambda: m.roc_auc_score(y, s))
    guarded(r, warned, "average_precision", lambda: m.average_precision_score(y, s))
    guarded(r, warned, "logloss", lambda: m.log_loss(y, s, labels=[0, 1]))
    guarded(r, warned, "brier", lambda: m.brier_score_loss(y, s))
    guarded(r, warned, "accuracy", lambda: m.accuracy_score(y, p))
    guarded(r, warned, "balanced_accuracy", lambda: m.balanced_accuracy_score(y, p))
    guarded(r, warned, "precision", lambda: m.precision_score(y, p))
    guarded(r, warned, "recall", lambda: m.recall_score(y, p))
    guarded(r, warned, "f0_5", lambda: m.fbeta_score(y, p, beta=0.5))
    guarded(r, warned, "f1", lambda: m.f1_score(y, p))
    guarded(r, warned, "f2", lambda: m.fbeta_score(y, p, beta=2))
    guarded(r, warned, "mcc", lambda: m.matthews_corrcoef(y, p))
    guarded(r, warned, "true_negative_rate", lambda: m.recall_score(y, p, pos_label=0))
    tn, fp, fn, tp = m.confusion_matrix(y, p, labels=[0, 1]).ravel()
    r["true_positive_rate"] = r["recall"]
    r["false_positive_rate"] = fp / (fp + tn) if fp + tn else 0.0
    r["false_negative_rate"] = fn / (fn + tp) if fn + tp else 0.0
    r["confusion"] = dict(tp=int(tp), fp=int(fp), tn=int(tn), fn=int(fn))
    r["warned"] = warned
    out.append(r)
emit(out)
`

interface Reference extends Record<string, unknown> {
  confusion: { tp: number; fp: number; tn: number; fn: number }
  warned: string[]
}

function warnedMetrics(report: BinaryReport): Set<string> {
  const names = new Set<string>()
  for (const warning of report.warnings) {
    for (const name of warning.split(':')[0]!.split(', ')) names.add(name.trim())
  }
  return names
}

function compute(c: Case): BinaryReport {
  return binaryMetrics(sortScores(Uint8Array.from(c.labels), Float64Array.from(c.scores)), {
    threshold: c.threshold
  })
}

describeWithReference('binary metrics against scikit-learn 1.2', () => {
  let references: Reference[] = []
  let reports: BinaryReport[] = []
  beforeAll(() => {
    references = runReference<Reference>(
      SCRIPT,
      cases.map(c => ({
        arrays: { labels: c.labels, scores: c.scores },
        params: { threshold: c.threshold }
      }))
    )
    reports = cases.map(compute)
  }, 120000)

  it('agrees on every metric to 1e-9, and leaves out what scikit-learn cannot compute', () => {
    const problems: string[] = []
    cases.forEach((c, i) => {
      const reference = references[i]!
      const values = reports[i]!.values
      const outside = Array.from(c.scores).some(s => s < 0 || s > 1)
      for (const metric of BINARY_METRICS) {
        const expected = reference[metric] as number | null
        const actual = values[metric as BinaryMetric]
        // Scores outside [0, 1] are not probabilities: scikit-learn's log_loss clips them
        // silently, we leave logloss out, as brier_score_loss refuses them.
        if (outside && (metric === 'logloss' || metric === 'brier')) {
          if (actual !== undefined) problems.push(`${c.name}: ${metric} should be absent`)
          continue
        }
        if (
          expected === null
            ? actual !== undefined
            : actual === undefined || !close(actual, expected, 1e-9)
        ) {
          problems.push(`${c.name}: ${metric} ${actual} vs scikit-learn ${expected}`)
        }
      }
      expect(reports[i]!.confusion).toEqual(reference.confusion)
    })
    expect(problems).toEqual([])
  })

  it('warns exactly where scikit-learn warns or refuses', () => {
    const problems: string[] = []
    cases.forEach((c, i) => {
      const ours = warnedMetrics(reports[i]!)
      const theirs = new Set(references[i]!.warned)
      for (const name of [
        'auc',
        'average_precision',
        'precision',
        'recall',
        'f1',
        'balanced_accuracy',
        'true_negative_rate'
      ]) {
        if (ours.has(name) !== theirs.has(name)) {
          problems.push(
            `${c.name}: ${name} warned ${ours.has(name)} vs scikit-learn ${theirs.has(name)}`
          )
        }
      }
    })
    expect(problems).toEqual([])
  })
})

describeWithReference('binary metrics: standard deviations', () => {
  it('are absent below 200 rows, as Model Monitor writes "NaN" there', () => {
    const report = compute({ name: '199', ...generatedRows(199, 1), threshold: 0.5 })
    expect(report.standardDeviations).toEqual({})
    const enough = compute({ name: '200', ...generatedRows(200, 1), threshold: 0.5 })
    expect(Object.keys(enough.standardDeviations).sort()).toEqual([...BINARY_METRICS].sort())
  })

  it('are reproducible with the seed and change with another seed', () => {
    const data = generatedRows(5000, 7)
    const sorted = () => sortScores(Uint8Array.from(data.labels), Float64Array.from(data.scores))
    const a = binaryMetrics(sorted(), { seed: 1 }).standardDeviations
    const b = binaryMetrics(sorted(), { seed: 1 }).standardDeviations
    const c = binaryMetrics(sorted(), { seed: 2 }).standardDeviations
    expect(a).toEqual(b)
    expect(a.auc).not.toEqual(c.auc)
    // The spread of a metric over 80% subsamples of 5000 rows is small but not zero.
    for (const metric of ['auc', 'accuracy', 'logloss'] as const) {
      expect(a[metric]).toBeGreaterThan(0)
      expect(a[metric]).toBeLessThan(0.05)
    }
  })
})

function generatedRows(n: number, seed: number): { labels: number[]; scores: number[] } {
  const random = seeded(seed)
  const labels = Array.from({ length: n }, () => (random() < 0.4 ? 1 : 0))
  return { labels, scores: labels.map(y => Math.min(1, random() * 0.7 + y * 0.3)) }
}

it('gives the same metrics whether the scores arrive as one sorted run or as several', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 20 })), {
        minLength: 1,
        maxLength: 200
      }),
      fc.integer({ min: 1, max: 5 }),
      (rows, parts) => {
        const labels = Uint8Array.from(rows.map(([y]) => y))
        const scores = Float64Array.from(rows.map(([, s]) => s / 20))
        const whole = binaryMetrics(sortScores(labels, scores))
        const split = (values: number[]) =>
          Array.from({ length: parts }, (_, k) =>
            sortAscending(Float64Array.from(values.filter((_, i) => i % parts === k)))
          )
        const positives = rows.filter(([y]) => y === 1).map(([, s]) => s / 20)
        const negatives = rows.filter(([y]) => y === 0).map(([, s]) => s / 20)
        const runs = binaryMetrics({ positives: split(positives), negatives: split(negatives) })
        expect(runs.values).toEqual(whole.values)
        expect(runs.confusion).toEqual(whole.confusion)
      }
    ),
    { seed: 7, numRuns: 200 }
  )
})

it('ranks the same whatever monotone transform the scores go through (auc, average precision)', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(fc.integer({ min: 0, max: 1 }), fc.double({ min: -5, max: 5, noNaN: true })),
        { minLength: 2, maxLength: 200 }
      ),
      rows => {
        const labels = Uint8Array.from(rows.map(([y]) => y))
        const raw = binaryMetrics(sortScores(labels, Float64Array.from(rows.map(([, s]) => s))))
        const squashed = binaryMetrics(
          sortScores(labels, Float64Array.from(rows.map(([, s]) => 1 / (1 + Math.exp(-s)))))
        )
        // exp can merge distinct scores into one double; only compare when it did not.
        const distinct = (values: number[]) => new Set(values).size
        if (
          distinct(rows.map(([, s]) => s)) !== distinct(rows.map(([, s]) => 1 / (1 + Math.exp(-s))))
        )
          return
        if (raw.values.auc === undefined) expect(squashed.values.auc).toBeUndefined()
        else expect(squashed.values.auc).toBeCloseTo(raw.values.auc, 12)
        expect(squashed.values.average_precision).toBeCloseTo(raw.values.average_precision!, 12)
      }
    ),
    { seed: 11, numRuns: 200 }
  )
})
