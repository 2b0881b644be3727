import { beforeAll, expect, it } from '@jest/globals'
import fc from 'fast-check'
import type { DataColumns } from '../../src/evaluation/dataset.js'
import { Evaluator } from '../../src/evaluation/evaluate.js'
import { MULTICLASS_METRICS, type MulticlassReport } from '../../src/evaluation/multiclass.js'
import { close, describeWithReference, runReference } from './reference/python.js'

// Labels 0..K-1 with predictions as classes or as K probabilities (rows that do not sum
// to 1, zeros and ones that logloss clips, ties for the argmax), classes absent from the
// labels or never predicted, one class only, n = 1 and n = 10^6.
interface Case {
  name: string
  classes: number
  labels: number[] | Float64Array
  /** One column of classes, or K columns of probabilities. */
  columns: (number[] | Float64Array)[]
}

const probabilityRow = (k: number) =>
  fc.array(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 0.5)), {
    minLength: k,
    maxLength: k
  })

const classCase = fc.integer({ min: 2, max: 6 }).chain(k =>
  fc.record({
    classes: fc.constant(k),
    rows: fc.array(
      fc.tuple(fc.integer({ min: 0, max: k - 1 }), fc.integer({ min: 0, max: k - 1 })),
      {
        minLength: 1,
        maxLength: 300
      }
    )
  })
)

const probabilityCase = fc.integer({ min: 2, max: 5 }).chain(k =>
  fc.record({
    classes: fc.constant(k),
    rows: fc.array(fc.tuple(fc.integer({ min: 0, max: k - 1 }), probabilityRow(k)), {
      minLength: 1,
      maxLength: 200
    })
  })
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
  const random = seeded(5)
  const labels = new Float64Array(n)
  const predicted = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    labels[i] = Math.floor(random() * 4)
    predicted[i] = random() < 0.6 ? labels[i]! : Math.floor(random() * 4)
  }
  return { name: `n=${n}`, classes: 4, labels, columns: [predicted] }
}

const cases: Case[] = [
  ...fc.sample(classCase, { seed: 3, numRuns: 150 }).map((c, i) => ({
    name: `classes #${i}`,
    classes: c.classes,
    labels: c.rows.map(([y]) => y),
    columns: [c.rows.map(([, p]) => p)]
  })),
  ...fc.sample(probabilityCase, { seed: 4, numRuns: 150 }).map((c, i) => ({
    name: `probabilities #${i}`,
    classes: c.classes,
    labels: c.rows.map(([y]) => y),
    columns: Array.from({ length: c.classes }, (_, k) => c.rows.map(([, row]) => row[k]!))
  })),
  ...fc.sample(classCase, { seed: 5, numRuns: 30 }).map((c, i) => ({
    name: `one label #${i}`,
    classes: c.classes,
    labels: c.rows.map(() => 1),
    columns: [c.rows.map(([, p]) => p)]
  })),
  { name: 'n=1', classes: 3, labels: [2], columns: [[2]] },
  { name: 'n=1 probabilities', classes: 3, labels: [0], columns: [[0.2], [0.5], [0.3]] },
  largeCase(1_000_000)
]

const SCRIPT = `
from sklearn import metrics as m
out = []
for index, a, params in cases():
    K = int(params["classes"])
    y = a["labels"].astype(int)
    if params["probabilities"]:
        P = np.stack([a[f"c{k}"] for k in range(K)], axis=1)
        p = np.argmax(P, axis=1)
    else:
        p = a["c0"].astype(int)
    r = dict(
        accuracy=m.accuracy_score(y, p),
        weighted_precision=m.precision_score(y, p, average="weighted"),
        weighted_recall=m.recall_score(y, p, average="weighted"),
        weighted_f0_5=m.fbeta_score(y, p, beta=0.5, average="weighted"),
        weighted_f1=m.f1_score(y, p, average="weighted"),
        weighted_f2=m.fbeta_score(y, p, beta=2, average="weighted"),
        macro_precision=m.precision_score(y, p, average="macro"),
        macro_recall=m.recall_score(y, p, average="macro"),
        macro_f1=m.f1_score(y, p, average="macro"),
        confusion=m.confusion_matrix(y, p, labels=list(range(K))).tolist())
    if params["probabilities"]:
        r["logloss"] = m.log_loss(y, P, labels=list(range(K)))
    out.append(r)
emit(out)
`

