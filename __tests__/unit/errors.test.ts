import { describe, expect, it } from '@jest/globals'
import { SageMakerServiceException } from '@aws-sdk/client-sagemaker'
import { UserError, describeError } from '../../src/errors.js'

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
