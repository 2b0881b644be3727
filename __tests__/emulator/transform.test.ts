// Batch transform as SageMaker documents it: SplitType, BatchStrategy and MaxPayloadInMB
// decide the requests; DataProcessing filters and joins records; every failure is a
// FailureReason.
import { beforeEach, describe, expect, it } from '@jest/globals'
import { gzipSync } from 'node:zlib'
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import {
  CreateTransformJobCommand,
  type CreateTransformJobCommandInput,
  DescribeTransformJobCommand,
  ListTransformJobsCommand,
  StopTransformJobCommand
} from '@aws-sdk/client-sagemaker'
import { approvedModel, expectAwsError, linear, useHarness, waitFor } from './helpers.ts'

const h = useHarness({ transformJobMs: 30 })

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z))

async function put(key: string, body: string | Buffer): Promise<void> {
  await h.s3.send(new PutObjectCommand({ Bucket: 'data', Key: key, Body: body }))
}

async function read(key: string): Promise<string> {
  const out = await h.s3.send(new GetObjectCommand({ Bucket: 'data', Key: key }))
  return out.Body!.transformToString()
}

function job(
  name: string,
  prefix: string,
  extra: Partial<CreateTransformJobCommandInput> = {},
  input: Partial<NonNullable<CreateTransformJobCommandInput['TransformInput']>> = {}
): CreateTransformJobCommandInput {
  return {
    TransformJobName: name,
    ModelName: 'scorer',
    TransformInput: {
      DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://data/${prefix}` } },
      ContentType: 'text/csv',
      SplitType: 'Line',
      ...input
    },
    TransformOutput: { S3OutputPath: `s3://data/out/${name}`, AssembleWith: 'Line' },
    TransformResources: { InstanceType: 'ml.m5.large', InstanceCount: 1 },
    ...extra
  }
}

async function finished(name: string) {
  return waitFor(
    () => h.sm.send(new DescribeTransformJobCommand({ TransformJobName: name })),
    r => r.TransformJobStatus !== 'InProgress' && r.TransformJobStatus !== 'Stopping'
  )
}

