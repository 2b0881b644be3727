// Lineage Actions as an audit trail: one action per decision, updated, listed with filters,
// associated with the model package and the endpoint it concerns.
import { describe, expect, it } from '@jest/globals'
import {
  AddAssociationCommand,
  CreateActionCommand,
  type CreateActionCommandInput,
  CreateEndpointCommand,
  DeleteActionCommand,
  DescribeActionCommand,
  ListActionsCommand,
  type ListActionsCommandInput,
  ListAssociationsCommand,
  UpdateActionCommand
} from '@aws-sdk/client-sagemaker'
import {
  ACCOUNT,
  approvedModel,
  endpointConfig,
  expectAwsError,
  REGION,
  sleep,
  useHarness
} from './helpers.ts'

const h = useHarness()
const arn = (rest: string) => `arn:aws:sagemaker:${REGION}:${ACCOUNT}:${rest}`

const action = (name: string, type: string, extra: Partial<CreateActionCommandInput> = {}) =>
  h.sm.send(
    new CreateActionCommand({
      ActionName: name,
      ActionType: type,
      Source: {
        SourceUri: `https://github.com/o/r/actions/runs/${name}`,
        SourceType: 'GitHubActions'
      },
      Status: 'Completed',
      Properties: { decision: 'Approved', commit: 'abc123' },
      ...extra
    })
  )

