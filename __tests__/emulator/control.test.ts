// The /_emulator/ control API: stats, fault injection (throttling as SageMaker sends it,
// latency, queued failures), seeding and reset; plus the SDK's own view of those faults.
import { describe, expect, it } from '@jest/globals'
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import {
  CreateEndpointCommand,
  CreateModelPackageGroupCommand,
  DescribeModelPackageGroupCommand,
  ListModelPackageGroupsCommand,
  ListModelPackagesCommand,
  SageMakerClient,
  UpdateModelPackageCommand
} from '@aws-sdk/client-sagemaker'
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime'
import {
  approvedModel,
  endpointConfig,
  expectAwsError,
  inService,
  linear,
  REGION,
  useHarness
} from './helpers.ts'

const h = useHarness()

const control = (path: string, body?: unknown) =>
  fetch(
    `${h.emu.url}/_emulator/${path}`,
    body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }
  )

describe('stats', () => {
  it('counts every SageMaker operation by name, and S3 and runtime calls apart', async () => {
    await h.sm.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: 'g' }))
    await h.sm.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: 'g' }))
    await expectAwsError(
      h.sm.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: 'missing' })),
      'ValidationException'
    )
    await h.s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x' }))
    const stats = await (await control('stats')).json()
    expect(stats).toEqual({
      operations: { CreateModelPackageGroup: 1, DescribeModelPackageGroup: 2 },
      s3: { PutObject: 1 },
      runtime: {},
      cloudwatch: {},
      transform: {},
      throttled: 0,
      injected: 0
    })
    expect(h.emu.stats()).toEqual(stats)
  })

  it('logs every SageMaker request that reached its handler, with its input and error', async () => {
    await h.sm.send(
      new CreateModelPackageGroupCommand({
        ModelPackageGroupName: 'g',
        ModelPackageGroupDescription: 'churn'
      })
    )
    await expectAwsError(
      h.sm.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: 'missing' })),
      'ValidationException'
    )
    h.emu.setFaults({ throttleRate: { ListModelPackageGroups: 1 } })
    await expectAwsError(h.sm.send(new ListModelPackageGroupsCommand({})), 'ThrottlingException')
    const calls = await (await control('calls')).json()
    expect(calls).toEqual([
      {
        operation: 'CreateModelPackageGroup',
        input: { ModelPackageGroupName: 'g', ModelPackageGroupDescription: 'churn' }
      },
      {
        operation: 'DescribeModelPackageGroup',
        input: { ModelPackageGroupName: 'missing' },
        error: 'ValidationException'
      }
    ])
    expect(h.emu.calls()).toEqual(calls)
    h.emu.reset()
    expect(h.emu.calls()).toEqual([])
  })

  it('reset forgets resources, stats and faults', async () => {
    await h.sm.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: 'g' }))
    h.emu.setFaults({ throttleRate: { ListModelPackages: 1 } })
    expect((await control('reset', {})).status).toBe(200)
    expect(h.emu.stats().operations).toEqual({})
    await expectAwsError(
      h.sm.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: 'g' })),
      'ValidationException'
    )
    await h.sm.send(new ListModelPackagesCommand({}))
  })
})

