// The emulator's HTTP front door: one server on 127.0.0.1 that speaks SageMaker (AWS JSON
// 1.1, routed by X-Amz-Target), SageMaker Runtime (POST /endpoints/<name>/invocations),
// path-style S3 (everything else) and a JSON control API under /_emulator/.
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  applyFaultsBody,
  applyIamBody,
  applyOptionsBody,
  applySeed,
  applyVariantBody,
  type ControlTarget,
  type FaultsBody,
  type IamBody,
  type SeedBody,
  type SeedResult,
  serveControl,
  type VariantBody
} from './control.ts'
import { flushCapture } from './capture.ts'
import { CLOUDWATCH_TARGET, getMetricData } from './cloudwatch.ts'
import { ServiceError } from './errors.ts'
import { denial, type Check } from './iam.ts'
import { sagemakerChecks } from './sagemaker/authorization.ts'
import { arnOf } from './sagemaker/common.ts'
import { dropConnection, faultFor, readBody, regionOf, send, sendJson } from './http.ts'
import { invokeEndpoint } from './runtime.ts'
import { errorXml, handleS3, S3Error, s3Operation } from './s3.ts'
import type { Ctx } from './sagemaker/common.ts'
import { operations } from './sagemaker/index.ts'
import { DEFAULT_DELAYS, Store, type CallRecord, type Delays } from './state.ts'
import type { Input } from './validate.ts'

export type { CallRecord, Delays } from './state.ts'
export { DEFAULT_DELAYS } from './state.ts'
export type { FaultsBody, IamBody, SeedBody, SeedResult, VariantBody } from './control.ts'

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  delays?: Partial<Delays>
}

export interface EmulatorStats {
  /** SageMaker control-plane calls by operation name (throttled and failed ones included). */
  operations: Record<string, number>
  /** S3 calls by operation name. */
  s3: Record<string, number>
  /** SageMaker Runtime calls by operation name. */
  runtime: Record<string, number>
  /** CloudWatch calls by operation name. */
  cloudwatch: Record<string, number>
  /** Requests (mini-batches) each transform job sent to its model, by job name. */
  transform: Record<string, number>
  /** Requests answered by injected throttling. */
  throttled: number
  /** Requests answered by a `failNext` fault (errors and dropped connections). */
  injected: number
}

export interface Emulator {
  url: string
  port: number
  close(): Promise<void>
  reset(): void
  stats(): EmulatorStats
  /** Every SageMaker request that reached its handler, with its input, oldest first. */
  calls(): CallRecord[]
  setDelays(d: Partial<Delays>): void
  /** Same body as POST /_emulator/seed. */
  seed(body: SeedBody): SeedResult
  /** Same body as POST /_emulator/faults. */
  setFaults(body: FaultsBody): void
  /** Same body as POST /_emulator/variants. */
  setVariant(body: VariantBody): void
  /** Delivers buffered data capture now (POST /_emulator/capture/flush); returns the count. */
  flushCapture(): number
  /** Same body as POST /_emulator/iam. */
  setPolicy(body: IamBody): void
  /** Same body as POST /_emulator/options. */
  setOptions(body: { arnCase?: 'lower' | 'preserve' }): void
}

/** An internal error as the JSON protocols answer it: InternalFailure, 500. */
function internal(e: unknown): ServiceError {
  const detail = e instanceof Error ? (e.stack ?? e.message) : String(e)
  return new ServiceError('InternalFailure', `The emulator failed: ${detail}`, 500)
}

function parseJsonInput(body: Buffer): Input | undefined {
  try {
    const parsed: unknown = body.length === 0 ? {} : JSON.parse(body.toString('utf8'))
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined
    return parsed as Input
  } catch {
    return undefined
  }
}

/** A JSON RPC service: its X-Amz-Target prefix, operations, media type and stats bucket. */
interface JsonService {
  target: string
  contentType: string
  stats: 'operations' | 'cloudwatch'
  operations: Record<string, (ctx: Ctx, input: Input) => unknown>
  /** What IAM checks for an operation. */
  checks(ctx: Ctx, op: string, input: Input): Check[]
  /** The service's access-denied error. */
  denied(message: string): ServiceError
}

const SAGEMAKER: JsonService = {
  target: 'SageMaker',
  contentType: 'application/x-amz-json-1.1',
  stats: 'operations',
  operations,
  checks: sagemakerChecks,
  // SageMaker answers AccessDeniedException with HTTP 400 (API reference, Common Errors).
  denied: message => new ServiceError('AccessDeniedException', message, 400)
}

