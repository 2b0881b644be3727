import { describe, expect, it } from '@jest/globals'
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

  it('polls between 1 and 30 seconds depending on the timeout', () => {
    expect(defaultPollSeconds(30)).toBe(1)
    expect(defaultPollSeconds(600)).toBe(10)
    expect(defaultPollSeconds(7200)).toBe(30)
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
