import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { binaryMetrics, type BinaryReport, sortScores } from '../../src/evaluation/binary.js'
import type { CsvLayout } from '../../src/evaluation/csv.js'
import { DataError } from '../../src/evaluation/data-error.js'
import {
  chooseColumns,
  type DataSpec,
  readData,
  validateData
} from '../../src/evaluation/dataset.js'
import { evaluate, type EvaluateOptions, hashing } from '../../src/evaluation/evaluate.js'
import type { MulticlassReport } from '../../src/evaluation/multiclass.js'
import { close, describeWithReference, runReference } from './reference/python.js'

const encoder = new TextEncoder()
const bytes = (text: string) => [encoder.encode(text)]

function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return ((state >>> 0) + 0.5) / 4294967296
  }
}

/** label,candidate,baseline rows: the candidate separates the classes better. */
function binaryCsv(
  n: number,
  seed: number
): { text: string; labels: number[]; a: number[]; b: number[] } {
  const random = seeded(seed)
  const labels: number[] = []
  const a: number[] = []
  const b: number[] = []
  for (let i = 0; i < n; i++) {
    const y = random() < 0.4 ? 1 : 0
    labels.push(y)
    a.push(Number((random() * 0.6 + y * 0.4).toFixed(4)))
    b.push(Number((random() * 0.8 + y * 0.2).toFixed(4)))
  }
  const rows = labels.map((y, i) => `${y},${a[i]},${b[i]}`)
  return { text: `label,candidate,baseline\n${rows.join('\n')}\n`, labels, a, b }
}

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(DataError)
    return (error as Error).message
  }
  throw new Error('no error')
}

describe('chooseColumns', () => {
  const spec = (fields: Partial<DataSpec>): DataSpec => ({
    task: 'binary',
    source: 'data.csv',
    ...fields
  })
  const header = (...names: string[]) => ({ header: names, fieldCount: names.length })

  it('takes the label from the first column and the prediction from the next free one', () => {
    const columns = chooseColumns(spec({}), header('y', 'p', 'q'))
    expect(columns.label).toEqual({ index: 0, role: 'label' })
    expect(columns.prediction).toEqual([{ index: 1, role: 'prediction' }])
    const named = chooseColumns(spec({ label: 'q', baseline: 'y' }), header('y', 'p', 'q'))
    expect(named).toEqual({
      label: { index: 2, role: 'label' },
      prediction: [{ index: 1, role: 'prediction' }],
      baseline: [{ index: 0, role: 'baseline' }]
    })
  })

  it('takes every other column as probabilities for multiclass', () => {
    const columns = chooseColumns(spec({ task: 'multiclass' }), { fieldCount: 4 })
    expect(columns.prediction.map(c => [c.index, c.role])).toEqual([
      [1, 'prediction probability of class 0'],
      [2, 'prediction probability of class 1'],
      [3, 'prediction probability of class 2']
    ])
  })

  it('refuses impossible choices with a message that says why', () => {
    const refuse = (fields: Partial<DataSpec>, layout: CsvLayout = header('y', 'p')) => {
      try {
        chooseColumns(spec(fields), layout)
      } catch (error) {
        return (error as Error).message
      }
      return 'no error'
    }
    expect(refuse({}, { fieldCount: 1 })).toBe(
      'data.csv: there is no column left for the prediction (the first line has 1 column).'
    )
    expect(refuse({ prediction: 'y' })).toBe(
      'data.csv: column index 0 is chosen twice, as label and as prediction.'
    )
    expect(refuse({ prediction: [0, 1] })).toBe(
      'data.csv: a binary prediction is one column; 2 were given.'
    )
    expect(
      refuse({ task: 'multiclass', prediction: [1, 2], baseline: 3 }, header('y', 'a', 'b', 'c'))
    ).toBe(
      'data.csv: the baseline has 1 prediction column and the candidate 2; both models need the same shape.'
    )
    expect(
      refuse({ task: 'multiclass', classes: 3, prediction: [1, 2] }, header('y', 'a', 'b'))
    ).toBe('data.csv: 2 probability columns were chosen for 3 classes.')
    expect(refuse({ task: 'multiclass', classes: 1 })).toBe(
      'data.csv: the number of classes must be a whole number from 2 to 1000, got 1.'
    )
  })
})

