// The blue/green deployment engine behind UpdateEndpoint: the new fleet is provisioned,
// traffic moves in the DeploymentConfig's steps (all at once, canary, linear, rolling),
// each step bakes while auto-rollback alarms are watched, then the old fleet goes.
import { validation } from '../errors.ts'
import type { EndpointConfigRec, EndpointOutcome, EndpointRec } from '../state.ts'
import type { Checker, Input } from '../validate.ts'
import { copy, type Ctx } from './common.ts'
import { current, instancesByType, provision } from './fleet.ts'

const SIZE_TYPES = ['INSTANCE_COUNT', 'CAPACITY_PERCENT']

/** A CapacitySize member: `{Type: INSTANCE_COUNT | CAPACITY_PERCENT, Value >= 1}`. */
function checkCapacitySize(
  check: Checker,
  parent: Input | undefined,
  field: string,
  required: boolean,
  path: string
): void {
  const size = check.obj(parent, field, required, `${path}.${field}`)
  check.str(size, 'Type', { required: true, enum: SIZE_TYPES }, `${path}.${field}.Type`)
  check.num(size, 'Value', { required: true, min: 1, integer: true }, `${path}.${field}.Value`)
}

/** BlueGreenUpdatePolicy and its TrafficRoutingConfiguration. */
function checkBlueGreen(check: Checker, dc: Input): void {
  const p = 'DeploymentConfig.BlueGreenUpdatePolicy'
  const bg = check.obj(dc, 'BlueGreenUpdatePolicy', false, p)
  if (!bg) return
  const tp = `${p}.TrafficRoutingConfiguration`
  const tr = check.obj(bg, 'TrafficRoutingConfiguration', true, tp)
  const type = check.str(
    tr,
    'Type',
    { required: true, enum: ['ALL_AT_ONCE', 'CANARY', 'LINEAR'] },
    `${tp}.Type`
  )
  check.num(
    tr,
    'WaitIntervalInSeconds',
    { required: true, min: 0, max: 3600, integer: true },
    `${tp}.WaitIntervalInSeconds`
  )
  checkCapacitySize(check, tr, 'CanarySize', type === 'CANARY', tp)
  checkCapacitySize(check, tr, 'LinearStepSize', type === 'LINEAR', tp)
  check.num(
    bg,
    'TerminationWaitInSeconds',
    { min: 0, max: 3600, integer: true },
    `${p}.TerminationWaitInSeconds`
  )
  check.num(
    bg,
    'MaximumExecutionTimeoutInSeconds',
    { min: 600, max: 28800, integer: true },
    `${p}.MaximumExecutionTimeoutInSeconds`
  )
}

/** RollingUpdatePolicy. */
function checkRolling(check: Checker, dc: Input): void {
  const rp = 'DeploymentConfig.RollingUpdatePolicy'
  const rolling = check.obj(dc, 'RollingUpdatePolicy', false, rp)
  if (!rolling) return
  checkCapacitySize(check, rolling, 'MaximumBatchSize', true, rp)
  checkCapacitySize(check, rolling, 'RollbackMaximumBatchSize', false, rp)
  check.num(
    rolling,
    'WaitIntervalInSeconds',
    { required: true, min: 0, max: 3600, integer: true },
    `${rp}.WaitIntervalInSeconds`
  )
  check.num(
    rolling,
    'MaximumExecutionTimeoutInSeconds',
    { min: 600, max: 28800, integer: true },
    `${rp}.MaximumExecutionTimeoutInSeconds`
  )
}

/** DeploymentConfig of CreateEndpoint and UpdateEndpoint. */
export function checkDeploymentConfig(check: Checker, dc: Input | undefined): void {
  if (!dc) return
  checkBlueGreen(check, dc)
  checkRolling(check, dc)
  const ar = check.obj(
    dc,
    'AutoRollbackConfiguration',
    false,
    'DeploymentConfig.AutoRollbackConfiguration'
  )
  check.list(ar, 'Alarms', { min: 1, max: 10 }, 'DeploymentConfig.AutoRollbackConfiguration.Alarms')
}

