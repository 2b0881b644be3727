// The control API under /_emulator/: reset, stats, faults, seed, delays, health. Tests and
// the demo drive the emulator through it (or through the same functions in-process).
import type { IncomingMessage, ServerResponse } from 'node:http'
import { flushCapture } from './capture.ts'
import { DEFAULT_PRINCIPAL, parsePolicy, PolicyError } from './iam.ts'
import { sendJson } from './http.ts'
import { parseArtifact } from './model.ts'
import { loadArtifact } from './sagemaker/models.ts'
import { createPackage } from './sagemaker/registry.ts'
import type { Ctx } from './sagemaker/common.ts'
import { operations } from './sagemaker/index.ts'
import { seedTrainingJob, seedTuningJob } from './sagemaker/jobs.ts'
import type { Delays, Store } from './state.ts'
import type { Input } from './validate.ts'

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
  endpointOutcomes?: Record<string, string>
  clear?: boolean
}

/** Raised for a malformed control-API body; answered with 400 and the message. */
export class ControlError extends Error {}

export function applyFaultsBody(store: Store, body: FaultsBody): void {
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
    f.variantLatencyMs.clear()
    f.endpointOutcomes.clear()
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
  if (body.endpointOutcomes !== undefined)
    for (const [name, outcome] of Object.entries(body.endpointOutcomes)) {
      if (outcome !== 'OutOfService' && outcome !== 'UpdateRollbackFailed' && outcome !== 'none')
        throw new ControlError(
          `endpointOutcomes.${name} must be OutOfService, UpdateRollbackFailed or none`
        )
      if (outcome === 'none') f.endpointOutcomes.delete(name.toLowerCase())
      else f.endpointOutcomes.set(name.toLowerCase(), outcome)
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

export function applySeed(store: Store, body: SeedBody): SeedResult {
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

/** `POST /_emulator/variants`: a latency fault or a different model on one live variant. */
export interface VariantBody {
  endpointName: string
  variantName: string
  /** Added to every invocation this variant serves (model latency); 0 clears. */
  latencyMs?: number
  /** A model artifact document that replaces the variant's model until its fleet is replaced. */
  artifact?: unknown
  /** Or the S3 location of one. */
  modelDataUrl?: string
}

export function applyVariantBody(store: Store, body: VariantBody): void {
  if (typeof body !== 'object' || body === null)
    throw new ControlError('variants body must be a JSON object')
  const ep = store.endpoints.get(String(body.endpointName).toLowerCase())
  if (!ep) throw new ControlError(`No endpoint ${JSON.stringify(body.endpointName)}`)
  const variant = ep.variants.find(v => v.name === body.variantName)
  if (!variant)
    throw new ControlError(
      `Endpoint ${ep.name} serves no variant ${JSON.stringify(body.variantName)} (it serves ${ep.variants.map(v => v.name).join(', ') || 'nothing yet'})`
    )
  if (body.latencyMs !== undefined) {
    if (typeof body.latencyMs !== 'number' || body.latencyMs < 0)
      throw new ControlError('latencyMs must be a non-negative number')
    const key = `${ep.name.toLowerCase()}/${variant.name}`
    if (body.latencyMs === 0) store.faults.variantLatencyMs.delete(key)
    else store.faults.variantLatencyMs.set(key, body.latencyMs)
  }
  if (body.artifact !== undefined || body.modelDataUrl !== undefined) {
    const loaded =
      body.artifact !== undefined
        ? parseArtifact(Buffer.from(JSON.stringify(body.artifact)), 'artifact')
        : loadArtifact(store, body.modelDataUrl)
    if (!loaded.ok) throw new ControlError(loaded.reason)
    variant.model = loaded.model
  }
}

/** `POST /_emulator/iam`: `{"policy": <document> | null, "principal"?: "arn:aws:sts::..."}`. */
export interface IamBody {
  policy: unknown
  principal?: string
}

export function applyIamBody(store: Store, body: IamBody): void {
  if (typeof body !== 'object' || body === null || !('policy' in body))
    throw new ControlError('iam body must be {"policy": <policy document> | null}')
  if (body.principal !== undefined && typeof body.principal !== 'string')
    throw new ControlError('principal must be an ARN string')
  if (body.policy === null) {
    store.policy = undefined
    return
  }
  try {
    store.policy = parsePolicy(body.policy, body.principal ?? DEFAULT_PRINCIPAL)
  } catch (e) {
    if (e instanceof PolicyError || e instanceof SyntaxError) throw new ControlError(e.message)
    throw e
  }
}

/** `POST /_emulator/options`: `{"arnCase": "lower" | "preserve"}`. */
export function applyOptionsBody(store: Store, body: { arnCase?: unknown }): void {
  if (typeof body !== 'object' || body === null)
    throw new ControlError('options body must be a JSON object')
  if (body.arnCase !== undefined) {
    if (body.arnCase !== 'lower' && body.arnCase !== 'preserve')
      throw new ControlError(
        `arnCase must be "lower" or "preserve", got ${JSON.stringify(body.arnCase)}`
      )
    store.options.arnCase = body.arnCase
  }
}

/** What the control routes need from the running emulator besides the store. */
export interface ControlTarget {
  store: Store
  reset(): void
  stats(): unknown
  setDelays(d: Partial<Delays>): void
}

function jsonBody(body: Buffer): unknown {
  if (body.length === 0) return {}
  try {
    return JSON.parse(body.toString('utf8'))
  } catch {
    throw new ControlError('body is not valid JSON')
  }
}

function controlRoute(target: ControlTarget, route: string, body: Buffer): [number, unknown] {
  const { store } = target
  switch (route) {
    case 'POST /_emulator/reset':
      target.reset()
      return [200, { ok: true }]
    case 'GET /_emulator/stats':
      return [200, target.stats()]
    case 'GET /_emulator/calls':
      return [200, store.calls]
    case 'POST /_emulator/faults':
      applyFaultsBody(store, jsonBody(body) as FaultsBody)
      return [200, { ok: true }]
    case 'POST /_emulator/seed':
      return [200, applySeed(store, jsonBody(body) as SeedBody)]
    case 'GET /_emulator/delays':
      return [200, store.delays]
    case 'POST /_emulator/delays':
      target.setDelays(jsonBody(body) as Partial<Delays>)
      return [200, store.delays]
    case 'GET /_emulator/health':
      return [200, { ok: true }]
    case 'POST /_emulator/variants':
      applyVariantBody(store, jsonBody(body) as VariantBody)
      return [200, { ok: true }]
    case 'POST /_emulator/iam':
      applyIamBody(store, jsonBody(body) as IamBody)
      return [200, { ok: true }]
    case 'GET /_emulator/options':
      return [200, store.options]
    case 'POST /_emulator/options':
      applyOptionsBody(store, jsonBody(body) as { arnCase?: unknown })
      return [200, store.options]
    case 'POST /_emulator/capture/flush':
      return [200, { delivered: flushCapture(store) }]
    default:
      return [404, { error: `No control route ${route}` }]
  }
}

export function serveControl(
  target: ControlTarget,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  body: Buffer
): void {
  try {
    const [status, value] = controlRoute(target, `${req.method} ${path}`, body)
    sendJson(res, status, value)
  } catch (e) {
    if (e instanceof ControlError) return sendJson(res, 400, { error: e.message })
    sendJson(res, 500, { error: String(e) })
  }
}