describe('DataProcessing', () => {
  beforeEach(async () => {
    await approvedModel(h, 'scorer', linear('binary', [1, -1], 0.5))
    await put('labelled/rows.csv', '1,2,0\n0,0,3\n1,4,4\n')
  })

  it('joins each prediction to its input row: InputFilter $[1:], JoinSource Input, OutputFilter $[0,-1]', async () => {
    await h.sm.send(
      new CreateTransformJobCommand(
        job('joined', 'labelled/', {
          DataProcessing: { InputFilter: '$[1:]', JoinSource: 'Input', OutputFilter: '$[0,-1]' }
        })
      )
    )
    const done = await finished('joined')
    expect(done.TransformJobStatus).toBe('Completed')
    expect(done.DataProcessing).toEqual({
      InputFilter: '$[1:]',
      JoinSource: 'Input',
      OutputFilter: '$[0,-1]'
    })
    const rows = (await read('out/joined/rows.csv.out')).trimEnd().split('\n')
    expect(rows.map(r => r.split(',')[0])).toEqual(['1', '0', '1'])
    expect(rows.map(r => Number(r.split(',')[1]))).toEqual([
      sigmoid(2 - 0 + 0.5),
      sigmoid(0 - 3 + 0.5),
      sigmoid(4 - 4 + 0.5)
    ])
  })

  it('joins without an OutputFilter: the whole input row, then the prediction', async () => {
    await h.sm.send(
      new CreateTransformJobCommand(
        job('whole', 'labelled/', { DataProcessing: { InputFilter: '$[1:]', JoinSource: 'Input' } })
      )
    )
    await finished('whole')
    const first = (await read('out/whole/rows.csv.out')).split('\n')[0]!
    expect(first).toBe(`1,2,0,${sigmoid(2.5)}`)
  })

  it('fails the job when the OutputFilter names a column outside the joined record', async () => {
    await h.sm.send(
      new CreateTransformJobCommand(
        job('outside', 'labelled/', {
          DataProcessing: { InputFilter: '$[1:]', JoinSource: 'Input', OutputFilter: '$[0,7]' }
        })
      )
    )
    const r = await finished('outside')
    expect(r.TransformJobStatus).toBe('Failed')
    expect(r.FailureReason).toMatch(
      /^ClientError: OutputFilter \$\[0,7\]: Index 7 is outside a record of 4 values/
    )
  })

  it('JSON Lines: $.features in, SageMakerOutput joined into objects and SageMakerInput around arrays', async () => {
    await put('json/a.jsonl', '{"id":"a","features":[2,0]}\n{"id":"b","features":[0,3]}\n')
    await h.sm.send(
      new CreateTransformJobCommand(
        job(
          'jsonl',
          'json/',
          {
            DataProcessing: {
              InputFilter: '$.features',
              JoinSource: 'Input',
              OutputFilter: "$['id','SageMakerOutput']"
            }
          },
          { ContentType: 'application/jsonlines' }
        )
      )
    )
    expect((await finished('jsonl')).TransformJobStatus).toBe('Completed')
    const lines = (await read('out/jsonl/a.jsonl.out'))
      .trimEnd()
      .split('\n')
      .map(l => JSON.parse(l))
    expect(lines).toEqual([
      { id: 'a', SageMakerOutput: { score: sigmoid(2.5), predicted_label: 1 } },
      { id: 'b', SageMakerOutput: { score: sigmoid(-2.5), predicted_label: 0 } }
    ])

    await put('arrays/a.jsonl', '[2,0]\n')
    await h.sm.send(
      new CreateTransformJobCommand(
        job(
          'arrays',
          'arrays/',
          { DataProcessing: { JoinSource: 'Input' } },
          {
            ContentType: 'application/jsonlines'
          }
        )
      )
    )
    await finished('arrays')
    expect(JSON.parse(await read('out/arrays/a.jsonl.out'))).toEqual({
      SageMakerInput: [2, 0],
      SageMakerOutput: { score: sigmoid(2.5), predicted_label: 1 }
    })
  })

  it('takes negative indexes, open slices and wildcards, and fails the job on operators SageMaker lacks', async () => {
    await put('wide/rows.csv', '9,1,0,7\n9,0,1,7\n')
    await h.sm.send(
      new CreateTransformJobCommand(
        job('slices', 'wide/', {
          DataProcessing: { InputFilter: '$[1:-1]', JoinSource: 'Input', OutputFilter: '$[-1,0]' }
        })
      )
    )
    expect((await finished('slices')).TransformJobStatus).toBe('Completed')
    expect(await read('out/slices/rows.csv.out')).toBe(`${sigmoid(1.5)},9\n${sigmoid(-0.5)},9\n`)
    await h.sm.send(
      new CreateTransformJobCommand(
        job('star', 'labelled/', { DataProcessing: { InputFilter: '$[1:]', OutputFilter: '$[*]' } })
      )
    )
    expect(await finished('star').then(() => read('out/star/rows.csv.out'))).toBe(
      `${sigmoid(2.5)}\n${sigmoid(-2.5)}\n${sigmoid(0.5)}\n`
    )
    await h.sm.send(
      new CreateTransformJobCommand(
        job('deep', 'labelled/', { DataProcessing: { InputFilter: '$..features' } })
      )
    )
    const r = await finished('deep')
    expect(r.TransformJobStatus).toBe('Failed')
    expect(r.FailureReason).toBe(
      'ClientError: InputFilter $..features: Unsupported JSONPath expression "$..features".'
    )
  })

  it('refuses DataProcessing members outside their constraints', async () => {
    const err = await expectAwsError(
      h.sm.send(
        new CreateTransformJobCommand(
          job('bad-dp', 'labelled/', {
            DataProcessing: {
              InputFilter: `$[${'1,'.repeat(40)}1]`,
              JoinSource: 'Both' as 'Input'
            }
          })
        )
      ),
      'ValidationException'
    )
    expect(err.message).toMatch(/^2 validation errors detected/)
    expect(err.message).toMatch(
      /at 'dataProcessing.inputFilter' failed to satisfy constraint: Member must have length less than or equal to 63/
    )
    expect(err.message).toMatch(
      /at 'dataProcessing.joinSource' failed to satisfy constraint: Member must satisfy enum value set: \[Input, None\]/
    )
  })
})

