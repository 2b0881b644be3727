// The emulator's path-style S3 through @aws-sdk/client-s3.
import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand
} from '@aws-sdk/client-s3'
import { expectAwsError, useHarness } from './helpers.ts'

const h = useHarness()

describe('S3', () => {
  it('puts, heads, gets and deletes an object with its type and metadata', async () => {
    await h.s3.send(new CreateBucketCommand({ Bucket: 'models' }))
    const put = await h.s3.send(
      new PutObjectCommand({
        Bucket: 'models',
        Key: 'dir/m.json',
        Body: '{"a":1}',
        ContentType: 'application/json',
        Metadata: { commit: 'abc' }
      })
    )
    expect(put.ETag).toBe(`"${createHash('md5').update('{"a":1}').digest('hex')}"`)
    const head = await h.s3.send(new HeadObjectCommand({ Bucket: 'models', Key: 'dir/m.json' }))
    expect(head).toMatchObject({
      ContentType: 'application/json',
      ContentLength: 7,
      Metadata: { commit: 'abc' },
      ETag: put.ETag
    })
    expect(head.LastModified).toBeInstanceOf(Date)
    const got = await h.s3.send(new GetObjectCommand({ Bucket: 'models', Key: 'dir/m.json' }))
    expect(await got.Body!.transformToString()).toBe('{"a":1}')
    expect(got.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/)
    await h.s3.send(new DeleteObjectCommand({ Bucket: 'models', Key: 'dir/m.json' }))
    await expectAwsError(
      h.s3.send(new GetObjectCommand({ Bucket: 'models', Key: 'dir/m.json' })),
      'NoSuchKey',
      404,
      /The specified key does not exist/
    )
    await expectAwsError(
      h.s3.send(new HeadObjectCommand({ Bucket: 'models', Key: 'dir/m.json' })),
      'NotFound',
      404
    )
    expect(h.emu.stats().s3).toEqual({
      CreateBucket: 1,
      PutObject: 1,
      HeadObject: 2,
      GetObject: 2,
      DeleteObject: 1
    })
  })

  it('stores streamed uploads (aws-chunked with a trailing checksum) byte for byte', async () => {
    const data = Buffer.alloc(3 * 1024 * 1024 + 17, 'ab')
    await h.s3.send(
      new PutObjectCommand({
        Bucket: 'b',
        Key: 'big.bin',
        Body: Readable.from([data.subarray(0, 1000), data.subarray(1000)]),
        ContentLength: data.length
      })
    )
    const got = await h.s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'big.bin' }))
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(data)).toBe(true)
  })

  it('keeps keys with spaces and unicode intact', async () => {
    await h.s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'a dir/ü+x.csv', Body: 'z' }))
    const got = await h.s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'a dir/ü+x.csv' }))
    expect(await got.Body!.transformToString()).toBe('z')
    const list = await h.s3.send(new ListObjectsV2Command({ Bucket: 'b' }))
    expect(list.Contents?.map(c => c.Key)).toEqual(['a dir/ü+x.csv'])
  })

  it('lists with prefix, delimiter and continuation tokens', async () => {
    for (const key of [
      'in/a.csv',
      'in/b.csv',
      'in/c.csv',
      'in/sub/d.csv',
      'in/sub/e.csv',
      'other/x'
    ])
      await h.s3.send(new PutObjectCommand({ Bucket: 'b', Key: key, Body: key }))
    const flat = await h.s3.send(
      new ListObjectsV2Command({ Bucket: 'b', Prefix: 'in/', Delimiter: '/' })
    )
    expect(flat.Contents?.map(c => c.Key)).toEqual(['in/a.csv', 'in/b.csv', 'in/c.csv'])
    expect(flat.CommonPrefixes?.map(p => p.Prefix)).toEqual(['in/sub/'])
    expect(flat.Contents?.[0]?.Size).toBe(8)

    const keys: string[] = []
    let token: string | undefined
    let pages = 0
    do {
      const page = await h.s3.send(
        new ListObjectsV2Command({
          Bucket: 'b',
          Prefix: 'in/',
          MaxKeys: 2,
          ContinuationToken: token
        })
      )
      keys.push(...(page.Contents ?? []).map(c => c.Key!))
      expect(page.KeyCount).toBeLessThanOrEqual(2)
      token = page.IsTruncated ? page.NextContinuationToken : undefined
      pages++
    } while (token)
    expect(pages).toBe(3)
    expect(keys).toEqual(['in/a.csv', 'in/b.csv', 'in/c.csv', 'in/sub/d.csv', 'in/sub/e.csv'])
    const missing = await expectAwsError(
      h.s3.send(new ListObjectsV2Command({ Bucket: 'never-used' })),
      'NoSuchBucket',
      404,
      /The specified bucket does not exist/
    )
    expect(missing.BucketName).toBe('never-used')
  })

  it('refuses a bad max-keys and a continuation token it did not issue for the bucket', async () => {
    for (const key of ['a', 'b', 'c'])
      await h.s3.send(new PutObjectCommand({ Bucket: 'b', Key: key, Body: key }))
    const err = await expectAwsError(
      h.s3.send(new ListObjectsV2Command({ Bucket: 'b', MaxKeys: -1 })),
      'InvalidArgument',
      400
    )
    expect(err.ArgumentName).toBe('max-keys')
    await expectAwsError(
      h.s3.send(new ListObjectsV2Command({ Bucket: 'b', ContinuationToken: 'garbage' })),
      'InvalidArgument',
      400,
      /continuation token provided is incorrect/
    )
    const page = await h.s3.send(new ListObjectsV2Command({ Bucket: 'b', MaxKeys: 1 }))
    expect(page.IsTruncated).toBe(true)
    await h.s3.send(new PutObjectCommand({ Bucket: 'other', Key: 'x', Body: 'x' }))
    await expectAwsError(
      h.s3.send(
        new ListObjectsV2Command({ Bucket: 'other', ContinuationToken: page.NextContinuationToken })
      ),
      'InvalidArgument'
    )
    const next = await h.s3.send(
      new ListObjectsV2Command({ Bucket: 'b', ContinuationToken: page.NextContinuationToken })
    )
    expect(next.Contents?.map(c => c.Key)).toEqual(['b', 'c'])
    expect(next.ContinuationToken).toBe(page.NextContinuationToken)
  })

  it('answers throttled S3 calls with SlowDown (503) and fails queued calls by name', async () => {
    h.emu.setFaults({ throttleRate: { GetObject: 1 } })
    await expectAwsError(
      h.s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' })),
      'SlowDown',
      503
    )
    h.emu.setFaults({
      throttleRate: 0,
      failNext: { PutObject: { count: 1, error: 'InternalError', status: 500 } }
    })
    await expectAwsError(
      h.s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x' })),
      'InternalError',
      500
    )
    await h.s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x' }))
    expect(h.emu.stats().s3).toEqual({ GetObject: 1, PutObject: 2 })
  })
})
