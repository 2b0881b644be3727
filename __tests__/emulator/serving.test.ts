// Serving beyond CSV on instances: JSON Lines requests and responses (the built-in
// algorithms' format), and serverless variants with their documented limits.
import { describe, expect, it } from '@jest/globals'
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  DescribeEndpointCommand
} from '@aws-sdk/client-sagemaker'
import {
  InvokeEndpointCommand,
  type InvokeEndpointCommandInput
} from '@aws-sdk/client-sagemaker-runtime'
import {
  approvedModel,
  endpointConfig,
  expectAwsError,
  inService,
  linear,
  useHarness
} from './helpers.ts'

const h = useHarness()
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z))

async function deploy(endpoint: string, artifact: string): Promise<void> {
  await approvedModel(h, `${endpoint}-model`, artifact)
  await endpointConfig(h, `${endpoint}-cfg`, [{ model: `${endpoint}-model` }])
  await h.sm.send(
    new CreateEndpointCommand({ EndpointName: endpoint, EndpointConfigName: `${endpoint}-cfg` })
  )
  await inService(h, endpoint)
}

async function invoke(
  input: Partial<InvokeEndpointCommandInput> & { EndpointName: string; Body: string }
) {
  const r = await h.rt.send(
    new InvokeEndpointCommand({ ContentType: 'text/csv', ...input, Body: Buffer.from(input.Body) })
  )
  return {
    text: Buffer.from(r.Body!).toString('utf8'),
    contentType: r.ContentType,
    variant: r.InvokedProductionVariant
  }
}

const lines = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map(l => JSON.parse(l) as unknown)

describe('JSON Lines', () => {
  it('binary: score and predicted_label per line, for {"features"} or bare array rows', async () => {
    await deploy('bin', linear('binary', [1, -1], 0))
    const r = await invoke({
      EndpointName: 'bin',
      ContentType: 'application/jsonlines',
      Body: '{"features": [3, 1]}\n[0, 2]\n'
    })
    expect(r.contentType).toBe('application/jsonlines')
    expect(lines(r.text)).toEqual([
      { score: sigmoid(2), predicted_label: 1 },
      { score: sigmoid(-2), predicted_label: 0 }
    ])
  })

  it('regression: score only; multiclass: K probabilities and the predicted class', async () => {
    await deploy('reg', linear('regression', [2, 3], 1))
    expect(
      lines(
        (await invoke({ EndpointName: 'reg', Body: '1,1\n', Accept: 'application/jsonlines' })).text
      )
    ).toEqual([{ score: 6 }])
    await deploy(
      'mc',
      JSON.stringify({
        format: 'sagemaker-model-gate/linear-v1',
        task: 'multiclass',
        weights: [
          [0, 0],
          [0, 0],
          [1, 0]
        ],
        bias: [0, 0, 0]
      })
    )
    const r = await invoke({
      EndpointName: 'mc',
      Body: '[0, 0]\n[50, 0]\n',
      ContentType: 'application/jsonlines'
    })
    const [even, third] = lines(r.text) as { score: number[]; predicted_label: number }[]
    expect(even!.score).toHaveLength(3)
    even!.score.forEach(p => expect(p).toBeCloseTo(1 / 3, 14))
    expect(even!.predicted_label).toBe(0)
    expect(third!.predicted_label).toBe(2)
    expect(third!.score[2]).toBeCloseTo(1, 12)
    // CSV answers keep the artifact's choice: the class index by default.
    expect((await invoke({ EndpointName: 'mc', Body: '50,0\n' })).text).toBe('2\n')
  })

  it('answers an Accept the model cannot produce and a row without features with ModelError', async () => {
    await deploy('bin', linear('binary', [1, -1], 0))
    const accept = await expectAwsError(
      invoke({ EndpointName: 'bin', Body: '1,2\n', Accept: 'application/x-protobuf' }),
      'ModelError',
      424
    )
    expect(accept.OriginalStatusCode).toBe(406)
    const row = await expectAwsError(
      invoke({
        EndpointName: 'bin',
        Body: '{"values": [1, 2]}\n',
        ContentType: 'application/jsonlines'
      }),
      'ModelError',
      424
    )
    expect(row.OriginalMessage).toBe('Row 1 has no "features" array.')
  })
})