describe('lineage actions', () => {
  it('updates status, description and properties (Properties replaces, PropertiesToRemove deletes)', async () => {
    const { ActionArn } = await action('gate-run-1', 'gate', { Status: 'InProgress' })
    expect(ActionArn).toBe(arn('action/gate-run-1'))
    const before = await h.sm.send(new DescribeActionCommand({ ActionName: 'gate-run-1' }))
    await sleep(20)
    const updated = await h.sm.send(
      new UpdateActionCommand({
        ActionName: 'gate-run-1',
        Status: 'Completed',
        Description: 'gate approved v7',
        Properties: { decision: 'Approved', reason: 'auc 0.91 >= 0.9' },
        PropertiesToRemove: ['commit']
      })
    )
    expect(updated.ActionArn).toBe(ActionArn)
    const after = await h.sm.send(new DescribeActionCommand({ ActionName: ActionArn }))
    expect(after).toMatchObject({
      ActionName: 'gate-run-1',
      ActionArn,
      ActionType: 'gate',
      Status: 'Completed',
      Description: 'gate approved v7',
      Properties: { decision: 'Approved', reason: 'auc 0.91 >= 0.9' },
      Source: {
        SourceUri: 'https://github.com/o/r/actions/runs/gate-run-1',
        SourceType: 'GitHubActions'
      }
    })
    expect(after.LastModifiedTime!.getTime()).toBeGreaterThan(before.LastModifiedTime!.getTime())
    expect(after.CreationTime).toEqual(before.CreationTime)
    await h.sm.send(
      new UpdateActionCommand({ ActionName: 'gate-run-1', PropertiesToRemove: ['reason'] })
    )
    expect(
      (await h.sm.send(new DescribeActionCommand({ ActionName: 'gate-run-1' }))).Properties
    ).toEqual({
      decision: 'Approved'
    })
  })

  it('answers UpdateAction errors as documented: ResourceNotFound, ConflictException, ValidationException', async () => {
    await action('a1', 'gate')
    await expectAwsError(
      h.sm.send(new UpdateActionCommand({ ActionName: 'ghost', Status: 'Failed' })),
      'ResourceNotFound'
    )
    await expectAwsError(
      h.sm.send(
        new UpdateActionCommand({
          ActionName: 'a1',
          Properties: { k: 'v' },
          PropertiesToRemove: ['k']
        })
      ),
      'ConflictException',
      400,
      /both name k/
    )
    await expectAwsError(
      h.sm.send(new UpdateActionCommand({ ActionName: 'a1', Status: 'Done' as 'Completed' })),
      'ValidationException',
      400,
      /at 'status' failed to satisfy constraint: Member must satisfy enum value set/
    )
    await expectAwsError(action('a1', 'gate'), 'ValidationException', 400, /already exists/)
    const many = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`k${i}`, 'v']))
    await expectAwsError(
      action('a2', 'gate', { Properties: many }),
      'ValidationException',
      400,
      /at 'properties'/
    )
    await action('a3', 'gate', { Properties: { ['k'.repeat(2500)]: 'v'.repeat(2500) } })
    // LineageEntityParameters and descriptions are `.*` (a Java pattern): one line only.
    await expectAwsError(
      action('a4', 'gate', { Properties: { reason: 'line one\nline two' } }),
      'ValidationException',
      400,
      /at 'properties.reason.member' failed to satisfy constraint: Member must satisfy regular expression pattern/
    )
    await expectAwsError(
      h.sm.send(new UpdateActionCommand({ ActionName: 'a1', Description: 'two\rlines' })),
      'ValidationException',
      400,
      /at 'description'/
    )
    await expectAwsError(
      action('-bad-name', 'gate'),
      'ValidationException',
      400,
      /at 'actionName' failed to satisfy constraint: Member must satisfy regular expression pattern/
    )
    await expectAwsError(action('a'.repeat(121), 'gate'), 'ValidationException', 400, /actionName/)
  })

  it('lists by ActionType, SourceUri and creation time, sorted and paged', async () => {
    await action('register-1', 'register')
    await sleep(5)
    const cut = new Date()
    await sleep(5)
    await action('gate-1', 'gate')
    await action('gate-2', 'gate')
    const names = async (input: ListActionsCommandInput) =>
      (await h.sm.send(new ListActionsCommand(input))).ActionSummaries?.map(a => a.ActionName)
    expect(await names({ ActionType: 'gate' })).toEqual(['gate-2', 'gate-1'])
    expect(await names({ SourceUri: 'https://github.com/o/r/actions/runs/register-1' })).toEqual([
      'register-1'
    ])
    expect(await names({ CreatedAfter: cut, SortBy: 'Name', SortOrder: 'Ascending' })).toEqual([
      'gate-1',
      'gate-2'
    ])
    const page = await h.sm.send(new ListActionsCommand({ MaxResults: 2 }))
    expect(page.ActionSummaries).toHaveLength(2)
    const rest = await h.sm.send(
      new ListActionsCommand({ MaxResults: 2, NextToken: page.NextToken })
    )
    expect(rest.ActionSummaries?.map(a => a.ActionName)).toEqual(['register-1'])
    expect(rest.ActionSummaries?.[0]).toMatchObject({ ActionType: 'register', Status: 'Completed' })
  })

  it('associates an action with a model package and an endpoint; deleting the action removes them', async () => {
    const packageArn = await approvedModel(
      h,
      'm',
      JSON.stringify({
        format: 'sagemaker-model-gate/linear-v1',
        task: 'regression',
        weights: [1],
        bias: 0
      })
    )
    await endpointConfig(h, 'cfg', [{ model: 'm' }])
    const { EndpointArn } = await h.sm.send(
      new CreateEndpointCommand({ EndpointName: 'prod', EndpointConfigName: 'cfg' })
    )
    const { ActionArn } = await action('deploy-1', 'deploy')
    await h.sm.send(
      new AddAssociationCommand({
        SourceArn: ActionArn,
        DestinationArn: packageArn,
        AssociationType: 'AssociatedWith'
      })
    )
    await h.sm.send(
      new AddAssociationCommand({
        SourceArn: ActionArn,
        DestinationArn: EndpointArn,
        AssociationType: 'AssociatedWith'
      })
    )
    // Adding the same pair again changes nothing.
    await h.sm.send(
      new AddAssociationCommand({
        SourceArn: ActionArn,
        DestinationArn: packageArn,
        AssociationType: 'AssociatedWith'
      })
    )
    const bySource = await h.sm.send(
      new ListAssociationsCommand({
        SourceArn: ActionArn,
        SortBy: 'DestinationArn',
        SortOrder: 'Ascending'
      })
    )
    expect(
      bySource.AssociationSummaries?.map(a => [
        a.DestinationArn,
        a.DestinationType,
        a.SourceType,
        a.SourceName
      ])
    ).toEqual([
      [EndpointArn, 'Endpoint', 'deploy', 'deploy-1'],
      [packageArn, 'ModelPackage', 'deploy', 'deploy-1']
    ])
    const toPackage = await h.sm.send(new ListAssociationsCommand({ DestinationArn: packageArn }))
    expect(toPackage.AssociationSummaries?.map(a => a.SourceArn)).toEqual([ActionArn])
    await expectAwsError(
      h.sm.send(
        new AddAssociationCommand({
          SourceArn: ActionArn,
          DestinationArn: arn('model-package/m-group/9')
        })
      ),
      'ResourceNotFound'
    )
    const deleted = await h.sm.send(new DeleteActionCommand({ ActionName: 'deploy-1' }))
    expect(deleted.ActionArn).toBe(ActionArn)
    expect(
      (await h.sm.send(new ListAssociationsCommand({ DestinationArn: packageArn })))
        .AssociationSummaries
    ).toEqual([])
    await expectAwsError(
      h.sm.send(new DeleteActionCommand({ ActionName: 'deploy-1' })),
      'ResourceNotFound'
    )
  })
})
