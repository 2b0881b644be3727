// The emulator's HTTP front door: one server on 127.0.0.1 that speaks SageMaker (AWS JSON
// 1.1, routed by X-Amz-Target), SageMaker Runtime (POST /endpoints/<name>/invocations),
// path-style S3 (everything else) and a JSON control API under /_emulator/.
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { injectedError, ServiceError, throttling } from './errors.ts'
import { invokeEndpoint } from './runtime.ts'
import { errorXml, handleS3, S3Error, s3Operation } from './s3.ts'
import { createPackage } from './sagemaker/registry.ts'
import type { Ctx } from './sagemaker/common.ts'
import { operations } from './sagemaker/index.ts'
import { seedTrainingJob, seedTuningJob } from './sagemaker/jobs.ts'
import { DEFAULT_DELAYS, Store, type CallRecord, type Delays } from './state.ts'
import type { Input } from './validate.ts'

export type { CallRecord, Delays } from './state.ts'
export { DEFAULT_DELAYS } from './state.ts'

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
  throttled: number
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
}

export interface SeedBody {
  /** Region for the ARNs of seeded resources (default us-east-1). */
  region?: string
  trainingJobs?: Input[]
  tuningJobs?: Input[]
  s3Objects?: {
    bucket: string
    key: string
    body?: string
    bodyBase64?: string
    contentType?: string
  }[]
  modelPackageGroups?: Input[]
  /** CreateModelPackage inputs; missing groups are created, packages start Completed. */
  modelPackages?: Input[]
}

export interface SeedResult {
  trainingJobs: number
  tuningJobs: number
  s3Objects: number
  modelPackageGroups: number
  modelPackages: string[]
}

export interface FaultsBody {
  throttleRate?: number | Record<string, number>
  latencyMs?: number | Record<string, number>
  failNext?: Record<string, { count?: number; error?: string; message?: string; status?: number }>
  alarms?: Record<string, string>
  instanceLimits?: Record<string, number>
  clear?: boolean
}

/** Raised for a malformed control-API body; answered with 400 and the message. */
class ControlError extends Error {}

function regionOf(req: IncomingMessage): string {
  const auth = req.headers.authorization ?? ''
  const m = /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\//.exec(auth)
  return m?.[1] ?? 'us-east-1'
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}

function applyFaultsBody(store: Store, body: FaultsBody): void {
  if (typeof body !== 'object' || body === null)
    throw new ControlError('faults body must be a JSON object')
  const f = store.faults
  const rate = (v: unknown, what: string): number => {
    if (typeof v !== 'number' || v < 0 || v > 1)
      throw new ControlError(`${what} must be a number from 0 to 1, got ${JSON.stringify(v)}`)
    return v
  }
  if (body.clear) {
    f.throttleAll = 0
    f.throttleOps.clear()
    f.latencyMs.clear()
    f.failNext.clear()
    f.alarms.clear()
  }
  if (body.throttleRate !== undefined) {
    if (typeof body.throttleRate === 'number') {
      f.throttleAll = rate(body.throttleRate, 'throttleRate')
      if (f.throttleAll === 0) f.throttleOps.clear()
    } else {
      for (const [op, r] of Object.entries(body.throttleRate)) {
        if (rate(r, `throttleRate.${op}`) === 0) f.throttleOps.delete(op)
        else f.throttleOps.set(op, r)
      }
    }
  }
  if (body.latencyMs !== undefined) {
    const entries =
      typeof body.latencyMs === 'number'
        ? [['*', body.latencyMs] as const]
        : Object.entries(body.latencyMs)
    for (const [op, ms] of entries) {
      if (typeof ms !== 'number' || ms < 0)
        throw new ControlError(`latencyMs.${op} must be a non-negative number`)
      if (ms === 0) f.latencyMs.delete(op)
      else f.latencyMs.set(op, ms)
    }
  }
  if (body.failNext !== undefined) {
    for (const [op, spec] of Object.entries(body.failNext)) {
      const count = spec.count ?? 1
      if (!Number.isInteger(count) || count < 0)
        throw new ControlError(`failNext.${op}.count must be a non-negative integer`)
      if (count === 0) f.failNext.delete(op)
      else
        f.failNext.set(op, {
          count,
          error: spec.error ?? 'InternalFailure',
          message: spec.message,
          status: spec.status
        })
    }
  }
  if (body.alarms !== undefined)
    for (const [name, state] of Object.entries(body.alarms)) {
      if (!['ALARM', 'OK', 'INSUFFICIENT_DATA'].includes(state))
        throw new ControlError(`alarms.${name} must be ALARM, OK or INSUFFICIENT_DATA`)
      f.alarms.set(name, state)
    }
  if (body.instanceLimits !== undefined)
    for (const [type, n] of Object.entries(body.instanceLimits)) {
      if (!Number.isInteger(n) || n < 0)
        throw new ControlError(`instanceLimits.${type} must be a non-negative integer`)
      f.instanceLimits.set(type, n)
    }
}

