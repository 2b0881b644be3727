// SageMaker reports "not found", "already exists" and "busy" for hosting resources as a
// ValidationException told apart only by its message (the SageMaker operator for
// Kubernetes matches the same prefixes).

function validationMessage(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined
  if (error.name !== 'ValidationException' && error.name !== 'ValidationError') return undefined
  return error.message
}

/** `Could not find endpoint "..."`, `Could not find model "..."`, `Could not find endpoint configuration "..."`. */
export function isNotFound(error: unknown): boolean {
  const message = validationMessage(error)
  if (message !== undefined) return /^Could not find /i.test(message)
  return (
    error instanceof Error &&
    (error.name === 'ResourceNotFound' || error.name === 'ResourceNotFoundException')
  )
}

/** `Cannot create already existing endpoint "..."` (and model, endpoint configuration). */
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
