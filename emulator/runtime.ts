// SageMaker Runtime InvokeEndpoint: routes each request to a variant by weight (and,
// during a blue/green update, to the new fleet by its current traffic share) and
// scores the CSV body with that variant's model.
import { ServiceError } from './errors.ts'
import { capture } from './capture.ts'
import { ModelInputError, predict } from './model.ts'
import { ACCOUNT_ID, type EndpointRec, type Store, type VariantState } from './state.ts'

/** InvokeEndpoint's Body: "Length Constraints: Maximum length of 6291456" (API reference). */
export const MAX_PAYLOAD_BYTES = 6291456

/** "The maximum request and response payload size for serverless invocations is 4 MB." */
export const MAX_SERVERLESS_PAYLOAD_BYTES = 4 * 1024 * 1024

const SERVING = new Set(['InService', 'Updating', 'RollingBack', 'SystemUpdating'])

export interface InvokeResult {
  body: Buffer
  contentType: string
  variant: string
}

function validationError(message: string): ServiceError {
  return new ServiceError('ValidationError', message, 400)
}

function modelError(ep: EndpointRec, region: string, code: number, message: string): ServiceError {
  const logGroup = `/aws/sagemaker/Endpoints/${ep.name}`
  return new ServiceError(
    'ModelError',
    `Received client error (${code}) from primary with message "${message}". See https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#logEventViewer:group=${logGroup} in account ${ACCOUNT_ID} for more information.`,
    424,
    {
      OriginalStatusCode: code,
      OriginalMessage: message,
      LogStreamArn: `arn:aws:logs:${region}:${ACCOUNT_ID}:log-group:${logGroup}`
    }
  )
}

/** Smooth weighted round-robin: exact shares over any window, no randomness in tests. */
function pickByWeight(variants: VariantState[]): VariantState {
  const total = variants.reduce((s, v) => s + Math.max(0, v.weight), 0)
  if (total <= 0) return variants[0]!
  let best = variants[0]!
  for (const v of variants) {
    v.credit += Math.max(0, v.weight)
    if (v.credit > best.credit) best = v
  }
  best.credit -= total
  return best
}

function pickVariant(ep: EndpointRec): VariantState {
  const p = ep.pending
  if (p?.variants && p.greenShare > 0) {
    p.greenCredit += p.greenShare
    if (p.greenCredit >= 1 - 1e-9) {
      p.greenCredit -= 1
      return pickByWeight(p.variants)
    }
  }
  return pickByWeight(ep.variants)
}

function chooseVariant(ep: EndpointRec, target: string | undefined): VariantState {
  if (!target) return pickVariant(ep)
  const found = ep.variants.find(v => v.name === target)
  if (!found) throw validationError(`Variant ${target} not found for Endpoint ${ep.arn}.`)
  return found
}

export interface InvokeHeaders {
  contentType?: string
  accept?: string
  targetVariant?: string
  inferenceId?: string
  requestId: string
}

/** InferenceId: "Length Constraints: Minimum length of 1. Maximum length of 64", `\A\S[\p{Print}]*\z`. */
function checkInferenceId(id: string | undefined): void {
  if (id === undefined) return
  const problem =
    id.length > 64
      ? 'Member must have length less than or equal to 64'
      : id.length === 0 || !/^\S[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]*$/u.test(id)
        ? 'Member must satisfy regular expression pattern: \\A\\S[\\p{Print}]*\\z'
        : undefined
  if (problem)
    throw validationError(
      `1 validation error detected: Value '${id}' at 'inferenceId' failed to satisfy constraint: ${problem}`
    )
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}

/** The endpoint and variant a request goes to, after the checks that come before the model. */
function route(store: Store, endpointName: string, headers: InvokeHeaders, body: Buffer) {
  if (body.length > MAX_PAYLOAD_BYTES)
    throw validationError(
      `1 validation error detected: Value at 'body' failed to satisfy constraint: Member must have length less than or equal to ${MAX_PAYLOAD_BYTES}`
    )
  checkInferenceId(headers.inferenceId)
  const ep = store.endpoints.get(endpointName.toLowerCase())
  if (!ep || !SERVING.has(ep.status) || ep.variants.length === 0)
    throw validationError(`Endpoint ${endpointName} of account ${ACCOUNT_ID} not found.`)
  const variant = chooseVariant(ep, headers.targetVariant)
  // Serverless variants refuse larger bodies with this answer (aws/sagemaker-python-sdk#4271).
  if (variant.serverless && body.length > MAX_SERVERLESS_PAYLOAD_BYTES)
    throw validationError(`Request ${headers.requestId} has oversize body.`)
  return { ep, variant }
}

/**
 * Serves one request: the variant's model scores the body (after any latency fault on that
 * variant, which counts as model latency); the call is recorded for CloudWatch and, when
 * the endpoint captures data, sampled for capture.
 */
export async function invokeEndpoint(
  store: Store,
  region: string,
  endpointName: string,
  headers: InvokeHeaders,
  body: Buffer
): Promise<InvokeResult> {
  const started = performance.now()
  const { ep, variant } = route(store, endpointName, headers, body)
  const modelStart = performance.now()
  const extra = store.faults.variantLatencyMs.get(`${ep.name.toLowerCase()}/${variant.name}`)
  if (extra) await sleep(extra)
  const record = (errorClass: 0 | 4 | 5) => {
    const end = performance.now()
    store.invocations.push({
      endpoint: ep.name,
      variant: variant.name,
      time: store.now(),
      errorClass,
      modelLatencyUs: Math.round((end - modelStart) * 1000),
      overheadLatencyUs: Math.round((modelStart - started) * 1000)
    })
  }
  let out: { body: string; contentType: string }
  try {
    out = predict(variant.model, body.toString('utf8'), headers.contentType, headers.accept)
  } catch (e) {
    if (!(e instanceof ModelInputError)) throw e
    record(e.status >= 500 ? 5 : 4)
    throw modelError(ep, region, e.status, e.message)
  }
  record(0)
  const answer = Buffer.from(out.body)
  capture(store, ep.dataCaptureConfig, {
    endpoint: ep.name,
    variant: variant.name,
    time: store.now(),
    inferenceId: headers.inferenceId,
    input: { contentType: headers.contentType ?? '', body },
    output: { contentType: out.contentType, body: answer }
  })
  return { body: answer, contentType: out.contentType, variant: variant.name }
}