const CLOUDWATCH: JsonService = {
  target: CLOUDWATCH_TARGET,
  contentType: 'application/x-amz-json-1.0',
  stats: 'cloudwatch',
  operations: { GetMetricData: (ctx, input) => getMetricData(ctx.store, input) },
  checks: (_ctx, op) => [{ action: `cloudwatch:${op}`, resource: '*' }],
  // CloudWatch's query-compatible answer: code AccessDenied, HTTP 403 (assumed).
  denied: message =>
    new ServiceError(
      'AccessDenied',
      message,
      403,
      {},
      { 'x-amzn-query-error': 'AccessDenied;Sender' }
    )
}

/** SageMaker (AWS JSON 1.1) or CloudWatch (AWS JSON 1.0): the operation named by X-Amz-Target. */
async function serveJson(
  store: Store,
  req: IncomingMessage,
  res: ServerResponse,
  target: string,
  body: Buffer,
  requestId: string
): Promise<void> {
  const [prefix = '', op = ''] = target.split('.')
  const service = prefix === CLOUDWATCH_TARGET ? CLOUDWATCH : SAGEMAKER
  const headers = { 'x-amzn-RequestId': requestId, 'Content-Type': service.contentType }
  const fail = (e: ServiceError) =>
    send(
      res,
      e.status,
      { ...headers, ...e.headers, 'x-amzn-ErrorType': e.type },
      JSON.stringify({ __type: e.type, message: e.message, ...e.extra })
    )
  store.count(service.stats, op || target)
  if (prefix !== service.target || !service.operations[op])
    return fail(new ServiceError('UnknownOperationException', `Unknown operation ${target}`, 400))
  const fault = await faultFor(store, op, service === SAGEMAKER)
  if (dropConnection(res, fault)) return
  if (fault) return fail(fault)
  const input = parseJsonInput(body)
  if (!input)
    return fail(
      new ServiceError(
        'SerializationException',
        'Start of structure or map found where not expected.',
        400
      )
    )
  const ctx: Ctx = { store, region: regionOf(req), now: store.now() }
  const call: CallRecord = { operation: op, input: structuredClone(input) }
  if (service === SAGEMAKER) store.calls.push(call)
  const failCall = (e: ServiceError) => {
    call.error = e.type
    fail(e)
  }
  const refused = store.policy && denial(store.policy, service.checks(ctx, op, input), ctx.region)
  if (refused) return failCall(service.denied(refused))
  try {
    const result = await service.operations[op]!(ctx, input)
    send(res, 200, headers, JSON.stringify(result ?? {}))
  } catch (e) {
    failCall(e instanceof ServiceError ? e : internal(e))
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name]
  return Array.isArray(v) ? v[0] : v
}

/** SageMaker Runtime (REST JSON): InvokeEndpoint. */
async function serveRuntime(
  store: Store,
  req: IncomingMessage,
  res: ServerResponse,
  endpoint: string,
  body: Buffer,
  requestId: string
): Promise<void> {
  store.count('runtime', 'InvokeEndpoint')
  const fail = (e: ServiceError) =>
    send(
      res,
      e.status,
      {
        'x-amzn-RequestId': requestId,
        'Content-Type': 'application/json',
        'x-amzn-ErrorType': e.type
      },
      JSON.stringify({ Message: e.message, ...e.extra })
    )
  const region = regionOf(req)
  const arn = arnOf({ store, region, now: store.now() }, 'endpoint', endpoint)
  const refused =
    store.policy &&
    denial(store.policy, [{ action: 'sagemaker:InvokeEndpoint', resource: arn }], region)
  if (refused) return fail(new ServiceError('AccessDeniedException', refused, 400))
  const fault = await faultFor(store, 'InvokeEndpoint', false)
  if (dropConnection(res, fault)) return
  if (fault) return fail(fault)
  try {
    const out = await invokeEndpoint(
      store,
      region,
      endpoint,
      {
        contentType: header(req, 'content-type'),
        accept: header(req, 'accept'),
        targetVariant: header(req, 'x-amzn-sagemaker-target-variant'),
        inferenceId: header(req, 'x-amzn-sagemaker-inference-id'),
        requestId
      },
      body
    )
    send(
      res,
      200,
      {
        'x-amzn-RequestId': requestId,
        'Content-Type': out.contentType,
        'x-Amzn-Invoked-Production-Variant': out.variant
      },
      out.body
    )
  } catch (e) {
    fail(e instanceof ServiceError ? e : internal(e))
  }
}

/** The S3 action and resource ARN IAM checks for a request. */
function s3Check(op: string, url: URL): Check {
  const [bucket = '', ...rest] = url.pathname.replace(/^\/+/, '').split('/')
  const key = decodeURIComponent(rest.join('/'))
  const action =
    op === 'PutObject' || op === 'DeleteObject' || op === 'CreateBucket'
      ? `s3:${op}`
      : op === 'GetObject' || op === 'HeadObject'
        ? 's3:GetObject'
        : 's3:ListBucket'
  const onBucket = action === 's3:ListBucket' || action === 's3:CreateBucket'
  return {
    action,
    resource: onBucket
      ? `arn:aws:s3:::${decodeURIComponent(bucket)}`
      : `arn:aws:s3:::${decodeURIComponent(bucket)}/${key}`
  }
}

