// Clients find the emulator only through the SDK's standard AWS_ENDPOINT_URL_* variables.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch'
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import {
  CreateEndpointCommand,
  ListModelPackageGroupsCommand,
  SageMakerClient
} from '@aws-sdk/client-sagemaker'
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime'
import { startEmulator, type Emulator } from '../../emulator/server.ts'
import { approvedModel, endpointConfig, type Harness, inService, linear } from './helpers.ts'

const VARS = [
  'AWS_ENDPOINT_URL_SAGEMAKER',
  'AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME',
  'AWS_ENDPOINT_URL_S3',
  'AWS_ENDPOINT_URL_CLOUDWATCH',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_REGION'
]
const saved = Object.fromEntries(VARS.map(v => [v, process.env[v]]))
let emu: Emulator

beforeAll(async () => {
  emu = await startEmulator({ delays: { endpointCreateMs: 20 } })
  process.env.AWS_ENDPOINT_URL_SAGEMAKER = emu.url
  process.env.AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME = emu.url
  process.env.AWS_ENDPOINT_URL_S3 = emu.url
  process.env.AWS_ENDPOINT_URL_CLOUDWATCH = emu.url
  process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE'
  process.env.AWS_SECRET_ACCESS_KEY = 'dummy'
  process.env.AWS_REGION = 'ap-southeast-2'
})
afterAll(async () => {
  for (const v of VARS) {
    if (saved[v] === undefined) delete process.env[v]
    else process.env[v] = saved[v]
  }
  await emu.close()
})

describe('AWS_ENDPOINT_URL_* variables', () => {
  it('route SageMaker, Runtime and S3 clients built with no endpoint option to the emulator', async () => {
    const h = {
      emu,
      sm: new SageMakerClient({}),
      rt: new SageMakerRuntimeClient({}),
      s3: new S3Client({})
    } as unknown as Harness
    await h.s3.send(new PutObjectCommand({ Bucket: 'env-bucket', Key: 'k.txt', Body: 'via env' }))
    const got = await h.s3.send(new GetObjectCommand({ Bucket: 'env-bucket', Key: 'k.txt' }))
    expect(await got.Body!.transformToString()).toBe('via env')

    const arn = await approvedModel(h, 'm', linear('regression', [1], 1))
    expect(arn).toBe('arn:aws:sagemaker:ap-southeast-2:123456789012:model-package/m-group/1')
    await endpointConfig(h, 'cfg', [{ model: 'm' }])
    await h.sm.send(new CreateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'cfg' }))
    await inService(h, 'ep')
    const r = await h.rt.send(
      new InvokeEndpointCommand({
        EndpointName: 'ep',
        ContentType: 'text/csv',
        Body: Buffer.from('2\n')
      })
    )
    expect(Buffer.from(r.Body!).toString()).toBe('3\n')
    const groups = await h.sm.send(new ListModelPackageGroupsCommand({}))
    expect(groups.ModelPackageGroupSummaryList?.map(g => g.ModelPackageGroupName)).toEqual([
      'm-group'
    ])
    const stats = emu.stats()
    expect(stats.s3).toMatchObject({ PutObject: 2, GetObject: 1 })
    expect(stats.runtime).toEqual({ InvokeEndpoint: 1 })
    expect(stats.operations.ListModelPackageGroups).toBe(1)

    const cw = new CloudWatchClient({})
    const metrics = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(Date.now() - 3600e3),
        EndTime: new Date(Date.now() + 60e3),
        MetricDataQueries: [
          {
            Id: 'inv',
            MetricStat: {
              Metric: {
                Namespace: 'AWS/SageMaker',
                MetricName: 'Invocations',
                Dimensions: [
                  { Name: 'EndpointName', Value: 'ep' },
                  { Name: 'VariantName', Value: 'AllTraffic' }
                ]
              },
              Period: 3600,
              Stat: 'Sum'
            }
          }
        ]
      })
    )
    expect(metrics.MetricDataResults?.[0]?.Values?.reduce((a, b) => a + b, 0)).toBe(1)
    expect(emu.stats().cloudwatch).toEqual({ GetMetricData: 1 })
    cw.destroy()
    ;(h.sm as SageMakerClient).destroy()
  })
})
