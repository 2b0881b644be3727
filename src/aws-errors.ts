// What kind of "no" SageMaker answered. It models few errors of its own: "not found",
// "already exists" and "busy" mostly come as a ValidationException told apart only by its
// message (the SageMaker operator for Kubernetes matches the same phrases), and emulators
// and other services send ResourceNotFound or ResourceInUse instead.

function validationMessage(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined
  if (error.name !== 'ValidationException' && error.name !== 'ValidationError') return undefined
  return error.message
}

/**
 * `Could not find endpoint "..."` (and model, endpoint configuration), `ModelPackageGroup
 * churn does not exist.`, or a ResourceNotFound error.
 */
export function isNotFound(error: unknown): boolean {
  const message = validationMessage(error)
  if (message !== undefined) return /does not exist|not found|could not find/i.test(message)
  return (
    error instanceof Error &&
    (error.name === 'ResourceNotFound' || error.name === 'ResourceNotFoundException')
  )
}

/** `Cannot create already existing endpoint "..."`, `Model Package Group already exists: ...`. */
export function isAlreadyExists(error: unknown): boolean {
  const message = validationMessage(error)
  if (message !== undefined) return /already exist/i.test(message)
  return error instanceof Error && error.name === 'ResourceInUse'
}

/** `Cannot update in-progress endpoint "..."`: another create or update is running. */
export function isInProgress(error: unknown): boolean {
  const message = validationMessage(error)
  return message !== undefined && /in-progress endpoint|in progress/i.test(message)
}

/** SageMaker's "slow down" (after the SDK's own retries): worth a longer pause, not a failure. */
export function isThrottling(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const status = (error as Error & { $metadata?: { httpStatusCode?: number } }).$metadata
    ?.httpStatusCode
  return (
    /^(ThrottlingException|Throttling|TooManyRequestsException)$/.test(error.name) || status === 429
  )
}
