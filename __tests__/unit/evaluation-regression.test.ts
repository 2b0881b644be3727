import { beforeAll, expect, it } from '@jest/globals'
import fc from 'fast-check'
import type { DataColumns } from '../../src/evaluation/dataset.js'
import { Evaluator } from '../../src/evaluation/evaluate.js'
import { REGRESSION_METRICS, type RegressionReport } from '../../src/evaluation/regression.js'
import { close, describeWithReference, runReference } from './reference/python.js'

// Random values at several scales, integers, zeros in the labels (mape divides by eps),
// perfect predictions, constant labels (whole numbers, whose mean numpy computes exactly),
// n = 1, 2 and 10^6.
interface Case {
  name: string
  labels: number[] | Float64Array
  predictions: number[] | Float64Array
}

const value = fc.oneof(
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.double({ min: -1, max: 1, noNaN: true }),
  fc.integer({ min: -5, max: 5 }),
  fc.constant(0)
)
const pairs = fc.array(fc.tuple(value, value), { minLength: 1, maxLength: 300 })

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
  const random = seeded(17)
  const labels = new Float64Array(n)
  const predictions = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    labels[i] = 1000 + random() * 50
    predictions[i] = labels[i]! + (random() - 0.5) * 4
  }
  return { name: `n=${n}`, labels, predictions }
}

const cases: Case[] = [
  ...fc.sample(pairs, { seed: 8, numRuns: 300 }).map((p, i) => ({
    name: `random #${i}`,
    labels: p.map(([y]) => y),
    predictions: p.map(([, x]) => x)
  })),
  ...fc.sample(pairs, { seed: 9, numRuns: 40 }).map((p, i) => ({
    name: `perfect #${i}`,
    labels: p.map(([y]) => y),
    predictions: p.map(([y]) => y)
  })),
  ...fc
    .sample(fc.tuple(pairs, fc.integer({ min: -3, max: 3 })), { seed: 10, numRuns: 40 })
    .map(([p, c], i) => ({
      name: `constant labels #${i}`,
      labels: p.map(() => c),
      predictions: p.map(([, x], k) => (i % 2 === 0 ? c : x + k))
    })),
  { name: 'n=1', labels: [3], predictions: [2.5] },
  { name: 'n=2', labels: [3, 4], predictions: [2.5, 4] },
  largeCase(1_000_000)
]

const SCRIPT = `
from sklearn import metrics as m
out = []
for index, a, params in cases():
    y, p = a["labels"], a["predictions"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r2 = m.r2_score(y, p)
    out.append(dict(
        mae=m.mean_absolute_error(y, p), mse=m.mean_squared_error(y, p),
        rmse=m.mean_squared_error(y, p, squared=False), r2=r2,
        mape=m.mean_absolute_percentage_error(y, p),
        explained_variance=m.explained_variance_score(y, p)))
emit(out)
`

function evaluateCase(c: Case): RegressionReport {
  const columns: DataColumns = {
    label: { index: 0, role: 'label' },
    prediction: [{ index: 1, role: 'prediction' }]
  }
  const evaluator = new Evaluator({ task: 'regression', source: c.name }, columns)
  evaluator.batch([Float64Array.from(c.labels), Float64Array.from(c.predictions)], c.labels.length)
  return evaluator.finish().candidate.report as RegressionReport
}

describeWithReference('regression metrics against scikit-learn 1.2', () => {
  let references: Record<string, number | null>[] = []
  let reports: RegressionReport[] = []
  beforeAll(() => {
    references = runReference(
      SCRIPT,
      cases.map(c => ({ arrays: { labels: c.labels, predictions: c.predictions } }))
    )
    reports = cases.map(evaluateCase)
  }, 120000)

  it('agrees on every metric to 1e-9 (relative above 1)', () => {
    const problems: string[] = []
    cases.forEach((c, i) => {
      for (const metric of REGRESSION_METRICS) {
        const expected = references[i]![metric] ?? null
        const actual = reports[i]!.values[metric]
        if (
          expected === null
            ? actual !== undefined
            : actual === undefined || !close(actual, expected, 1e-9)
        ) {
          problems.push(`${c.name}: ${metric} ${actual} vs scikit-learn ${expected}`)
        }
      }
    })
    expect(problems).toEqual([])
  })

  it("leaves r2 out on one row, with scikit-learn's reason", () => {
    const report = reports[cases.findIndex(c => c.name === 'n=1')]!
    expect(report.values.r2).toBeUndefined()
    expect(report.warnings).toEqual([
      'r2: fewer than two rows, so R^2 is not defined (scikit-learn returns NaN); it is left out.'
    ])
  })
})

it('reports the force_finite values for constant labels that are not exact in binary', () => {
  // numpy's mean of [0.1, 0.1, 0.1] is 0.10000000000000002, so scikit-learn divides by a
  // variance of about 1e-34 and reports r2 near -1e31. The labels are constant: by the
  // definition (force_finite) r2 is 0 for an imperfect prediction.
  const report = evaluateCase({
    name: 'tenths',
    labels: [0.1, 0.1, 0.1],
    predictions: [0.2, 0.2, 0.3]
  })
  expect(report.values.r2).toBe(0)
  expect(report.values.explained_variance).toBe(0)
  const perfect = evaluateCase({
    name: 'tenths',
    labels: [0.1, 0.1, 0.1],
    predictions: [0.1, 0.1, 0.1]
  })
  expect(perfect.values.r2).toBe(1)
})
