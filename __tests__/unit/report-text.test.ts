import { describe, expect, it } from '@jest/globals'
import { HOSTILE_METRIC, failingReport } from '../../__fixtures__/report/gate-report.js'
import { largeGroupReport } from '../../__fixtures__/report/large-group.js'
import { evaluatePolicy, parsePolicy } from '../../src/policy/index.js'
import {
  renderCompareText,
  renderDeploymentText,
  renderGateText,
  useColor,
  type DeploymentReport
} from '../../src/report/index.js'
import { markdownToText } from '../../src/report/markdown-text.js'
import { renderRegistration } from '../../src/report/register.js'
import { alignTable, visibleWidth } from '../../src/report/terminal.js'

const lines = (text: string): string[] => text.trimEnd().split('\n')
// eslint-disable-next-line no-control-regex -- looking for the colour codes themselves
const ANSI = /\u001b\[/

describe('renderGateText', () => {
  it('fits a 5-metric gate in 25 lines with no markup, entity, directive or marker', () => {
    const text = renderGateText(largeGroupReport({ versions: 12, metrics: 5, failing: [0, 1, 4] }))
    expect(lines(text).length).toBeLessThanOrEqual(25)
    expect(text).not.toContain('<')
    expect(text).not.toContain('&gt;')
    expect(text).not.toContain('%%')
    expect(text).not.toContain('```')
    expect(text).not.toContain('sagemaker-model-gate:')
    expect(text).not.toMatch(/\\[()[\]_*]/)
    expect(text).not.toContain('PendingManualApproval')
    expect(text).not.toMatch(ANSI)
    const [title, facts] = lines(text)
    expect(title).toBe(
      '✗ Model gate failed: churn-xgboost v12 against baseline v6 (latest approved)'
    )
    expect(facts).toBe('  3 of 5 metrics fail · v12 pending approval · eu-west-1')
  })

  it('still fits 25 lines when every rule of 5 metrics fails', () => {
    const report = largeGroupReport({ versions: 12, metrics: 5, failing: [0, 1, 4] })
    const names = Object.keys(report.candidate.metrics)
    report.decision = evaluatePolicy(
      parsePolicy(
        names.map(name => `${name} >= 0.99`).join('\n'),
        names.map(name => `${name} -0.0001`).join('\n'),
        ''
      ),
      { version: 12, metrics: Object.fromEntries(names.map(name => [name, 0.5])) },
      { version: 6, metrics: report.baseline!.metrics }
    )
    const text = renderGateText(report)
    expect(lines(text).length).toBeLessThanOrEqual(25)
    expect(text).toContain('… and 5 more in the JSON report')
    expect(text).not.toContain('<')
  })

  it('lists failing metrics first, one aligned line each, with a trend', () => {
    const text = renderGateText(largeGroupReport({ versions: 12, metrics: 5, failing: [0, 1, 4] }))
    const table = lines(text).slice(4, 10)
    expect(table[0]).toMatch(/^ {5}metric +rule +v6 +v12 +change +trend$/)
    expect(table.map(line => line.slice(2, 3))).toEqual([' ', '✗', '✗', '✗', '✓', '✓'])
    expect(table[1]).toMatch(
      /^ {2}✗ {2}validation:auc ↑ +≥ 0\.7 ✗, max drop 0\.05 ✗ +0\.8174 ± 0\.0037 +0\.6174 ± 0\.0041 +-0\.2000 \(-24%\) worse +[▁-█]{12}$/
    )
    expect(table[2]).toContain('validation:logloss ↓')
    expect(table[2]).toContain('max rise 20%')
    expect(table[2]).toContain('+0.2000 (+85%) worse')
    // The value columns line up.
    const end = (line: string, value: string): number => line.indexOf(value) + value.length
    expect(end(table[3] as string, '0.6718')).toBe(end(table[1] as string, '0.6174 ± 0.0041'))
  })

  it('names what changed and what to do next', () => {
    const text = renderGateText(largeGroupReport({ versions: 12, metrics: 5, failing: [0, 1, 4] }))
    expect(text).toContain('Changed from v6: image; training data train s3://acme-ml-d')
    expect(text).toContain('; and 2 more\n')
    expect(text).toContain(
      'Next step: fix what fails and register a new version; to ship v12 anyway, a person approves it with mode approve, force: true and a reason.'
    )
  })

  it('turns operators and untrusted markup into plain text and drops control characters', () => {
    const report = failingReport()
    const rule = report.decision.rules.find(result => result.metric === HOSTILE_METRIC)!
    rule.metric = 'evil\u001b[2J<b>name</b>\u202e'
    report.decision.reasons.push('validation:x 0.5 is not below 0.4 (threshold < 0.4)')
    report.decision.rules.push({
      metric: 'validation:x',
      kind: 'threshold',
      rule: '< 0.4',
      candidate: 0.5,
      verdict: 'fail',
      explanation: 'validation:x 0.5 is not below 0.4 (threshold < 0.4)'
    })
    const text = renderGateText(report)
    expect(text).toContain('evil[2J‹b›name‹/b›')
    // eslint-disable-next-line no-control-regex -- no control character may reach the terminal
    expect(text).not.toMatch(/[\u0000-\u001f\u007f\u202e](?<!\n)/)
    expect(text).toContain('(threshold below 0.4)')
    expect(text).toContain('below 0.4  ')
    expect(text).not.toContain('<')
  })

  it('colours only when asked', () => {
    const report = failingReport()
    expect(renderGateText(report, { color: false })).not.toMatch(ANSI)
    const coloured = renderGateText(report, { color: true })
    expect(coloured).toContain('\u001b[31m✗ Model gate failed')
    expect(coloured).toContain('\u001b[31mworse\u001b[39m')
  })
})

describe('useColor', () => {
  it('colours a TTY unless NO_COLOR is set to something', () => {
    expect(useColor({ isTTY: true }, {})).toBe(true)
    expect(useColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false)
    expect(useColor({ isTTY: true }, { NO_COLOR: '' })).toBe(true)
    expect(useColor({ isTTY: false }, {})).toBe(false)
    expect(useColor({}, {})).toBe(false)
  })
})

describe('alignTable', () => {
  it('pads by visible width, ignoring colour codes', () => {
    const rows = alignTable(
      [
        ['\u001b[1ma\u001b[22m', 'bb'],
        ['ccc', 'd']
      ],
      ['left', 'right']
    )
    expect(rows.map(visibleWidth)).toEqual([7, 7])
    expect(rows[1]).toBe('ccc   d')
  })
})

describe('renderCompareText', () => {
  const rows = [3, 4, 5].map(version => ({
    version,
    arn: `arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/${version}`,
    status: version === 4 ? 'Rejected' : version === 5 ? 'PendingManualApproval' : 'Approved',
    created: `2026-01-0${version}T00:00:00.000Z`,
    metrics: { 'validation:auc': 0.85 + version / 100, 'validation:logloss': 0.4 - version / 100 },
    gateDecision: version === 4 ? 'fail' : 'pass'
  }))

  it('writes versions as rows with short dates and status words', () => {
    const text = renderCompareText({ group: 'churn', region: 'us-east-1', rows })
    expect(lines(text)).toEqual([
      'Model versions compared: churn (v3 to v5)',
      '  3 versions · 2 metrics from the registry · us-east-1',
      '',
      '  version  status            created  validation:auc ↑  validation:logloss ↓  gate',
      '       v3  approved          Jan 3                0.88                  0.37  pass',
      '       v4  rejected          Jan 4                0.89                  0.36  fail',
      '       v5  pending approval  Jan 5                0.90                  0.35  pass'
    ])
  })

  it('turns metrics into rows, with a trend, when they outnumber versions', () => {
    const text = renderCompareText({ group: 'churn', region: 'us-east-1', rows: rows.slice(0, 1) })
    expect(lines(text).slice(3)).toEqual([
      '  metric                      v3  trend',
      '  validation:auc ↑          0.88  ▄',
      '  validation:logloss ↓      0.37  ▄',
      '  status                approved'
    ])
  })
})

describe('renderDeploymentText', () => {
  it('says a failed deployment is not serving its plan', () => {
    const report: DeploymentReport = {
      kind: 'deploy',
      outcome: 'failed',
      endpointName: 'churn-prod',
      region: 'eu-west-1',
      group: 'churn',
      variants: [
        {
          variantName: 'AllTraffic',
          version: 8,
          packageArn: 'arn:aws:sagemaker:eu-west-1:123456789012:model-package/churn/8',
          weight: 1
        }
      ],
      plannedConfig: 'churn-prod-v8-abc',
      servingConfig: 'churn-prod-v7-def',
      message: 'The endpoint rolled back to churn-prod-v7-def.',
      calls: []
    }
    expect(lines(renderDeploymentText(report))).toEqual([
      '✗ Deployment to churn-prod failed',
      '  The endpoint rolled back to churn-prod-v7-def.',
      '  planned, not serving:',
      '    AllTraffic  v8  100%',
      '  endpoint config now: churn-prod-v7-def'
    ])
  })
})

describe('markdownToText', () => {
  it('prints a registration summary as aligned text, its escapes undone and its link spelt out', () => {
    const markdown = renderRegistration({
      group: { name: 'churn', nameOrArn: 'churn' },
      region: 'us-east-1',
      dryRun: false,
      result: { version: 3, created: true, approvalStatus: 'PendingManualApproval' },
      source: { modelDataUrl: 's3://models/v3/model.tar.gz', imageUri: 'img:1' },
      metrics: [
        { name: 'validation:auc', value: 0.91 },
        { name: 'odd|name_<b>', value: 0.5 }
      ]
    })
    expect(lines(markdownToText(markdown))).toEqual([
      'Model registered: churn v3',
      '',
      '  Outcome          new version',
      '  Approval status  pending approval',
      '  Source           model artifact',
      '  Model data       s3://models/v3/model.tar.gz',
      '  Image            img:1',
      '',
      '  Metric          Value',
      '  validation:auc  0.91',
      '  odd|name_‹b›    0.5',
      '',
      'Model group in the SageMaker console: https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1#/model-registry/churn'
    ])
  })

  it('leaves out comments, Mermaid blocks and details tags, and bolds headings only in colour', () => {
    const markdown = [
      '<!-- marker -->',
      '## Title &amp; more',
      '',
      '<details><summary>Trend</summary>',
      '',
      '```mermaid',
      '%%{init: {}}%%',
      'xychart-beta',
      '```',
      '',
      '</details>',
      '> [!NOTE]',
      '> Dry run: nothing \\(really\\) was written.'
    ].join('\n')
    const text = markdownToText(markdown)
    expect(lines(text)).toEqual([
      'Title & more',
      '',
      'Trend',
      '',
      '  Dry run: nothing (really) was written.'
    ])
    expect(markdownToText(markdown, { color: true })).toContain('\u001b[1mTitle & more\u001b[22m')
  })
})
