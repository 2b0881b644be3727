import { describe, expect, it } from '@jest/globals'
import {
  PolicyError,
  evaluatePolicy,
  formatNumber,
  inferDirection,
  normalisePolicy,
  parsePolicy,
  policyMetrics,
  policySha256
} from '../../src/policy/index.js'

function policyError(run: () => unknown): PolicyError {
  try {
    run()
  } catch (error) {
    if (error instanceof PolicyError) return error
    throw error
  }
  throw new Error('expected a PolicyError')
}

describe('parsePolicy', () => {
  it('reads thresholds, regression limits and directions, ignoring blanks and comments', () => {
    const policy = parsePolicy(
      '# quality floor\nvalidation:auc >= 0.85\n\n  validation:logloss<=0.40  # keep calibrated\nrmse < 3e-1\n',
      'validation:auc -0.01\nvalidation:logloss -5%\n',
      'custom/score higher\n'
    )
    expect(policy.thresholds).toEqual([
      { kind: 'threshold', metric: 'validation:auc', op: '>=', value: 0.85, line: 2 },
      { kind: 'threshold', metric: 'validation:logloss', op: '<=', value: 0.4, line: 4 },
      { kind: 'threshold', metric: 'rmse', op: '<', value: 0.3, line: 5 }
    ])
    expect(policy.regressions).toEqual([
      {
        kind: 'regression',
        metric: 'validation:auc',
        limit: 0.01,
        relative: false,
        direction: 'higher',
        directionSource: 'inferred',
        line: 1
      },
      {
        kind: 'regression',
        metric: 'validation:logloss',
        limit: 5,
        relative: true,
        direction: 'lower',
        directionSource: 'inferred',
        line: 2
      }
    ])
    expect(policy.directions).toEqual({ 'custom/score': 'higher' })
    expect(policyMetrics(policy)).toEqual(['validation:auc', 'validation:logloss', 'rmse'])
  })

  it('accepts every comparator', () => {
    const policy = parsePolicy(
      'a:auc >= 1\na:auc > 0.5\na:loss <= 2\na:loss < 3\na:f1 == 1',
      '',
      ''
    )
    expect(policy.thresholds.map(rule => rule.op)).toEqual(['>=', '>', '<=', '<', '=='])
  })

  it('reports a bad number with input, line, column and a caret', () => {
    const error = policyError(() =>
      parsePolicy('validation:auc >= 0.85\nvalidation:f1 >= high', '', '')
    )
    expect(error.input).toBe('thresholds')
    expect(error.line).toBe(2)
    expect(error.column).toBe(18)
    expect(error.message).toBe(
      'Input "thresholds", line 2, column 18: expected a number after ">=", got "high"\n' +
        '  2 | validation:f1 >= high\n' +
        '    |                  ^'
    )
  })

  it('reports a missing or unknown comparator', () => {
    expect(policyError(() => parsePolicy('validation:auc => 0.8', '', '')).message).toContain(
      'line 1, column 16: expected one of >= > <= < == after "validation:auc", got "=>"'
    )
    expect(policyError(() => parsePolicy('validation:auc', '', '')).message).toContain(
      'got the end of the line'
    )
  })

  it('rejects non-finite numbers and trailing words', () => {
    expect(policyError(() => parsePolicy('auc >= Infinity', '', '')).message).toContain(
      'expected a number after ">=", got "Infinity"'
    )
    expect(policyError(() => parsePolicy('auc >= NaN', '', '')).message).toContain('got "NaN"')
    expect(policyError(() => parsePolicy('auc >= 1e999', '', '')).message).toContain('got "1e999"')
    expect(policyError(() => parsePolicy('auc >= 0.8 please', '', '')).message).toContain(
      'column 12: unexpected "please" after the threshold ">= 0.8"'
    )
  })

  it('rejects characters outside the metric name set', () => {
    const error = policyError(() => parsePolicy('val auc!x >= 1', '', ''))
    // "val" is a name; what follows is not a comparator.
    expect(error.message).toContain('expected one of >= > <= < == after "val", got "auc!x"')
    expect(policyError(() => parsePolicy('auc! >= 1', '', '')).message).toContain(
      'column 4: "!" is not allowed in a metric name'
    )
    expect(policyError(() => parsePolicy('>= 1', '', '')).message).toContain(
      'column 1: expected a metric name'
    )
  })

  it('rejects a duplicate metric and comparator, naming the first line', () => {
    const error = policyError(() =>
      parsePolicy('validation:auc >= 0.8\nvalidation:auc <= 0.99\nvalidation:auc >= 0.9', '', '')
    )
    expect(error.line).toBe(3)
    expect(error.message).toContain('"validation:auc >=" is already set on line 1')
    expect(
      policyError(() => parsePolicy('', 'validation:auc -0.01\nvalidation:auc -2%', '')).message
    ).toContain('line 2, column 1: "validation:auc" already has a regression limit on line 1')
    expect(policyError(() => parsePolicy('auc >= 1', '', 'x higher\nx lower')).message).toContain(
      'Input "metric-directions", line 2'
    )
  })

  it('requires regression limits to be written as drops', () => {
    const error = policyError(() => parsePolicy('', 'validation:auc 0.01', ''))
    expect(error.input).toBe('max-regression')
    expect(error.message).toContain(
      'column 16: expected a negative limit such as -0.01 (absolute) or -1% (relative), got "0.01"'
    )
    expect(policyError(() => parsePolicy('', 'validation:auc -1%%', '')).message).toContain(
      'unexpected "%" after the limit "-1%"'
    )
    expect(policyError(() => parsePolicy('', 'validation:auc -x', '')).message).toContain(
      'expected a number after "validation:auc", got "-x"'
    )
  })

  it('requires a direction for a regression rule on an unknown metric', () => {
    const error = policyError(() => parsePolicy('', 'train:throughput -5%', ''))
    expect(error.input).toBe('max-regression')
    expect(error.message).toContain('"train:throughput"')
    expect(error.message).toContain('metric-directions')
    const policy = parsePolicy('', 'train:throughput -5%', 'train:throughput higher')
    expect(policy.regressions[0]).toMatchObject({
      direction: 'higher',
      directionSource: 'override'
    })
  })

  it('validates metric-directions words', () => {
    expect(policyError(() => parsePolicy('a >= 1', '', 'x up')).message).toContain(
      'Input "metric-directions", line 1, column 3: expected "higher" or "lower" after "x", got "up"'
    )
  })

  it('refuses thresholds on one metric that no value meets, naming both lines', () => {
    const error = policyError(() =>
      parsePolicy('validation:auc >= 0.9\nvalidation:logloss <= 0.4\nvalidation:auc <= 0.5', '', '')
    )
    expect(error.input).toBe('thresholds')
    expect(error.line).toBe(3)
    expect(error.column).toBe(16)
    expect(error.message).toContain(
      'Input "thresholds", line 3, column 16: "validation:auc <= 0.5" contradicts line 1 ("validation:auc >= 0.9"): no value meets both, so the gate could never pass'
    )
    for (const [a, b] of [
      ['x >= 0.5', 'x < 0.5'],
      ['x > 0.5', 'x <= 0.5'],
      ['x == 0.5', 'x > 0.5'],
      ['x < 0.1', 'x > 0.2']
    ]) {
      expect(() => parsePolicy(`${a}\n${b}`, '', '')).toThrow(/contradicts line 1/)
    }
    // Narrow but possible ranges stay allowed.
    for (const [a, b] of [
      ['x >= 0.5', 'x <= 0.5'],
      ['x == 0.5', 'x >= 0.5'],
      ['x > 0.1', 'x < 0.2'],
      ['x >= 0.9', 'y <= 0.5']
    ]) {
      expect(() => parsePolicy(`${a}\n${b}`, '', '')).not.toThrow()
    }
  })

  it('refuses a relative limit beyond -100%, and takes -100% and absolute limits of any size', () => {
    const error = policyError(() => parsePolicy('', 'validation:auc -200%', ''))
    expect(error.input).toBe('max-regression')
    expect(error.message).toContain(
      "line 1, column 16: a relative limit goes from -0% to -100% of the baseline's value"
    )
    expect(error.message).toContain('got "-200%"')
    expect(() => parsePolicy('', 'validation:auc -100.5%', '')).toThrow(/-0% to -100%/)
    expect(parsePolicy('', 'validation:auc -100%', '').regressions[0]).toMatchObject({
      limit: 100,
      relative: true
    })
    expect(parsePolicy('', 'validation:rmse -250', '').regressions[0]?.limit).toBe(250)
  })

  it('refuses a metric name no version could record, and keeps the message short', () => {
    const name = `validation:${'a'.repeat(100_000)}`
    const error = policyError(() => parsePolicy(`${name} >= 0.5`, '', ''))
    expect(error.line).toBe(1)
    expect(error.column).toBe(1)
    expect(error.message).toContain(
      'the metric name is 100011 characters; at most 121 are allowed, because a version records it as customer metadata "metric:<name>" and SageMaker caps those keys at 128 characters'
    )
    expect(error.message.length).toBeLessThan(600)
    const longest = `m${'a'.repeat(120)}`
    expect(parsePolicy(`${longest} >= 0.5`, '', '').thresholds[0]?.metric).toBe(longest)
    expect(() =>
      parsePolicy('', `${longest}a higher`.replace(' higher', ' -1%'), `${longest}a higher`)
    ).toThrow(/at most 121/)
  })

  it('refuses a policy without rules', () => {
    const error = policyError(() => parsePolicy('# nothing\n\n', '  ', 'x higher'))
    expect(error.message).toContain('the gate has no rules')
    expect(error.input).toBe('thresholds')
  })
})

