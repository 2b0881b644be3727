// SageMaker's letter case inside ARNs is not settled by its documentation (examples show
// lower-cased package ARNs; IAM error messages show mixed-case ones), so the action takes
// package ARNs from SageMaker's answers and never builds one from a group ARN: a group
// whose name has capitals works under both of the emulator's ARN spellings, by name and
// by ARN, also under a policy that allows only the registry's own ARNs.
import { describe, expect, it } from '@jest/globals'
import { DescribeModelPackageCommand } from '@aws-sdk/client-sagemaker'
import type { Emulator } from '../../emulator/server.ts'
import {
  ARN_CASE,
  IMAGE,
  clients,
  explain,
  logisticModel,
  runOn,
  seedModel,
  useEmulator
} from './support.js'

let emulator: Emulator

useEmulator(e => (emulator = e))

const GROUP = 'Churn-Model'
const GROUP_ARN = `arn:aws:sagemaker:us-east-1:123456789012:model-package-group/${GROUP}`

function seedVersions(count: number): string[] {
  const url = seedModel(emulator, 'churn/model.json', logisticModel([0.5]))
  return emulator.seed({
    modelPackages: Array.from({ length: count }, () => ({
      ModelPackageGroupName: GROUP,
      InferenceSpecification: {
        Containers: [{ Image: IMAGE, ModelDataUrl: url }],
        SupportedContentTypes: ['text/csv'],
        SupportedResponseMIMETypes: ['text/csv']
      }
    }))
  }).modelPackages
}

async function status(arn: string): Promise<string | undefined> {
  const pkg = await clients(emulator).sagemaker.send(
    new DescribeModelPackageCommand({ ModelPackageName: arn })
  )
  return pkg.ModelApprovalStatus
}

describe.each(['preserve', 'lower'] as const)('a mixed-case group, arnCase %s', arnCase => {
  it.each([
    ['its name', GROUP],
    ['its ARN as spelled at creation', GROUP_ARN]
  ])(
    'approves model-package: 1 of the group named by %s, under a policy on the registry ARNs',
    async (_, named) => {
      emulator.setOptions({ arnCase })
      try {
        const [first] = seedVersions(3) as [string]
        const groupArn = first.replace(/:model-package\/([^/]+)\/1$/, ':model-package-group/$1')
        emulator.setPolicy({
          policy: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['sagemaker:DescribeModelPackageGroup'],
                Resource: groupArn
              },
              { Effect: 'Allow', Action: ['sagemaker:ListModelPackages'], Resource: '*' },
              {
                Effect: 'Allow',
                Action: ['sagemaker:DescribeModelPackage', 'sagemaker:UpdateModelPackage'],
                Resource: first.replace(/1$/, '*')
              }
            ]
          }
        })
        const run = await runOn(emulator, {
          mode: 'approve',
          'model-package-group': named,
          'model-package': '1',
          reason: 'reviewed'
        })
        expect([run.exitCode, explain(run)]).toEqual([0, expect.any(String)])
        expect(run.outputs['model-package-arn']).toBe(first)
        emulator.setPolicy({ policy: null })
        expect(await status(first)).toBe('Approved')
      } finally {
        emulator.setOptions({ arnCase: ARN_CASE })
      }
    }
  )
})
