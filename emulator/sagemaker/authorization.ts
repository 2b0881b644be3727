// What IAM checks for each SageMaker operation: the action `sagemaker:<Operation>` on the
// ARN of the resource the request names (the Service Authorization Reference's resource
// types: model-package, model-package-group, model, endpoint-config, endpoint,
// transform-job, training-job, hyper-parameter-tuning-job, action, context, artifact), `*`
// for List operations, plus the extra checks some operations carry (iam:PassRole for a
// model's execution role, the endpoint config an endpoint is created or updated with).
import type { Check } from '../iam.ts'
import type { Input } from '../validate.ts'
import { arnOf, type Ctx } from './common.ts'
import { findGroup } from './registry.ts'

type Resources = (ctx: Ctx, input: Input) => string[]

function arnFor(ctx: Ctx, type: string, value: unknown): string {
  const s = typeof value === 'string' ? value : ''
  return s.startsWith('arn:') ? s : arnOf(ctx, type, s)
}

const named =
  (type: string, field: string): Resources =>
  (ctx, input) => [arnFor(ctx, type, input[field])]

/** A new versioned package is checked against the ARN it will get: `model-package/<group>/<N>`. */
const newPackage: Resources = (ctx, input) => {
  const groupName = input.ModelPackageGroupName
  if (typeof groupName !== 'string') return [arnFor(ctx, 'model-package', input.ModelPackageName)]
  const group = findGroup(ctx, groupName)
  const name =
    group?.name ?? (groupName.startsWith('arn:') ? groupName.split('/').pop()! : groupName)
  return [arnOf(ctx, 'model-package', `${name}/${group?.nextVersion ?? 1}`)]
}

const packageArn: Resources = (ctx, input) => {
  const v = String(input.ModelPackageName ?? input.ModelPackageArn ?? '')
  return [arnFor(ctx, 'model-package', v)]
}

const ALL: Resources = () => ['*']

const RESOURCES: Record<string, Resources> = {
  CreateModelPackageGroup: named('model-package-group', 'ModelPackageGroupName'),
  DescribeModelPackageGroup: named('model-package-group', 'ModelPackageGroupName'),
  DeleteModelPackageGroup: named('model-package-group', 'ModelPackageGroupName'),
  PutModelPackageGroupPolicy: named('model-package-group', 'ModelPackageGroupName'),
  GetModelPackageGroupPolicy: named('model-package-group', 'ModelPackageGroupName'),
  DeleteModelPackageGroupPolicy: named('model-package-group', 'ModelPackageGroupName'),
  CreateModelPackage: newPackage,
  DescribeModelPackage: packageArn,
  UpdateModelPackage: (ctx, input) => [arnFor(ctx, 'model-package', input.ModelPackageArn)],
  DeleteModelPackage: packageArn,
  BatchDescribeModelPackage: (ctx, input) =>
    ((input.ModelPackageArnList as unknown[] | undefined) ?? []).map(a =>
      arnFor(ctx, 'model-package', a)
    ),
  AddTags: (ctx, input) => [String(input.ResourceArn ?? '')],
  ListTags: (ctx, input) => [String(input.ResourceArn ?? '')],
  DeleteTags: (ctx, input) => [String(input.ResourceArn ?? '')],
  DescribeTrainingJob: named('training-job', 'TrainingJobName'),
  DescribeHyperParameterTuningJob: named(
    'hyper-parameter-tuning-job',
    'HyperParameterTuningJobName'
  ),
  CreateModel: named('model', 'ModelName'),
  DescribeModel: named('model', 'ModelName'),
  DeleteModel: named('model', 'ModelName'),
  CreateEndpointConfig: named('endpoint-config', 'EndpointConfigName'),
  DescribeEndpointConfig: named('endpoint-config', 'EndpointConfigName'),
  DeleteEndpointConfig: named('endpoint-config', 'EndpointConfigName'),
  CreateEndpoint: named('endpoint', 'EndpointName'),
  DescribeEndpoint: named('endpoint', 'EndpointName'),
  UpdateEndpoint: named('endpoint', 'EndpointName'),
  UpdateEndpointWeightsAndCapacities: named('endpoint', 'EndpointName'),
  DeleteEndpoint: named('endpoint', 'EndpointName'),
  CreateTransformJob: named('transform-job', 'TransformJobName'),
  DescribeTransformJob: named('transform-job', 'TransformJobName'),
  StopTransformJob: named('transform-job', 'TransformJobName'),
  CreateAction: named('action', 'ActionName'),
  DescribeAction: named('action', 'ActionName'),
  UpdateAction: named('action', 'ActionName'),
  DeleteAction: named('action', 'ActionName'),
  CreateContext: named('context', 'ContextName'),
  DescribeContext: named('context', 'ContextName'),
  DeleteContext: named('context', 'ContextName'),
  DescribeArtifact: (ctx, input) => [String(input.ArtifactArn ?? '')],
  DeleteArtifact: (ctx, input) => [String(input.ArtifactArn ?? '')],
  AddAssociation: (ctx, input) => [
    String(input.SourceArn ?? ''),
    String(input.DestinationArn ?? '')
  ],
  DeleteAssociation: (ctx, input) => [
    String(input.SourceArn ?? ''),
    String(input.DestinationArn ?? '')
  ]
}

/** Everything IAM checks for one SageMaker request, in order. */
export function sagemakerChecks(ctx: Ctx, op: string, input: Input): Check[] {
  const action = `sagemaker:${op}`
  const checks: Check[] = (RESOURCES[op] ?? ALL)(ctx, input).map(resource => ({ action, resource }))
  if (op === 'CreateModel' && typeof input.ExecutionRoleArn === 'string')
    checks.push({
      action: 'iam:PassRole',
      resource: input.ExecutionRoleArn,
      context: { 'iam:PassedToService': 'sagemaker.amazonaws.com' }
    })
  // A create that carries tags also tags the new resource, which IAM checks as AddTags.
  if (op.startsWith('Create') && Array.isArray(input.Tags) && input.Tags.length > 0)
    checks.push(
      ...checks.slice(0, 1).map(c => ({ action: 'sagemaker:AddTags', resource: c.resource }))
    )
  if (
    (op === 'CreateEndpoint' || op === 'UpdateEndpoint') &&
    typeof input.EndpointConfigName === 'string'
  )
    checks.push({ action, resource: arnFor(ctx, 'endpoint-config', input.EndpointConfigName) })
  return checks
}
