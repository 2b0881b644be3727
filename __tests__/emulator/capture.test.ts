// Data capture and InferenceId as Model Monitor documents them, and the control API's
// variant knobs (latency, a worse model) that A/B tests need.
import { describe, expect, it } from '@jest/globals'
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch'
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3'
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  type CreateEndpointConfigCommandInput,
  DescribeEndpointCommand
} from '@aws-sdk/client-sagemaker'
import {
  InvokeEndpointCommand,
  type InvokeEndpointCommandInput
} from '@aws-sdk/client-sagemaker-runtime'
import { approvedModel, expectAwsError, inService, linear, useHarness } from './helpers.ts'

const h = useHarness({ captureDeliveryMs: 30 })

type Capture = CreateEndpointConfigCommandInput['DataCaptureConfig']

async function deployAb(capture: Capture, weights = [1, 1]): Promise<void> {
  await approvedModel(h, 'va', linear('binary', [1], 0))
  await approvedModel(h, 'vb', linear('binary', [-1], 0))
  await h.sm.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: 'ab-cfg',
      ProductionVariants: ['va', 'vb'].map((m, i) => ({
        VariantName: m === 'va' ? 'A' : 'B',
        ModelName: m,
        InstanceType: 'ml.m5.large',
        InitialInstanceCount: 1,
        InitialVariantWeight: weights[i]
      })),
      DataCaptureConfig: capture
    })
  )
  await h.sm.send(new CreateEndpointCommand({ EndpointName: 'ab', EndpointConfigName: 'ab-cfg' }))
  await inService(h, 'ab')
}

const invoke = (input: Partial<InvokeEndpointCommandInput> & { Body: string }) =>
  h.rt.send(
    new InvokeEndpointCommand({
      EndpointName: 'ab',
      ContentType: 'text/csv',
      ...input,
      Body: Buffer.from(input.Body)
    })
  )

interface CapturedLine {
  captureData: Record<string, unknown>
  eventMetadata: { eventId: string; inferenceId?: string; inferenceTime: string }
  eventVersion: string
}

async function captured(prefix: string): Promise<{ key: string; lines: CapturedLine[] }[]> {
  const listed = await h.s3.send(new ListObjectsV2Command({ Bucket: 'capture', Prefix: prefix }))
  const out = []
  for (const o of listed.Contents ?? []) {
    const body = await h.s3.send(new GetObjectCommand({ Bucket: 'capture', Key: o.Key }))
    const text = await body.Body!.transformToString()
    out.push({
      key: o.Key!,
      lines: text
        .trimEnd()
        .split('\n')
        .map(l => JSON.parse(l))
    })
  }
  return out
}

const FULL: Capture = {
  EnableCapture: true,
  InitialSamplingPercentage: 100,
  DestinationS3Uri: 's3://capture/dc',
  CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
  CaptureContentTypeHeader: { CsvContentTypes: ['text/csv'] }
}

