// Errors as SageMaker puts them on the wire: the SDK picks the exception class from
// `__type` (JSON protocols) and the message from `message`, so both must be exact.

export class ServiceError extends Error {
  readonly type: string
  readonly status: number
  /** Extra members of the error shape (e.g. ModelError's OriginalStatusCode). */
  readonly extra: Record<string, unknown>
  /** Extra response headers (CloudWatch's x-amzn-query-error). */
  readonly headers: Record<string, string>

  constructor(
    type: string,
    message: string,
    status = 400,
    extra: Record<string, unknown> = {},
    headers: Record<string, string> = {}
  ) {
    super(message)
    this.type = type
    this.status = status
    this.extra = extra
    this.headers = headers
  }
}

export function validation(message: string): ServiceError {
  return new ServiceError('ValidationException', message, 400)
}

export function resourceNotFound(message = 'Requested resource not found.'): ServiceError {
  return new ServiceError('ResourceNotFound', message, 400)
}

export function resourceInUse(message: string): ServiceError {
  return new ServiceError('ResourceInUse', message, 400)
}

export function conflict(message: string): ServiceError {
  return new ServiceError('ConflictException', message, 400)
}

export function limitExceeded(message: string): ServiceError {
  return new ServiceError('ResourceLimitExceeded', message, 400)
}

export function throttling(): ServiceError {
  return new ServiceError('ThrottlingException', 'Rate exceeded', 400)
}

/** HTTP status of errors a fault injection may name; unknown names are client errors. */
const FAULT_STATUS: Record<string, number> = {
  InternalFailure: 500,
  InternalServerError: 500,
  ServiceUnavailable: 503,
  ThrottlingException: 400,
  ValidationException: 400,
  ValidationError: 400,
  ResourceNotFound: 400,
  ResourceInUse: 400,
  ResourceLimitExceeded: 400,
  ConflictException: 400,
  AccessDeniedException: 400,
  ModelError: 424,
  ModelNotReadyException: 429
}

export function injectedError(type: string, message?: string, status?: number): ServiceError {
  return new ServiceError(
    type,
    message ?? `Injected ${type} (emulator fault)`,
    status ?? FAULT_STATUS[type] ?? 400
  )
}
