import { describe, expect, it } from '@jest/globals'
import { metadataStory, packageFacts } from '../../src/registry/lineage.js'
import { renderCompare, type CompareRow } from '../../src/report/compare.js'
import {
  breakable,
  buildFacts,
  renderDeployment,
  terminalText,
  type DeploymentReport
} from '../../src/report/index.js'
import {
  changeWord,
  fixed,
  metricDecimals,
  relativePercent,
  shortDate,
  signedFixed,
  sparkline,
  statusWords
} from '../../src/report/format.js'

describe('numbers as the reports show them', () => {
  it('gives every value of a metric the decimals the most precise one needs', () => {
    expect(metricDecimals([0.35, 0.381, undefined])).toBe(3)
    expect(fixed(0.35, 3)).toBe('0.350')
    // Never fewer than a value needs: a failing 0.84996 must not read as the 0.85 it missed.
    expect(metricDecimals([0.85, 0.84996])).toBe(5)
    expect(metricDecimals([1234.5, 1200])).toBe(1)
    expect(fixed(-0.00001, 2)).toBe('0.00')
    expect(fixed(Number.NaN, 2)).toBe('NaN')
  })

  it('signs deltas and gives relative changes 2 significant figures', () => {
    expect(signedFixed(0.03, 3)).toBe('+0.030')
    expect(signedFixed(-0.022, 3)).toBe('-0.022')
    expect(signedFixed(0.0001, 2)).toBe('0.00')
    expect(relativePercent(-0.022, 0.893)).toBe('-2.5%')
    expect(relativePercent(0.03, 0.35)).toBe('+8.6%')
    expect(relativePercent(1.234, 1)).toBe('+120%')
    expect(relativePercent(0.00005, 0.5)).toBe('+0.010%')
    expect(relativePercent(0.01, 0.5)).toBe('+2.0%')
    expect(relativePercent(0.1, 0)).toBeUndefined()
  })

  it('says better or worse by the direction of the metric', () => {
    expect(changeWord(0.1, 'higher')).toBe('better')
    expect(changeWord(0.1, 'lower')).toBe('worse')
    expect(changeWord(-0.1, 'lower')).toBe('better')
    expect(changeWord(0, 'lower')).toBe('no change')
    expect(changeWord(0.1, undefined)).toBe('changed')
  })

  it('writes statuses in words and dates short', () => {
    expect(statusWords('PendingManualApproval')).toBe('pending approval')
    expect(statusWords('Approved')).toBe('approved')
    expect(statusWords('InProgress')).toBe('in progress')
    expect(statusWords('NonRetryableError')).toBe('non retryable error')
    expect(shortDate('2026-01-03T23:59:00.000Z')).toBe('Jan\u00a03')
    expect(shortDate(new Date('2025-12-30T00:00:00Z'), true)).toBe('Dec\u00a030\u00a02025')
    expect(shortDate('not a date')).toBeUndefined()
  })

  it('draws a sparkline between the lowest and highest value', () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).toBe('▁▂▃▄▅▆▇█')
    expect(sparkline([2, 2])).toBe('▄▄')
    expect(sparkline([1, Number.NaN, 3])).toBe('▁ █')
  })
})

describe('breakable and terminalText', () => {
  it('lets long words wrap at separators, never inside :// and never in short words', () => {
    expect(breakable('s3://bucket/churn/2026-11/train/')).toBe(
      's3://<wbr>bucket/<wbr>churn/<wbr>2026-<wbr>11/<wbr>train/'
    )
    expect(breakable('validation:auc')).toBe('validation:auc')
    expect(breakable('a<br>validation:some\\_very\\_long\\_name')).toBe(
      'a<br>validation:<wbr>some\\_<wbr>very\\_<wbr>long\\_<wbr>name'
    )
  })

  it('keeps terminal text to one line without control characters', () => {
    expect(terminalText('a\u001b[2Jb\nc\u202ed')).toBe('a[2Jb cd')
  })
})

describe('buildFacts', () => {
  it('takes hyperparameters and channels from the training job, the image from the package', () => {
    const pkg = packageFacts({
      ModelPackageArn: 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/7',
      InferenceSpecification: {
        Containers: [{ Image: 'xgboost:1.7-1', ModelDataUrl: 's3://m/7/model.tar.gz' }],
        SupportedContentTypes: [],
        SupportedResponseMIMETypes: []
      }
    } as never)
    const story = metadataStory({ 'hp:eta': '0.2' })
    expect(
      buildFacts({
        package: pkg,
        story,
        trainingJob: {
          name: 'job',
          hyperParameters: { eta: '0.3' },
          inputs: [{ channel: 'train', uri: 's3://d/train/' }, { channel: 'empty' }],
          finalMetrics: []
        }
      })
    ).toEqual({
      hyperParameters: { eta: '0.3' },
      trainingData: { train: 's3://d/train/' },
      image: 'xgboost:1.7-1'
    })
    // Without the job, the hyperparameters recorded at registration.
    expect(buildFacts({ package: pkg, story })).toEqual({
      hyperParameters: { eta: '0.2' },
      image: 'xgboost:1.7-1'
    })
  })
})

