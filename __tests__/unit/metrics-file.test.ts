import { describe, expect, it } from '@jest/globals'
import { scratchDir, scratchFile } from '../../__fixtures__/context.js'
import { join } from 'node:path'
import {
  mergeMetrics,
  metricValues,
  parseMetricsJson,
  readMetricsFile,
  statisticsJson
} from '../../src/evaluation/metrics-file.js'

const FIXTURES = join(import.meta.dirname, '../../__fixtures__/register')

describe('parseMetricsJson', () => {
  it('reads SageMaker model-quality statistics, keeping bare names and skipping curves', async () => {
    const parsed = await readMetricsFile(join(FIXTURES, 'model-quality-statistics.json'))
    expect(parsed.metrics).toEqual([
      {
        name: 'recall',
        value: 0.8593,
        standardDeviation: 0.0041,
        section: 'binary_classification_metrics'
      },
      {
        name: 'precision',
        value: 0.8677,
        standardDeviation: 0.0038,
        section: 'binary_classification_metrics'
      },
      {
        name: 'accuracy',
        value: 0.9015,
        standardDeviation: 0.0022,
        section: 'binary_classification_metrics'
      },
      {
        name: 'f1',
        value: 0.8635,
        standardDeviation: 0.0031,
        section: 'binary_classification_metrics'
      },
      {
        name: 'auc',
        value: 0.9412,
        standardDeviation: 0.0017,
        section: 'binary_classification_metrics'
      }
    ])
    expect(parsed.notes).toEqual([
      'binary_classification_metrics.confusion_matrix: not a scalar metric, skipped',
      'binary_classification_metrics.receiver_operating_characteristic_curve: not a scalar metric, skipped',
      'binary_classification_metrics.precision_recall_curve: not a scalar metric, skipped',
      'metrics keep their names as in the statistics (recall, precision, accuracy, ...), without the section name: write rules as "recall >= ..."'
    ])
  })

  it('reads the nested form and leaves out a non-finite standard deviation with a note', async () => {
    const parsed = await readMetricsFile(join(FIXTURES, 'nested-metrics.json'))
    expect(parsed.metrics).toEqual([
      {
        name: 'validation:auc',
        value: 0.92,
        standardDeviation: 0.01,
        section: 'classification_metrics'
      },
      { name: 'validation:logloss', value: 0.31, section: 'classification_metrics' }
    ])
    expect(parsed.notes).toEqual([
      'validation:logloss: standard_deviation "NaN" is not a finite number, left out',
      'metrics keep their names as in the statistics (validation:auc, validation:logloss), without the section name: write rules as "validation:auc >= ..."'
    ])
  })

  it('reads the flat form', async () => {
    const parsed = await readMetricsFile(join(FIXTURES, 'flat-metrics.json'))
    expect(metricValues(parsed.metrics)).toEqual({
      'validation:auc': 0.92,
      'validation:accuracy': 0.88
    })
    expect(parsed.metrics.every(m => m.section === undefined)).toBe(true)
  })

  it('accepts a bare number inside a section', () => {
    const parsed = parseMetricsJson('{"regression_metrics": {"mse": 0.25, "mae": {"value": 0.4}}}')
    expect(metricValues(parsed.metrics)).toEqual({ mse: 0.25, mae: 0.4 })
  })

  it('refuses a number written as a string, like any other string', () => {
    expect(() => parseMetricsJson('{"validation:auc": "0.9"}')).toThrow(
      'Input "metrics-file": metric "validation:auc" has the string "0.9"; write it as a number, without quotes (0.9); metrics must be finite numbers.'
    )
    expect(() => parseMetricsJson('{"regression_metrics": {"mae": {"value": "0.4"}}}')).toThrow(
      'metric "mae" has the string "0.4"; write it as a number'
    )
  })

  it('refuses a number a double cannot hold, quoting it as written', () => {
    expect(() =>
      parseMetricsJson('{\n  "validation:auc": 0.9,\n  "validation:loss": 1e400\n}')
    ).toThrow(
      'Input "metrics-file": metric "validation:loss" is 1e400 (line 3), beyond the largest number a double holds (about 1.8e308); metrics must be finite numbers.'
    )
    expect(() => parseMetricsJson('{"validation:loss": -2E+309}')).toThrow('is -2E+309 (line 1)')
    expect(() => parseMetricsJson('{"validation:loss": 1e-400}')).toThrow(
      'metric "validation:loss" is 1e-400 (line 1), too small to tell from 0 in a double'
    )
    // Zero written any way is zero, and the smallest doubles still count.
    expect(metricValues(parseMetricsJson('{"a": 0.0e-999, "b": 5e-324, "c": -0}').metrics)).toEqual(
      { a: 0, b: 5e-324, c: -0 }
    )
  })

  it('refuses a key given twice in one object, with both lines', () => {
    expect(() =>
      parseMetricsJson('{\n  "validation:auc": 0.91,\n  "validation:auc": 0.62\n}')
    ).toThrow(
      'Input "metrics-file": not valid JSON at line 3, column 3: the key "validation:auc" appears twice in one object (lines 2 and 3); a JSON reader would keep only the last, so give each key once.'
    )
    expect(() =>
      parseMetricsJson('{"binary_classification_metrics": {"auc": {"value": 1, "value": 0.5}}}')
    ).toThrow('the key "value" appears twice in one object')
    // The same name in two different objects is not a duplicate key.
    expect(
      metricValues(
        parseMetricsJson('{"regression_metrics": {"mse": {"value": 0.2}, "mae": {"value": 0.3}}}')
          .metrics
      )
    ).toEqual({ mse: 0.2, mae: 0.3 })
  })

  it('reads a file that starts with a UTF-8 byte-order mark', async () => {
    const path = scratchFile(
      'bom.json',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"validation:auc": 0.9}')])
    )
    expect(metricValues((await readMetricsFile(path)).metrics)).toEqual({ 'validation:auc': 0.9 })
  })

  it('reads strings with escapes, and says where JSON is broken', () => {
    expect(parseMetricsJson('{"a\\u00e9\\n\\"b": 1}').metrics).toEqual([
      { name: 'aé\n"b', value: 1 }
    ])
    expect(() => parseMetricsJson('{"auc": 0.9} x')).toThrow(
      'not valid JSON at line 1, column 14: unexpected text after the end of the document'
    )
    expect(() => parseMetricsJson('{"auc": 0.9,}')).toThrow(
      'line 1, column 13: expected a key in double quotes'
    )
    expect(() => parseMetricsJson('{"a\tb": 1}')).toThrow(
      'a control character inside a string must be escaped'
    )
    expect(() => parseMetricsJson('{"auc": .9}')).toThrow('line 1, column 9: unexpected "."')
    expect(() => parseMetricsJson('{"auc": 0.9')).toThrow('not valid JSON')
    expect(parseMetricsJson('{"__proto__": 0.5}').metrics).toEqual([
      { name: '__proto__', value: 0.5 }
    ])
  })

  it('names the metric that holds a bare NaN (as Python writes it)', async () => {
    await expect(readMetricsFile(join(FIXTURES, 'nan-metric.json'))).rejects.toThrow(
      'Input "metrics-file": metric "mse" has value NaN (line 1); metrics must be finite numbers.'
    )
  })

  it.each([
    ['{"validation:auc": Infinity}', 'metric "validation:auc" has value Infinity (line 1)'],
    ['{"validation:auc": -Infinity}', 'metric "validation:auc" has value -Infinity (line 1)'],
    ['{"validation:auc": null}', 'metric "validation:auc" has value null;'],
    ['{"validation:auc": "high"}', 'metric "validation:auc" has the string "high";'],
    ['{"validation:auc": true}', 'metric "validation:auc" has value true;'],
    ['{"regression_metrics": {"mse": {"value": "NaN"}}}', 'metric "mse" has the string "NaN";']
  ])('rejects the non-finite or non-numeric value in %s', (text, message) => {
    expect(() => parseMetricsJson(text)).toThrow(message)
  })

  it('does not mistake NaN inside a string for a number', () => {
    const parsed = parseMetricsJson('{"note NaN \\" Infinity": 1}')
    expect(parsed.metrics).toEqual([{ name: 'note NaN " Infinity', value: 1 }])
  })

  it.each([[join(FIXTURES, 'unknown-shape.json'), 'unknown shape at "results"']])(
    'rejects an unknown shape (%s)',
    async (path, message) => {
      await expect(readMetricsFile(path)).rejects.toThrow(`Input "metrics-file": ${message}`)
    }
  )

  it.each([
    ['[1, 2]', 'expected a JSON object of metrics'],
    ['{}', 'the file holds no metrics'],
    ['{"auc": [0.9]}', 'unknown shape at "auc"'],
    ['{"regression_metrics": {"mse": 0.2}, "extra": 1}', 'unknown top-level key "extra"'],
    ['{"regression_metrics": [1]}', '"regression_metrics" must be an object of metrics'],
    [
      '{"regression_metrics": {"mse": 0.2}, "binary_classification_metrics": {"mse": 0.3}}',
      'metric "mse" appears twice'
    ],
    ['{"auc": 0.9', 'not valid JSON']
  ])('rejects %s', (text, message) => {
    expect(() => parseMetricsJson(text)).toThrow(message)
  })

  it('uses the given name in errors, e.g. an S3 URI for the gate', () => {
    expect(() => parseMetricsJson('{}', 's3://b/stats.json')).toThrow(
      'Input "s3://b/stats.json": the file holds no metrics.'
    )
  })

  it('reports a missing file naming the input', async () => {
    const dir = scratchDir()
    await expect(readMetricsFile(join(dir, 'nope.json'))).rejects.toThrow(
      `Input "metrics-file": cannot read "${join(dir, 'nope.json')}" (no such file).`
    )
    await expect(readMetricsFile(dir)).rejects.toThrow('(is a folder)')
  })
})

