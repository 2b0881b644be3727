import { describe, expect, it } from '@jest/globals'
import { binaryMetrics, sortScores } from '../../src/evaluation/binary.js'
import type { DataColumns } from '../../src/evaluation/dataset.js'
import { Evaluator } from '../../src/evaluation/evaluate.js'
import { parseMetricsJson } from '../../src/evaluation/metrics-file.js'
import { statisticsDocument, statisticsText } from '../../src/evaluation/statistics-json.js'

function binary(labels: number[], scores: number[]) {
  return binaryMetrics(sortScores(Uint8Array.from(labels), Float64Array.from(scores)))
}

const twoColumns: DataColumns = {
  label: { index: 0, role: 'label' },
  prediction: [{ index: 1, role: 'prediction' }]
}

describe('statisticsDocument', () => {
  it("writes Model Monitor's binary section: confusion_matrix[actual][predicted], value and standard_deviation", () => {
    // Model Monitor's documented example: 4 rows, recall 1, precision 1/3, accuracy 0.5.
    const report = binary([0, 0, 0, 1], [0.2, 0.7, 0.9, 0.8])
    const document = statisticsDocument({ task: 'binary', report })
    expect(document.version).toBe(0)
    expect(document.dataset).toEqual({ item_count: 4 })
    const section = document.binary_classification_metrics!
    expect(section.confusion_matrix).toEqual({ '0': { '0': 1, '1': 2 }, '1': { '0': 0, '1': 1 } })
    expect(section.recall).toEqual({ value: 1, standard_deviation: 'NaN' })
    expect(section.precision).toEqual({ value: 1 / 3, standard_deviation: 'NaN' })
    expect(section.accuracy).toEqual({ value: 0.5, standard_deviation: 'NaN' })
    expect(section.true_negative_rate).toEqual({ value: 1 / 3, standard_deviation: 'NaN' })
    expect(section.false_positive_rate).toEqual({ value: 2 / 3, standard_deviation: 'NaN' })
    expect(section.f1).toEqual({ value: 0.5, standard_deviation: 'NaN' })
    expect(Object.keys(section)[0]).toBe('confusion_matrix')
  })

  it('gives numeric standard deviations from 200 rows, and leaves out undefined metrics', () => {
    const labels = Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 1 : 0))
    const scores = labels.map((y, i) => (((i * 7919) % 100) / 100) * 0.7 + y * 0.3)
    const section = statisticsDocument({
      task: 'binary',
      report: binary(labels, scores)
    }).binary_classification_metrics!
    expect(typeof (section.auc as { standard_deviation: unknown }).standard_deviation).toBe(
      'number'
    )
    const oneClass = statisticsDocument({ task: 'binary', report: binary([0, 0], [0.1, 0.2]) })
    expect(oneClass.binary_classification_metrics!.auc).toBeUndefined()
  })

  it('writes the multiclass and regression sections', () => {
    const multiclass = new Evaluator({ task: 'multiclass', source: 'x' }, twoColumns)
    multiclass.batch([Float64Array.of(0, 1, 2, 2), Float64Array.of(0, 2, 2, 1)], 4)
    const m = statisticsDocument(multiclass.finish().candidate)
    expect(Object.keys(m)).toEqual(['version', 'dataset', 'multiclass_classification_metrics'])
    expect(m.multiclass_classification_metrics!.confusion_matrix).toEqual({
      '0': { '0': 1, '1': 0, '2': 0 },
      '1': { '0': 0, '1': 0, '2': 1 },
      '2': { '0': 0, '1': 1, '2': 1 }
    })
    expect(m.multiclass_classification_metrics!.accuracy).toEqual({
      value: 0.5,
      standard_deviation: 'NaN'
    })
    const regression = new Evaluator({ task: 'regression', source: 'x' }, twoColumns)
    regression.batch([Float64Array.of(1, 2, 3), Float64Array.of(1, 2, 5)], 3)
    const r = statisticsDocument(regression.finish().candidate)
    expect(r.regression_metrics).toMatchObject({
      mae: { value: 2 / 3 },
      mse: { value: 4 / 3 },
      rmse: { value: Math.sqrt(4 / 3) }
    })
  })

  it('is read back by the metrics-file parser with the same names and values', () => {
    const report = binary([0, 1, 1, 0, 1], [0.1, 0.9, 0.4, 0.3, 0.8])
    const text = statisticsText(statisticsDocument({ task: 'binary', report }))
    expect(text.endsWith('}\n')).toBe(true)
    const parsed = parseMetricsJson(text, 'statistics')
    const values = Object.fromEntries(parsed.metrics.map(m => [m.name, m.value]))
    expect(values).toEqual(report.values)
    expect(parsed.metrics.every(m => m.section === 'binary_classification_metrics')).toBe(true)
    expect(parsed.notes).toContain(
      'binary_classification_metrics.confusion_matrix: not a scalar metric, skipped'
    )
  })
})
