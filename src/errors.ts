// Turns any error into a message a person can act on: the AWS error name, the request
// id to quote to AWS support, what to check, and (through Steps) which step of the run
// failed and what the run had already changed.

/** An error whose message is already written for the person running the job. */
export class UserError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UserError'
  }
}

interface AwsErrorShape {
  name?: string
  message?: string
  $fault?: string
  $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number }
}

const HINTS: Record<string, string> = {
  AccessDeniedException:
    'the role the job runs as lacks this permission: see the policy for this mode in docs/iam-policy.md.',
  UnrecognizedClientException:
    'no valid AWS credentials: configure them with aws-actions/configure-aws-credentials.',
  ExpiredTokenException:
    'the AWS session expired: configure credentials closer to this step or lengthen the role session.',
  ThrottlingException:
    'SageMaker kept throttling after all retries: run fewer jobs against this account at once.',
  ResourceLimitExceeded:
    'an account quota was reached: check Service Quotas for SageMaker in this region.',
  ResourceNotFound: 'check the name, the region and the account the credentials belong to.',
  CredentialsProviderError:
    'no AWS credentials were found: configure them with aws-actions/configure-aws-credentials.'
}

/** The message of anything thrown, for a sentence that quotes it. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** `Name: message`, where the error's name says more than its message alone (an AWS error). */
export function namedErrorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}

function isAwsError(error: unknown): error is Error & AwsErrorShape {
  return error instanceof Error && ('$metadata' in error || '$fault' in error)
}

export function describeError(error: unknown): string {
  if (error instanceof UserError || error instanceof StepError) return error.message
  if (isAwsError(error)) {
    const details = [
      error.$metadata?.httpStatusCode ? `HTTP ${error.$metadata.httpStatusCode}` : '',
      error.$metadata?.requestId ? `request id ${error.$metadata.requestId}` : '',
      error.$metadata?.attempts && error.$metadata.attempts > 1
        ? `${error.$metadata.attempts} attempts`
        : ''
    ].filter(Boolean)
    const hint = HINTS[error.name] ? ` Check: ${HINTS[error.name]}` : ''
    return `${error.name}: ${error.message}${details.length ? ` (${details.join(', ')})` : ''}.${hint}`
  }
  if (error instanceof Error) {
    const hint = HINTS[error.name] ? ` Check: ${HINTS[error.name]}` : ''
    return `${error.message}${hint}`
  }
  return String(error)
}

function sentence(text: string): string {
  const trimmed = text.trim()
  return /[.!?)]$/.test(trimmed) ? trimmed : `${trimmed}.`
}

/**
 * An error in one step of a run: which step, the step finished before it, and what the
 * run had changed by then, so that the person reading it knows what stands in AWS.
 */
export class StepError extends Error {
  override readonly cause: unknown
  constructor(
    readonly step: string | undefined,
    readonly after: string | undefined,
    readonly changes: readonly string[],
    cause: unknown
  ) {
    const where = step
      ? `${step.charAt(0).toUpperCase()}${step.slice(1)} failed${after ? ` after ${after}` : ''}: `
      : ''
    const done =
      changes.length > 0 ? `Already done: ${changes.join('; ')}.` : 'Nothing was changed.'
    super(`${where}${sentence(describeError(cause))} ${done}`)
    this.name = 'StepError'
    this.cause = cause
  }
}

/** The error a step failed with (a StepError's cause), for a short account of it. */
export function causeOf(error: unknown): unknown {
  return error instanceof StepError ? error.cause : error
}

/**
 * The steps of one run. A mode runs each AWS read or write through `run`, records what it
 * changed with `changed`, and any error then says which step failed, after which one, and
 * what was already done. A mode adopts it one call at a time: an error outside every step
 * still gets the list of changes from the error boundary (`executeMode`).
 */
export class Steps {
  private readonly finished: string[] = []
  private readonly changes: string[] = []
  private milestone: string | undefined

  /**
   * Runs one step; an error in it (not already a StepError) becomes a StepError. `undo`
   * runs first, so that what it takes back (or records with `changed`) is in the message.
   */
  async run<T>(
    step: string,
    work: () => Promise<T>,
    undo?: (error: unknown) => Promise<void>
  ): Promise<T> {
    try {
      const result = await work()
      this.finished.push(step)
      return result
    } catch (error) {
      if (undo && !(error instanceof StepError)) await undo(error)
      throw this.failure(step, error)
    }
  }

  /**
   * Marks a milestone, such as computing the verdict: later errors say they came after it
   * (rather than after whichever read came last), because that is what the reader needs.
   */
  done(step: string): void {
    this.finished.push(step)
    this.milestone = step
  }

  /** Records a change made in AWS; every later error lists it. */
  changed(what: string): void {
    this.changes.push(what)
  }

  get changedSoFar(): readonly string[] {
    return this.changes
  }

  /** `error` as a StepError for `step` (undefined: outside every step). */
  failure(step: string | undefined, error: unknown): StepError {
    if (error instanceof StepError) return error
    return new StepError(step, this.milestone ?? this.finished.at(-1), [...this.changes], error)
  }
}