/** Path-style S3 (REST XML). */
async function serveS3(
  store: Store,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: Buffer,
  requestId: string
): Promise<void> {
  const headers = { 'x-amz-request-id': requestId, 'x-amz-id-2': requestId }
  const key = url.pathname.replace(/^\/+[^/]*\/?/, '')
  const op = s3Operation(req.method ?? 'GET', key, url.searchParams)
  store.count('s3', op)
  const fault = await faultFor(store, op, false)
  if (dropConnection(res, fault)) return
  try {
    const refused = store.policy && denial(store.policy, [s3Check(op, url)], regionOf(req), true)
    if (refused) throw new S3Error('AccessDenied', refused, 403)
    // S3 throttles with SlowDown (503), not ThrottlingException.
    if (fault?.type === 'ThrottlingException')
      throw new S3Error('SlowDown', 'Please reduce your request rate.', 503)
    if (fault) throw new S3Error(fault.type, fault.message, fault.status)
    const out = handleS3(store, req.method ?? 'GET', url, req.headers, body)
    send(res, out.status, { ...headers, ...out.headers }, out.body)
  } catch (e) {
    const err = e instanceof S3Error ? e : new S3Error('InternalError', String(e), 500)
    if (req.method === 'HEAD') send(res, err.status, headers)
    else
      send(
        res,
        err.status,
        { ...headers, 'Content-Type': 'application/xml' },
        errorXml(err, requestId)
      )
  }
}

/** Routes one request to its protocol: control API, SageMaker, Runtime, else S3. */
async function route(
  target: ControlTarget,
  req: IncomingMessage,
  res: ServerResponse
): Promise<void> {
  const requestId = randomUUID()
  const store = target.store
  try {
    const body = await readBody(req)
    const url = new URL(req.url ?? '/', 'http://emulator')
    if (url.pathname.startsWith('/_emulator/'))
      return serveControl(target, req, res, url.pathname, body)
    const amzTarget = req.headers['x-amz-target']
    if (typeof amzTarget === 'string')
      return await serveJson(store, req, res, amzTarget, body, requestId)
    const invoke = /^\/endpoints\/([^/]+)\/invocations$/.exec(url.pathname)
    if (req.method === 'POST' && invoke)
      return await serveRuntime(store, req, res, decodeURIComponent(invoke[1]!), body, requestId)
    return await serveS3(store, req, res, url, body, requestId)
  } catch (e) {
    if (!res.headersSent)
      sendJson(
        res,
        500,
        { __type: 'InternalFailure', message: String(e) },
        { 'x-amzn-RequestId': requestId }
      )
  }
}

function statsOf(store: Store): EmulatorStats {
  return {
    operations: { ...store.stats.operations },
    s3: { ...store.stats.s3 },
    runtime: { ...store.stats.runtime },
    cloudwatch: { ...store.stats.cloudwatch },
    transform: { ...store.stats.transform },
    throttled: store.stats.throttled,
    injected: store.stats.injected
  }
}

function setDelays(store: Store, d: Partial<Delays>): void {
  for (const [k, v] of Object.entries(d))
    if (k in DEFAULT_DELAYS && typeof v === 'number' && v >= 0)
      (store.delays as unknown as Record<string, number>)[k] = v
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const store = new Store(opts.delays)
  const host = opts.host ?? '127.0.0.1'
  const target: ControlTarget = {
    store,
    reset: () => store.reset(),
    stats: () => statsOf(store),
    setDelays: d => setDelays(store, d)
  }
  const server = createServer((req, res) => void route(target, req, res))
  // Idle connections stay open a minute (README, Wire format). Node's agent does not reuse
  // a socket whose Keep-Alive hint is 1 s (it keeps a second in hand), so such a hint
  // opens a connection per request; and the SDK's agent keeps idle sockets with no time
  // limit, so a short server timeout lets a client that was busy write into a socket the
  // server has just closed (ECONNRESET). close() closes every connection anyway.
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>(resolve => {
        store.cancelTimers()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
    reset: target.reset,
    stats: () => statsOf(store),
    calls: () => structuredClone(store.calls),
    setDelays: target.setDelays,
    seed: body => applySeed(store, body),
    setFaults: body => applyFaultsBody(store, body),
    setVariant: body => applyVariantBody(store, body),
    flushCapture: () => flushCapture(store),
    setPolicy: body => applyIamBody(store, body),
    setOptions: body => applyOptionsBody(store, body)
  }
}