describe('outputs per task and format', () => {
  it('multiclass probabilities and regression values, in CSV or JSON Lines by Accept', async () => {
    await put('x/rows.csv', '1,0\n0,1\n')
    await approvedModel(
      h,
      'multi',
      JSON.stringify({
        format: 'sagemaker-model-gate/linear-v1',
        task: 'multiclass',
        weights: [
          [1, 0],
          [0, 1],
          [0, 0]
        ],
        bias: [0, 0, 0],
        output: 'probabilities'
      })
    )
    await approvedModel(h, 'reg', linear('regression', [2, 3], 1))
    await h.sm.send(new CreateTransformJobCommand({ ...job('mc-csv', 'x/'), ModelName: 'multi' }))
    const jsonOut = job('mc-json', 'x/')
    jsonOut.TransformOutput!.Accept = 'application/jsonlines'
    await h.sm.send(new CreateTransformJobCommand({ ...jsonOut, ModelName: 'multi' }))
    await h.sm.send(new CreateTransformJobCommand({ ...job('reg', 'x/'), ModelName: 'reg' }))
    for (const name of ['mc-csv', 'mc-json', 'reg'])
      expect((await finished(name)).TransformJobStatus).toBe('Completed')
    const e = Math.E
    const p = [e / (e + 2), 1 / (e + 2), 1 / (e + 2)]
    const near = (got: number[], want: number[]) => {
      expect(got).toHaveLength(want.length)
      got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, 14))
    }
    near((await read('out/mc-csv/rows.csv.out')).split('\n')[0]!.split(',').map(Number), p)
    const json = (await read('out/mc-json/rows.csv.out'))
      .trimEnd()
      .split('\n')
      .map(l => JSON.parse(l) as { score: number[]; predicted_label: number })
    expect(json.map(j => j.predicted_label)).toEqual([0, 1])
    near(json[0]!.score, p)
    near(json[1]!.score, [p[1]!, p[0]!, p[2]!])
    expect(await read('out/reg/rows.csv.out')).toBe('3\n4\n')
  })
})

describe('requests and payload limits', () => {
  beforeEach(async () => {
    await approvedModel(h, 'scorer', linear('regression', [1], 0))
  })

  it('MultiRecord packs records up to MaxPayloadInMB; SingleRecord sends one each', async () => {
    // 300 records of about 10 KB each: 3 MB in all, so a 1 MB payload takes 3 requests.
    const row = `${'0'.repeat(10238)}1`
    await put('big/rows.csv', `${row}\n`.repeat(300))
    await h.sm.send(
      new CreateTransformJobCommand(
        job('multi', 'big/', { BatchStrategy: 'MultiRecord', MaxPayloadInMB: 1 })
      )
    )
    await h.sm.send(
      new CreateTransformJobCommand(job('single', 'big/', { BatchStrategy: 'SingleRecord' }))
    )
    expect((await finished('multi')).TransformJobStatus).toBe('Completed')
    expect((await finished('single')).TransformJobStatus).toBe('Completed')
    expect(h.emu.stats().transform).toEqual({ multi: 3, single: 300 })
    expect(await read('out/multi/rows.csv.out')).toBe('1\n'.repeat(300))
  })

  it('transforms an object of 200,000 rows in one job', async () => {
    const rows = Array.from({ length: 200000 }, (_, i) => `${i}`).join('\n')
    await put('many/rows.csv', `${rows}\n`)
    await h.sm.send(new CreateTransformJobCommand(job('many', 'many/')))
    const r = await finished('many')
    expect(r.FailureReason).toBeUndefined()
    expect(r.TransformJobStatus).toBe('Completed')
    expect(await read('out/many/rows.csv.out')).toBe(`${rows}\n`)
    // 200,000 short rows fit in 6 MB payloads: one request would do, SageMaker sends 1.
    expect(h.emu.stats().transform).toEqual({ many: 1 })
  })

  it('fails when one record is larger than MaxPayloadInMB', async () => {
    await put('huge/rows.csv', `1\n${'0'.repeat(1024 * 1024 + 10)}1\n`)
    await h.sm.send(new CreateTransformJobCommand(job('huge', 'huge/', { MaxPayloadInMB: 1 })))
    const r = await finished('huge')
    expect(r.TransformJobStatus).toBe('Failed')
    expect(r.FailureReason).toMatch(
      /^ClientError: A record of 1048588 bytes is larger than MaxPayloadInMB \(1 MB\)/
    )
  })

  it('refuses MaxConcurrentTransforms * MaxPayloadInMB above 100 MB', async () => {
    await expectAwsError(
      h.sm.send(
        new CreateTransformJobCommand(
          job('greedy', 'x/', { MaxConcurrentTransforms: 4, MaxPayloadInMB: 30 })
        )
      ),
      'ValidationException',
      400,
      /MaxConcurrentTransforms \(4\) \* MaxPayloadInMB \(30\) must not exceed 100 MB/
    )
  })

  it('reads Gzip input and a ManifestFile', async () => {
    await put('gz/rows.csv.gz', gzipSync('5\n6\n'))
    await h.sm.send(
      new CreateTransformJobCommand(job('gz', 'gz/', {}, { CompressionType: 'Gzip' }))
    )
    expect((await finished('gz')).TransformJobStatus).toBe('Completed')
    expect(await read('out/gz/rows.csv.gz.out')).toBe('5\n6\n')

    await put('m/one.csv', '7\n')
    await put('m/two.csv', '8\n')
    await put('manifest.json', JSON.stringify([{ prefix: 's3://data/m/' }, 'two.csv', 'one.csv']))
    await h.sm.send(
      new CreateTransformJobCommand(
        job(
          'manifest',
          'x/',
          {},
          {
            DataSource: {
              S3DataSource: { S3DataType: 'ManifestFile', S3Uri: 's3://data/manifest.json' }
            }
          }
        )
      )
    )
    expect((await finished('manifest')).TransformJobStatus).toBe('Completed')
    expect(await read('out/manifest/one.csv.out')).toBe('7\n')
    expect(await read('out/manifest/two.csv.out')).toBe('8\n')
  })
})

