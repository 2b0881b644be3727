// Turns any error into a message a person can act on: the AWS error name, the request
// id to quote to AWS support, and what to check.

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
    'the role the job runs as lacks this permission: see the IAM policy in the README.',
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

function isAwsError(error: unknown): error is Error & AwsErrorShape {
  return error instanceof Error && ('$metadata' in error || '$fault' in error)
}

export function describeError(error: unknown): string {
  if (error instanceof UserError) return error.message
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
