import { beforeEach, describe, expect, it } from '@jest/globals'
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { mockClient } from 'aws-sdk-client-mock'
import 'aws-sdk-client-mock-jest'
import { fakeContext } from '../../__fixtures__/context.js'
import {
  contentDigest,
  formatS3Uri,
  getObjectText,
  joinS3Key,
  parseS3Uri,
  putObject,
  sha256Hex
} from '../../src/registry/s3.js'

const s3 = mockClient(S3Client)
beforeEach(() => {
  s3.reset()
})

describe('S3 URIs', () => {
  it.each([
    ['s3://acme-metrics', { bucket: 'acme-metrics', key: '' }],
    ['s3://acme-metrics/', { bucket: 'acme-metrics', key: '' }],
    ['s3://acme.metrics/a/b/c.json', { bucket: 'acme.metrics', key: 'a/b/c.json' }]
  ])('parses %s', (uri, expected) => {
    expect(parseS3Uri(uri, 'metrics-s3-uri')).toEqual(expected)
  })

  it.each(['https://acme/x', 's3://acme/a b', 'S3://acme/x'])(
    'rejects %s naming the input',
    uri => {
      expect(() => parseS3Uri(uri, 'metrics-s3-uri')).toThrow(
        `Input "metrics-s3-uri" must be an S3 URI such as s3://bucket/prefix; got "${uri}".`
      )
    }
  )

  it.each([
    ['s3://', ''],
    ['s3://Acme/x', 'Acme'],
    ['s3://ab', 'ab'],
    ['s3://b/k/model.tar.gz', 'b'],
    ['s3://-acme/x', '-acme']
  ])('rejects %s saying what is wrong with its bucket', (uri, bucket) => {
    expect(() => parseS3Uri(uri, 'metrics-s3-uri')).toThrow(
      `Input "metrics-s3-uri" must be an S3 URI such as s3://bucket/prefix (bucket "${bucket}" is not an S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit); got "${uri}".`
    )
  })

  it('joins keys with single slashes and formats URIs', () => {
    expect(joinS3Key('registry/', '/churn/', 'abc', 'statistics.json')).toBe(
      'registry/churn/abc/statistics.json'
    )
    expect(joinS3Key('', 'churn', 'x.json')).toBe('churn/x.json')
    expect(formatS3Uri({ bucket: 'b', key: 'k/x.json' })).toBe('s3://b/k/x.json')
  })
})

describe('digests', () => {
  it('is sha256 in the form ContentDigest accepts', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
    )
    const digest = contentDigest('abc')
    expect(digest).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(digest).toMatch(/^[Ss][Hh][Aa]256:[0-9a-fA-F]{64}$/)
    expect(digest.length).toBeLessThanOrEqual(72)
  })
})

describe('objects', () => {
  it('puts and reads text', async () => {
    s3.on(PutObjectCommand).resolves({})
    s3.on(GetObjectCommand, { Bucket: 'b', Key: 'k.json' }).resolves({
      // The SDK's stream mixin, reduced to the method getObjectText uses.
      Body: {
        transformToString: async (encoding?: string) => (encoding === 'utf-8' ? '{"auc": 0.9}' : '')
      } as never
    })
    const { ctx } = fakeContext()
    await putObject(ctx.aws.s3, { bucket: 'b', key: 'k.json' }, '{}', 'application/json')
    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, {
      Bucket: 'b',
      Key: 'k.json',
      Body: '{}',
      ContentType: 'application/json'
    })
    await expect(getObjectText(ctx.aws.s3, { bucket: 'b', key: 'k.json' })).resolves.toBe(
      '{"auc": 0.9}'
    )
  })
})
