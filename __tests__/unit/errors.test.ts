import { describe, expect, it } from '@jest/globals'
import { SageMakerServiceException } from '@aws-sdk/client-sagemaker'
import { StepError, Steps, UserError, describeError } from '../../src/errors.js'

describe('describeError', () => {
  it('names the AWS error, its status and request id', () => {
    const error = new SageMakerServiceException({
      name: 'ValidationException',
      $fault: 'client',
      message: 'Model package group churn does not exist.',
      $metadata: { httpStatusCode: 400, requestId: 'req-123', attempts: 1 }
    })
    expect(describeError(error)).toBe(
      'ValidationException: Model package group churn does not exist. (HTTP 400, request id req-123).'
    )
  })

  it('adds what to check for permission errors', () => {
    const error = Object.assign(
      new Error('not authorized to perform sagemaker:UpdateModelPackage'),
      {
        name: 'AccessDeniedException',
        $metadata: { httpStatusCode: 400, requestId: 'r1', attempts: 3 }
      }
    )
    expect(describeError(error)).toMatch(
      /^AccessDeniedException: .*\(HTTP 400, request id r1, 3 attempts\)\. Check: the role/
    )
  })

  it('passes messages written for people through unchanged', () => {
    expect(describeError(new UserError('Version 4 is Rejected.'))).toBe('Version 4 is Rejected.')
    expect(describeError('plain')).toBe('plain')
  })
})

describe('Steps', () => {
  const throttled = () =>
    Object.assign(new Error('Rate exceeded'), {
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 400, requestId: 'req-9', attempts: 6 }
    })

  it('names the failed step, the one before it, and says nothing was changed', async () => {
    const steps = new Steps()
    await steps.run('reading v3', async () => 'ok')
    steps.done('computing the verdict (fail)')
    const error = await steps
      .run('recording the decision on v3', async () => {
        throw throttled()
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StepError)
    expect(describeError(error)).toBe(
      'Recording the decision on v3 failed after computing the verdict (fail): ThrottlingException: Rate exceeded (HTTP 400, request id req-9, 6 attempts). Check: SageMaker kept throttling after all retries: run fewer jobs against this account at once. Nothing was changed.'
    )
    expect((error as StepError).cause).toBeInstanceOf(Error)
  })

  it('lists what was already changed, and does not wrap an error twice', async () => {
    const steps = new Steps()
    steps.changed('created model package group "churn" (it stays; a re-run registers into it)')
    const inner = steps.run('uploading the statistics', async () => {
      throw new UserError('SlowDown: Please reduce your request rate.')
    })
    const error = await steps.run('registering', () => inner).catch((e: unknown) => e)
    expect((error as StepError).step).toBe('uploading the statistics')
    expect((error as Error).message).toBe(
      'Uploading the statistics failed: SlowDown: Please reduce your request rate. Already done: created model package group "churn" (it stays; a re-run registers into it).'
    )
    expect(steps.failure(undefined, new Error('boom')).message).toBe(
      'boom. Already done: created model package group "churn" (it stays; a re-run registers into it).'
    )
  })
})
