import { describe, expect, it } from '@jest/globals'
import {
  SHARE_ACTIONS,
  SHARE_SID,
  accountOfPrincipal,
  parseResourcePolicy,
  policyText,
  sharePolicy,
  sharedAccounts,
  unsharePolicy,
  type PolicyDocument
} from '../../src/registry/sharing.js'

const GROUP_ARN = 'arn:aws:sagemaker:eu-west-1:111111111111:model-package-group/churn'
const PACKAGES = 'arn:aws:sagemaker:eu-west-1:111111111111:model-package/churn/*'

const FOREIGN = {
  Sid: 'PlatformTeamRead',
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::333333333333:role/platform' },
  Action: 'sagemaker:DescribeModelPackageGroup',
  Resource: GROUP_ARN
}

describe('sharePolicy', () => {
  it('creates the documented cross-account statement when the group has no policy', () => {
    const change = sharePolicy(undefined, GROUP_ARN, ['222222222222', '444444444444'])
    expect(change.changed).toBe(true)
    expect(change.accounts).toEqual(['222222222222', '444444444444'])
    expect(change.document).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: SHARE_SID,
          Effect: 'Allow',
          Principal: {
            AWS: ['arn:aws:iam::222222222222:root', 'arn:aws:iam::444444444444:root']
          },
          Action: [
            'sagemaker:DescribeModelPackageGroup',
            'sagemaker:ListModelPackages',
            'sagemaker:DescribeModelPackage',
            'sagemaker:CreateModel'
          ],
          Resource: [GROUP_ARN, PACKAGES]
        }
      ]
    })
  })

  it('merges into an existing policy, keeping statements it did not write untouched', () => {
    const first = sharePolicy({ Version: '2012-10-17', Statement: [FOREIGN] }, GROUP_ARN, [
      '222222222222'
    ])
    const second = sharePolicy(first.document, GROUP_ARN, ['444444444444', '222222222222'])
    expect(second.changed).toBe(true)
    expect(second.accounts).toEqual(['444444444444'])
    expect(second.unchanged).toEqual(['222222222222'])
    expect(second.document?.Statement[0]).toEqual(FOREIGN)
    expect(second.document?.Statement).toHaveLength(2)
    expect(sharedAccounts(second.document)).toEqual(['222222222222', '444444444444'])
  })

  it('says nothing changes when every account is already shared', () => {
    const first = sharePolicy(undefined, GROUP_ARN, ['222222222222'])
    const again = sharePolicy(
      parseResourcePolicy(JSON.stringify(first.document), 'churn'),
      GROUP_ARN,
      ['222222222222']
    )
    expect(again.changed).toBe(false)
    expect(again.accounts).toEqual([])
  })

  it('reads account principals in either form and keeps hand-added non-account principals', () => {
    const existing: PolicyDocument = {
      Statement: [
        {
          Sid: SHARE_SID,
          Effect: 'Allow',
          Principal: { AWS: ['555555555555', 'arn:aws:iam::666666666666:role/deployer'] },
          Action: 'sagemaker:DescribeModelPackage',
          Resource: GROUP_ARN
        }
      ]
    }
    const change = sharePolicy(existing, GROUP_ARN, ['222222222222'])
    expect(change.document?.Version).toBe('2012-10-17')
    expect(change.document?.Statement[0]?.Principal).toEqual({
      AWS: [
        'arn:aws:iam::666666666666:role/deployer',
        'arn:aws:iam::222222222222:root',
        'arn:aws:iam::555555555555:root'
      ]
    })
    expect(change.document?.Statement[0]?.Action).toEqual([...SHARE_ACTIONS])
  })

  it('keeps a Condition added by hand to its statement, so sharing never widens access', () => {
    const condition = { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }
    const existing: PolicyDocument = {
      Statement: [
        {
          Sid: SHARE_SID,
          Effect: 'Allow',
          Principal: { AWS: ['arn:aws:iam::555555555555:root'] },
          Action: [...SHARE_ACTIONS],
          Resource: [GROUP_ARN, PACKAGES],
          Condition: condition
        }
      ]
    }
    const change = sharePolicy(existing, GROUP_ARN, ['222222222222'])
    expect(change.changed).toBe(true)
    expect(change.document?.Statement).toEqual([
      {
        Condition: condition,
        Sid: SHARE_SID,
        Effect: 'Allow',
        Principal: {
          AWS: ['arn:aws:iam::222222222222:root', 'arn:aws:iam::555555555555:root']
        },
        Action: [...SHARE_ACTIONS],
        Resource: [GROUP_ARN, PACKAGES]
      }
    ])
    // Sharing again with the same accounts, as SageMaker returns the policy, changes nothing.
    const again = sharePolicy(
      parseResourcePolicy(policyText(change.document!), 'churn'),
      GROUP_ARN,
      ['222222222222']
    )
    expect(again.changed).toBe(false)
  })

  it('uses the partition of the group ARN', () => {
    const change = sharePolicy(
      undefined,
      'arn:aws-cn:sagemaker:cn-north-1:111111111111:model-package-group/churn',
      ['222222222222']
    )
    expect(change.document?.Statement[0]).toMatchObject({
      Principal: { AWS: ['arn:aws-cn:iam::222222222222:root'] },
      Resource: [
        'arn:aws-cn:sagemaker:cn-north-1:111111111111:model-package-group/churn',
        'arn:aws-cn:sagemaker:cn-north-1:111111111111:model-package/churn/*'
      ]
    })
  })
})