describe('inferDirection', () => {
  it.each([
    ['validation:auc', 'higher'],
    ['validation:AUC', 'higher'],
    ['test:f1_score', 'higher'],
    ['balanced_accuracy', 'higher'],
    ['validation:aucpr', 'higher'],
    ['r2', 'higher'],
    ['metrics/recall', 'higher'],
    ['precision', 'higher'],
    ['validation:logloss', 'lower'],
    ['val_loss', 'lower'],
    ['valLoss', 'lower'],
    ['validation:rmse', 'lower'],
    ['mean_absolute_error', 'lower'],
    ['validation:mape', 'lower'],
    ['train:mse', 'lower'],
    ['validation:mae', 'lower'],
    ['validation:error', 'lower'],
    ['live:brier', 'lower'],
    ['live:mcc', 'higher'],
    ['live:f0_5', 'higher'],
    ['live:weighted_f0_5', 'higher'],
    ['live:f2', 'higher'],
    ['live:explained_variance', 'higher'],
    ['live:true_positive_rate', 'higher'],
    ['live:true_negative_rate', 'higher'],
    ['live:false_positive_rate', 'lower'],
    ['live:false_negative_rate', 'lower'],
    ['live:average_precision', 'higher'],
    ['live:macro_recall', 'higher']
  ])('%s is %s-is-better', (metric, direction) => {
    expect(inferDirection(metric)).toBe(direction)
  })

  it.each([
    'validation:throughput',
    'latency_p99',
    'accuracy_error',
    'auc:count',
    'f1x',
    'variance',
    'true_rate'
  ])('%s is unknown', metric => {
    expect(inferDirection(metric)).toBeUndefined()
  })

  it('looks only at the last segment', () => {
    expect(inferDirection('auc:latency')).toBeUndefined()
    expect(inferDirection('loss:auc')).toBe('higher')
  })
})

