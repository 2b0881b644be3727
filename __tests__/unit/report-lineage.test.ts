import { describe, expect, it } from '@jest/globals'
import type { LineageData } from '../../src/registry/lineage.js'
import { renderLineage } from '../../src/report/lineage.js'

const IMAGE = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1'
const MODEL = 's3://models/churn/7/model.tar.gz'
const COMMIT = '0123456789abcdef0123456789abcdef01234567'
// 1,000 characters in sentences: what ApprovalDescription can hold (1,024), read whole.
const APPROVAL = Array.from(
  { length: 20 },
  (_, index) => `Sentence ${String(index).padStart(2, '0')} of the reason, kept.`
)
  .join(' ')
  .padEnd(1000, '.')

function lineage(): LineageData & { group: string; region: string } {
  return {
    group: 'churn',
    region: 'us-east-1',
    package: {
      arn: 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/7',
      group: 'churn',
      version: 7,
      approvalStatus: 'Approved',
      approvalDescription: APPROVAL,
      packageStatus: 'Completed',
      containers: [{ image: IMAGE, modelDataUrl: MODEL }],
      contentTypes: [],
      responseTypes: [],
      realtimeInstanceTypes: [],
      transformInstanceTypes: [],
      modelMetrics: {},
      metadataProperties: { CommitId: COMMIT },
      customerMetadata: {}
    },
    story: {
      provenance: {
        'source:commit': COMMIT,
        'source:image': IMAGE,
        'source:model-data': MODEL
      },
      gate: {},
      decision: {},
      deployments: {},
      metrics: { 'validation:auc': 0.91 },
      hyperParameters: { eta: '0.2' },
      other: {}
    },
    trainingJob: {
      name: 'churn-train-7',
      status: 'Completed',
      secondaryStatus: 'Completed',
      hyperParameters: { eta: '0.2' },
      inputs: [],
      finalMetrics: [{ name: 'validation:auc', value: 0.91 }]
    },
    associations: [],
    notes: []
  }
}

describe('renderLineage', () => {
  const markdown = renderLineage(lineage())

  it('has no table with an empty header row', () => {
    expect(markdown).not.toMatch(/^\| *\| *\|$/m)
  })

  it('shows the commit, the image and the model data once each', () => {
    expect(markdown.split(COMMIT.slice(0, 7)).length - 1).toBe(1)
    expect(markdown.split(IMAGE).length - 1).toBe(1)
    expect(markdown.split(MODEL).length - 1).toBe(1)
  })

  it('says a status once when the secondary status is the same', () => {
    expect(markdown).not.toMatch(/Completed \\?\(Completed\\?\)/i)
  })

  it('does not repeat the training job hyperparameters as hp:* metadata', () => {
    expect(markdown).not.toContain('hp:eta')
    expect(markdown.match(/eta/g)).toHaveLength(1)
  })

  it('lists a metric once when the registry and the training job agree', () => {
    expect(markdown.match(/validation:auc/g)).toHaveLength(1)
  })

  it('shows the whole approval description', () => {
    expect(markdown).toContain('Sentence 19 of the reason, kept.')
  })
})
