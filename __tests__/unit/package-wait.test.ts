import { describe, expect, it } from '@jest/globals'
import { SageMakerClient } from '@aws-sdk/client-sagemaker'
import { waitForPackage } from '../../src/registry/register.js'

const ARN = 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/1'

function throttled(): Error {
  return Object.assign(new Error('Rate exceeded'), {
    name: 'ThrottlingException',
    $metadata: { httpStatusCode: 400 }
  })
}

/** A client whose DescribeModelPackage answers from `answers` in turn. */
function client(answers: (Error | string)[]): { sagemaker: SageMakerClient; calls: () => number } {
  let calls = 0
  const sagemaker = {
    send: async () => {
      const answer = answers[Math.min(calls++, answers.length - 1)]
      if (answer instanceof Error) throw answer
      return { ModelPackageArn: ARN, ModelPackageVersion: 1, ModelPackageStatus: answer }
    }
  } as unknown as SageMakerClient
  return { sagemaker, calls: () => calls }
}

describe('waitForPackage', () => {
  it('keeps waiting through throttling the SDK could not retry away, and returns the completed package', async () => {
    const pauses: number[] = []
    const { sagemaker, calls } = client([throttled(), 'Pending', throttled(), 'Completed'])
    const done = await waitForPackage(sagemaker, ARN, {
      sleep: async ms => void pauses.push(ms),
      initialIntervalMs: 100
    })
    expect(done.ModelPackageStatus).toBe('Completed')
    expect(calls()).toBe(4)
    expect(pauses).toEqual([100, 150, 225])
  })

  it('fails with the throttling error once the wait is used up', async () => {
    const { sagemaker } = client([throttled()])
    await expect(
      waitForPackage(sagemaker, ARN, {
        sleep: async () => undefined,
        initialIntervalMs: 100,
        maxWaitMs: 300
      })
    ).rejects.toThrow('Rate exceeded')
  })
})
