import { describe, expect, it } from '@jest/globals'
import { GroundTruth, VariantJoin } from '../../src/abtest/join.js'
import { hourOfKey } from '../../src/abtest/read.js'
import { decideAbTest, requiredPerVariant } from '../../src/abtest/verdict.js'
import type { VariantComparison } from '../../src/abtest/independent.js'

const window = { start: new Date('2026-12-01T10:00:00Z'), end: new Date('2026-12-01T11:00:00Z') }

function captured(options: {
  eventId: string
  inferenceId?: string
  time?: string
  data: string
  encoding?: string
  contentType?: string
}): string {
  return JSON.stringify({
    captureData: {
      endpointInput: {
        observedContentType: 'text/csv',
        mode: 'INPUT',
        data: '1,2',
        encoding: 'CSV'
      },
      endpointOutput: {
        observedContentType: options.contentType ?? 'text/csv',
        mode: 'OUTPUT',
        data: options.data,
        encoding: options.encoding ?? 'CSV'
      }
    },
    eventMetadata: {
      eventId: options.eventId,
      ...(options.inferenceId ? { inferenceId: options.inferenceId } : {}),
      inferenceTime: options.time ?? '2026-12-01T10:30:00Z'
    },
    eventVersion: '0'
  })
}

function truth(eventId: string, data: string, encoding = 'CSV'): string {
  return JSON.stringify({
    groundTruthData: { data, encoding },
    eventMetadata: { eventId },
    eventVersion: '0'
  })
}

describe('joining captured requests with ground truth', () => {
  it('joins by inferenceId, else eventId, inside the window, in every encoding SageMaker writes', () => {
    const labels = new GroundTruth('binary')
    labels.addText(
      [
        truth('req-1', '1'),
        truth('ev-2', '0'),
        truth('req-3', 'MQ==', 'BASE64'),
        truth('req-4', '1'),
        ''
      ].join('\n'),
      'gt'
    )
    expect([...labels.labels]).toEqual([
      ['req-1', 1],
      ['ev-2', 0],
      ['req-3', 1],
      ['req-4', 1]
    ])
    const join = new VariantJoin('v1', 'binary', labels.labels, window)
    join.addText(
      [
        captured({ eventId: 'ev-1', inferenceId: 'req-1', data: '0.9\n' }),
        captured({ eventId: 'ev-2', data: '0.2' }),
        captured({
          eventId: 'ev-3',
          inferenceId: 'req-3',
          data: Buffer.from('0.7\n').toString('base64'),
          encoding: 'BASE64'
        }),
        // JSON output, read by the engine's prediction parser (a quote in the data: the slow path).
        captured({
          eventId: 'ev-x',
          inferenceId: 'req-4',
          data: '{"score": 0.6, "predicted_label": 1}',
          encoding: 'JSON',
          contentType: 'application/json'
        }),
        // Outside the window, and without a label.
        captured({
          eventId: 'ev-5',
          inferenceId: 'req-1',
          data: '0.1',
          time: '2026-12-01T11:00:00Z'
        }),
        captured({ eventId: 'ev-6', inferenceId: 'nobody', data: '0.5' })
      ].join('\n'),
      'capture'
    )
    const joined = join.finish()
    expect(Array.from(joined.labels)).toEqual([1, 0, 1, 1])
    expect(Array.from(joined.predictions)).toEqual([0.9, 0.2, 0.7, 0.6])
    expect(joined.captured).toBe(5)
    expect(joined.unlabelled).toBe(1)
  })

  it('reads a line with escapes or spacing the same as a compact one', () => {
    const labels = new GroundTruth('regression')
    labels.addText(
      `{ "groundTruthData": {"data": "2.5", "encoding": "CSV"}, "eventMetadata": {"eventId": "a\\u0062"} }`,
      'gt'
    )
    expect(labels.labels.get('ab')).toBe(2.5)
    const join = new VariantJoin('v1', 'regression', labels.labels, window)
    join.addText(
      captured({ eventId: 'ab', data: '2.0\r\n' }).replace('"mode":"OUTPUT"', '"mode": "OUTPUT"'),
      'c'
    )
    expect(Array.from(join.finish().predictions)).toEqual([2])
  })

  it('refuses bad lines with the object and line, and labels outside the task', () => {
    const labels = new GroundTruth('binary')
    expect(() => labels.addText(`${truth('a', '1')}\nnot json`, 's3://b/gt/1.jsonl')).toThrow(
      's3://b/gt/1.jsonl: line 2: not a JSON object'
    )
    expect(() => labels.addText(truth('a', '2'), 'gt')).toThrow(
      'line 1: the label must be 0 or 1; got "2"'
    )
    expect(() => labels.addText(JSON.stringify({ groundTruthData: { data: '1' } }), 'gt')).toThrow(
      'eventMetadata.eventId is missing'
    )
    const join = new VariantJoin('v1', 'binary', new Map([['a', 1]]), window)
    expect(() => join.addText(captured({ eventId: 'a', data: '0.1\n0.2\n' }), 'c')).toThrow(
      '2 predictions came back for 1 row sent'
    )
    expect(() =>
      join.addText(captured({ eventId: 'a', data: '1', time: 'yesterday' }), 'c')
    ).toThrow('inferenceTime is missing or not a time')
  })

  it('refuses a line in SageMaker’s layout whose unread parts are not JSON, as JSON.parse does', () => {
    // The join never uses the request payload, the content types or eventVersion, but a
    // line that is not JSON is a damaged file: it is refused, whichever way it is read.
    const labels = new Map([['a', 1]])
    const good = captured({ eventId: 'e', inferenceId: 'a', data: '0.7\n' })
    const damaged = [
      good.replace('"data":"1,2"', '"data":"1,\u00012"'),
      good.replace('"data":"1,2"', '"data":"1,\t2"'),
      good.replace('"data":"1,2"', '"data":"1,\\x2"'),
      good.replace('"data":"1,2"', '"data":"1,\\u00g2"'),
      good.replace('"observedContentType":"text/csv"', '"observedContentType":"text/\u001fcsv"'),
      good.replace('"mode":"OUTPUT"', '"mode":"OUT\\PUT"'),
      good.replace('"eventVersion":"0"', '"eventVersion":"0\u0000"'),
      good.replace('"inferenceTime"', '"inferenceTime\u0002"')
    ]
    for (const line of damaged) {
      expect(line).not.toBe(good)
      for (const options of [{ scan: false }, {}]) {
        const join = new VariantJoin('v1', 'binary', labels, window, options)
        expect(() => join.addText(`${good}\n${line}\n`, 'c')).toThrow(
          /^c: line 2: not a JSON object \(Bad (control character|escaped character|Unicode escape).* in JSON at position \d+ .*\): \.\.\.".*"(\.\.\.)?$/
        )
      }
    }
    const truthLines = [
      truth('a', '1').replace('"eventVersion":"0"', '"eventVersion":"\u00010"'),
      truth('a', '1').replace('"eventVersion":"0"', '"eventVersion":"\\q"')
    ]
    for (const line of truthLines) {
      for (const options of [{ scan: false }, {}]) {
        const gt = new GroundTruth('binary', options)
        expect(() => gt.addText(line, 'gt')).toThrow('gt: line 1: not a JSON object')
      }
    }
  })

  it('reads the hour of a yyyy/mm/dd/hh/ key', () => {
    expect(hourOfKey('capture/ep/v1/2026/12/01/10/00-01-002-x.jsonl')).toBe(
      Date.UTC(2026, 11, 1, 10)
    )
    expect(hourOfKey('capture/ep/v1/readme.txt')).toBeUndefined()
  })
})

