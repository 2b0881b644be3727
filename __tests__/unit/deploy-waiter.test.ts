import { describe, expect, it } from '@jest/globals'
import type { SageMakerClient } from '@aws-sdk/client-sagemaker'
import { simContext } from '../../__fixtures__/deploy/sagemaker.js'
import { defaultPollSeconds, waitForEndpoint, WaitTimeoutError } from '../../src/deploy/waiter.js'
import { isAlreadyExists, isInProgress, isNotFound } from '../../src/aws-errors.js'
import { validationError } from '../../__fixtures__/deploy/sagemaker.js'

function endpointIn(fake: ReturnType<typeof simContext>, steps: string[]) {
  fake.sim.endpoint = {
    name: 'churn-prod',
    arn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn-prod',
    status: 'InService',
    configName: 'old-config',
    weights: {}
  }
  fake.sim.foreignUpdate('new-config', steps)
}

describe('waitForEndpoint', () => {
  it('logs each state change once, with the time, and returns the final description', async () => {
    const fake = simContext()
    endpointIn(fake, ['Updating', 'Updating', 'Updating', 'RollingBack', 'RollingBack'])
    const final = await waitForEndpoint(fake.ctx, 'churn-prod', {
      timeoutSeconds: 600,
      pollSeconds: 10,
      purpose: 'to finish'
    })
    expect(final?.EndpointStatus).toBe('InService')
    expect(final?.EndpointConfigName).toBe('new-config')
    expect(fake.infos).toEqual([
      '[12:00:00] endpoint churn-prod: Updating on old-config (0 s)',
      '[12:00:30] endpoint churn-prod: RollingBack on old-config (30 s)',
      '[12:00:50] endpoint churn-prod: InService on new-config (50 s)'
    ])
    expect(fake.sleeps).toEqual([10000, 10000, 10000, 10000, 10000])
  })

  it('gives up at the timeout without sleeping past it', async () => {
    const fake = simContext()
    endpointIn(fake, Array(100).fill('Updating'))
    const wait = waitForEndpoint(fake.ctx, 'churn-prod', {
      timeoutSeconds: 25,
      pollSeconds: 10,
      purpose: 'to finish'
    })
    await expect(wait).rejects.toThrow(WaitTimeoutError)
    await expect(
      waitForEndpoint(fake.ctx, 'churn-prod', {
        timeoutSeconds: 25,
        pollSeconds: 10,
        purpose: 'to finish'
      })
    ).rejects.toThrow(
      'Timed out after 25 s (input "wait-timeout") waiting for endpoint churn-prod to finish: it is still Updating.'
    )
    expect(fake.sleeps.slice(0, 3)).toEqual([10000, 10000, 5000])
  })

  it('returns undefined once the endpoint is gone', async () => {
    const fake = simContext()
    expect(
      await waitForEndpoint(fake.ctx, 'churn-prod', { timeoutSeconds: 60, purpose: 'x' })
    ).toBeUndefined()
    expect(fake.infos).toEqual(['[12:00:00] endpoint churn-prod: absent (0 s)'])
  })

  it('polls between 1 and 15 seconds depending on the timeout', () => {
    expect(defaultPollSeconds(30)).toBe(1)
    expect(defaultPollSeconds(600)).toBe(10)
    expect(defaultPollSeconds(1800)).toBe(15)
    expect(defaultPollSeconds(7200)).toBe(15)
  })
})

describe('waitForEndpoint polling', () => {
  function throttling(): Error {
    return Object.assign(new Error('Rate exceeded'), {
      name: 'ThrottlingException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400, requestId: 'req-t', attempts: 6 }
    })
  }

  /** A DescribeEndpoint that answers `answers` in turn (an Error is thrown), then InService. */
  function scripted(answers: (string | Error)[]) {
    const fake = simContext()
    let time = 0
    const queue = [...answers]
    const sagemaker = {
      send: async () => {
        const next = queue.shift() ?? 'InService'
        if (next instanceof Error) throw next
        return { EndpointName: 'churn-prod', EndpointStatus: next, EndpointConfigName: 'c' }
      }
    } as unknown as SageMakerClient
    const sleeps: number[] = []
    const ctx = {
      ...fake.ctx,
      aws: { ...fake.ctx.aws, sagemaker },
      now: () => new Date(Date.UTC(2026, 2, 1, 12) + time),
      sleep: async (ms: number) => {
        sleeps.push(ms)
        time += ms
      }
    }
    return { ctx, sleeps, infos: fake.infos, elapsed: () => time }
  }

  it('notices a change within 15 s under the default wait-timeout', async () => {
    const run = scripted(Array(4).fill('Updating'))
    await waitForEndpoint(run.ctx, 'churn-prod', { timeoutSeconds: 1800, purpose: 'to finish' })
    expect(run.sleeps).toEqual([15000, 15000, 15000, 15000])
    expect(Math.max(...run.sleeps)).toBeLessThanOrEqual(15000)
  })

  it('backs off while DescribeEndpoint is throttled, then polls at the usual pace again', async () => {
    const t = throttling()
    const run = scripted(['Updating', t, t, t, 'Updating', 'Updating'])
    const final = await waitForEndpoint(run.ctx, 'churn-prod', {
      timeoutSeconds: 1800,
      pollSeconds: 10,
      purpose: 'to finish'
    })
    expect(final?.EndpointStatus).toBe('InService')
    expect(run.sleeps).toEqual([10000, 20000, 40000, 80000, 10000, 10000])
    expect(run.infos.filter(line => line.includes('throttled'))).toEqual([
      '[12:00:10] endpoint churn-prod: DescribeEndpoint throttled; next look in 20 s',
      '[12:00:30] endpoint churn-prod: DescribeEndpoint throttled; next look in 40 s',
      '[12:01:10] endpoint churn-prod: DescribeEndpoint throttled; next look in 80 s'
    ])
  })

  it('caps the throttled pause and still stops at the timeout', async () => {
    const run = scripted(Array(50).fill(throttling()))
    await expect(
      waitForEndpoint(run.ctx, 'churn-prod', {
        timeoutSeconds: 600,
        pollSeconds: 10,
        purpose: 'to finish'
      })
    ).rejects.toThrow(WaitTimeoutError)
    expect(Math.max(...run.sleeps)).toBe(120000)
    expect(run.elapsed()).toBe(600000)
  })

  it('does not retry an error that is not throttling', async () => {
    const run = scripted([validationError('User is not authorized')])
    await expect(
      waitForEndpoint(run.ctx, 'churn-prod', { timeoutSeconds: 600, purpose: 'to finish' })
    ).rejects.toThrow('User is not authorized')
    expect(run.sleeps).toEqual([])
  })
})

describe('SageMaker hosting errors', () => {
  it('are told apart by their messages', () => {
    const missing = validationError(
      'Could not find endpoint "arn:aws:sagemaker:us-east-1:1:endpoint/x".'
    )
    const exists = validationError('Cannot create already existing endpoint configuration "arn:x".')
    const busy = validationError(
      'Cannot update in-progress endpoint "arn:aws:sagemaker:us-east-1:1:endpoint/x".'
    )
    expect([isNotFound(missing), isAlreadyExists(missing), isInProgress(missing)]).toEqual([
      true,
      false,
      false
    ])
    expect([isNotFound(exists), isAlreadyExists(exists), isInProgress(exists)]).toEqual([
      false,
      true,
      false
    ])
    expect([isNotFound(busy), isAlreadyExists(busy), isInProgress(busy)]).toEqual([
      false,
      false,
      true
    ])
    expect(isNotFound(new Error('Could not find endpoint'))).toBe(false)
  })
})