describe('policySha256', () => {
  it('ignores comments, spacing, order and number spelling', () => {
    const a = parsePolicy(
      'validation:auc >= 0.85\nvalidation:logloss <= .4',
      'validation:auc -1%',
      ''
    )
    const b = parsePolicy(
      '# c\nvalidation:logloss<=0.40\n  validation:auc   >=  0.850',
      'validation:auc -1.0%',
      ''
    )
    expect(normalisePolicy(a)).toBe(
      'regression validation:auc max-drop 1% higher\n' +
        'threshold validation:auc >= 0.85\n' +
        'threshold validation:logloss <= 0.4\n'
    )
    expect(policySha256(a)).toBe(policySha256(b))
    expect(policySha256(a)).toMatch(/^[0-9a-f]{64}$/)
  })

  it('changes when a decision-relevant detail changes', () => {
    const base = policySha256(parsePolicy('', 'custom -1%', 'custom higher'))
    expect(policySha256(parsePolicy('', 'custom -1%', 'custom lower'))).not.toBe(base)
    expect(policySha256(parsePolicy('', 'custom -1', 'custom higher'))).not.toBe(base)
  })
})

describe('evaluatePolicy', () => {
  const policy = parsePolicy(
    'validation:auc >= 0.85\nvalidation:logloss <= 0.40',
    'validation:auc -0.01\nvalidation:logloss -5%',
    ''
  )
  const baseline = { version: 3, metrics: { 'validation:auc': 0.9, 'validation:logloss': 0.3 } }

  it('passes a candidate that meets every rule', () => {
    const decision = evaluatePolicy(
      policy,
      { version: 5, metrics: { 'validation:auc': 0.895, 'validation:logloss': 0.31 } },
      baseline
    )
    expect(decision.decision).toBe('pass')
    expect(decision.reasons).toEqual([])
    expect(decision.rules.map(rule => [rule.metric, rule.rule, rule.verdict])).toEqual([
      ['validation:auc', '>= 0.85', 'pass'],
      ['validation:logloss', '<= 0.4', 'pass'],
      ['validation:auc', 'max drop 0.01', 'pass'],
      ['validation:logloss', 'max drop 5%', 'pass']
    ])
    const aucRegression = decision.rules[2]
    expect(aucRegression?.candidate).toBe(0.895)
    expect(aucRegression?.baseline).toBe(0.9)
    expect(aucRegression?.delta).toBeCloseTo(-0.005, 12)
    expect(aucRegression?.explanation).toBe(
      'validation:auc dropped by 0.005 (-0.556%) from baseline v3, within the allowed 0.01.'
    )
    expect(decision.rules[3]?.explanation).toBe(
      'validation:logloss rose by 0.01 (+3.33%) from baseline v3, within the allowed 5% (0.015).'
    )
  })

  it('fails a candidate below a threshold and beyond the regression limit', () => {
    const decision = evaluatePolicy(
      policy,
      { version: 5, metrics: { 'validation:auc': 0.84, 'validation:logloss': 0.33 } },
      baseline
    )
    expect(decision.decision).toBe('fail')
    expect(decision.rules.map(rule => rule.verdict)).toEqual(['fail', 'pass', 'fail', 'fail'])
    expect(decision.reasons).toEqual([
      'validation:auc 0.84 is not at least 0.85 (threshold >= 0.85).',
      'validation:auc dropped by 0.06 (-6.67%) from baseline v3 (0.9 -> 0.84), more than the allowed 0.01.',
      'validation:logloss rose by 0.03 (+10%) from baseline v3 (0.3 -> 0.33), more than the allowed 5% (0.015).'
    ])
  })

  it('treats a drop exactly at the limit as allowed despite float noise', () => {
    const decision = evaluatePolicy(
      parsePolicy('', 'validation:auc -0.01', ''),
      { metrics: { 'validation:auc': 0.84 } },
      { version: 1, metrics: { 'validation:auc': 0.85 } }
    )
    expect(0.85 - 0.84).toBeGreaterThan(0.01)
    expect(decision.decision).toBe('pass')
  })

  it('fails closed when a policy metric is missing on the candidate', () => {
    const decision = evaluatePolicy(
      policy,
      { version: 5, metrics: { 'validation:auc': 0.9 } },
      baseline
    )
    expect(decision.decision).toBe('fail')
    const missing = decision.rules.filter(rule => rule.metric === 'validation:logloss')
    expect(missing.map(rule => rule.verdict)).toEqual(['fail', 'fail'])
    expect(missing[0]?.explanation).toBe(
      'validation:logloss is missing on candidate v5, and a metric named in the policy must be present.'
    )
    expect(missing[0]?.candidate).toBeUndefined()
  })

  it('skips regression rules without a baseline, unless one is required', () => {
    const candidate = { version: 1, metrics: { 'validation:auc': 0.9, 'validation:logloss': 0.2 } }
    const decision = evaluatePolicy(policy, candidate, undefined)
    expect(decision.decision).toBe('pass')
    expect(decision.rules.filter(rule => rule.kind === 'regression')).toEqual([
      expect.objectContaining({
        verdict: 'skipped',
        explanation: 'Skipped: there is no baseline to compare with.'
      }),
      expect.objectContaining({ verdict: 'skipped' })
    ])
    const strict = evaluatePolicy(policy, candidate, undefined, { requireBaseline: true })
    expect(strict.decision).toBe('fail')
    expect(strict.reasons[0]).toContain('a baseline is required')
  })

  it('skips a regression rule when the baseline lacks the metric', () => {
    const decision = evaluatePolicy(
      policy,
      { version: 5, metrics: { 'validation:auc': 0.9, 'validation:logloss': 0.2 } },
      { version: 3, metrics: { 'validation:auc': 0.88 } }
    )
    expect(decision.decision).toBe('pass')
    const logloss = decision.rules[3]
    expect(logloss).toMatchObject({
      verdict: 'skipped',
      explanation: 'Skipped: baseline v3 has no validation:logloss.'
    })
    expect(logloss?.delta).toBeUndefined()
  })

  it('uses |baseline| for relative limits on negative metrics', () => {
    const relative = parsePolicy('', 'score -10%', 'score higher')
    const base = { version: 2, metrics: { score: -2 } }
    expect(evaluatePolicy(relative, { metrics: { score: -2.19 } }, base).decision).toBe('pass')
    const failed = evaluatePolicy(relative, { metrics: { score: -2.21 } }, base)
    expect(failed.decision).toBe('fail')
    expect(failed.reasons[0]).toContain('more than the allowed 10% (0.2)')
  })

  it('applies a direction override', () => {
    // A metric named like an error rate that is in fact a "higher is better" score.
    const overridden = parsePolicy('', 'validation:error -0.01', 'validation:error higher')
    const base = { version: 2, metrics: { 'validation:error': 0.5 } }
    expect(
      evaluatePolicy(overridden, { metrics: { 'validation:error': 0.6 } }, base).decision
    ).toBe('pass')
    expect(
      evaluatePolicy(overridden, { metrics: { 'validation:error': 0.45 } }, base).decision
    ).toBe('fail')
    const inferred = parsePolicy('', 'validation:error -0.01', '')
    expect(evaluatePolicy(inferred, { metrics: { 'validation:error': 0.6 } }, base).decision).toBe(
      'fail'
    )
  })

  it('reports an improvement as such', () => {
    const decision = evaluatePolicy(
      parsePolicy('', 'validation:auc -0.01', ''),
      { version: 4, metrics: { 'validation:auc': 0.95 } },
      baseline
    )
    expect(decision.rules[0]?.explanation).toBe(
      'validation:auc did not get worse than baseline v3: 0.9 -> 0.95 (+5.56%).'
    )
    expect(decision.rules[0]?.delta).toBeCloseTo(0.05, 12)
  })

  it('fails non-finite values on either side', () => {
    const nanCandidate = evaluatePolicy(
      policy,
      { version: 5, metrics: { 'validation:auc': NaN, 'validation:logloss': Infinity } },
      baseline
    )
    expect(nanCandidate.rules.map(rule => rule.verdict)).toEqual(['fail', 'fail', 'fail', 'fail'])
    expect(nanCandidate.reasons[0]).toBe(
      'validation:auc on candidate v5 is NaN, not a finite number.'
    )
    const nanBaseline = evaluatePolicy(
      parsePolicy('', 'validation:auc -0.01', ''),
      { version: 5, metrics: { 'validation:auc': 0.9 } },
      { version: 3, metrics: { 'validation:auc': NaN } }
    )
    expect(nanBaseline.decision).toBe('fail')
    expect(nanBaseline.reasons[0]).toContain('on baseline v3 is NaN')
  })

  it('compares == within float tolerance and strict comparators strictly', () => {
    const strict = parsePolicy('a:auc > 0.8\nb:loss < 0.2\nc:f1 == 0.3', '', '')
    const decision = evaluatePolicy(
      strict,
      { metrics: { 'a:auc': 0.8, 'b:loss': 0.2, 'c:f1': 0.1 + 0.2 } },
      undefined
    )
    expect(decision.rules.map(rule => rule.verdict)).toEqual(['fail', 'fail', 'pass'])
  })

  it('refuses to evaluate an empty policy', () => {
    expect(() =>
      evaluatePolicy(
        { thresholds: [], regressions: [], directions: {} },
        { metrics: {} },
        undefined
      )
    ).toThrow(PolicyError)
  })
})

describe('formatNumber', () => {
  it.each([
    [0.85 - 0.84, '0.01'],
    [0.123456789, '0.123457'],
    [1234567.891, '1234570'],
    [0.0000123, '0.0000123'],
    [1e-9, '1e-9'],
    [-0.5, '-0.5'],
    [0, '0'],
    [NaN, 'NaN'],
    [-Infinity, '-Infinity']
  ])('%p -> %s', (value, text) => {
    expect(formatNumber(value)).toBe(text)
  })
})