function comparison(
  delta: number,
  se: number,
  rows: [number, number],
  p: number
): VariantComparison {
  return {
    control: 0.8,
    challenger: 0.8 + delta,
    delta,
    ci: [delta - 1.959964 * se, delta + 1.959964 * se],
    control_ci: null,
    challenger_ci: null,
    p_value: p,
    test: 'delong-independent',
    alpha: 0.05,
    standard_error: se,
    rows
  }
}

describe('the verdict', () => {
  const sides = {
    control: { variantName: 'v1', metrics: { 'live:auc': 0.8 } },
    challenger: { variantName: 'v2', metrics: { 'live:auc': 0.81 } }
  }
  const empty = { thresholds: [], regressions: [], directions: {} }

  it('is no-difference when the whole interval is inside the margin (1% of the control)', () => {
    const decision = decideAbTest({
      policy: empty,
      task: 'binary',
      comparisons: { auc: comparison(0.001, 0.002, [5000, 5000], 0.6) },
      ...sides
    })
    expect(decision.verdict).toBe('no-difference')
    expect(decision.margin).toBeCloseTo(0.008, 12)
  })

  it('is inconclusive with the requests a test at alpha and 80% power needs against the observed effect', () => {
    const c = comparison(0.02, 0.03, [30, 30], 0.5)
    const decision = decideAbTest({
      policy: empty,
      task: 'binary',
      comparisons: { auc: c },
      ...sides
    })
    expect(decision.verdict).toBe('inconclusive')
    // n * ((z(0.975) + z(0.8)) * se / d)^2 = 30 * (2.8016 * 1.5)^2
    const expected = Math.ceil(30 * ((1.959963984540054 + 0.8416212335729143) * 1.5) ** 2)
    expect(requiredPerVariant(c, 0.02)).toBe(expected)
    expect(decision.estimate).toEqual({
      metric: 'auc',
      effect: 0.02,
      perVariant: expected,
      more: 2 * expected - 60
    })
  })

  it('names the better variant on the primary metric, by its direction', () => {
    const better = decideAbTest({
      policy: empty,
      task: 'regression',
      comparisons: { rmse: comparison(-0.3, 0.05, [500, 500], 1e-9) },
      ...sides
    })
    expect([better.verdict, better.winner]).toEqual(['winner', 'challenger'])
  })
})