function evaluateCase(c: Case): MulticlassReport {
  const probabilities = c.columns.length > 1
  const columns: DataColumns = {
    label: { index: 0, role: 'label' },
    prediction: c.columns.map((_, k) => ({ index: 1 + k, role: `prediction ${k}` }))
  }
  const evaluator = new Evaluator({ task: 'multiclass', source: c.name }, columns)
  evaluator.batch(
    [Float64Array.from(c.labels), ...c.columns.map(col => Float64Array.from(col))],
    c.labels.length
  )
  const result = evaluator.finish({ classes: c.classes })
  if (result.candidate.task !== 'multiclass') throw new Error('wrong task')
  expect(result.candidate.report.values.logloss !== undefined).toBe(probabilities)
  return result.candidate.report
}

describeWithReference('multiclass metrics against scikit-learn 1.2', () => {
  let references: Record<string, unknown>[] = []
  let reports: MulticlassReport[] = []
  beforeAll(() => {
    references = runReference(
      SCRIPT,
      cases.map(c => ({
        arrays: Object.fromEntries([
          ['labels', c.labels],
          ...c.columns.map((col, k) => [`c${k}`, col])
        ]),
        params: { classes: c.classes, probabilities: c.columns.length > 1 }
      }))
    )
    reports = cases.map(evaluateCase)
  }, 120000)

  it('agrees on every metric to 1e-9 and on the confusion matrix', () => {
    const problems: string[] = []
    cases.forEach((c, i) => {
      const reference = references[i]!
      for (const metric of MULTICLASS_METRICS) {
        const expected = reference[metric] as number | undefined
        const actual = reports[i]!.values[metric]
        if (
          expected === undefined
            ? actual !== undefined
            : actual === undefined || !close(actual, expected, 1e-9)
        ) {
          problems.push(`${c.name}: ${metric} ${actual} vs scikit-learn ${expected}`)
        }
      }
      if (JSON.stringify(reports[i]!.confusion) !== JSON.stringify(reference.confusion)) {
        problems.push(
          `${c.name}: confusion ${JSON.stringify(reports[i]!.confusion)} vs ${JSON.stringify(reference.confusion)}`
        )
      }
    })
    expect(problems).toEqual([])
  })
})

it('widens the confusion matrix to the classes given, and counts the labels seen', () => {
  const columns: DataColumns = {
    label: { index: 0, role: 'label' },
    prediction: [{ index: 1, role: 'prediction' }]
  }
  const evaluator = new Evaluator({ task: 'multiclass', source: 'test' }, columns)
  evaluator.batch([Float64Array.of(0, 1, 1), Float64Array.of(0, 1, 0)], 3)
  const report = evaluator.finish({ classes: 4 }).candidate.report as MulticlassReport
  expect(report.classes).toBe(4)
  expect(report.confusion).toEqual([
    [1, 0, 0, 0],
    [1, 1, 0, 0],
    [0, 0, 0, 0],
    [0, 0, 0, 0]
  ])
  expect(report.warnings).toEqual([])
})

it('warns when rows of probabilities are far from summing to 1, and renormalises them', () => {
  const columns: DataColumns = {
    label: { index: 0, role: 'label' },
    prediction: [
      { index: 1, role: 'p0' },
      { index: 2, role: 'p1' }
    ]
  }
  const evaluator = new Evaluator({ task: 'multiclass', source: 'test' }, columns)
  evaluator.batch([Float64Array.of(0, 1), Float64Array.of(0.2, 0.1), Float64Array.of(0.2, 0.3)], 2)
  const report = evaluator.finish().candidate.report as MulticlassReport
  // Row 1: 0.2 / (0.2 + 0.2) = 0.5; row 2: 0.3 / 0.4 = 0.75.
  expect(report.values.logloss).toBeCloseTo((-Math.log(0.5) - Math.log(0.75)) / 2, 15)
  expect(report.warnings).toEqual([
    'logloss: 2 rows of probabilities sum to more than 0.001 away from 1; each row was renormalised, as scikit-learn 1.2 does.'
  ])
})