describe('data capture', () => {
  it('writes JSON lines per variant under <prefix>/<endpoint>/<variant>/yyyy/mm/dd/hh/', async () => {
    h.emu.setDelays({ captureDeliveryMs: 60000 })
    await deployAb(FULL)
    const before = new Date()
    const answers = []
    for (let i = 0; i < 4; i++)
      answers.push(await invoke({ Body: `${i}\n`, InferenceId: `req-${i}` }))
    // Nothing is delivered yet: the destination bucket does not even exist.
    await expectAwsError(
      h.s3.send(new ListObjectsV2Command({ Bucket: 'capture', Prefix: 'dc/' })),
      'NoSuchBucket',
      404
    )
    expect(h.emu.flushCapture()).toBe(4)
    const files = await captured('dc/')
    const hour = `${before.getUTCFullYear()}/${String(before.getUTCMonth() + 1).padStart(2, '0')}/${String(before.getUTCDate()).padStart(2, '0')}/${String(before.getUTCHours()).padStart(2, '0')}`
    expect(files.map(f => f.key.replace(/\/[^/]+$/, '')).sort()).toEqual([
      `dc/ab/A/${hour}`,
      `dc/ab/B/${hour}`
    ])
    for (const f of files) expect(f.key).toMatch(/\/\d{2}-\d{2}-\d{3}-[0-9a-f-]{36}\.jsonl$/)
    const lines = files.flatMap(f => f.lines.map(l => ({ ...l, variant: f.key.split('/')[2] })))
    expect(lines).toHaveLength(4)
    const first = lines.find(l => l.eventMetadata.inferenceId === 'req-0')!
    const answer0 = answers[0]!
    expect(first).toEqual({
      captureData: {
        endpointInput: {
          observedContentType: 'text/csv',
          mode: 'INPUT',
          data: '0\n',
          encoding: 'CSV'
        },
        endpointOutput: {
          observedContentType: 'text/csv',
          mode: 'OUTPUT',
          data: Buffer.from(answer0.Body!).toString(),
          encoding: 'CSV'
        }
      },
      eventMetadata: {
        eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        inferenceId: 'req-0',
        inferenceTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
      },
      eventVersion: '0',
      variant: answer0.InvokedProductionVariant
    })
    expect(new Set(lines.map(l => l.eventMetadata.eventId)).size).toBe(4)
  })

  it('base64-encodes types the CaptureContentTypeHeader does not list, and captures only the chosen side', async () => {
    h.emu.setDelays({ captureDeliveryMs: 30 })
    await deployAb({
      InitialSamplingPercentage: 100,
      DestinationS3Uri: 's3://capture/in-only/',
      CaptureOptions: [{ CaptureMode: 'Input' }]
    })
    await invoke({ Body: '1\n' })
    h.emu.flushCapture()
    const [file] = await captured('in-only/')
    const line = file!.lines[0]!
    expect(line.captureData).toEqual({
      endpointInput: {
        observedContentType: 'text/csv',
        mode: 'INPUT',
        data: Buffer.from('1\n').toString('base64'),
        encoding: 'BASE64'
      }
    })
    expect(line.eventMetadata.inferenceId).toBeUndefined()
  })

  it('samples InitialSamplingPercentage of the requests', async () => {
    h.emu.setDelays({ captureDeliveryMs: 60000 })
    await deployAb({ ...FULL, InitialSamplingPercentage: 30 })
    for (let i = 0; i < 400; i++) await invoke({ Body: '1\n' })
    const n = h.emu.flushCapture()
    expect(n).toBeGreaterThan(400 * 0.3 - 40)
    expect(n).toBeLessThan(400 * 0.3 + 40)
    const d = await h.sm.send(new DescribeEndpointCommand({ EndpointName: 'ab' }))
    expect(d.DataCaptureConfig).toEqual({
      EnableCapture: true,
      CaptureStatus: 'Started',
      CurrentSamplingPercentage: 30,
      DestinationS3Uri: 's3://capture/dc'
    })
  })

  it('refuses a DataCaptureConfig outside its constraints', async () => {
    await approvedModel(h, 'va', linear('binary', [1], 0))
    const err = await expectAwsError(
      h.sm.send(
        new CreateEndpointConfigCommand({
          EndpointConfigName: 'bad',
          ProductionVariants: [
            {
              VariantName: 'A',
              ModelName: 'va',
              InstanceType: 'ml.m5.large',
              InitialInstanceCount: 1
            }
          ],
          DataCaptureConfig: {
            InitialSamplingPercentage: 101,
            DestinationS3Uri: 'ftp://x',
            CaptureOptions: [{ CaptureMode: 'Both' as 'Input' }],
            CaptureContentTypeHeader: { CsvContentTypes: ['csv'] }
          }
        })
      ),
      'ValidationException'
    )
    expect(err.message).toMatch(/^4 validation errors detected/)
    for (const member of [
      'initialSamplingPercentage',
      'destinationS3Uri',
      'captureOptions.1.member.captureMode',
      'captureContentTypeHeader.csvContentTypes'
    ])
      expect(err.message).toContain(`at 'dataCaptureConfig.${member}'`)
  })
})

