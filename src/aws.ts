// The one place AWS clients are built: one user agent, adaptive retry, bounded attempts
// (endpoint invocations: one attempt per send, live evaluation retries them).
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
    // Live evaluation retries invocations itself (evaluation/live/retry.ts: which errors,
    // how long to pause, when to stop); SDK retries inside each of its tries would multiply.
    runtime: new SageMakerRuntimeClient({ ...common, maxAttempts: 1 }),
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

/** What the SDK's retries (throttling, 5xx, dropped connections) cost a run. */
export interface RetryTally {
  /** Requests that needed more than one attempt. */
  requests: number
  /** Attempts beyond the first, over all requests. */
  retries: number
  /** Milliseconds spent waiting between attempts (backoff with jitter, rate limiting). */
  waitMs: number
}

interface Attempted {
  $metadata?: { attempts?: number; totalRetryDelay?: number }
}

/** Adds up, across the given clients, the retries the SDK made and the time it waited. */
export function tallyRetries(aws: AwsClients): RetryTally {
  const tally: RetryTally = { requests: 0, retries: 0, waitMs: 0 }
  const record = (metadata: Attempted['$metadata']): void => {
    const attempts = metadata?.attempts ?? 1
    if (attempts <= 1 && !metadata?.totalRetryDelay) return
    tally.requests++
    tally.retries += Math.max(0, attempts - 1)
    tally.waitMs += metadata?.totalRetryDelay ?? 0
  }
  // The three clients' stacks differ only in their command types, which this does not read.
  const stacks = [aws.sagemaker, aws.runtime, aws.s3].map(
    client => client.middlewareStack as unknown as SageMakerClient['middlewareStack']
  )
  for (const stack of stacks) {
    // The initialize step sits outside the retry loop: it sees each request once, finished.
    stack.add(
      next => async args => {
        try {
          const result = await next(args)
          record((result.output as Attempted).$metadata)
          return result
        } catch (error) {
          record((error as Attempted).$metadata)
          throw error
        }
      },
      { step: 'initialize', name: 'sagemakerModelGateRetryTally' }
    )
  }
  return tally
}

/** One log line for the run's retries, or undefined when there were none. */
export function retrySummary(tally: RetryTally): string | undefined {
  if (tally.requests === 0) return undefined
  const seconds = (tally.waitMs / 1000).toFixed(1)
  return `AWS retries: ${tally.retries} retried attempt(s) over ${tally.requests} request(s) (throttling, 5xx or dropped connections), ${seconds} s waited in all`
}
