import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { DEFAULT_RUN } from '../../__fixtures__/context.js'
import {
  clientToken,
  hyperParameterMetadata,
  isReservedKey,
  metadataProperties,
  registrationFingerprint,
  runMetadata,
  sourceMetadata
} from '../../src/registry/provenance.js'

const parts = {
  group: 'churn',
  commit: DEFAULT_RUN.sha,
  modelDataUrl: 's3://acme-models/churn/model.tar.gz',
  imageUri: 'img:1'
}

describe('registrationFingerprint and clientToken', () => {
  it('is the sha256 of group, commit, model data and image', () => {
    const expected = createHash('sha256')
      .update(['register/v1', 'churn', DEFAULT_RUN.sha, parts.modelDataUrl, 'img:1'].join('\n'))
      .digest('hex')
    expect(registrationFingerprint(parts)).toBe(expected)
  })

  it('changes with each part', () => {
    const base = registrationFingerprint(parts)
    for (const key of Object.keys(parts) as (keyof typeof parts)[]) {
      expect(registrationFingerprint({ ...parts, [key]: `${parts[key]}x` })).not.toBe(base)
    }
  })

  it('gives a ClientToken within SageMaker limits (1-36 of [a-zA-Z0-9-]), one per request', () => {
    const fingerprint = registrationFingerprint(parts)
    const request = { ModelPackageGroupName: 'churn', ModelPackageDescription: 'first' }
    const token = clientToken(fingerprint, request)
    expect(token).toMatch(/^[a-zA-Z0-9-]{36}$/)
    expect(clientToken(fingerprint, { ...request })).toBe(token)
    // SageMaker refuses one token with other parameters: any change gives another token.
    expect(clientToken(fingerprint, { ...request, ModelPackageDescription: 'second' })).not.toBe(
      token
    )
    expect(clientToken(`${fingerprint}x`, request)).not.toBe(token)
    const retry = clientToken(fingerprint, request, 3)
    expect(retry).toMatch(/^[a-zA-Z0-9-]{36}$/)
    expect(retry).not.toBe(token)
    expect(clientToken(fingerprint, request, 3)).toBe(retry)
  })
})

describe('metadataProperties', () => {
  it('records commit, repository, run URL and project', () => {
    expect(metadataProperties(DEFAULT_RUN, 'p-123')).toEqual({
      CommitId: DEFAULT_RUN.sha,
      Repository: 'https://github.com/acme/churn-model',
      GeneratedBy: 'https://github.com/acme/churn-model/actions/runs/987654321',
      ProjectId: 'p-123'
    })
  })

  it('is absent outside a GitHub run', () => {
    expect(
      metadataProperties({ ...DEFAULT_RUN, sha: '', repository: '', runId: '' })
    ).toBeUndefined()
  })
})

describe('customer metadata entries', () => {
  it('sanitises run values to the characters SageMaker allows', () => {
    expect(
      runMetadata({ ...DEFAULT_RUN, ref: 'refs/heads/feat#1,"x"', actor: 'bot[bot]' })
    ).toEqual([
      ['github:pr', '42'],
      ['github:ref', 'refs/heads/feat_1__x_'],
      ['github:actor', 'bot_bot_'],
      ['github:run-id', '987654321'],
      ['github:run-attempt', '1']
    ])
  })

  it('leaves out the PR number when the event has none', () => {
    const entries = runMetadata({ ...DEFAULT_RUN, pullRequest: undefined })
    expect(entries.map(([k]) => k)).not.toContain('github:pr')
  })

  it('puts the fingerprint first and cuts long values to 256 characters', () => {
    const long = `s3://bucket/${'a'.repeat(300)}`
    const entries = sourceMetadata({
      fingerprint: 'f'.repeat(64),
      commit: 'abc',
      modelDataUrl: long,
      imageUri: 'img',
      trainingJobName: 'job-1'
    })
    expect(entries[0]).toEqual(['register:fingerprint', 'f'.repeat(64)])
    expect(Object.fromEntries(entries)['source:model-data']).toHaveLength(256)
    expect(Object.fromEntries(entries)['source:training-job']).toBe('job-1')
    expect(entries.map(([k]) => k)).not.toContain('source:tuning-job')
  })

  it('records hyperparameters sorted, sanitised, without empty values', () => {
    expect(
      hyperParameterMetadata({
        max_depth: '5',
        sagemaker_program: '"train.py"',
        eta: '0.2',
        empty: ''
      })
    ).toEqual([
      ['hp:eta', '0.2'],
      ['hp:max_depth', '5'],
      ['hp:sagemaker_program', '_train.py_']
    ])
  })

  it('knows the prefixes the action owns', () => {
    expect(isReservedKey('metric:auc')).toBe(true)
    expect(isReservedKey('register:fingerprint')).toBe(true)
    expect(isReservedKey('team')).toBe(false)
  })
})