describe('readData', () => {
  it('checks every row without keeping it, and reports rows, header and classes', async () => {
    const summary = await readData(bytes('y,p\n0,2\n2,1\n1,1\n'), {
      task: 'multiclass',
      source: 'data.csv'
    })
    expect(summary).toMatchObject({ rows: 3, header: ['y', 'p'], classes: 3 })
  })

  it('fails on the first bad label or prediction with its line and column', async () => {
    const spec: DataSpec = { task: 'binary', source: 'Input "validation-data"' }
    expect(await failure(validateData(bytes('y,p\n0,0.5\n2,0.4\n'), spec))).toBe(
      'Input "validation-data": line 3, column "y" (index 0, label): the label 2 is not 0 or 1 (binary labels are 0 and 1).'
    )
    const multiclass: DataSpec = { task: 'multiclass', source: 'data.csv', classes: 3 }
    expect(await failure(readData(bytes('0,1\n3,1\n'), multiclass))).toBe(
      'data.csv: line 2, column index 0 (label): the label 3 is not a class: classes are whole numbers from 0 to 2.'
    )
    expect(
      await failure(readData(bytes('0,1.5\n'), { task: 'multiclass', source: 'data.csv' }))
    ).toBe(
      'data.csv: line 1, column index 1 (prediction): the predicted class 1.5 is not a class: classes are whole numbers from 0 to 999 (at most 1000 classes).'
    )
    expect(
      await failure(
        readData(bytes('y,a,b\n0,0.5,0.5\n1,1.2,-0.2\n'), {
          task: 'multiclass',
          source: 'data.csv'
        })
      )
    ).toBe(
      'data.csv: line 3, column "a" (index 1, prediction probability of class 0): the probability 1.2 is not within [0, 1].'
    )
  })
})

describe('evaluate', () => {
  it('gives from CSV bytes the same binary metrics as the engine on arrays', async () => {
    const data = binaryCsv(500, 1)
    const result = await evaluate(bytes(data.text), {
      task: 'binary',
      source: 'data.csv',
      prediction: 'candidate'
    })
    const direct = binaryMetrics(
      sortScores(Uint8Array.from(data.labels), Float64Array.from(data.a))
    )
    expect(result.rows).toBe(500)
    expect(result.header).toEqual(['label', 'candidate', 'baseline'])
    expect(result.candidate.report).toEqual(direct)
    expect(result.comparison).toBeUndefined()
  })

  it('compares candidate and baseline on the same rows: DeLong, McNemar, the bootstrap', async () => {
    const data = binaryCsv(600, 2)
    const options: EvaluateOptions = {
      task: 'binary',
      source: 'data.csv',
      baseline: 'baseline',
      resamples: 200
    }
    const result = await evaluate(bytes(data.text), options)
    const comparison = result.comparison!
    expect(comparison.auc!.test).toBe('delong')
    expect(['mcnemar-exact', 'mcnemar-chi2']).toContain(comparison.accuracy!.test)
    expect(comparison.f1!.test).toBe('bootstrap')
    expect(comparison.f1!.resamples).toBe(200)
    const candidate = result.candidate.report as BinaryReport
    const baseline = result.baseline!.report as BinaryReport
    for (const [metric, entry] of Object.entries(comparison)) {
      expect(entry.candidate).toBe(candidate.values[metric as keyof BinaryReport['values']])
      expect(entry.baseline).toBe(baseline.values[metric as keyof BinaryReport['values']])
      expect(entry.ci![0]).toBeLessThanOrEqual(entry.ci![1])
      expect(entry.lower_bound!).toBeGreaterThanOrEqual(entry.ci![0] - 1e-12)
    }
    // The candidate is built to be better: the AUC gain is significant.
    expect(comparison.auc!.delta).toBeGreaterThan(0)
    expect(comparison.auc!.p_value!).toBeLessThan(0.001)
    // The same seed gives the same bootstrap; another seed another one.
    const again = await evaluate(bytes(data.text), options)
    expect(again.comparison).toEqual(comparison)
    const other = await evaluate(bytes(data.text), { ...options, seed: 5 })
    expect(other.comparison!.f1!.ci).not.toEqual(comparison.f1!.ci)
  })

  it('compares multiclass and regression models, and says which model a warning is about', async () => {
    const multiclass = await evaluate(bytes('y,a,b\n0,0,0\n1,1,0\n2,2,2\n1,1,1\n0,2,0\n'), {
      task: 'multiclass',
      source: 'data.csv',
      prediction: 'a',
      baseline: 'b',
      resamples: 100
    })
    expect((multiclass.candidate.report as MulticlassReport).classes).toBe(3)
    expect(multiclass.comparison!.accuracy!.test).toBe('mcnemar-exact')
    expect(multiclass.comparison!.macro_f1!.test).toBe('bootstrap')
    expect(multiclass.warnings).toEqual([])
    const regression = await evaluate(bytes('y,a,b\n1,1.1,2\n2,2.2,2\n3,2.9,2\n'), {
      task: 'regression',
      source: 'data.csv',
      baseline: 2,
      resamples: 100
    })
    expect(Object.keys(regression.comparison!).sort()).toEqual(
      ['explained_variance', 'mae', 'mape', 'mse', 'r2', 'rmse'].sort()
    )
    const oneClass = await evaluate(bytes('0,0.2,0.3\n0,0.6,0.1\n'), {
      task: 'binary',
      source: 'data.csv',
      baseline: 2,
      resamples: 100
    })
    expect(oneClass.comparison!.auc).toBeUndefined()
    expect(oneClass.warnings).toContain(
      'candidate: auc: only one class occurs in the labels, so ROC AUC is not defined (scikit-learn raises); it is left out.'
    )
    expect(oneClass.warnings).toContain(
      'baseline: auc: only one class occurs in the labels, so ROC AUC is not defined (scikit-learn raises); it is left out.'
    )
  })

  it('refuses options it cannot use before reading anything', async () => {
    const base: EvaluateOptions = { task: 'binary', source: 'data.csv' }
    await expect(evaluate(bytes('0,1\n'), { ...base, alpha: 0.5 })).rejects.toThrow(
      'alpha must be in (0, 0.5), got 0.5'
    )
    await expect(evaluate(bytes('0,1\n'), { ...base, threshold: NaN })).rejects.toThrow(
      'the decision threshold must be a finite number, got NaN'
    )
    await expect(evaluate(bytes('0,1\n'), { ...base, resamples: 10 })).rejects.toThrow(
      'resamples must be a whole number >= 100, got 10'
    )
  })
})

