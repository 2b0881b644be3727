import { describe, expect, it } from '@jest/globals'
import { parsePredictions, type PredictionOptions } from '../../src/evaluation/predictions.js'

function values(body: string, options: PredictionOptions): number[][] {
  const parsed = parsePredictions(body, options)
  return Array.from({ length: parsed.rows }, (_, i) =>
    Array.from(parsed.values.subarray(i * parsed.width, (i + 1) * parsed.width))
  )
}

function failure(body: string, options: PredictionOptions): string {
  try {
    parsePredictions(body, options)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('no error')
}

describe('parsePredictions', () => {
  it('reads CSV: a score per line, or K probabilities per line', () => {
    expect(values('0.1\n0.9\n', { task: 'binary', contentType: 'text/csv' })).toEqual([
      [0.1],
      [0.9]
    ])
    expect(values('0.2,0.8\r\n0.6,0.4\r\n', { task: 'binary' })).toEqual([[0.8], [0.4]])
    expect(values('0.1,0.7,0.2\n0.3,0.3,0.4\n', { task: 'multiclass' })).toEqual([
      [0.1, 0.7, 0.2],
      [0.3, 0.3, 0.4]
    ])
    expect(
      values('3.5\n-1\n', { task: 'regression', contentType: 'text/csv; charset=utf-8' })
    ).toEqual([[3.5], [-1]])
  })

  it('reads the single CSV line some containers return for a batch of rows', () => {
    expect(values('0.1,0.2,0.3', { task: 'binary', expectedRows: 3 })).toEqual([
      [0.1],
      [0.2],
      [0.3]
    ])
    expect(values('0.1,0.9,0.5,0.5', { task: 'multiclass', expectedRows: 2 })).toEqual([
      [0.1, 0.9],
      [0.5, 0.5]
    ])
  })

  it('reads JSON lines of numbers, lists and objects', () => {
    expect(values('0.3\n0.7\n', { task: 'binary', contentType: 'application/jsonlines' })).toEqual([
      [0.3],
      [0.7]
    ])
    expect(values('[0.2, 0.8]\n[0.9, 0.1]\n', { task: 'binary' })).toEqual([[0.8], [0.1]])
    expect(
      values('{"score": 0.4, "predicted_label": 0}\n{"predicted_label": true}\n', {
        task: 'binary'
      })
    ).toEqual([[0.4], [1]])
    expect(values('{"probabilities": [0.1, 0.9]}\n', { task: 'binary' })).toEqual([[0.9]])
  })

  it('reads JSON: lists, {"predictions": [...]} with objects, and Batch Transform joined output', () => {
    expect(values('[0.1, 0.6]', { task: 'binary', contentType: 'application/json' })).toEqual([
      [0.1],
      [0.6]
    ])
    expect(values('[0.1, 0.6, 0.3]', { task: 'multiclass', expectedRows: 1 })).toEqual([
      [0.1, 0.6, 0.3]
    ])
    expect(
      values(
        '{"predictions": [{"score": 0.99, "predicted_label": 1}, {"score": 0.01, "predicted_label": 0}]}',
        {
          task: 'binary'
        }
      )
    ).toEqual([[0.99], [0.01]])
    expect(
      values('{"predictions": [{"score": [0.2, 0.5, 0.3], "predicted_label": 1}]}', {
        task: 'multiclass'
      })
    ).toEqual([[0.2, 0.5, 0.3]])
    expect(values('{"predictions": [[0.3, 0.7]]}', { task: 'binary' })).toEqual([[0.7]])
    expect(
      values('{"label": 1, "features": [1, 2], "SageMakerOutput": {"score": 0.75}}\n', {
        task: 'binary'
      })
    ).toEqual([[0.75]])
    expect(values('{"score": "12.5"}', { task: 'regression' })).toEqual([[12.5]])
    expect(values('{"predicted_label": 2}', { task: 'multiclass' })).toEqual([[2]])
  })

  it('refuses a count that does not match the rows sent', () => {
    expect(
      failure('0.1\n0.2\n', { task: 'binary', expectedRows: 3, source: 'endpoint "candidate"' })
    ).toBe('endpoint "candidate": 2 predictions came back for 3 rows sent.')
  })

  it('refuses shapes and values it cannot read, naming the record', () => {
    expect(failure('0.1\nabc\n', { task: 'binary' })).toBe(
      'the predictions: line 2: "abc" is not a finite number.'
    )
    expect(failure('{"label": "cat"}', { task: 'binary', contentType: 'application/json' })).toBe(
      'the predictions: prediction 1 has no numeric field (looked for probabilities, scores, score, probability, prediction, predicted_value, predicted_label): {"label":"cat"}.'
    )
    expect(failure('{"predictions": 3}', { task: 'binary', contentType: 'application/json' })).toBe(
      'the predictions: "predictions" is 3, not a list.'
    )
    expect(failure('{"a": 1', { task: 'binary', contentType: 'application/json' })).toMatch(
      /^the predictions: not valid JSON: /
    )
    expect(failure('[0.1, 0.9]\n[0.2, 0.3, 0.5]\n', { task: 'multiclass' })).toBe(
      'the predictions: the predictions have different lengths (2, 3); every row needs the same number of values.'
    )
    expect(failure('0.1,0.2,0.7\n', { task: 'binary' })).toBe(
      'the predictions: a binary prediction is one score or two probabilities; got 3 values per row.'
    )
    expect(failure('0.5,0.5\n', { task: 'regression' })).toBe(
      'the predictions: a regression prediction is one value; got 2 values per row.'
    )
    expect(failure('1.5\n', { task: 'multiclass' })).toBe(
      'the predictions: prediction 1 is 1.5, not a class (a whole number >= 0).'
    )
    expect(failure('1.2,-0.2\n', { task: 'multiclass' })).toBe(
      'the predictions: prediction 1 has [1.2,-0.2]: probabilities must lie within [0, 1].'
    )
    expect(failure('[null]', { task: 'binary', contentType: 'application/jsonlines' })).toBe(
      'the predictions: prediction 1 holds null, not a finite number.'
    )
  })

  it('takes bytes as well as text', () => {
    expect(
      values(new TextEncoder().encode('0.25\n') as unknown as string, { task: 'binary' })
    ).toEqual([[0.25]])
  })
})
