import { describe, expect, it } from '@jest/globals'
import {
  HOSTILE_DESCRIPTION,
  HOSTILE_METRIC,
  failingReport,
  passingReport
} from '../../__fixtures__/report/gate-report.js'
import { evaluatePolicy, parsePolicy } from '../../src/policy/index.js'
import {
  MAX_COMMENT_LENGTH,
  SERIES,
  axisLabels,
  chartNumber,
  commentMarker,
  consoleLinks,
  renderReport,
  reportJson,
  trendChart,
  type ChartPoint,
  type GateReport
} from '../../src/report/index.js'

// The rows of the first table (the metric table).
const tableRows = (markdown: string): string[] => {
  const lines = markdown.split('\n')
  const start = lines.findIndex(line => line.startsWith('|  | metric |'))
  const rows: string[] = []
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('| ')) break
    rows.push(line)
  }
  return rows
}

// Rules and changes keep to one line with non-breaking spaces; here they read as spaces.
const render = (report: GateReport): string => renderReport(report).replace(/\u00a0/g, ' ')

const CONSOLE = 'https://eu-west-1.console.aws.amazon.com/sagemaker/home?region=eu-west-1'
const V3 = `[v3](${CONSOLE}#/model-registry/churn-xgboost/versions/3)`
const V5 = `[v5](${CONSOLE}#/model-registry/churn-xgboost/versions/5)`

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
  it('renders a failing decision: marker, headline, next step, one row per metric, reasons', () => {
    const markdown = render(failingReport())
    const lines = markdown.split('\n')
    expect(lines[0]).toBe('<!-- sagemaker-model-gate:churn-xgboost -->')
    expect(lines[1]).toBe(`## ❌ Model gate failed: churn-xgboost ${V5}`)
    expect(markdown).toContain(
      `**2 of 3 metrics fail** · candidate ${V5} pending approval · baseline ${V3} latest approved · eu-west-1`
    )
    expect(markdown).toContain('**Registry:** Rejected written to v5')
    expect(markdown).toContain(
      '**Next step:** fix what fails and register a new version; to ship v5 anyway, a person approves it with mode `approve`, `force: true` and a reason.'
    )
    expect(markdown).toContain(`|  | metric | rule | baseline ${V3} | candidate ${V5} | change |`)
    // Failing metrics first, each once, its rules as sub-lines; fixed decimals per metric,
    // relative change to 2 significant figures, and a limit on a rise for logloss.
    expect(tableRows(markdown)).toEqual([
      '| ❌ | **validation:auc** ↑ | ✅ ≥ 0.85<br>❌ max drop 0.01 | 0.893 | 0.871 | -0.022 (-2.5%) **worse** |',
      '| ❌ | **validation:logloss** ↓ | ✅ ≤ 0.4<br>❌ max rise 5% | 0.35 | 0.38 | +0.03 (+8.6%) **worse** |',
      '| ✅ | validation:<wbr>f1\\|evil\\`@&#8203;octocat ↑ | &gt;= 0.6 \\| extra | 0.70 | 0.69 | -0.01 (-1.4%) worse |'
    ])
    expect(markdown).toContain(
      '<sub>↑ higher is better · ↓ lower is better · change: candidate − baseline</sub>'
    )
    const why = markdown.slice(markdown.indexOf('### Why it failed'))
    expect(why.split('\n').slice(2, 4)).toEqual([
      '- validation:auc dropped by 0.022 \\(-2.46%\\) from baseline v3 \\(0.893 -&gt; 0.871\\), more than the allowed 0.01.',
      '- validation:logloss rose by 0.03 \\(+8.57%\\) from baseline v3 \\(0.35 -&gt; 0.38\\), more than the allowed 5% \\(0.0175\\).'
    ])
    expect(markdown).toContain('<details><summary>Other metrics (2, no rule)</summary>')
    expect(markdown).toContain('| validation:accuracy ↑ | 0.905 | 0.912 | +0.007 (+0.77%) better |')
    expect(markdown).toContain('| train:auc ↑ | — | 0.95 | — |')
    expect(markdown).not.toContain('PendingManualApproval')
  })

  it('renders a passing dry run without a baseline, listing skipped rules', () => {
    const markdown = render(passingReport())
    expect(markdown.split('\n')[1]).toBe(`## ✅ Model gate passed: churn-xgboost ${V5}`)
    expect(markdown).toContain('**all 3 metrics pass** · candidate')
    expect(markdown).toContain('· no baseline ·')
    expect(markdown).toContain('> Dry run: nothing was written to the registry.')
    expect(markdown).toContain(
      '**Next step:** run again without `dry-run` to record the decision on v5.'
    )
    expect(markdown).not.toContain('**Registry:**')
    expect(markdown).not.toContain('### Why it failed')
    expect(markdown).toContain(`|  | metric | rule | baseline | candidate ${V5} | change |`)
    expect(markdown).toContain(
      '| ✅ | validation:auc ↑ | ✅ ≥ 0.85<br>⏭️ max drop 0.01 (skipped) | — | 0.91 | — |'
    )
    expect(markdown).toContain(
      '- validation:auc max drop 0.01: Skipped: there is no baseline to compare with.'
    )
    // Full ARNs live in the JSON report; the comment links the version instead.
    expect(markdown).not.toContain('arn:aws:sagemaker')
    expect(markdown).not.toContain('| description |')
  })

  it('says in words which way each change goes, for either direction', () => {
    const report = failingReport()
    report.candidate.metrics = { ...report.candidate.metrics, 'validation:auc': 0.95 }
    report.decision = evaluatePolicy(
      parsePolicy('validation:auc >= 0.85\nvalidation:logloss <= 0.40', '', ''),
      { version: 5, metrics: { 'validation:auc': 0.95, 'validation:logloss': 0.3 } },
      { version: 3, metrics: { 'validation:auc': 0.893, 'validation:logloss': 0.35 } }
    )
    const rows = tableRows(render(report))
    expect(rows).toEqual([
      '| ✅ | validation:auc ↑ | ≥ 0.85 | 0.893 | 0.950 | +0.057 (+6.4%) better |',
      '| ✅ | validation:logloss ↓ | ≤ 0.4 | 0.35 | 0.30 | -0.05 (-14%) better |'
    ])
  })

  it('shows ± where the statistics carry a standard deviation, and a direction from the policy', () => {
    const report = failingReport()
    report.candidate.standardDeviations = { 'validation:auc': 0.0042 }
    report.baseline!.standardDeviations = { 'validation:auc': 0.0031 }
    report.directions = { 'validation:logloss': 'higher' }
    const rows = tableRows(render(report))
    expect(rows[0]).toContain('| 0.8930 ± 0.0031 | 0.8710 ± 0.0042 |')
    expect(rows[0]).not.toContain('0.893 ±')
    // An override turns a rise into an improvement and the limit into a limit on a drop.
    expect(rows.find(row => row.includes('validation:logloss'))).toContain(
      '| ✅ ≤ 0.4<br>❌ max drop 5% | 0.35 | 0.38 | +0.03 (+8.6%) better |'
    )
  })

  it('shows what changed from the baseline: image, training data, hyperparameters', () => {
    const report = failingReport()
    report.baseline!.image = '1234.dkr.ecr.eu-west-1.amazonaws.com/xgboost:1.7-1'
    report.candidate.image = '1234.dkr.ecr.eu-west-1.amazonaws.com/xgboost:1.7-2'
    report.baseline!.hyperParameters = { eta: '0.2', max_depth: '6' }
    report.candidate.hyperParameters = { eta: '0.3', max_depth: '6' }
    report.baseline!.trainingData = { train: 's3://data/churn/2026-10/train/' }
    report.candidate.trainingData = { train: 's3://data/churn/2026-11/train/' }
    const markdown = render(report)
    const section = markdown.slice(markdown.indexOf('### What changed from the baseline'))
    const rows = section.split('\n').slice(4, 7)
    expect(rows[0]).toMatch(
      /^\| image \| 1234\.<wbr>dkr.*xgboost:<wbr>1\.<wbr>7-<wbr>1 \| 1234.*7-<wbr>2 \|$/
    )
    expect(rows[1]).toBe(
      '| training data train | s3://<wbr>data/<wbr>churn/<wbr>2026-<wbr>10/<wbr>train/ | s3://<wbr>data/<wbr>churn/<wbr>2026-<wbr>11/<wbr>train/ |'
    )
    expect(rows[2]).toBe('| hyperparameter eta | 0.2 | 0.3 |')
    expect(section).not.toContain('max\\_depth')
    // The same facts on both sides say so in one line.
    report.candidate.image = report.baseline!.image
    report.candidate.hyperParameters = report.baseline!.hyperParameters
    report.candidate.trainingData = report.baseline!.trainingData
    expect(render(report)).toContain('Same hyperparameters, training data, image as the baseline.')
    // Without the facts for both, nothing is claimed.
    delete report.baseline!.image
    delete report.baseline!.hyperParameters
    delete report.baseline!.trainingData
    expect(render(report)).not.toContain('What changed')
  })

  it('links the commit short and the pull request as #N, and leaves ARNs to the JSON', () => {
    const report = failingReport()
    report.candidate.provenance['pull request'] = '42'
    const markdown = render(report)
    expect(markdown).toContain(
      '| commit | [3f2c1a9](https://github.com/acme/churn-model/commit/3f2c1a9e8b7d6c5b4a39281706f5e4d3c2b1a098) | [aa11bb2](https://github.com/acme/churn-model/commit/aa11bb22cc33dd44ee55ff6677889900aabbccdd) |'
    )
    expect(markdown).toContain(
      '| pull request | [\\#42](https://github.com/acme/churn-model/pull/42) | — |'
    )
    expect(markdown).toContain('| status | pending approval | approved |')
    expect(markdown).toContain('| created | 2026-11-20 10:15 UTC | 2026-10-02 08:00 UTC |')
    expect(markdown).not.toContain('arn:aws:sagemaker')
    expect(reportJson(report)).toMatchObject({
      candidate: { arn: 'arn:aws:sagemaker:eu-west-1:123456789012:model-package/churn-xgboost/5' }
    })
  })

  it('escapes every untrusted string', () => {
    const markdown = render(failingReport())
    expect(markdown).not.toMatch(/<script|<img|<b>|<!-- sagemaker-model-gate:churn -->/)
    expect(markdown).not.toMatch(/@octocat/)
    expect(markdown).toContain(
      '| description | Retrained &lt;script&gt;window.<wbr>\\_<wbr>\\_<wbr>pwned = 1&lt;/script&gt; by @&#8203;octocat \\| see \\`rm -rf\\` \\[click\\]\\(javascript:<wbr>alert\\(1\\)\\)'
    )
    expect(markdown).toContain(
      '&lt;\\!-- sagemaker-<wbr>model-<wbr>gate:<wbr>churn --&gt;<br>second line | Champion since October |'
    )
    expect(markdown).toContain('| trained-by | @&#8203;octocat \\| &lt;b&gt;x&lt;/b&gt; | — |')
    // Only the first line may carry a real marker.
    expect(markdown.indexOf('<!-- sagemaker-model-gate')).toBe(0)
    expect(markdown.lastIndexOf('<!-- sagemaker-model-gate')).toBe(0)
  })

  it('escapes a hostile group name in the headline', () => {
    const report = { ...passingReport(), group: 'g <img src=x> @octocat' }
    const markdown = render(report)
    expect(markdown.split('\n')[1]).toBe(
      '## ✅ Model gate passed: g &lt;img src=x&gt; @&#8203;octocat [v5](https://eu-west-1.console.aws.amazon.com/sagemaker/home?region=eu-west-1#/model-registry/g%20%3Cimg%20src%3Dx%3E%20%40octocat/versions/5)'
    )
  })

  it('draws a trend chart per policy metric, failing first, folded when more than two', () => {
    const markdown = render(failingReport())
    expect(markdown).toContain('<details><summary>Trend of 3 metrics (v1 to v5)</summary>')
    const charts = mermaidBlocks(markdown)
    expect(charts).toHaveLength(3)
    const [auc] = charts
    expect(auc).toContain('  title "validation:auc ↑"')
    // The baseline and the candidate are named on the axis.
    expect(auc).toContain('  x-axis ["v1", "v2", "v3 baseline", "v4", "v5 candidate"]')
    expect(auc).toContain('  y-axis 0.83492 --> 0.90808')
    // Bars: approved (v1, v3), rejected (v2), the candidate; the rest sit below the axis.
    expect(auc).toContain('  bar [0.861, 0.76176, 0.893, 0.76176, 0.76176]')
    expect(auc).toContain('  bar [0.76176, 0.842, 0.76176, 0.76176, 0.76176]')
    expect(auc).toContain('  bar [0.76176, 0.76176, 0.76176, 0.76176, 0.871]')
    // Lines: every version, the baseline level, the threshold and the regression limit.
    expect(auc).toContain('  line [0.861, 0.842, 0.893, 0.901, 0.871]')
    expect(auc).toContain('  line [0.893, 0.893, 0.893, 0.893, 0.893]')
    expect(auc).toContain('  line [0.85, 0.85, 0.85, 0.85, 0.85]')
    expect(auc).toContain('  line [0.883, 0.883, 0.883, 0.883, 0.883]')
    expect(markdown).toContain(
      '<sub>green bars: approved · red bars: rejected · blue bars: candidate v5 · grey line: every version · green line: baseline v3 · orange line: threshold ≥ 0.85 · purple line: max drop 0.01 from v3</sub>'
    )
    // logloss: lower is better, so the limit sits above the baseline (0.35 + 5%).
    expect(charts[1]).toContain('  line [0.3675, 0.3675, 0.3675, 0.3675, 0.3675]')
    // The hostile metric exists from v3 on only; its label keeps no quote, backtick or @.
    expect(charts[2]).toContain('  title "validation:f1 evil octocat ↑"')
    expect(charts[2]).toContain('  x-axis ["v3 baseline", "v4", "v5 candidate"]')
    expect(markdown).not.toContain(HOSTILE_DESCRIPTION)
    expect(HOSTILE_METRIC).toContain('`')
  })

  it('shows two charts or fewer openly', () => {
    const report = failingReport()
    report.decision.rules = report.decision.rules.filter(rule => rule.metric === 'validation:auc')
    const markdown = render(report)
    expect(markdown).toContain('### Trend (v1 to v5)')
    expect(markdown).not.toContain('<summary>Trend')
    expect(mermaidBlocks(markdown)).toHaveLength(1)
  })

  it('leaves out charts for metrics with fewer than two points', () => {
    const report = passingReport()
    report.history = []
    expect(mermaidBlocks(render(report))).toEqual([])
    expect(render(report)).not.toContain('### Trend')
  })

  /** The failing report with an interval on its third rule, at confidence 1 - alpha. */
  function withInterval(alpha: number) {
    const report = failingReport()
    const first = report.decision.rules[2]
    if (!first) throw new Error('fixture changed')
    first.ci = [-0.031, -0.013]
    first.ciLevel = 1 - alpha
    return { report, first }
  }

  it('shows confidence intervals and p-values when the comparison was statistical', () => {
    const { report, first } = withInterval(0.05)
    first.pValue = 0.00214
    expect(render(report)).toContain(
      '| -0.022 (-2.5%) **worse**<br>95% CI -0.031 … -0.013<br>p = 0.0021 |'
    )
    first.pValue = 0.00001
    expect(render(report)).toContain('<br>p &lt; 0.0001 |')
  })

  it('names the interval by the confidence alpha gave it', () => {
    expect(render(withInterval(0.01).report)).toContain('<br>99% CI -0.031 … -0.013')
    const report = render(withInterval(0.001).report)
    expect(report).toContain('<br>99.9% CI -0.031 … -0.013')
    expect(report).not.toContain('95% CI')
  })

  it('links the console of the group and the workflow run', () => {
    const markdown = render(failingReport())
    expect(markdown).toContain(
      '- [Model group in the SageMaker console](https://eu-west-1.console.aws.amazon.com/sagemaker/home?region=eu-west-1#/model-registry/churn-xgboost)'
    )
    expect(markdown).toMatch(
      /<sub>sagemaker-model-gate · \[workflow run\]\(https:\/\/github\.com\/acme\/churn-model\/actions\/runs\/43\) · policy sha256 [0-9a-f]{12}<\/sub>$/
    )
  })

  it('drops a run URL that is not http(s)', () => {
    const report = { ...passingReport(), runUrl: 'javascript:alert(1)' }
    expect(render(report)).not.toContain('javascript')
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
    const markdown = render(report)
    expect(markdown.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH)
    expect(markdown).toContain(
      "Shortened to fit GitHub's comment size limit: metrics without a rule left out"
    )
    expect(markdown).not.toContain('Other metrics')
    expect(tableRows(markdown)).toHaveLength(3)
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
    const markdown = render(report)
    expect(markdown.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH)
    expect(markdown.startsWith(commentMarker('big'))).toBe(true)
    expect(markdown).toContain('rules and reasons cut to the first 100')
    expect(tableRows(markdown)).toHaveLength(100)
    expect(markdown).toContain('… and 1400 more metrics, listed in the JSON report.')
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
    const markdown = render(report)
    expect(markdown.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH)
    expect(markdown.length).toBeGreaterThan(MAX_COMMENT_LENGTH - 700)
    expect(markdown.split('\n')[1]).toMatch(/^## ❌ Model gate failed: big \[v2\]\(https:/)
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
  const points = (values: number[]): ChartPoint[] =>
    values.map((value, index) => ({ version: index + 1, value }))

  it('leaves out non-finite points and writes numbers without exponents', () => {
    const chart = trendChart({
      metric: 'm:auc',
      points: [
        { version: 1, value: 1e-7 },
        { version: 2, value: NaN },
        { version: 3, value: 2e-7 }
      ]
    })
    expect(chart?.block).toContain('  x-axis ["v1", "v3"]')
    expect(chart?.block).toContain('  line [0.0000001, 0.0000002]')
    expect(chart?.block).not.toMatch(/\de-/)
  })

  it('pads a flat line so the axis has a range', () => {
    expect(trendChart({ metric: 'm', points: points([0.5, 0.5]) })?.block).toContain(
      '  y-axis 0.475 --> 0.525'
    )
    expect(chartNumber(-0)).toBe('0')
  })

  it('needs two points for a trend', () => {
    expect(trendChart({ metric: 'm', points: points([0.5]) })).toBeUndefined()
  })

  it('leaves a far threshold off the drawing and says so, so the trend is not squashed', () => {
    const chart = trendChart({
      metric: 'm:auc',
      direction: 'higher',
      points: points([0.91, 0.92, 0.93]),
      lines: [{ kind: 'threshold', value: 0.5, label: 'threshold ≥ 0.5' }]
    })
    expect(chart?.block).toContain('  y-axis 0.9076 --> 0.9324')
    expect(chart?.block.match(/ line /g)).toHaveLength(1)
    expect(chart?.legend).toBe('grey line: every version · threshold ≥ 0.5 (off the chart)')
  })
})

describe('axisLabels', () => {
  it('keeps every label distinct, thins them on a long history, and always names baseline and candidate', () => {
    const versions = Array.from({ length: 50 }, (_, index) => index + 1)
    const labels = axisLabels(versions, 44, 50)
    expect(new Set(labels).size).toBe(50)
    expect(labels[43]).toBe('v44 baseline')
    expect(labels[49]).toBe('v50 candidate')
    const shown = labels.filter(label => label.startsWith('v'))
    expect(shown.length).toBeGreaterThan(8)
    expect(shown.length).toBeLessThan(30)
    // Hidden labels are runs of zero-width spaces, which draw nothing.
    expect(
      labels.filter(label => !label.startsWith('v')).every(label => /^\u200b+$/.test(label))
    ).toBe(true)
    // No shown label sits within 5 bands of the candidate's long label.
    expect(labels.slice(45, 49).some(label => label.startsWith('v'))).toBe(false)
  })
})

describe('chart colours', () => {
  const luminance = (hex: string): number => {
    const [r, g, b] = [1, 3, 5].map(index => {
      const value = parseInt(hex.slice(index, index + 2), 16) / 255
      return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4
    }) as [number, number, number]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
  }
  const contrast = (a: string, b: string): number => {
    const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
    return (high + 0.05) / (low + 0.05)
  }

  // Mermaid 11's xychart background: white in the default theme, #333 in the dark one
  // (node_modules/mermaid theme files), and GitHub's dark page behind it.
  it.each(['#ffffff', '#333333', '#0d1117'])('reach 3:1 against %s', background => {
    for (const { colour } of Object.values(SERIES)) {
      expect(contrast(colour, background)).toBeGreaterThanOrEqual(3)
    }
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

describe('axisLabels beside each other', () => {
  it('shortens or drops the baseline label rather than overlap the candidate', () => {
    const versions = Array.from({ length: 50 }, (_, index) => index + 1)
    expect(axisLabels(versions, 48, 50)[47]).toMatch(/^\u200b+$/)
    expect(axisLabels(versions, 48, 50)[49]).toBe('v50 candidate')
    expect(axisLabels([1, 2, 3, 4], 3, 4).slice(2)).toEqual(['v3 baseline', 'v4 candidate'])
    expect(
      axisLabels(
        Array.from({ length: 12 }, (_, i) => i + 1),
        11,
        12
      )[10]
    ).toBe('v11')
  })
})