describe('hashing', () => {
  it('passes the bytes through and gives their sha256 once they are read', async () => {
    const data = binaryCsv(50, 3).text
    const parts = [encoder.encode(data.slice(0, 100)), encoder.encode(data.slice(100))]
    const hashed = hashing(parts)
    expect(() => hashed.digest()).toThrow('the stream has not been read to the end')
    const summary = await readData(hashed.chunks, { task: 'binary', source: 'data.csv' })
    expect(summary.rows).toBe(50)
    expect(hashed.digest()).toBe(createHash('sha256').update(data).digest('hex'))
  })
})

describeWithReference('evaluate against pandas.read_csv + scikit-learn on the same CSV', () => {
  it('reads the file as pandas does and gets the same AUC, accuracy and log loss for both models', async () => {
    const data = binaryCsv(2000, 4)
    const result = await evaluate(bytes(data.text), {
      task: 'binary',
      source: 'data.csv',
      baseline: 'baseline',
      resamples: 100
    })
    const [reference] = runReference<Record<string, number>>(
      `
import io, pandas as pd
from sklearn import metrics as m
out = []
for index, a, params in cases():
    frame = pd.read_csv(io.StringIO(params["text"]))
    y = frame["label"]
    r = {}
    for model in ("candidate", "baseline"):
        s = frame[model]
        r[model + ":auc"] = m.roc_auc_score(y, s)
        r[model + ":accuracy"] = m.accuracy_score(y, (s >= 0.5).astype(int))
        r[model + ":logloss"] = m.log_loss(y, s, labels=[0, 1])
    out.append(r)
emit(out)
`,
      [{ arrays: {}, params: { text: data.text } }]
    )
    for (const metric of ['auc', 'accuracy', 'logloss'] as const) {
      expect(
        close(result.comparison![metric]!.candidate, reference![`candidate:${metric}`]!, 1e-9)
      ).toBe(true)
      expect(
        close(result.comparison![metric]!.baseline, reference![`baseline:${metric}`]!, 1e-9)
      ).toBe(true)
    }
  })
})
