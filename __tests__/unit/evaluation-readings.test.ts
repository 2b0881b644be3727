import { describe, expect, it } from '@jest/globals'
import { mcnemar, type Comparison } from '../../src/evaluation/paired.js'
import { readRegression, type RegressionLimit } from '../../src/evaluation/readings.js'

function comparison(fields: Partial<Comparison>): Comparison {
  return {
    candidate: 0.8,
    baseline: 0.81,
    delta: -0.01,
    ci: [-0.03, 0.01],
    p_value: 0.3,
    test: 'delong',
    alpha: 0.05,
    lower_bound: -0.025,
    upper_bound: 0.005,
    ...fields
  }
}

const auc: RegressionLimit = { limit: 0.02, relative: false, direction: 'higher' }
const logloss: RegressionLimit = { limit: 0.02, relative: false, direction: 'lower' }

describe('readRegression', () => {
  it('non-inferiority: passes only when the worse-side bound is within the limit', () => {
    expect(
      readRegression(comparison({ lower_bound: -0.015 }), auc, 'non-inferiority', 'live:auc')
    ).toEqual({
      verdict: 'pass',
      test: 'non-inferiority',
      allowedDelta: -0.02,
      statistic: -0.015,
      explanation:
        'live:auc: non-inferior: delta -0.01, one-sided 95% bound -0.015, within the allowed drop of 0.02.'
    })
    const fail = readRegression(
      comparison({ lower_bound: -0.025 }),
      auc,
      'non-inferiority',
      'live:auc'
    )
    expect(fail.verdict).toBe('fail')
    expect(fail.explanation).toBe(
      'live:auc: non-inferiority not shown: delta -0.01, one-sided 95% bound -0.025, beyond the allowed drop of 0.02.'
    )
  })

  it('significant-drop: fails only when even the better-side bound is beyond the limit', () => {
    expect(
      readRegression(comparison({ upper_bound: 0.005 }), auc, 'significant-drop').verdict
    ).toBe('pass')
    const drop = readRegression(
      comparison({ delta: -0.05, upper_bound: -0.03 }),
      auc,
      'significant-drop',
      'live:auc'
    )
    expect(drop.verdict).toBe('fail')
    expect(drop.statistic).toBe(-0.03)
    expect(drop.explanation).toBe(
      'live:auc: significant drop: delta -0.05, and even the one-sided 95% bound -0.03 is beyond the allowed drop of 0.02.'
    )
  })

  it('point: reads the delta alone', () => {
    expect(readRegression(comparison({ delta: -0.019 }), auc, 'point').verdict).toBe('pass')
    expect(readRegression(comparison({ delta: -0.021 }), auc, 'point').verdict).toBe('fail')
  })

  it('turns the reading around for metrics where lower is better', () => {
    const worse = comparison({ delta: 0.01, lower_bound: -0.005, upper_bound: 0.025 })
    expect(readRegression(worse, logloss, 'non-inferiority').verdict).toBe('fail')
    expect(readRegression(worse, logloss, 'non-inferiority').allowedDelta).toBe(0.02)
    expect(readRegression(worse, logloss, 'significant-drop').verdict).toBe('pass')
    expect(
      readRegression({ ...worse, upper_bound: 0.015 }, logloss, 'non-inferiority').verdict
    ).toBe('pass')
    expect(
      readRegression({ ...worse, lower_bound: 0.03 }, logloss, 'significant-drop').verdict
    ).toBe('fail')
  })

  it("reads a relative limit as a share of the baseline's value", () => {
    const relative: RegressionLimit = { limit: 2, relative: true, direction: 'higher' }
    const reading = readRegression(
      comparison({ baseline: 0.5, lower_bound: -0.009 }),
      relative,
      'non-inferiority',
      'live:f1'
    )
    expect(reading.allowedDelta).toBe(-0.01)
    expect(reading.verdict).toBe('pass')
    expect(reading.explanation).toBe(
      "live:f1: non-inferior: delta -0.01, one-sided 95% bound -0.009, within the allowed drop of 0.01 (2% of the baseline's 0.5)."
    )
  })

  it('does not flip at the boundary because of float noise', () => {
    expect(
      readRegression(comparison({ lower_bound: -0.02 - 1e-12 }), auc, 'non-inferiority').verdict
    ).toBe('pass')
    expect(
      readRegression(comparison({ lower_bound: -0.0201 }), auc, 'non-inferiority').verdict
    ).toBe('fail')
  })

  it('fails closed when the data gives no bound, under both statistical readings', () => {
    const missing = comparison({
      ci: null,
      p_value: null,
      lower_bound: null,
      upper_bound: null,
      note: "DeLong's variance needs at least 2 rows of each class (1 labelled 1, 9 labelled 0)."
    })
    const reading = readRegression(missing, auc, 'non-inferiority', 'live:auc')
    expect(reading).toMatchObject({ verdict: 'fail', statistic: null })
    expect(reading.explanation).toBe(
      "live:auc: the data gives no confidence bound for the delta (DeLong's variance needs at least 2 rows of each class (1 labelled 1, 9 labelled 0)), so non-inferiority cannot be shown; failing closed."
    )
    expect(readRegression(missing, auc, 'significant-drop').verdict).toBe('fail')
    expect(readRegression(missing, auc, 'point').verdict).toBe('pass')
  })

  it('asks small data to earn a non-inferiority pass that the same rates on more rows get', () => {
    // The models agree on every row: a delta of 0. On 20 rows the interval is wide, so
    // non-inferiority within 0.05 is not shown; on 2,000 rows it is.
    const small = mcnemar({ both: 16, candidateOnly: 0, baselineOnly: 0, neither: 4 }, 0.05)
    const large = mcnemar({ both: 1600, candidateOnly: 0, baselineOnly: 0, neither: 400 }, 0.05)
    const limit: RegressionLimit = { limit: 0.05, relative: false, direction: 'higher' }
    expect(small.delta).toBe(0)
    expect(readRegression(small, limit, 'non-inferiority').verdict).toBe('fail')
    expect(readRegression(large, limit, 'non-inferiority').verdict).toBe('pass')
    expect(readRegression(small, limit, 'significant-drop').verdict).toBe('pass')
  })
})
