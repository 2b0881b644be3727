import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DescribeTrainingJobCommand } from '@aws-sdk/client-sagemaker'
import { GetObjectCommand } from '@aws-sdk/client-s3'
import 'aws-sdk-client-mock-jest'
import { fakeContext } from '../../__fixtures__/context.js'
import { FakeRegistry, metrics, packageArn, sha256 } from '../../__fixtures__/gate/registry.js'
import { readVersionMetrics } from '../../src/registry/metrics.js'
import type { PackageDescription } from '../../src/registry/versions.js'

const STATISTICS = join(
  import.meta.dirname,
  '../../__fixtures__/gate/model-quality-statistics.json'
)
const URI = 's3://evals/churn/v4/statistics.json'

let reg: FakeRegistry

beforeEach(() => {
  reg = new FakeRegistry()
})

afterEach(() => {
  reg.restore()
})

function pkg(options: {
  metadata?: Record<string, string>
  statistics?: { S3Uri: string; ContentDigest?: string }
}): PackageDescription {
  return {
    $metadata: {},
    ModelPackageArn: packageArn(4),
    ModelPackageVersion: 4,
    CustomerMetadataProperties: options.metadata,
    ModelMetrics: options.statistics
      ? { ModelQuality: { Statistics: { ContentType: 'application/json', ...options.statistics } } }
      : undefined
  } as PackageDescription
}

function read(description: PackageDescription, needed: string[]) {
  const { ctx } = fakeContext()
  return readVersionMetrics({ sagemaker: ctx.aws.sagemaker, s3: ctx.aws.s3 }, description, needed)
}

describe('readVersionMetrics', () => {
  it('uses the metadata mirror alone when it has every needed metric', async () => {
    const result = await read(
      pkg({
        metadata: {
          ...metrics({ auc: 0.9, 'validation:logloss': 0.3 }),
          'source:training-job': 'job'
        },
        statistics: { S3Uri: URI }
      }),
      ['auc']
    )
    expect(result).toEqual({
      metrics: { auc: 0.9, 'validation:logloss': 0.3 },
      origin: { auc: 'metadata', 'validation:logloss': 'metadata' },
      standardDeviations: {},
      notes: []
    })
    expect(reg.s3).not.toHaveReceivedCommand(GetObjectCommand)
    expect(reg.sagemaker).not.toHaveReceivedCommand(DescribeTrainingJobCommand)
  })

  it('reads a model-quality statistics file whose digest matches', async () => {
    const digest = reg.putObject(URI, await readFile(STATISTICS, 'utf8'))
    const result = await read(pkg({ statistics: { S3Uri: URI, ContentDigest: digest } }), [
      'auc',
      'f1'
    ])
    expect(result.metrics).toEqual({ accuracy: 0.91, auc: 0.93, f1: 0.873 })
    expect(result.origin.auc).toBe('statistics')
    expect(result.notes).toEqual([])
  })

  it('accepts the digest in upper case, as SageMaker allows', async () => {
    const digest = reg.putObject(URI, '{"auc": 0.9}')
    const upper = `SHA256:${digest.slice('sha256:'.length).toUpperCase()}`
    const result = await read(pkg({ statistics: { S3Uri: URI, ContentDigest: upper } }), ['auc'])
    expect(result.metrics).toEqual({ auc: 0.9 })
  })

  it('verifies the digest over the stored bytes, a byte-order mark included', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"auc": 0.88}')])
    reg.putObject(URI, bytes)
    const result = await read(
      pkg({ statistics: { S3Uri: URI, ContentDigest: `sha256:${sha256(bytes)}` } }),
      ['auc']
    )
    expect(result.notes).toEqual([])
    expect(result.metrics).toEqual({ auc: 0.88 })
  })

  it('does not use statistics whose content does not match the digest', async () => {
    const digest = reg.putObject(URI, '{"auc": 0.80}')
    reg.putObject(URI, '{"auc": 0.99}')
    const result = await read(pkg({ statistics: { S3Uri: URI, ContentDigest: digest } }), ['auc'])
    expect(result.metrics).toEqual({})
    expect(result.notes).toEqual([
      `v4: the statistics at ${URI} do not match their recorded ContentDigest; they were not used.`
    ])
  })

  it('does not use statistics whose digest cannot be read', async () => {
    reg.putObject(URI, '{"auc": 0.9}')
    const result = await read(pkg({ statistics: { S3Uri: URI, ContentDigest: 'md5:abc' } }), [
      'auc'
    ])
    expect(result.metrics).toEqual({})
    expect(result.notes[0]).toContain('do not match their recorded ContentDigest')
  })

  it('uses statistics without a digest, and says they were not verified', async () => {
    reg.putObject(URI, '{"auc": 0.9}')
    const result = await read(pkg({ statistics: { S3Uri: URI } }), ['auc'])
    expect(result.metrics).toEqual({ auc: 0.9 })
    expect(result.notes).toEqual([
      `v4: the statistics at ${URI} have no ContentDigest, so they were used unverified.`
    ])
  })

  it('notes an unreadable statistics file and goes on to the training job', async () => {
    reg.trainingJobs.set('churn-train-4', [{ name: 'auc', value: 0.87 }])
    const result = await read(
      pkg({ metadata: { 'source:training-job': 'churn-train-4' }, statistics: { S3Uri: URI } }),
      ['auc']
    )
    expect(result.metrics).toEqual({ auc: 0.87 })
    expect(result.origin).toEqual({ auc: 'training-job' })
    expect(result.notes).toEqual([
      `v4: could not read ${URI}: The specified key does not exist: ${URI}`
    ])
  })

  it('prefers the metadata mirror over later sources for the same metric', async () => {
    reg.putObject(URI, '{"auc": 0.5, "f1": 0.7}')
    const result = await read(
      pkg({ metadata: metrics({ auc: 0.9 }), statistics: { S3Uri: URI } }),
      ['auc', 'f1']
    )
    expect(result.metrics).toEqual({ auc: 0.9, f1: 0.7 })
    expect(result.origin).toEqual({ auc: 'metadata', f1: 'statistics' })
  })

  it('notes a training job that cannot be read and returns what it has', async () => {
    const result = await read(
      pkg({ metadata: { ...metrics({ f1: 0.8 }), 'source:training-job': 'gone' } }),
      ['auc']
    )
    expect(result.metrics).toEqual({ f1: 0.8 })
    expect(result.notes).toEqual([
      'v4: could not read training job gone: Requested resource not found: gone'
    ])
    expect(reg.sagemaker).toHaveReceivedCommandWith(DescribeTrainingJobCommand, {
      TrainingJobName: 'gone'
    })
  })

  it('ignores mirrored values that are not finite numbers', async () => {
    const result = await read(pkg({ metadata: { 'metric:auc': 'NaN', 'metric:f1': '0.8' } }), [
      'f1'
    ])
    expect(result.metrics).toEqual({ f1: 0.8 })
  })
})
