// Fleets: the instance quota they count against, and starting a config's variants (each
// loads its model's artifact, as a container would).
// ---------- endpoints ----------
import { createHash } from 'node:crypto'
import { limitExceeded } from '../errors.ts'
import type { EndpointConfigRec, EndpointRec, ModelRec, Store, VariantState } from '../state.ts'
import type { Input } from '../validate.ts'
import { arnOf, type Ctx, secs } from './common.ts'
import { artifactFailure, loadArtifact } from './models.ts'

export function instancesByType(variants: Input[]): Map<string, number> {
  const m = new Map<string, number>()
  for (const v of variants)
    if (typeof v.InstanceType === 'string')
      m.set(v.InstanceType, (m.get(v.InstanceType) ?? 0) + Number(v.InitialInstanceCount ?? 0))
  return m
}

/** Instances in use per type: live fleets plus fleets being created. */
function instanceUsage(store: Store): Map<string, number> {
  const m = new Map<string, number>()
  const add = (t: string | undefined, n: number | undefined) => {
    if (t) m.set(t, (m.get(t) ?? 0) + (n ?? 0))
  }
  for (const ep of store.endpoints.values()) {
    for (const v of ep.variants)
      add(v.instanceType, Math.max(v.instanceCount ?? 0, v.desiredInstanceCount ?? 0))
    for (const [t, n] of ep.reserved) add(t, n)
  }
  return m
}

/** The account quota "<type> for endpoint usage", reported as SageMaker words it. */
export function checkQuota(store: Store, request: Map<string, number>): void {
  const usage = instanceUsage(store)
  for (const [type, delta] of request) {
    const limit =
      store.faults.instanceLimits.get(type) ?? store.faults.instanceLimits.get('*') ?? Infinity
    const used = usage.get(type) ?? 0
    if (used + delta > limit)
      throw limitExceeded(
        `The account-level service limit '${type} for endpoint usage' is ${limit} Instances, with current utilization of ${used} Instances and a request delta of ${delta} Instances. Please use AWS Service Quotas to request an increase for this quota. If AWS Service Quotas is not available, contact AWS support to request an increase for this quota.`
      )
  }
}

function deployedImages(model: ModelRec, at: number): Input[] {
  if (!model.image) return []
  const digest = createHash('sha256').update(model.image).digest('hex')
  return [
    {
      SpecifiedImage: model.image,
      ResolvedImage: `${model.image.split(':')[0]}@sha256:${digest}`,
      ResolutionTime: secs(at)
    }
  ]
}

/** Starts every variant of a config; the first one that cannot load its model fails all. */
export function provision(
  ctx: Ctx,
  config: EndpointConfigRec
): { ok: true; variants: VariantState[] } | { ok: false; reason: string } {
  const out: VariantState[] = []
  for (const v of config.variants) {
    const variantName = String(v.VariantName)
    const model = ctx.store.models.get(String(v.ModelName).toLowerCase())
    if (!model)
      return {
        ok: false,
        reason: `Could not find model "${arnOf(ctx, 'model', String(v.ModelName))}".`
      }
    const loaded = loadArtifact(ctx.store, model.artifactUri)
    if (!loaded.ok)
      return { ok: false, reason: artifactFailure(variantName, model.artifactUri, loaded) }
    const weight = Number(v.InitialVariantWeight ?? 1)
    out.push({
      name: variantName,
      modelName: model.name,
      model: loaded.model,
      deployedImages: deployedImages(model, ctx.store.now()),
      weight,
      desiredWeight: weight,
      instanceType: v.InstanceType as string | undefined,
      instanceCount: v.InitialInstanceCount as number | undefined,
      desiredInstanceCount: v.InitialInstanceCount as number | undefined,
      serverless: v.ServerlessConfig as Input | undefined,
      credit: 0
    })
  }
  return { ok: true, variants: out }
}

/** True while `ep` is still the live record and no newer operation replaced this one. */
export function current(ctx: Ctx, ep: EndpointRec, generation: number): boolean {
  return ctx.store.endpoints.get(ep.name.toLowerCase()) === ep && ep.generation === generation
}
