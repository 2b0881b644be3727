// The promotion of an A/B test's winner as a plan: every mutating call `on-verdict: promote`
// makes, in the order it makes them, from what was read before the first one. A dry run
// prints it and a real run prints it and then makes exactly these calls: the winner's
// approval (when it still needs one), the traffic shift, the deployment of the winner alone
// (its own plan, src/deploy/plan.ts, made on the endpoint as the shift leaves it), the
// loser's rejection and the audit record. Pure.
import type { UpdateEndpointWeightsAndCapacitiesCommandInput } from '@aws-sdk/client-sagemaker'
import {
  CHANGE_OPERATIONS,
  describeCall,
  type DeployPlan,
  type PlannedCall
} from '../deploy/plan.js'
import type { DecisionWrite } from '../registry/decision.js'

/** A decision the promotion writes on a version, and the status it was read with. */
export interface PromotionDecision {
  packageArn: string
  version: number
  from: string
  write: DecisionWrite
}

export interface PromotionPlan {
  endpointName: string
  endpointArn: string
  region: string
  /** Absent when the winner is Approved already. */
  approve?: PromotionDecision
  shift: UpdateEndpointWeightsAndCapacitiesCommandInput
  deployment: DeployPlan
  reject: PromotionDecision
  /** The audit action: its name (empty outside GitHub Actions, where each record names its own) and what it links. */
  audit: { name: string; decision: string; targets: string[] }
}

/** One call of the plan: the operation, what it acts on (as the request names it), in words. */
export interface PromotionCall {
  operation: string
  resource: string
  text: string
  /** What the run waits for after the call, if anything. */
  then?: string
}

function decisionCall(decision: PromotionDecision): PromotionCall {
  const { packageArn, version, from, write } = decision
  return {
    operation: 'UpdateModelPackage',
    resource: packageArn,
    text: `UpdateModelPackage v${version} (${packageArn}): ${from} -> ${write.status}, description "${write.approvalDescription}"`
  }
}

/** The name or ARN a deployment call carries, the same field the request is addressed by. */
function deploymentResource(call: PlannedCall, endpointArn: string): string {
  switch (call.operation) {
    case 'CreateModel':
    case 'DeleteModel':
      return call.input.ModelName ?? ''
    case 'CreateEndpointConfig':
    case 'DeleteEndpointConfig':
      return call.input.EndpointConfigName ?? ''
    case 'CreateEndpoint':
    case 'UpdateEndpoint':
    case 'UpdateEndpointWeightsAndCapacities':
      return call.input.EndpointName ?? ''
    case 'AddTags':
      return endpointArn
    case 'UpdateModelPackage':
      return call.packageArn
  }
}

/** Every call of the promotion, in the order the run makes them. */
export function promotionCalls(plan: PromotionPlan): PromotionCall[] {
  const { deployment, endpointName, endpointArn, audit } = plan
  const shift: PlannedCall = { operation: 'UpdateEndpointWeightsAndCapacities', input: plan.shift }
  const action = audit.name || 'smg-ab-test-local-<named when recorded>'
  return [
    ...(plan.approve ? [decisionCall(plan.approve)] : []),
    {
      operation: shift.operation,
      resource: endpointName,
      text: describeCall(shift),
      then: `then wait until ${endpointName} is InService on the new weights`
    },
    ...deployment.calls.map(call => ({
      operation: call.operation,
      resource: deploymentResource(call, endpointArn),
      text: describeCall(call),
      ...(CHANGE_OPERATIONS.has(call.operation)
        ? {
            then: `then wait until ${endpointName} is InService on ${deployment.endpointConfigName} and verify it serves it`
          }
        : {})
    })),
    decisionCall(plan.reject),
    {
      operation: 'CreateAction',
      resource: audit.name,
      text: `CreateAction ${action}: the audit record (type ab-test, decision ${audit.decision})`
    },
    ...audit.targets.map(target => ({
      operation: 'AddAssociation',
      resource: target,
      text: `AddAssociation ${action} -> ${target}`
    }))
  ]
}

/** The plan as a person reads it, numbered in the order of the run. */
export function formatPromotion(
  plan: PromotionPlan,
  calls: readonly PromotionCall[],
  summary: string
): string {
  const lines = [`Promotion plan for endpoint ${plan.endpointName} (${plan.region}): ${summary}`]
  calls.forEach((call, i) => {
    lines.push(`  ${i === 0 ? 'calls' : '     '}      ${i + 1}. ${call.text}`)
    if (call.then) lines.push(`                 ${call.then}`)
  })
  for (const note of plan.deployment.notes) lines.push(`  note       ${note}`)
  return lines.join('\n')
}