function seedCtx(store: Store, region: string | undefined): Ctx {
  return { store, region: region ?? 'us-east-1', now: store.now() }
}

function applySeed(store: Store, body: SeedBody): SeedResult {
  if (typeof body !== 'object' || body === null)
    throw new ControlError('seed body must be a JSON object')
  const ctx = seedCtx(store, body.region)
  const result: SeedResult = {
    trainingJobs: 0,
    tuningJobs: 0,
    s3Objects: 0,
    modelPackageGroups: 0,
    modelPackages: []
  }
  const wrap = <T>(what: string, fn: () => T): T => {
    try {
      return fn()
    } catch (e) {
      throw new ControlError(`${what}: ${(e as Error).message}`)
    }
  }
  for (const job of body.trainingJobs ?? []) {
    wrap('trainingJobs', () => seedTrainingJob(ctx, job))
    result.trainingJobs++
  }
  for (const job of body.tuningJobs ?? []) {
    wrap('tuningJobs', () => seedTuningJob(ctx, job))
    result.tuningJobs++
  }
  for (const o of body.s3Objects ?? []) {
    if (
      typeof o.bucket !== 'string' ||
      typeof o.key !== 'string' ||
      o.bucket === '' ||
      o.key === ''
    )
      throw new ControlError('s3Objects: each needs a non-empty "bucket" and "key"')
    const data =
      o.bodyBase64 !== undefined
        ? Buffer.from(o.bodyBase64, 'base64')
        : Buffer.from(o.body ?? '', 'utf8')
    store.putObject(o.bucket, o.key, data, o.contentType ?? 'binary/octet-stream')
    result.s3Objects++
  }
  const createGroup = operations.CreateModelPackageGroup!
  for (const g of body.modelPackageGroups ?? []) {
    wrap('modelPackageGroups', () => createGroup(ctx, g))
    result.modelPackageGroups++
  }
  for (const p of body.modelPackages ?? []) {
    const group = p.ModelPackageGroupName
    if (
      typeof group === 'string' &&
      !store.groups.has(group.toLowerCase()) &&
      !group.startsWith('arn:')
    ) {
      wrap('modelPackages', () => createGroup(ctx, { ModelPackageGroupName: group }))
      result.modelPackageGroups++
    }
    const input = { ...p }
    if (typeof input.CreationTime === 'string')
      input.CreationTime = Date.parse(input.CreationTime) / 1000
    result.modelPackages.push(
      wrap('modelPackages', () => createPackage(ctx, input, { seeded: true })).ModelPackageArn
    )
  }
  return result
}

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body?: Buffer | string
): void {
  const data = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body
  res.writeHead(status, {
    ...headers,
    'Content-Length': String(data?.length ?? headers['Content-Length'] ?? 0)
  })
  res.end(data)
}

function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {}
): void {
  send(res, status, { 'Content-Type': 'application/json', ...headers }, JSON.stringify(value))
}

