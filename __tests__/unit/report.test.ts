import { describe, expect, it } from '@jest/globals'
import {
  HOSTILE_DESCRIPTION,
  HOSTILE_METRIC,
  failingReport,
  passingReport
} from '../../__fixtures__/report/gate-report.js'
import { evaluatePolicy, parsePolicy } from '../../src/policy/index.js'
import {
  CHART_INIT,
  MAX_COMMENT_LENGTH,
  chartNumber,
  commentMarker,
  consoleLinks,
  renderReport,
  reportJson,
  trendChart,
  type GateReport
} from '../../src/report/index.js'

const tableRows = (markdown: string): string[] =>
  markdown.split('\n').filter(line => line.startsWith('| ') && !line.startsWith('| metric | '))

const mermaidBlocks = (markdown: string): string[] =>
  [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map(match => match[1] ?? '')

describe('commentMarker', () => {
  it('is a hidden HTML comment naming the group', () => {
    expect(commentMarker('churn-xgboost')).toBe('<!-- sagemaker-model-gate:churn-xgboost -->')
  })

  it('keeps a group ARN but nothing that could close the comment', () => {
    expect(
      commentMarker('arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn')
    ).toBe(
      '<!-- sagemaker-model-gate:arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn -->'
    )
    expect(commentMarker('x --> <b>')).toBe('<!-- sagemaker-model-gate:x_--___b_ -->')
  })
})

describe('renderReport', () => {
  it('renders a failing decision: marker, headline, rule table, reasons', () => {
    const markdown = renderReport(failingReport())
    const lines = markdown.split('\n')
    expect(lines[0]).toBe('<!-- sagemaker-model-gate:churn-xgboost -->')
    expect(lines[1]).toBe('## ❌ Model gate failed: churn-xgboost v5')
    expect(markdown).toContain(
      'Candidate **v5** (PendingManualApproval) against baseline **v3** (latest approved) · region eu-west-1'
    )
    expect(markdown).toContain('**Registry:** Rejected written to v5')
    expect(markdown).toContain('| metric | rule | baseline v3 | candidate v5 | delta | verdict |')
    expect(tableRows(markdown).slice(0, 5)).toEqual([
      '| validation:auc | &gt;= 0.85 | 0.893 | 0.871 | -0.022 (-2.46%) | ✅ pass |',
      '| validation:logloss | &lt;= 0.4 | 0.35 | 0.38 | +0.03 (+8.57%) | ✅ pass |',
      '| validation:auc | max drop 0.01 | 0.893 | 0.871 | -0.022 (-2.46%) | ❌ fail |',
      '| validation:logloss | max drop 5% | 0.35 | 0.38 | +0.03 (+8.57%) | ❌ fail |',
      '| validation:f1\\|evil\\`@&#8203;octocat | &gt;= 0.6 \\| extra | 0.7 | 0.69 | -0.01 (-1.43%) | ✅ pass |'
    ])
    const why = markdown.slice(markdown.indexOf('### Why it failed'))
    expect(why.split('\n').slice(2, 4)).toEqual([
      '- validation:auc dropped by 0.022 \\(-2.46%\\) from baseline v3 \\(0.893 -&gt; 0.871\\), more than the allowed 0.01.',
      '- validation:logloss rose by 0.03 \\(+8.57%\\) from baseline v3 \\(0.35 -&gt; 0.38\\), more than the allowed 5% \\(0.0175\\).'
    ])
    expect(markdown).toContain('<details><summary>Other metrics (2, no rule)</summary>')
    expect(markdown).toContain('| validation:accuracy | 0.905 | 0.912 | +0.007 |')
    expect(markdown).toContain('| train:auc | — | 0.95 | — |')
  })

  it('renders a passing dry run without a baseline, listing skipped rules', () => {
    const markdown = renderReport(passingReport())
    expect(markdown.split('\n')[1]).toBe('## ✅ Model gate passed: churn-xgboost v5')
    expect(markdown).toContain('against no baseline')
    expect(markdown).toContain('> Dry run: nothing was written to the registry.')
    expect(markdown).not.toContain('**Registry:**')
    expect(markdown).not.toContain('### Why it failed')
    expect(markdown).toContain('| metric | rule | baseline | candidate v5 | delta | verdict |')
    expect(markdown).toContain('| validation:auc | max drop 0.01 | — | 0.91 | — | ⏭️ skipped |')
    expect(markdown).toContain('- validation:auc: Skipped: there is no baseline to compare with.')
    expect(markdown).toContain(
      '| ARN | arn:aws:sagemaker:eu-west-1:123456789012:model-package/churn-xgboost/5 |'
    )
    expect(markdown).not.toContain('| description |')
  })

  it('escapes every untrusted string', () => {
    const markdown = renderReport(failingReport())
    expect(markdown).not.toMatch(/<script|<img|<b>|<!-- sagemaker-model-gate:churn -->/)
    expect(markdown).not.toMatch(/@octocat/)
    expect(markdown).toContain(
      '| description | Retrained &lt;script&gt;window.\\_\\_pwned = 1&lt;/script&gt; by @&#8203;octocat \\| see \\`rm -rf\\` \\[click\\]\\(javascript:alert\\(1\\)\\)'
    )
    expect(markdown).toContain(
      '&lt;\\!-- sagemaker-model-gate:churn --&gt;<br>second line | Champion since October |'
    )
    expect(markdown).toContain('| trained-by | @&#8203;octocat \\| &lt;b&gt;x&lt;/b&gt; | — |')
    // Only the first line may carry a real marker.
    expect(markdown.indexOf('<!-- sagemaker-model-gate')).toBe(0)
    expect(markdown.lastIndexOf('<!-- sagemaker-model-gate')).toBe(0)
  })

  it('escapes a hostile group name in the headline', () => {
    const report = { ...passingReport(), group: 'g <img src=x> @octocat' }
    const markdown = renderReport(report)
    expect(markdown.split('\n')[1]).toBe(
      '## ✅ Model gate passed: g &lt;img src=x&gt; @&#8203;octocat v5'
    )
  })

  it('draws one trend chart per policy metric, with the candidate appended', () => {
    const markdown = renderReport(failingReport())
    expect(markdown).toContain('### Trend (v1 to v5)')
    const charts = mermaidBlocks(markdown)
    expect(charts).toHaveLength(3)
    expect(charts[0]).toBe(
      [
        CHART_INIT,
        'xychart-beta',
        '  title "validation:auc"',
        '  x-axis ["v1", "v2", "v3", "v4", "v5"]',
        '  y-axis "validation:auc" 0.8361 --> 0.9069',
        '  line [0.861, 0.842, 0.893, 0.901, 0.871]',
        ''
      ].join('\n')
    )
    // The hostile metric exists from v3 on only; its label keeps no quote, backtick or @.
    expect(charts[2]).toContain('  title "validation:f1 evil octocat"')
    expect(charts[2]).toContain('  x-axis ["v3", "v4", "v5"]')
    expect(markdown).not.toContain(HOSTILE_DESCRIPTION)
    expect(HOSTILE_METRIC).toContain('`')
  })

  it('leaves out charts for metrics with fewer than two points', () => {
    const report = passingReport()
    report.history = []
    expect(mermaidBlocks(renderReport(report))).toEqual([])
    expect(renderReport(report)).not.toContain('### Trend')
  })

  it('shows confidence intervals and p-values when the comparison was statistical', () => {
    const report = failingReport()
    const first = report.decision.rules[2]
    if (!first) throw new Error('fixture changed')
    first.ci = [-0.031, -0.013]
    first.pValue = 0.0021
    expect(renderReport(report)).toContain(
      '| -0.022 (-2.46%)<br>95% CI -0.031 … -0.013<br>p = 0.0021 | ❌ fail |'
    )
  })

  it('links the console of the group and the workflow run', () => {
    const markdown = renderReport(failingReport())
    expect(markdown).toContain(
      '- [Model group in the SageMaker console](https://eu-west-1.console.aws.amazon.com/sagemaker/home?region=eu-west-1#/model-registry/churn-xgboost)'
    )
    expect(markdown).toMatch(
      /<sub>sagemaker-model-gate · \[workflow run\]\(https:\/\/github\.com\/acme\/churn-model\/actions\/runs\/43\) · policy sha256 [0-9a-f]{12}<\/sub>$/
    )
  })

  it('drops a run URL that is not http(s)', () => {
    const report = { ...passingReport(), runUrl: 'javascript:alert(1)' }
    expect(renderReport(report)).not.toContain('javascript')
  })

  it('stays under the comment limit by giving up detail, and says so', () => {
    const report = failingReport()
    report.history = Array.from({ length: 400 }, (_, index) => ({
      version: index + 1,
      status: 'Approved',
      metrics: { 'validation:auc': 0.8 + (index % 10) / 100, 'validation:logloss': 0.3 }
    }))
    report.candidate = { ...report.candidate, version: 401 }
    report.candidate.provenance = Object.fromEntries(
      Array.from({ length: 50 }, (_, index) => [`key-${index}`, 'v'.repeat(256)])
    )
    report.candidate.metrics = {
      ...report.candidate.metrics,
      ...Object.fromEntries(Array.from({ length: 2000 }, (_, index) => [`extra:m${index}`, index]))
    }
    const markdown = renderReport(report)
    expect(markdown.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH)
    expect(markdown).toContain(
      "Shortened to fit GitHub's comment size limit: metrics without a rule left out"
    )
    expect(markdown).not.toContain('Other metrics')
    expect(tableRows(markdown).length).toBeGreaterThanOrEqual(5)
    expect(markdown).toContain('### Why it failed')
  })

  it('caps the rule table and the reasons at 100 when there are too many', () => {
    const policy = parsePolicy(
      Array.from({ length: 1500 }, (_, index) => `metric_${index}:auc >= 0.9`).join('\n'),
      '',
      ''
    )
    const decision = evaluatePolicy(policy, { version: 2, metrics: {} }, undefined)
    const report: GateReport = {
      group: 'big',
      region: 'us-east-1',
      candidate: { version: 2, metrics: {}, provenance: {} },
      decision,
      history: [],
      dryRun: false
    }
    const markdown = renderReport(report)
    expect(markdown.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH)
    expect(markdown.startsWith(commentMarker('big'))).toBe(true)
    expect(markdown).toContain('rules and reasons cut to the first 100')
    expect(tableRows(markdown)).toHaveLength(100)
    expect(markdown).toContain('… and 1400 more rules, listed in the JSON report.')
    expect(markdown).toContain('- … and 1400 more, listed in the JSON report.')
  })

  it('cuts at a line boundary when even 100 reasons are too long', () => {
    const long = (index: number): string => `m${index}:auc ` + 'is far too low '.repeat(40)
    const report: GateReport = {
      group: 'big',
      region: 'us-east-1',
      candidate: { version: 2, metrics: {}, provenance: {} },
      decision: {
        decision: 'fail',
        rules: Array.from({ length: 150 }, (_, index) => ({
          metric: `m${index}:auc`.padEnd(190, 'x'),
          kind: 'threshold' as const,
          rule: '>= 0.9',
          candidate: 0.5,
          verdict: 'fail' as const,
          explanation: long(index)
        })),
        reasons: Array.from({ length: 150 }, (_, index) => long(index))
      },
      history: [],
      dryRun: false
    }
    const markdown = renderReport(report)
    expect(markdown.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH)
    expect(markdown.length).toBeGreaterThan(MAX_COMMENT_LENGTH - 700)
    expect(markdown.split('\n')[1]).toBe('## ❌ Model gate failed: big v2')
    expect(markdown).toContain('rules and reasons cut to the first 100')
    const body = markdown.slice(0, markdown.lastIndexOf('\n\n… report cut'))
    // Whole reason lines only (each is itself capped at 500 characters, hence the ellipsis).
    expect(body.split('\n').pop()).toMatch(/^- m\d+:auc (is far too low )+[a-z ]*…$/)
    expect(
      markdown.endsWith("… report cut to fit GitHub's comment size limit; see the JSON report.")
    ).toBe(true)
  })
})

describe('reportJson', () => {
  it('carries the decision, rules, versions and links as plain data', () => {
    const report = failingReport()
    const json = reportJson(report)
    expect(json).toMatchObject({
      schema: 'sagemaker-model-gate/gate-report@1',
      group: 'churn-xgboost',
      region: 'eu-west-1',
      decision: 'fail',
      dryRun: false,
      written: 'Rejected written to v5',
      runUrl: 'https://github.com/acme/churn-model/actions/runs/43',
      candidate: {
        version: 5,
        description: HOSTILE_DESCRIPTION,
        creationTime: '2026-11-20T10:15:00.000Z'
      },
      baseline: { label: 'latest approved', version: 3 }
    })
    expect((json.rules as unknown[])[2]).toEqual({
      metric: 'validation:auc',
      kind: 'regression',
      rule: 'max drop 0.01',
      candidate: 0.871,
      baseline: 0.893,
      delta: expect.closeTo(-0.022, 12),
      verdict: 'fail',
      explanation: report.decision.reasons[0]
    })
    expect((json.history as Array<{ version: number }>).map(entry => entry.version)).toEqual([
      1, 2, 3, 4, 5
    ])
    expect(json.links).toEqual(consoleLinks({ region: 'eu-west-1', group: 'churn-xgboost' }))
  })

  it('turns non-finite numbers into null so the file is valid JSON', () => {
    const policy = parsePolicy('validation:auc >= 0.8', '', '')
    const decision = evaluatePolicy(
      policy,
      { version: 2, metrics: { 'validation:auc': NaN } },
      undefined
    )
    const report: GateReport = {
      group: 'g',
      region: 'us-east-1',
      candidate: { version: 2, metrics: { 'validation:auc': NaN }, provenance: {} },
      decision,
      history: [],
      dryRun: true
    }
    const parsed = JSON.parse(JSON.stringify(reportJson(report))) as {
      rules: Array<{ candidate: unknown }>
      candidate: { metrics: Record<string, unknown> }
      baseline: unknown
    }
    expect(parsed.rules[0]?.candidate).toBeNull()
    expect(parsed.candidate.metrics['validation:auc']).toBeNull()
    expect(parsed.baseline).toBeNull()
  })
})

describe('trendChart', () => {
  it('leaves out non-finite points and writes numbers without exponents', () => {
    const chart = trendChart('m:auc', [
      { version: 1, value: 1e-7 },
      { version: 2, value: NaN },
      { version: 3, value: 2e-7 }
    ])
    expect(chart).toContain('  x-axis ["v1", "v3"]')
    expect(chart).toContain('  line [0.0000001, 0.0000002]')
    expect(chart).not.toMatch(/\de-/)
  })

  it('pads a flat line so the axis has a range', () => {
    expect(
      trendChart('m', [
        { version: 1, value: 0.5 },
        { version: 2, value: 0.5 }
      ])
    ).toContain('  y-axis "m" 0.475 --> 0.525')
    expect(chartNumber(-0)).toBe('0')
  })
})

describe('consoleLinks', () => {
  it('builds the group link for the partition of the region', () => {
    expect(consoleLinks({ region: 'us-east-1', group: 'g' })[0]?.url).toBe(
      'https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1#/model-registry/g'
    )
    expect(consoleLinks({ region: 'cn-north-1', group: 'g' })[0]?.url).toMatch(
      /^https:\/\/cn-north-1\.console\.amazonaws\.cn\//
    )
    expect(consoleLinks({ region: 'us-gov-west-1', group: 'g' })[0]?.url).toMatch(
      /^https:\/\/us-gov-west-1\.console\.amazonaws-us-gov\.com\//
    )
  })

  it('builds no link from something that is not a region', () => {
    expect(consoleLinks({ region: 'evil.example/#', group: 'g' })).toEqual([])
  })

  it('takes name and region from a shared group ARN, and adds an endpoint link', () => {
    const links = consoleLinks({
      region: 'us-east-1',
      group: 'arn:aws:sagemaker:eu-central-1:210987654321:model-package-group/shared-churn',
      endpointName: 'churn-prod'
    })
    expect(links.map(link => link.url)).toEqual([
      'https://eu-central-1.console.aws.amazon.com/sagemaker/home?region=eu-central-1#/model-registry/shared-churn',
      'https://eu-central-1.console.aws.amazon.com/sagemaker/home?region=eu-central-1#/endpoints/churn-prod'
    ])
  })
})
