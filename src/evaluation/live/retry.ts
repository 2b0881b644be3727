// Retries for requests to a temporary endpoint, and the bounded pool that sends them.
// SageMaker Runtime answers an endpoint that is busy with 429 (ThrottlingException,
// ModelNotReadyException: a serverless endpoint scaling out) or 5xx (ServiceUnavailable,
// InternalFailure, InternalDependencyException); those are worth another try after a
// pause that doubles each time, with jitter so parallel requests do not retry in step.
// Anything else (ValidationError, ModelError: the model refused the rows) is final.

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number
  /** The first pause; each next one doubles, up to `maxDelayMs`. */
  baseDelayMs: number
  maxDelayMs: number
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseDelayMs: 200, maxDelayMs: 20000 }

const RETRYABLE = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'ModelNotReadyException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalFailure',
  'InternalServerError',
  'InternalDependencyException',
  'RequestTimeout',
  'TimeoutError'
])

const NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN'])

/** Whether another try may succeed: throttling, a busy or failing service, a dropped connection. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const shaped = error as Error & {
    code?: string
    $metadata?: { httpStatusCode?: number }
    $retryable?: unknown
  }
  if (RETRYABLE.has(error.name) || (shaped.code && NETWORK.has(shaped.code))) return true
  if (shaped.$retryable) return true
  const status = shaped.$metadata?.httpStatusCode
  // ModelError (424) is the model's own answer: trying again gives the same one.
  return status === 429 || (status !== undefined && status >= 500 && error.name !== 'ModelError')
}

/** The pause before try number `attempt + 1` (attempt >= 1): half fixed, half random. */
export function backoffMs(policy: RetryPolicy, attempt: number, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

/**
 * Runs `work` until it succeeds, fails with an error that is not retryable, or has been
 * tried `policy.attempts` times; `onRetry` hears of each retry.
 */
export async function withRetries<T>(
  work: () => Promise<T>,
  policy: RetryPolicy,
  sleep: (ms: number) => Promise<void>,
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work()
    } catch (error) {
      if (attempt >= policy.attempts || !isRetryable(error)) throw error
      const delay = backoffMs(policy, attempt)
      onRetry?.(error, attempt, delay)
      await sleep(delay)
    }
  }
}

/**
 * Hands each item of `items` to `handle`, with at most `concurrency` handles running at
 * once, pulling items only as workers free up (so a stream is read as fast as it is
 * sent, no faster). The first error stops the pulling; it is thrown once every running
 * handle has ended, so nothing is still in flight when the caller cleans up.
 */
export async function forEachConcurrently<T>(
  items: AsyncIterable<T> | Iterable<T>,
  concurrency: number,
  handle: (item: T, index: number) => Promise<void>
): Promise<void> {
  const iterator =
    Symbol.asyncIterator in items
      ? (items as AsyncIterable<T>)[Symbol.asyncIterator]()
      : (items as Iterable<T>)[Symbol.iterator]()
  let index = 0
  let failure: { error: unknown } | undefined
  const worker = async () => {
    while (!failure) {
      let next: IteratorResult<T>
      try {
        next = await iterator.next()
      } catch (error) {
        failure ??= { error }
        return
      }
      if (next.done || failure) return
      try {
        await handle(next.value, index++)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker))
  if (failure) {
    await iterator.return?.()
    throw failure.error
  }
}

/**
 * Reads ahead of the consumer: up to `depth` items are pulled from `items` in the
 * background, so whoever asks next gets one at once instead of waiting for the source
 * (a file or S3 read, parsing). An error of the source reaches the consumer in its turn.
 */
export async function* readAhead<T>(items: AsyncIterable<T>, depth: number): AsyncGenerator<T> {
  const iterator = items[Symbol.asyncIterator]()
  const queue: Promise<IteratorResult<T>>[] = []
  let done = false
  const fill = () => {
    while (!done && queue.length < depth) {
      const next = iterator.next()
      next.then(
        result => {
          if (result.done) done = true
        },
        () => {
          done = true
        }
      )
      queue.push(next)
    }
  }
  try {
    for (;;) {
      fill()
      const next = queue.shift()
      if (!next) return
      const result = await next
      if (result.done) return
      yield result.value
    }
  } finally {
    // Settle what was asked for, then close the source (its files, its streams).
    await Promise.allSettled(queue)
    await iterator.return?.()
  }
}
