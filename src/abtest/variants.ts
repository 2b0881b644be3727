// Which two variants an A/B test compares, read from what the endpoint serves: exactly two
// variants, each serving a version of the group; the older version is the control.
import { UserError } from '../errors.js'
import { parsePackageArn } from '../registry/names.js'
import type { LiveEndpoint } from '../registry/served.js'
import type { GroupRef } from '../settings.js'
import { versionFromArn } from '../registry/versions.js'

export interface TestedVariant {
  variantName: string
  packageArn: string
  version: number
  /** Share of the endpoint's total weight, 0-1. */
  share: number
}

export function testedVariants(
  live: LiveEndpoint,
  group: GroupRef
): {
  control: TestedVariant
  challenger: TestedVariant
} {
  if (live.variants.length !== 2) {
    throw new UserError(
      `Endpoint ${live.name} serves ${live.variants.length} variant${live.variants.length === 1 ? '' : 's'} (${live.variants.map(v => v.variantName).join(', ')}); an A/B test compares exactly two. Deploy two versions side by side first, e.g. traffic: v1=50,v2=50.`
    )
  }
  const total = live.variants.reduce((sum, v) => sum + v.weight, 0) || 1
  const tested = live.variants.map(v => {
    if (!v.packageArn) {
      throw new UserError(
        `Variant ${v.variantName} of endpoint ${live.name} serves a model that is not a registered version (model ${v.modelName ?? 'unknown'}); an A/B test decides between versions.`
      )
    }
    // SageMaker writes names lower-case inside ARNs, so compare without case.
    const groupName = parsePackageArn(v.packageArn)?.name ?? ''
    if (groupName.toLowerCase() !== group.name.toLowerCase()) {
      throw new UserError(
        `Variant ${v.variantName} of endpoint ${live.name} serves ${v.packageArn}, a version of another group than "${group.name}" (model-package-group).`
      )
    }
    return {
      variantName: v.variantName,
      packageArn: v.packageArn,
      version: versionFromArn(v.packageArn),
      share: v.weight / total
    }
  })
  const [control, challenger] = tested.sort((a, b) => a.version - b.version) as [
    TestedVariant,
    TestedVariant
  ]
  return { control, challenger }
}