describe('InferenceId', () => {
  it('refuses an id longer than 64 characters', async () => {
    await deployAb(FULL)
    await expectAwsError(
      invoke({ Body: '1\n', InferenceId: 'x'.repeat(65) }),
      'ValidationError',
      400,
      /at 'inferenceId' failed to satisfy constraint: Member must have length less than or equal to 64/
    )
    expect(
      new TextDecoder().decode((await invoke({ Body: '1\n', InferenceId: 'x'.repeat(64) })).Body)
    ).toMatch(/^[\d.eE+-]+\s*$/)
  })
})

describe('variant knobs (control API)', () => {
  const control = (body: unknown) =>
    fetch(`${h.emu.url}/_emulator/variants`, { method: 'POST', body: JSON.stringify(body) })

  it('serves a different model on one variant, and refuses unknown endpoints, variants and bad artifacts', async () => {
    await deployAb(FULL)
    const res = await control({
      endpointName: 'ab',
      variantName: 'B',
      artifact: { format: 'sagemaker-model-gate/linear-v1', task: 'binary', weights: [0], bias: 0 }
    })
    expect(res.status).toBe(200)
    const r = await invoke({ Body: '5\n', TargetVariant: 'B' })
    expect(Buffer.from(r.Body!).toString()).toBe('0.5\n')
    expect(Buffer.from((await invoke({ Body: '0\n', TargetVariant: 'A' })).Body!).toString()).toBe(
      '0.5\n'
    )
    const ghost = await control({ endpointName: 'ab', variantName: 'C' })
    expect(ghost.status).toBe(400)
    expect(await ghost.json()).toEqual({
      error: 'Endpoint ab serves no variant "C" (it serves A, B)'
    })
    const bad = await control({ endpointName: 'ab', variantName: 'B', artifact: { bad: true } })
    expect(bad.status).toBe(400)
    expect((await control({ endpointName: 'nope', variantName: 'B' })).status).toBe(400)
  })

  it('adds latency to one variant only: its ModelLatency grows, the other variant keeps its own', async () => {
    await deployAb(FULL)
    expect((await control({ endpointName: 'ab', variantName: 'B', latencyMs: 60 })).status).toBe(
      200
    )
    for (const v of ['A', 'B', 'A', 'B']) await invoke({ Body: '1\n', TargetVariant: v })
    const cleared = new Date()
    await control({ endpointName: 'ab', variantName: 'B', latencyMs: 0 })
    await invoke({ Body: '1\n', TargetVariant: 'B' })
    const latency = async (
      variant: string,
      stat: string,
      from: Date,
      to = new Date(Date.now() + 60e3)
    ) => {
      const r = await h.cw.send(
        new GetMetricDataCommand({
          StartTime: from,
          EndTime: to,
          MetricDataQueries: [
            {
              Id: 'q',
              MetricStat: {
                Metric: {
                  Namespace: 'AWS/SageMaker',
                  MetricName: 'ModelLatency',
                  Dimensions: [
                    { Name: 'EndpointName', Value: 'ab' },
                    { Name: 'VariantName', Value: variant }
                  ]
                },
                Period: 1,
                Stat: stat
              }
            }
          ]
        })
      )
      return r.MetricDataResults![0]!.Values!
    }
    const hourAgo = new Date(Date.now() - 3600e3)
    expect(Math.min(...(await latency('B', 'Minimum', hourAgo, cleared)))).toBeGreaterThanOrEqual(
      59000
    )
    expect(Math.max(...(await latency('A', 'Maximum', hourAgo)))).toBeLessThan(40000)
    const after = await latency('B', 'Maximum', new Date(cleared.getTime() + 1))
    expect(after.length).toBeGreaterThan(0)
    expect(Math.max(...after)).toBeLessThan(40000)
  })
})
