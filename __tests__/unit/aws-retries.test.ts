// The SDK clients the action builds retry throttling, 5xx answers and dropped connections
// with backoff, a bounded number of times, and the run adds up how long it waited.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { ListModelPackageGroupsCommand } from '@aws-sdk/client-sagemaker'
import { ListObjectsV2Command } from '@aws-sdk/client-s3'
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime'
import { startEmulator, type Emulator } from '../../emulator/server.ts'
import { createClients, MAX_ATTEMPTS, retrySummary, tallyRetries } from '../../src/aws.js'

let emulator: Emulator
const saved = { ...process.env }

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 })
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_SAGEMAKER: emulator.url,
    AWS_ENDPOINT_URL_S3: emulator.url,
    AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME: emulator.url,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret-example'
  })
})
afterAll(async () => {
  process.env = saved
  await emulator.close()
})
beforeEach(() => emulator.reset())

function fresh() {
  const aws = createClients('us-east-1', 'test')
  return { aws, tally: tallyRetries(aws) }
}

const listGroups = new ListModelPackageGroupsCommand({})

describe('AWS clients under transient faults', () => {
  it('retry 5xx answers with growing, jittered pauses and report the wait', async () => {
    const { aws, tally } = fresh()
    emulator.setFaults({
      failNext: { ListModelPackageGroups: { count: 3, error: 'InternalFailure' } }
    })
    const out = await aws.sagemaker.send(listGroups)
    expect(out.$metadata.attempts).toBe(4)
    expect(emulator.stats().operations.ListModelPackageGroups).toBe(4)
    expect(tally).toMatchObject({ requests: 1, retries: 3 })
    expect(tally.waitMs).toBe(out.$metadata.totalRetryDelay)
    expect(tally.waitMs).toBeGreaterThan(0)
    // Full-jitter backoff: each pause is at most 100 ms * 2^n, so three stay under 700 ms.
    expect(tally.waitMs).toBeLessThanOrEqual(700)
    expect(retrySummary(tally)).toMatch(
      /^AWS retries: 3 retried attempt\(s\) over 1 request\(s\) \(throttling, 5xx or dropped connections\), \d+\.\d s waited in all$/
    )
  })

  it('retry a dropped connection, on SageMaker and on S3', async () => {
    const { aws, tally } = fresh()
    emulator.seed({ s3Objects: [{ bucket: 'models', key: 'a', body: '1' }] })
    emulator.setFaults({
      failNext: {
        ListModelPackageGroups: { count: 2, error: 'ConnectionReset' },
        ListObjectsV2: { count: 1, error: 'ConnectionReset' }
      }
    })
    await aws.sagemaker.send(listGroups)
    const listed = await aws.s3.send(new ListObjectsV2Command({ Bucket: 'models' }))
    expect(listed.KeyCount).toBe(1)
    expect(tally).toMatchObject({ requests: 2, retries: 3 })
  })

  it('give up after a bounded number of attempts, and still count the wait', async () => {
    const { aws, tally } = fresh()
    emulator.setFaults({
      failNext: { ListModelPackageGroups: { count: 100, error: 'InternalFailure' } }
    })
    const failure = await aws.sagemaker.send(listGroups).catch((error: unknown) => error)
    expect(failure).toMatchObject({
      name: 'InternalFailure',
      $metadata: { attempts: MAX_ATTEMPTS }
    })
    expect(emulator.stats().operations.ListModelPackageGroups).toBe(MAX_ATTEMPTS)
    expect(tally).toMatchObject({ requests: 1, retries: MAX_ATTEMPTS - 1 })
  })

  it('say nothing when nothing was retried', async () => {
    const { aws, tally } = fresh()
    await aws.sagemaker.send(listGroups)
    expect(tally).toEqual({ requests: 0, retries: 0, waitMs: 0 })
    expect(retrySummary(tally)).toBeUndefined()
  })

  it('send an endpoint invocation once per try: live evaluation owns its retries', async () => {
    // Live evaluation retries a throttled or failing invocation itself (8 tries, pauses up
    // to 20 s); SDK retries inside each of those would make one request up to 48.
    const { aws, tally } = fresh()
    emulator.setFaults({ throttleRate: { InvokeEndpoint: 1 } })
    const failure = await aws.runtime
      .send(new InvokeEndpointCommand({ EndpointName: 'gate-1-candidate', Body: '1,2\n' }))
      .catch((error: unknown) => error)
    expect(failure).toMatchObject({ name: 'ThrottlingException', $metadata: { attempts: 1 } })
    expect(emulator.stats().runtime.InvokeEndpoint).toBe(1)
    expect(tally).toMatchObject({ retries: 0 })
  })
})