/**
 * TrafficRoutingConfig: CanarySize "must be less than or equal to 50% of the variant's total
 * instance count", LinearStepSize "must be 10-50%" of it. A CAPACITY_PERCENT value is that
 * share itself; an INSTANCE_COUNT value is compared with each instance-based variant of the
 * new config.
 */
export function checkTrafficSizes(dc: Input | undefined, config: EndpointConfigRec): void {
  const tr = (dc?.BlueGreenUpdatePolicy as Input | undefined)?.TrafficRoutingConfiguration as
    Input | undefined
  if (!tr) return
  const rules = [
    ['CanarySize', tr.Type === 'CANARY', 0, 50],
    ['LinearStepSize', tr.Type === 'LINEAR', 10, 50]
  ] as const
  for (const [field, applies, minPct, maxPct] of rules) {
    const size = tr[field] as Input | undefined
    if (!applies || !size) continue
    const value = Number(size.Value)
    const counts = config.variants
      .map(v => v.InitialInstanceCount)
      .filter((n): n is number => typeof n === 'number')
    const pcts = size.Type === 'INSTANCE_COUNT' ? counts.map(n => (100 * value) / n) : [value]
    if (pcts.some(pct => pct < minPct || pct > maxPct))
      throw validation(
        `${field} ${size.Type} ${value} is not valid for endpoint config "${config.arn}": it must be ${
          minPct > 0 ? `${minPct}-${maxPct}%` : `at most ${maxPct}%`
        } of the variant's total instance count.`
      )
  }
}

/** Traffic shares the new fleet receives, step by step, and the bake time after each. */
function shiftPlan(
  dc: Input | undefined,
  greenInstances: number
): { shares: number[]; waitS: number; terminationS: number } {
  const bg = dc?.BlueGreenUpdatePolicy as Input | undefined
  const rolling = dc?.RollingUpdatePolicy as Input | undefined
  if (bg) {
    const tr = bg.TrafficRoutingConfiguration as Input
    const waitS = Number(tr.WaitIntervalInSeconds ?? 0)
    const terminationS = Number(bg.TerminationWaitInSeconds ?? 0)
    const share = (size: Input | undefined): number => {
      const value = Number(size?.Value ?? 100)
      const s = size?.Type === 'INSTANCE_COUNT' ? value / Math.max(1, greenInstances) : value / 100
      return Math.min(1, Math.max(0, s))
    }
    if (tr.Type === 'CANARY') {
      const c = share(tr.CanarySize as Input)
      return { shares: c >= 1 ? [1] : [c, 1], waitS, terminationS }
    }
    if (tr.Type === 'LINEAR') {
      const step = share(tr.LinearStepSize as Input)
      const shares: number[] = []
      for (let s = step; s < 1 - 1e-9; s += step) shares.push(Number(s.toFixed(6)))
      shares.push(1)
      return { shares, waitS, terminationS }
    }
    return { shares: [1], waitS, terminationS }
  }
  if (rolling) {
    const size = rolling.MaximumBatchSize as Input | undefined
    const value = Number(size?.Value ?? 100)
    const step = Math.min(
      1,
      size?.Type === 'INSTANCE_COUNT' ? value / Math.max(1, greenInstances) : value / 100
    )
    const shares: number[] = []
    for (let s = step; s < 1 - 1e-9; s += step) shares.push(Number(s.toFixed(6)))
    shares.push(1)
    return { shares, waitS: Number(rolling.WaitIntervalInSeconds ?? 0), terminationS: 0 }
  }
  return { shares: [1], waitS: 0, terminationS: 0 }
}

function alarmsFiring(ctx: Ctx, dc: Input | undefined): string[] {
  const alarms =
    ((dc?.AutoRollbackConfiguration as Input | undefined)?.Alarms as Input[] | undefined) ?? []
  return alarms
    .map(a => String(a.AlarmName))
    .filter(n => ctx.store.faults.alarms.get(n) === 'ALARM')
}