/** Latency, then queued failures, then throttling: the order a caller would meet them. */
async function faultFor(
  store: Store,
  op: string,
  throttleAll: boolean
): Promise<ServiceError | undefined> {
  const f = store.faults
  const delay = f.latencyMs.get(op) ?? f.latencyMs.get('*')
  if (delay) await sleep(delay)
  const fail = f.failNext.get(op)
  if (fail) {
    fail.count--
    if (fail.count <= 0) f.failNext.delete(op)
    return injectedError(fail.error, fail.message, fail.status)
  }
  const rate = f.throttleOps.get(op) ?? (throttleAll ? f.throttleAll : 0)
  if (rate > 0 && store.random() < rate) {
    store.stats.throttled++
    return throttling()
  }
  return undefined
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const store = new Store(opts.delays)
  const host = opts.host ?? '127.0.0.1'

  async function sagemaker(
    req: IncomingMessage,
    res: ServerResponse,
    target: string,
    body: Buffer,
    requestId: string
  ) {
    const headers = { 'x-amzn-RequestId': requestId, 'Content-Type': 'application/x-amz-json-1.1' }
    const fail = (e: ServiceError) =>
      send(
        res,
        e.status,
        { ...headers, 'x-amzn-ErrorType': e.type },
        JSON.stringify({ __type: e.type, message: e.message, ...e.extra })
      )
    const [service, op = ''] = target.split('.')
    store.count('operations', op || target)
    if (service !== 'SageMaker' || !operations[op]) {
      fail(new ServiceError('UnknownOperationException', `Unknown operation ${target}`, 400))
      return
    }
    const fault = await faultFor(store, op, true)
    if (fault) return fail(fault)
    let input: Input
    try {
      const parsed: unknown = body.length === 0 ? {} : JSON.parse(body.toString('utf8'))
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('not an object')
      input = parsed as Input
    } catch {
      return fail(
        new ServiceError(
          'SerializationException',
          'Start of structure or map found where not expected.',
          400
        )
      )
    }
    const ctx: Ctx = { store, region: regionOf(req), now: store.now() }
    const call: CallRecord = { operation: op, input: structuredClone(input) }
    store.calls.push(call)
    try {
      const result = await operations[op]!(ctx, input)
      send(res, 200, headers, JSON.stringify(result ?? {}))
    } catch (e) {
      call.error = e instanceof ServiceError ? e.type : 'InternalFailure'
      if (e instanceof ServiceError) return fail(e)
      fail(
        new ServiceError(
          'InternalFailure',
          `The emulator failed: ${(e as Error).stack ?? String(e)}`,
          500
        )
      )
    }
  }

  async function runtime(
    req: IncomingMessage,
    res: ServerResponse,
    endpoint: string,
    body: Buffer,
    requestId: string
  ) {
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
    const fault = await faultFor(store, 'InvokeEndpoint', false)
    if (fault) return fail(fault)
    try {
      const h = (n: string) => {
        const v = req.headers[n]
        return Array.isArray(v) ? v[0] : v
      }
      const out = invokeEndpoint(
        store,
        regionOf(req),
        endpoint,
        {
          contentType: h('content-type'),
          accept: h('accept'),
          targetVariant: h('x-amzn-sagemaker-target-variant')
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
      if (e instanceof ServiceError) return fail(e)
      fail(new ServiceError('InternalFailure', `The emulator failed: ${String(e)}`, 500))
    }
  }

  async function s3(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    body: Buffer,
    requestId: string
  ) {
    const headers = { 'x-amz-request-id': requestId, 'x-amz-id-2': requestId }
    const { key } = { key: url.pathname.replace(/^\/+[^/]*\/?/, '') }
    const op = s3Operation(req.method ?? 'GET', key, url.searchParams)
    store.count('s3', op)
    const fault = await faultFor(store, op, false)
    try {
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

  function control(req: IncomingMessage, res: ServerResponse, path: string, body: Buffer) {
    const json = (): unknown => {
      if (body.length === 0) return {}
      try {
        return JSON.parse(body.toString('utf8'))
      } catch {
        throw new ControlError('body is not valid JSON')
      }
    }
    try {
      const route = `${req.method} ${path}`
      switch (route) {
        case 'POST /_emulator/reset':
          emulator.reset()
          return sendJson(res, 200, { ok: true })
        case 'GET /_emulator/stats':
          return sendJson(res, 200, emulator.stats())
        case 'GET /_emulator/calls':
          return sendJson(res, 200, emulator.calls())
        case 'POST /_emulator/faults':
          applyFaultsBody(store, json() as FaultsBody)
          return sendJson(res, 200, { ok: true })
        case 'POST /_emulator/seed':
          return sendJson(res, 200, applySeed(store, json() as SeedBody))
        case 'GET /_emulator/delays':
          return sendJson(res, 200, store.delays)
        case 'POST /_emulator/delays':
          emulator.setDelays(json() as Partial<Delays>)
          return sendJson(res, 200, store.delays)
        case 'GET /_emulator/health':
          return sendJson(res, 200, { ok: true })
        default:
          return sendJson(res, 404, { error: `No control route ${route}` })
      }
    } catch (e) {
      if (e instanceof ControlError) return sendJson(res, 400, { error: e.message })
      return sendJson(res, 500, { error: String(e) })
    }
  }

  const server = createServer((req, res) => {
    void (async () => {
      const requestId = randomUUID()
      try {
        const body = await readBody(req)
        const url = new URL(req.url ?? '/', 'http://emulator')
        if (url.pathname.startsWith('/_emulator/')) return control(req, res, url.pathname, body)
        const target = req.headers['x-amz-target']
        if (typeof target === 'string') return await sagemaker(req, res, target, body, requestId)
        const invoke = /^\/endpoints\/([^/]+)\/invocations$/.exec(url.pathname)
        if (req.method === 'POST' && invoke)
          return await runtime(req, res, decodeURIComponent(invoke[1]!), body, requestId)
        return await s3(req, res, url, body, requestId)
      } catch (e) {
        if (!res.headersSent)
          sendJson(
            res,
            500,
            { __type: 'InternalFailure', message: String(e) },
            { 'x-amzn-RequestId': requestId }
          )
      }
    })()
  })
  // Keep-alive sockets from SDK clients must not hold close() open.
  server.keepAliveTimeout = 1000

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port

  const emulator: Emulator = {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>(resolve => {
        store.cancelTimers()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
    reset: () => store.reset(),
    stats: () => ({
      operations: { ...store.stats.operations },
      s3: { ...store.stats.s3 },
      runtime: { ...store.stats.runtime },
      throttled: store.stats.throttled
    }),
    calls: () => structuredClone(store.calls),
    setDelays: d => {
      for (const [k, v] of Object.entries(d))
        if (k in DEFAULT_DELAYS && typeof v === 'number' && v >= 0)
          (store.delays as unknown as Record<string, number>)[k] = v
    },
    seed: body => applySeed(store, body),
    setFaults: body => applyFaultsBody(store, body)
  }
  return emulator
}
