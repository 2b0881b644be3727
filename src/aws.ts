// The one place AWS clients are built: one user agent, adaptive retry, bounded attempts.
// Endpoints for a local emulator come from the SDK's own AWS_ENDPOINT_URL_* variables.
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { S3Client } from '@aws-sdk/client-s3'
import { SageMakerClient } from '@aws-sdk/client-sagemaker'
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime'
import type { AwsClients } from './context.js'

export const USER_AGENT = 'sagemaker-model-gate'
export const MAX_ATTEMPTS = 6

export function createClients(region: string, version: string): AwsClients {
  const common = {
    region,
    customUserAgent: [[USER_AGENT, version]] as [string, string][],
    retryMode: 'adaptive',
    maxAttempts: MAX_ATTEMPTS
  }
  return {
    sagemaker: new SageMakerClient(common),
    runtime: new SageMakerRuntimeClient(common),
    s3: new S3Client(common),
    cloudwatch: new CloudWatchClient(common)
  }
}

/** Counts the requests a client sends (after retries), by operation, for debug output. */
export function countCalls(client: SageMakerClient): Map<string, number> {
  const counts = new Map<string, number>()
  client.middlewareStack.add(
    (next, context) => async args => {
      const name = String(context.commandName ?? 'unknown').replace(/Command$/, '')
      counts.set(name, (counts.get(name) ?? 0) + 1)
      return next(args)
    },
    { step: 'initialize', name: 'sagemakerModelGateCallCounter' }
  )
  return counts
}