/** An injected outcome for this endpoint's change, if one is set and of this kind (used up). */
function injectedOutcome(ctx: Ctx, ep: EndpointRec, kind: EndpointOutcome): boolean {
  const key = ep.name.toLowerCase()
  if (ctx.store.faults.endpointOutcomes.get(key) !== kind) return false
  ctx.store.faults.endpointOutcomes.delete(key)
  return true
}

function rollBack(ctx: Ctx, ep: EndpointRec, generation: number, reason: string): void {
  ep.status = 'RollingBack'
  ep.lastModifiedTime = ctx.store.now()
  if (ep.pending) ep.pending.greenShare = 0
  ctx.store.schedule(ctx.store.delays.endpointUpdateMs, () => {
    if (!current(ctx, ep, generation)) return
    ep.pending = undefined
    ep.reserved = new Map()
    // A failed rollback leaves the old fleet in place but the endpoint unusable for updates.
    const stuck = injectedOutcome(ctx, ep, 'UpdateRollbackFailed')
    ep.status = stuck ? 'UpdateRollbackFailed' : 'InService'
    ep.failureReason = stuck
      ? `${reason} The rollback failed: instances of the new fleet could not be removed.`
      : reason
    ep.lastModifiedTime = ctx.store.now()
  })
}

export function startUpdate(
  ctx: Ctx,
  ep: EndpointRec,
  config: EndpointConfigRec,
  dc: Input | undefined
): void {
  const generation = ++ep.generation
  const store = ctx.store
  const now = store.now()
  ep.status = 'Updating'
  ep.lastModifiedTime = now
  ep.pending = {
    configName: config.name,
    config,
    greenShare: 0,
    greenCredit: 0,
    phase: 'Creating',
    startTime: now,
    phaseStart: now,
    deploymentConfig: dc
  }
  const greenInstances = [...instancesByType(config.variants).values()].reduce((a, b) => a + b, 0)
  const plan = shiftPlan(dc, greenInstances)
  const secondMs = store.delays.waitSecondMs

  const finish = () => {
    if (!current(ctx, ep, generation) || !ep.pending?.variants) return
    if (injectedOutcome(ctx, ep, 'OutOfService')) {
      // The new fleet never takes traffic; the old one is not serving either.
      ep.pending = undefined
      ep.reserved = new Map()
      ep.status = 'OutOfService'
      ep.failureReason = 'Endpoint is out of service: its instances failed health checks.'
      ep.lastModifiedTime = store.now()
      return
    }
    ep.variants = ep.pending.variants
    ep.configName = config.name
    ep.dataCaptureConfig = config.fields.DataCaptureConfig as Input | undefined
    if (dc) {
      ep.lastDeploymentConfig = copy(dc)
      ep.deploymentConfig = copy(dc)
    }
    ep.pending = undefined
    ep.reserved = new Map()
    ep.failureReason = undefined
    ep.status = 'InService'
    ep.lastModifiedTime = store.now()
  }

  const step = (i: number) => {
    if (!current(ctx, ep, generation) || !ep.pending) return
    ep.pending.greenShare = plan.shares[i]!
    ep.pending.phase = 'Baking'
    ep.pending.phaseStart = store.now()
    store.schedule(plan.waitS * secondMs, () => {
      if (!current(ctx, ep, generation)) return
      const firing = alarmsFiring(ctx, dc)
      if (firing.length > 0) {
        rollBack(
          ctx,
          ep,
          generation,
          `Endpoint update rolled back: alarm(s) ${firing.join(', ')} entered ALARM state during traffic shifting.`
        )
        return
      }
      if (i + 1 < plan.shares.length) {
        ep.pending!.phase = 'ActivatingTraffic'
        step(i + 1)
      } else {
        store.schedule(plan.terminationS * secondMs, finish)
      }
    })
  }

  store.schedule(store.delays.endpointUpdateMs, () => {
    if (!current(ctx, ep, generation) || !ep.pending) return
    const result = provision(ctx, config)
    if (!result.ok) {
      rollBack(ctx, ep, generation, result.reason)
      return
    }
    ep.pending.variants = result.variants
    ep.pending.phase = 'ActivatingTraffic'
    step(0)
  })
}
