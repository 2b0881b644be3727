// Lineage entities and associations, including associations to model packages.
import { describe, expect, it } from '@jest/globals'
import {
  AddAssociationCommand,
  CreateActionCommand,
  CreateArtifactCommand,
  CreateContextCommand,
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  DeleteAssociationCommand,
  DescribeActionCommand,
  DescribeArtifactCommand,
  DescribeContextCommand,
  ListActionsCommand,
  ListArtifactsCommand,
  ListAssociationsCommand,
  ListContextsCommand
} from '@aws-sdk/client-sagemaker'
import { ACCOUNT, expectAwsError, IMAGE, REGION, useHarness } from './helpers.ts'

const h = useHarness()

describe('lineage', () => {
  it('creates, describes and lists contexts, actions and artifacts', async () => {
    const ctx = await h.sm.send(
      new CreateContextCommand({
        ContextName: 'deploy-prod',
        ContextType: 'ModelDeployment',
        Source: { SourceUri: 'https://github.com/o/r/actions/runs/1' },
        Properties: { env: 'prod' }
      })
    )
    expect(ctx.ContextArn).toBe(`arn:aws:sagemaker:${REGION}:${ACCOUNT}:context/deploy-prod`)
    const dc = await h.sm.send(new DescribeContextCommand({ ContextName: 'deploy-prod' }))
    expect(dc).toMatchObject({
      ContextName: 'deploy-prod',
      ContextType: 'ModelDeployment',
      Properties: { env: 'prod' }
    })
    expect(dc.CreationTime).toBeInstanceOf(Date)

    const action = await h.sm.send(
      new CreateActionCommand({
        ActionName: 'approve-v3',
        ActionType: 'ModelApproval',
        Status: 'Completed',
        Source: { SourceUri: 'https://github.com/o/r/pull/7' }
      })
    )
    expect(action.ActionArn).toBe(`arn:aws:sagemaker:${REGION}:${ACCOUNT}:action/approve-v3`)
    expect(
      (await h.sm.send(new DescribeActionCommand({ ActionName: action.ActionArn }))).Status
    ).toBe('Completed')

    const artifact = await h.sm.send(
      new CreateArtifactCommand({
        ArtifactType: 'DataSet',
        Source: {
          SourceUri: 's3://data/validation.csv',
          SourceTypes: [{ SourceIdType: 'S3ETag', Value: 'abc' }]
        }
      })
    )
    expect(artifact.ArtifactArn).toMatch(
      new RegExp(`^arn:aws:sagemaker:${REGION}:${ACCOUNT}:artifact/[0-9a-f]{32}$`)
    )
    const da = await h.sm.send(new DescribeArtifactCommand({ ArtifactArn: artifact.ArtifactArn }))
    expect(da.Source?.SourceUri).toBe('s3://data/validation.csv')

    expect(
      (
        await h.sm.send(new ListContextsCommand({ ContextType: 'ModelDeployment' }))
      ).ContextSummaries?.map(c => c.ContextName)
    ).toEqual(['deploy-prod'])
    expect(
      (await h.sm.send(new ListActionsCommand({ SourceUri: 'https://github.com/o/r/pull/7' })))
        .ActionSummaries
    ).toHaveLength(1)
    expect(
      (await h.sm.send(new ListArtifactsCommand({ ArtifactType: 'Model' }))).ArtifactSummaries
    ).toEqual([])
  })

  it('rejects duplicate names and answers ResourceNotFound for missing entities', async () => {
    await h.sm.send(
      new CreateContextCommand({ ContextName: 'c1', ContextType: 'T', Source: { SourceUri: 'x' } })
    )
    await expectAwsError(
      h.sm.send(
        new CreateContextCommand({
          ContextName: 'c1',
          ContextType: 'T',
          Source: { SourceUri: 'x' }
        })
      ),
      'ValidationException',
      400,
      /already exists/
    )
    await expectAwsError(
      h.sm.send(new DescribeContextCommand({ ContextName: 'nope' })),
      'ResourceNotFound'
    )
    await expectAwsError(
      h.sm.send(new DescribeActionCommand({ ActionName: 'nope' })),
      'ResourceNotFound'
    )
    await expectAwsError(
      h.sm.send(
        new DescribeArtifactCommand({
          ArtifactArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:artifact/${'0'.repeat(32)}`
        })
      ),
      'ResourceNotFound'
    )
    await expectAwsError(
      h.sm.send(
        new CreateActionCommand({ ActionName: 'a', ActionType: 'T', Source: undefined as never })
      ),
      'ValidationException',
      400,
      /'source' failed to satisfy constraint: Member must not be null/
    )
  })

  it('associates entities with model packages and lists them by source, destination and type', async () => {
    await h.sm.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: 'churn' }))
    const { ModelPackageArn } = await h.sm.send(
      new CreateModelPackageCommand({
        ModelPackageGroupName: 'churn',
        InferenceSpecification: { Containers: [{ Image: IMAGE }] }
      })
    )
    const { ArtifactArn } = await h.sm.send(
      new CreateArtifactCommand({
        ArtifactType: 'DataSet',
        Source: { SourceUri: 's3://data/train/' }
      })
    )
    const { ContextArn } = await h.sm.send(
      new CreateContextCommand({
        ContextName: 'deploy-prod',
        ContextType: 'ModelDeployment',
        Source: { SourceUri: 'run' }
      })
    )
    const added = await h.sm.send(
      new AddAssociationCommand({
        SourceArn: ArtifactArn,
        DestinationArn: ModelPackageArn,
        AssociationType: 'ContributedTo'
      })
    )
    expect(added).toMatchObject({ SourceArn: ArtifactArn, DestinationArn: ModelPackageArn })
    await h.sm.send(
      new AddAssociationCommand({
        SourceArn: ModelPackageArn,
        DestinationArn: ContextArn,
        AssociationType: 'AssociatedWith'
      })
    )

    const into = await h.sm.send(new ListAssociationsCommand({ DestinationArn: ModelPackageArn }))
    expect(into.AssociationSummaries).toHaveLength(1)
    expect(into.AssociationSummaries?.[0]).toMatchObject({
      SourceArn: ArtifactArn,
      SourceType: 'DataSet',
      DestinationType: 'ModelPackage',
      AssociationType: 'ContributedTo'
    })
    const out = await h.sm.send(new ListAssociationsCommand({ SourceArn: ModelPackageArn }))
    expect(
      out.AssociationSummaries?.map(a => [a.DestinationArn, a.DestinationType, a.DestinationName])
    ).toEqual([[ContextArn, 'ModelDeployment', 'deploy-prod']])
    const byType = await h.sm.send(
      new ListAssociationsCommand({ AssociationType: 'AssociatedWith' })
    )
    expect(byType.AssociationSummaries).toHaveLength(1)

    await expectAwsError(
      h.sm.send(
        new AddAssociationCommand({
          SourceArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:context/ghost`,
          DestinationArn: ModelPackageArn
        })
      ),
      'ResourceNotFound'
    )
    await h.sm.send(
      new DeleteAssociationCommand({ SourceArn: ArtifactArn, DestinationArn: ModelPackageArn })
    )
    expect(
      (await h.sm.send(new ListAssociationsCommand({ DestinationArn: ModelPackageArn })))
        .AssociationSummaries
    ).toEqual([])
  })
})