describe('faults', () => {
  it('throttles one operation with ThrottlingException (400) and clears with throttleRate 0', async () => {
    await h.sm.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: 'g' }))
    expect((await control('faults', { throttleRate: { UpdateModelPackage: 1 } })).status).toBe(200)
    const arn = 'arn:aws:sagemaker:eu-west-1:123456789012:model-package/g/1'
    const err = await expectAwsError(
      h.sm.send(
        new UpdateModelPackageCommand({ ModelPackageArn: arn, ModelApprovalStatus: 'Approved' })
      ),
      'ThrottlingException',
      400,
      /^Rate exceeded$/
    )
    expect(err.$fault).toBe('client')
    await h.sm.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: 'g' }))
    expect(h.emu.stats().throttled).toBe(1)
    await control('faults', { throttleRate: 0 })
    await expectAwsError(
      h.sm.send(
        new UpdateModelPackageCommand({ ModelPackageArn: arn, ModelApprovalStatus: 'Approved' })
      ),
      'ValidationException'
    )
  })

  it('throttles a share of all SageMaker calls, reproducibly after reset', async () => {
    const run = async () => {
      h.emu.reset()
      h.emu.setFaults({ throttleRate: 0.3 })
      const outcome: string[] = []
      for (let i = 0; i < 200; i++) {
        try {
          await h.sm.send(new ListModelPackageGroupsCommand({}))
          outcome.push('ok')
        } catch (e) {
          outcome.push((e as Error).name)
        }
      }
      return outcome
    }
    const first = await run()
    const throttled = first.filter(o => o === 'ThrottlingException').length
    expect(throttled).toBeGreaterThan(35)
    expect(throttled).toBeLessThan(85)
    expect(h.emu.stats()).toMatchObject({ throttled, operations: { ListModelPackageGroups: 200 } })
    expect(await run()).toEqual(first)
  })

  it('the SDK retries throttling by itself; every attempt counts as a call', async () => {
    const retrying = new SageMakerClient({
      endpoint: h.emu.url,
      region: REGION,
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      maxAttempts: 2
    })
    h.emu.setFaults({ throttleRate: { ListModelPackageGroups: 1 } })
    const err = await expectAwsError(
      retrying.send(new ListModelPackageGroupsCommand({})),
      'ThrottlingException'
    )
    expect((err.$metadata as { attempts?: number }).attempts).toBe(2)
    expect(h.emu.stats().operations.ListModelPackageGroups).toBe(2)
    retrying.destroy()
  })

  it('fails the next N calls of an operation with the named error', async () => {
    await approvedModel(h, 'm', linear('regression', [1], 0))
    await endpointConfig(h, 'cfg', [{ model: 'm' }])
    h.emu.setFaults({ failNext: { CreateEndpoint: { count: 1, error: 'InternalFailure' } } })
    const err = await expectAwsError(
      h.sm.send(new CreateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'cfg' })),
      'InternalFailure',
      500
    )
    expect(err.$fault).toBe('server')
    await h.sm.send(new CreateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'cfg' }))
  })

  it('adds latency to an operation', async () => {
    await approvedModel(h, 'm', linear('regression', [1], 0))
    await endpointConfig(h, 'cfg', [{ model: 'm' }])
    await h.sm.send(new CreateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'cfg' }))
    await inService(h, 'ep')
    await control('faults', { latencyMs: { InvokeEndpoint: 80 } })
    const start = Date.now()
    await h.rt.send(
      new InvokeEndpointCommand({
        EndpointName: 'ep',
        ContentType: 'text/csv',
        Body: Buffer.from('1\n')
      })
    )
    expect(Date.now() - start).toBeGreaterThanOrEqual(75)
    h.emu.setFaults({ throttleRate: { InvokeEndpoint: 1 }, latencyMs: { InvokeEndpoint: 0 } })
    await expectAwsError(
      h.rt.send(
        new InvokeEndpointCommand({
          EndpointName: 'ep',
          ContentType: 'text/csv',
          Body: Buffer.from('1\n')
        })
      ),
      'ThrottlingException'
    )
  })

  it('answers a malformed faults body with 400 and a message', async () => {
    const r = await control('faults', { throttleRate: 2 })
    expect(r.status).toBe(400)
    expect(await r.json()).toEqual({ error: 'throttleRate must be a number from 0 to 1, got 2' })
    expect(
      (await fetch(`${h.emu.url}/_emulator/faults`, { method: 'POST', body: '{' })).status
    ).toBe(400)
    expect((await control('nope')).status).toBe(404)
  })
})

describe('seed', () => {
  it('seeds S3 objects as text or base64 over HTTP', async () => {
    const r = await control('seed', {
      s3Objects: [
        { bucket: 'data', key: 'a.csv', body: '1,2\n' },
        { bucket: 'data', key: 'b.bin', bodyBase64: Buffer.from([0, 255, 1]).toString('base64') }
      ]
    })
    expect(await r.json()).toMatchObject({ s3Objects: 2 })
    const a = await h.s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'a.csv' }))
    expect(await a.Body!.transformToString()).toBe('1,2\n')
    const b = await h.s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'b.bin' }))
    expect([...(await b.Body!.transformToByteArray())]).toEqual([0, 255, 1])
    const bad = await control('seed', { s3Objects: [{ bucket: '', key: 'x' }] })
    expect(bad.status).toBe(400)
  })
})

describe('protocol edges', () => {
  it('answers an unknown operation and a malformed body in the JSON 1.1 error format', async () => {
    const post = (target: string, body: string) =>
      fetch(h.emu.url, {
        method: 'POST',
        headers: { 'X-Amz-Target': target, 'Content-Type': 'application/x-amz-json-1.1' },
        body
      })
    const unknown = await post('SageMaker.DoSomethingElse', '{}')
    expect(unknown.status).toBe(400)
    expect(await unknown.json()).toEqual({
      __type: 'UnknownOperationException',
      message: 'Unknown operation SageMaker.DoSomethingElse'
    })
    expect(unknown.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/)
    const malformed = await post('SageMaker.ListModelPackages', '{')
    expect(((await malformed.json()) as { __type: string }).__type).toBe('SerializationException')
  })
})