describe('lifecycle', () => {
  it('lists jobs by status through InProgress, Completed, Failed, Stopping and Stopped', async () => {
    // Long enough that a loaded machine still lists the jobs in flight; reset() keeps delays.
    h.emu.setDelays({ transformJobMs: 500, transformStopMs: 500 })
    await approvedModel(h, 'scorer', linear('regression', [1], 0))
    await approvedModel(h, 'broken', JSON.stringify({ bad: true }))
    await put('l/rows.csv', '1\n')
    await h.sm.send(new CreateTransformJobCommand(job('a-ok', 'l/')))
    await h.sm.send(new CreateTransformJobCommand({ ...job('b-bad', 'l/'), ModelName: 'broken' }))
    await h.sm.send(new CreateTransformJobCommand(job('c-stop', 'l/')))
    await h.sm.send(new StopTransformJobCommand({ TransformJobName: 'c-stop' }))
    const byStatus = async (s: 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped') =>
      (
        await h.sm.send(new ListTransformJobsCommand({ StatusEquals: s }))
      ).TransformJobSummaries?.map(j => j.TransformJobName)
    try {
      expect(await byStatus('InProgress')).toEqual(['b-bad', 'a-ok'])
      expect(await byStatus('Stopping')).toEqual(['c-stop'])
      for (const n of ['a-ok', 'b-bad', 'c-stop']) await finished(n)
    } finally {
      h.emu.setDelays({ transformJobMs: 30, transformStopMs: 50 })
    }
    expect(await byStatus('Completed')).toEqual(['a-ok'])
    expect(await byStatus('Stopped')).toEqual(['c-stop'])
    const failed = await h.sm.send(new ListTransformJobsCommand({ StatusEquals: 'Failed' }))
    expect(failed.TransformJobSummaries?.[0]?.FailureReason).toMatch(
      /^ClientError: Failed to load the model: .*marked bad/
    )
    const byName = await h.sm.send(
      new ListTransformJobsCommand({ SortBy: 'Name', SortOrder: 'Ascending' })
    )
    expect(byName.TransformJobSummaries?.map(j => j.TransformJobName)).toEqual([
      'a-ok',
      'b-bad',
      'c-stop'
    ])
    await expectAwsError(
      h.sm.send(new ListTransformJobsCommand({ StatusEquals: 'Done' as 'Completed' })),
      'ValidationException',
      400,
      /statusEquals/
    )
  })
})