describe('unsharePolicy', () => {
  const shared = sharePolicy({ Statement: [FOREIGN] }, GROUP_ARN, ['222222222222', '444444444444'])
    .document as PolicyDocument

  it('removes only the named accounts', () => {
    const change = unsharePolicy(shared, ['222222222222', '999999999999'])
    expect(change.changed).toBe(true)
    expect(change.accounts).toEqual(['222222222222'])
    expect(change.unchanged).toEqual(['999999999999'])
    expect(sharedAccounts(change.document)).toEqual(['444444444444'])
    expect(change.document?.Statement[0]).toEqual(FOREIGN)
  })

  it('drops its statement when no principal is left, keeping the foreign one', () => {
    const change = unsharePolicy(shared, ['222222222222', '444444444444'])
    expect(change.document).toEqual({ Version: '2012-10-17', Statement: [FOREIGN] })
  })

  it('asks for the policy to be deleted when no statement is left', () => {
    const own = sharePolicy(undefined, GROUP_ARN, ['222222222222']).document
    const change = unsharePolicy(own, ['222222222222'])
    expect(change.changed).toBe(true)
    expect(change.document).toBeUndefined()
  })

  it('changes nothing without a policy, or for accounts it never shared with', () => {
    expect(unsharePolicy(undefined, ['222222222222'])).toMatchObject({
      changed: false,
      document: undefined,
      unchanged: ['222222222222']
    })
    expect(unsharePolicy(shared, ['999999999999']).changed).toBe(false)
  })

  it('reports accounts that a statement it did not write still names', () => {
    const foreignAccount = {
      ...FOREIGN,
      Sid: 'Legacy',
      Principal: { AWS: 'arn:aws:iam::222222222222:root' }
    }
    const document = { ...shared, Statement: [...shared.Statement, foreignAccount] }
    expect(unsharePolicy(document, ['222222222222']).elsewhere).toEqual([
      { account: '222222222222', sid: 'Legacy' }
    ])
  })
})

describe('policy parsing', () => {
  it('recognises account principals only in their two account forms', () => {
    expect(accountOfPrincipal('222222222222')).toBe('222222222222')
    expect(accountOfPrincipal('arn:aws-us-gov:iam::222222222222:root')).toBe('222222222222')
    expect(accountOfPrincipal('arn:aws:iam::222222222222:role/x')).toBeUndefined()
    expect(accountOfPrincipal('*')).toBeUndefined()
  })

  it('refuses a policy it cannot read, so that it is never overwritten', () => {
    expect(() => parseResourcePolicy('not json', 'churn')).toThrow(
      /The resource policy on group "churn" is not a JSON policy document/
    )
    expect(() => parseResourcePolicy('{"Version":"2012-10-17"}', 'churn')).toThrow(/Statement/)
  })

  it('accepts a single statement object', () => {
    const parsed = parseResourcePolicy(JSON.stringify({ Statement: FOREIGN }), 'churn')
    expect(parsed.Statement).toEqual([FOREIGN])
  })

  it('refuses a policy longer than SageMaker accepts before calling it', () => {
    const many = Array.from({ length: 800 }, (_, i) => String(100000000000 + i))
    const change = sharePolicy(undefined, GROUP_ARN, many)
    expect(() => policyText(change.document!)).toThrow(/SageMaker accepts at most 20480/)
  })
})