describe('renderDeployment', () => {
  const report = (outcome: DeploymentReport['outcome']): DeploymentReport => ({
    kind: 'deploy',
    outcome,
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
    servingConfig: outcome === 'deployed' ? 'churn-prod-v8-abc' : 'churn-prod-v7-def',
    previousPackageArn: 'arn:aws:sagemaker:eu-west-1:123456789012:model-package/churn/7',
    message: outcome === 'failed' ? 'The endpoint rolled back to churn-prod-v7-def.' : undefined,
    calls: ['CreateModel churn-v8', 'UpdateEndpoint churn-prod']
  })
  const V = (n: number): string =>
    `[v${n}](https://eu-west-1.console.aws.amazon.com/sagemaker/home?region=eu-west-1#/model-registry/churn/versions/${n})`

  it('titles a failed deployment as a plan that is not serving, next to what serves', () => {
    const markdown = renderDeployment(report('failed'))
    expect(markdown).toContain(
      '### ❌ Deployment to [churn-prod](https://eu-west-1.console.aws.amazon.com/sagemaker/home?region=eu-west-1#/endpoints/churn-prod) failed'
    )
    expect(markdown).toContain(
      '**Planned traffic, not serving** (the deployment did not take effect)'
    )
    expect(markdown).toContain('| variant | version | planned traffic |')
    expect(markdown).toContain(`| AllTraffic | ${V(8)} | 100% |`)
    expect(markdown).toContain(
      `The endpoint serves config \`churn-prod-v7-def\`, not the planned one · previously ${V(7)}.`
    )
    expect(markdown).not.toContain('Serving now')
  })

  it('says what serves after a deployment that took effect', () => {
    const markdown = renderDeployment(report('deployed'))
    expect(markdown).toContain('### ✅ Deployment to')
    expect(markdown).toContain('**Serving now**')
    expect(markdown).toContain('| variant | version | traffic |')
    expect(markdown).toContain(`Serving config: \`churn-prod-v8-abc\` · previously ${V(7)}`)
    expect(markdown).toContain('1. CreateModel churn-v8')
  })
})

describe('renderCompare layout', () => {
  const row = (version: number, metrics: string[]): CompareRow => ({
    version,
    arn: `arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/${version}`,
    status: version % 2 === 0 ? 'Approved' : 'PendingManualApproval',
    created: `2026-03-${String(version).padStart(2, '0')}T12:00:00.000Z`,
    metrics: Object.fromEntries(
      metrics.map((name, index) => [name, 0.5 + index / 100 + version / 1000])
    )
  })
  const names = (count: number): string[] =>
    Array.from({ length: count }, (_, index) => `validation:m${index}_auc`)
  const headers = (markdown: string): string[] =>
    markdown.split('\n').filter(line => /^\| (version|metric) \|/.test(line))

  it('turns metrics into rows when they outnumber the versions', () => {
    const markdown = renderCompare({
      group: 'churn',
      region: 'us-east-1',
      rows: [row(1, names(5)), row(2, names(5))]
    })
    const [header] = headers(markdown)
    expect(header).toBe(
      '| metric | [v1](https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1#/model-registry/churn/versions/1)<br>pending approval<br>Mar\u00a01 | [v2](https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1#/model-registry/churn/versions/2)<br>approved<br>Mar\u00a02 |'
    )
    expect(markdown).toContain('| validation:<wbr>m0\\_<wbr>auc ↑ | 0.501 | 0.502 |')
    expect(markdown).toContain('| gate | — | — |')
  })

  it('cuts many metric columns into tables of at most 4', () => {
    const rows = Array.from({ length: 12 }, (_, index) => row(index + 1, names(9)))
    const markdown = renderCompare({ group: 'churn', region: 'us-east-1', rows })
    const found = headers(markdown)
    expect(found).toHaveLength(3)
    expect(found.map(line => line.split(' | ').length - 4)).toEqual([4, 4, 1])
  })

  it('cuts many version columns into tables of at most 8, newest first', () => {
    const rows = Array.from({ length: 10 }, (_, index) => row(index + 1, names(12)))
    const markdown = renderCompare({ group: 'churn', region: 'us-east-1', rows })
    const found = headers(markdown)
    expect(found).toHaveLength(2)
    expect(found[0]).toContain('versions/3)')
    expect(found[0]).toContain('versions/10)')
    expect(found[1]).toContain('versions/1)')
    expect(found[1]).not.toContain('versions/3)')
  })
})
