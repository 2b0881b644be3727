// Our own poller for endpoint states: it logs every change with the time it happened and
// gives up at a deadline measured on the injected clock, so tests need no real time.
import { isThrottling } from '../aws-errors.js'
import type { RunContext } from '../context.js'
import { UserError } from '../errors.js'
import { describeEndpoint, type EndpointDescription } from '../registry/served.js'

/** States in which SageMaker is still changing the endpoint and refuses another update. */
export const BUSY_STATES: ReadonlySet<string> = new Set([
  'Creating',
  'Updating',
  'SystemUpdating',
  'RollingBack',
  'Deleting'
])

/** A change of state is seen within this many seconds unless the poll is set longer. */
export const MAX_DEFAULT_POLL_SECONDS = 15
/** The longest pause while DescribeEndpoint is throttled (it doubles from the poll). */
export const MAX_THROTTLED_POLL_SECONDS = 120

/** Poll often enough to see short states, rarely enough to stay far from API throttling. */
export function defaultPollSeconds(timeoutSeconds: number): number {
  return Math.min(MAX_DEFAULT_POLL_SECONDS, Math.max(1, Math.round(timeoutSeconds / 60)))
}

/** The pause after `throttled` throttled looks in a row: the poll, doubled each time, capped. */
function pauseMs(pollMs: number, throttled: number): number {
  return Math.min(Math.max(pollMs, MAX_THROTTLED_POLL_SECONDS * 1000), pollMs * 2 ** throttled)
}

export interface WaitOptions {
  timeoutSeconds: number
  pollSeconds?: number
  /** What the wait is for, in the log and the timeout message. */
  purpose: string
}

export class WaitTimeoutError extends UserError {
  constructor(
    message: string,
    readonly lastStatus: string
  ) {
    super(message)
    this.name = 'WaitTimeoutError'
  }
}

function clock(date: Date): string {
  return date.toISOString().slice(11, 19)
}

/**
 * Waits until the endpoint leaves the busy states, and returns its last description
 * (undefined when it no longer exists, after a delete).
 */
export async function waitForEndpoint(
  ctx: Pick<RunContext, 'aws' | 'out' | 'now' | 'sleep'>,
  endpointName: string,
  options: WaitOptions
): Promise<EndpointDescription | undefined> {
  const start = ctx.now().getTime()
  const deadline = start + options.timeoutSeconds * 1000
  const pollMs = (options.pollSeconds ?? defaultPollSeconds(options.timeoutSeconds)) * 1000
  let last: string | undefined
  let lastStatus = 'unknown'
  let throttled = 0
  for (;;) {
    let description: EndpointDescription | undefined
    try {
      description = await describeEndpoint(ctx.aws.sagemaker, endpointName)
      throttled = 0
    } catch (error) {
      // Throttling after the SDK's retries: look less often instead of failing the wait.
      if (!isThrottling(error)) throw error
      throttled++
    }
    const now = ctx.now()
    if (throttled === 0) {
      const status = description ? (description.EndpointStatus ?? 'unknown') : 'absent'
      const state = description ? `${status} on ${description.EndpointConfigName ?? '?'}` : status
      lastStatus = status
      if (state !== last) {
        const elapsed = Math.round((now.getTime() - start) / 1000)
        ctx.out.info(`[${clock(now)}] endpoint ${endpointName}: ${state} (${elapsed} s)`)
        last = state
      }
      if (!description || !BUSY_STATES.has(status)) return description
    }
    if (now.getTime() >= deadline) {
      throw new WaitTimeoutError(
        `Timed out after ${options.timeoutSeconds} s (input "wait-timeout") waiting for endpoint ${endpointName} ${options.purpose}: it is still ${lastStatus}. SageMaker keeps going; check the endpoint in the console, and raise "wait-timeout" if deployments take longer.`,
        lastStatus
      )
    }
    const pause = Math.min(pauseMs(pollMs, throttled), deadline - now.getTime())
    if (throttled > 0)
      ctx.out.info(
        `[${clock(now)}] endpoint ${endpointName}: DescribeEndpoint throttled; next look in ${Math.round(pause / 1000)} s`
      )
    await ctx.sleep(pause)
  }
}