describe('serverless variants', () => {
  const serverlessConfig = (name: string, model: string, extra: Record<string, unknown> = {}) =>
    new CreateEndpointConfigCommand({
      EndpointConfigName: name,
      ProductionVariants: [
        {
          VariantName: 'AllTraffic',
          ModelName: model,
          ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 }
        }
      ],
      ...extra
    })

  it('serves, describes its ServerlessConfig, and refuses bodies over 4 MB with the oversize-body error', async () => {
    await approvedModel(h, 'm', linear('regression', [1], 0))
    await h.sm.send(serverlessConfig('sls', 'm'))
    await h.sm.send(new CreateEndpointCommand({ EndpointName: 'sls', EndpointConfigName: 'sls' }))
    const ep = await inService(h, 'sls')
    expect(ep.EndpointStatus).toBe('InService')
    expect(ep.ProductionVariants?.[0]?.CurrentServerlessConfig).toEqual({
      MemorySizeInMB: 2048,
      MaxConcurrency: 5
    })
    const limit = 4 * 1024 * 1024
    const fits = '7\n' + ' '.repeat(limit - 2)
    expect((await invoke({ EndpointName: 'sls', Body: fits })).text).toBe('7\n')
    const err = await expectAwsError(
      invoke({ EndpointName: 'sls', Body: fits + ' ' }),
      'ValidationError',
      400
    )
    expect(err.message).toBe(`Request ${err.$metadata.requestId} has oversize body.`)
  })

  it('ends Failed with a FailureReason when the artifact is bad', async () => {
    await approvedModel(h, 'broken', JSON.stringify({ bad: true }))
    await h.sm.send(serverlessConfig('sls-bad', 'broken'))
    await h.sm.send(
      new CreateEndpointCommand({ EndpointName: 'sls-bad', EndpointConfigName: 'sls-bad' })
    )
    const ep = await inService(h, 'sls-bad')
    expect(ep.EndpointStatus).toBe('Failed')
    expect(ep.FailureReason).toMatch(
      /^The primary container for production variant AllTraffic did not pass the ping health check/
    )
    const again = await h.sm.send(new DescribeEndpointCommand({ EndpointName: 'sls-bad' }))
    expect(again.FailureReason).toBe(ep.FailureReason)
  })

  it('refuses memory outside 1 GB steps, provisioned above max, several variants and data capture', async () => {
    await approvedModel(h, 'm', linear('regression', [1], 0))
    const variant = (ServerlessConfig: Record<string, number>, VariantName = 'AllTraffic') => ({
      VariantName,
      ModelName: 'm',
      ServerlessConfig: ServerlessConfig as { MemorySizeInMB: number; MaxConcurrency: number }
    })
    const create = (name: string, variants: ReturnType<typeof variant>[], extra = {}) =>
      h.sm.send(
        new CreateEndpointConfigCommand({
          EndpointConfigName: name,
          ProductionVariants: variants,
          ...extra
        })
      )
    await expectAwsError(
      create('c1', [variant({ MemorySizeInMB: 1536, MaxConcurrency: 1 })]),
      'ValidationException',
      400,
      /MemorySizeInMB 1536 .* use 1024, 2048, 3072, 4096, 5120 or 6144/
    )
    await expectAwsError(
      create('c2', [variant({ MemorySizeInMB: 7168, MaxConcurrency: 201 })]),
      'ValidationException',
      400,
      /^2 validation errors detected: .*memorySizeInMB.*less than or equal to 6144.*maxConcurrency.*less than or equal to 200/
    )
    await expectAwsError(
      create('c3', [
        variant({ MemorySizeInMB: 1024, MaxConcurrency: 2, ProvisionedConcurrency: 3 })
      ]),
      'ValidationException',
      400,
      /ProvisionedConcurrency 3 .* less than or equal to MaxConcurrency 2/
    )
    await expectAwsError(
      create('c4', [
        variant({ MemorySizeInMB: 1024, MaxConcurrency: 1 }),
        variant({ MemorySizeInMB: 1024, MaxConcurrency: 1 }, 'B')
      ]),
      'ValidationException',
      400,
      /Serverless endpoints support a single production variant/
    )
    await expectAwsError(
      create('c5', [variant({ MemorySizeInMB: 1024, MaxConcurrency: 1 })], {
        DataCaptureConfig: {
          InitialSamplingPercentage: 100,
          DestinationS3Uri: 's3://capture/x',
          CaptureOptions: [{ CaptureMode: 'Input' }]
        }
      }),
      'ValidationException',
      400,
      /DataCaptureConfig is not supported for serverless endpoints/
    )
    await create('ok', [
      variant({ MemorySizeInMB: 6144, MaxConcurrency: 200, ProvisionedConcurrency: 200 })
    ])
  })
})