describe('mergeMetrics', () => {
  it('lets the file win on conflict and keeps job-only metrics', () => {
    const merged = mergeMetrics(
      [
        { name: 'validation:auc', value: 0.9 },
        { name: 'train:auc', value: 0.97 }
      ],
      [{ name: 'validation:auc', value: 0.92, standardDeviation: 0.01 }]
    )
    expect(merged.metrics).toEqual([
      { name: 'validation:auc', value: 0.92, standardDeviation: 0.01 },
      { name: 'train:auc', value: 0.97 }
    ])
    expect(merged.overridden).toEqual(['validation:auc: file 0.92 over training job 0.9'])
  })
})

describe('statisticsJson', () => {
  it('writes the model-quality shape that parses back to the same metrics', () => {
    const metrics = [
      {
        name: 'auc',
        value: 0.94,
        standardDeviation: 0.002,
        section: 'binary_classification_metrics' as const
      },
      { name: 'validation:logloss', value: 0.3 }
    ]
    const body = statisticsJson(metrics)
    expect(JSON.parse(body)).toEqual({
      version: 0,
      binary_classification_metrics: {
        auc: { value: 0.94, standard_deviation: 0.002 },
        'validation:logloss': { value: 0.3 }
      }
    })
    expect(metricValues(parseMetricsJson(body).metrics)).toEqual({
      auc: 0.94,
      'validation:logloss': 0.3
    })
  })

  it('places metrics without a section by their names and is byte-stable', () => {
    const metrics = [
      { name: 'validation:rmse', value: 1.5 },
      { name: 'validation:auc', value: 0.9 }
    ]
    const body = statisticsJson(metrics)
    expect(JSON.parse(body)).toEqual({
      version: 0,
      binary_classification_metrics: { 'validation:auc': { value: 0.9 } },
      regression_metrics: { 'validation:rmse': { value: 1.5 } }
    })
    expect(statisticsJson(metrics)).toBe(body)
  })
})
