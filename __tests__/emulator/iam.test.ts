// Least privilege, enforced: an identity policy set through the control API is checked on
// every SageMaker, Runtime, S3 and CloudWatch request, with AWS's AccessDenied wording.
import { describe, expect, it } from '@jest/globals'
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch'
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3'
import {
  CreateEndpointCommand,
  CreateModelCommand,
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  DescribeModelPackageCommand,
  DescribeModelPackageGroupCommand,
  ListModelPackageGroupsCommand,
  ListModelPackagesCommand
} from '@aws-sdk/client-sagemaker'
import { InvokeEndpointCommand } from '@aws-sdk/client-sagemaker-runtime'
import {
  ACCOUNT,
  approvedModel,
  endpointConfig,
  expectAwsError,
  inService,
  linear,
  REGION,
  useHarness
} from './helpers.ts'

const h = useHarness()
const ROLE = `arn:aws:sts::${ACCOUNT}:assumed-role/gha-gate/GitHubActions`
const arn = (rest: string) => `arn:aws:sagemaker:${REGION}:${ACCOUNT}:${rest}`

const setPolicy = (Statement: unknown[]) =>
  fetch(`${h.emu.url}/_emulator/iam`, {
    method: 'POST',
    body: JSON.stringify({ policy: { Version: '2012-10-17', Statement }, principal: ROLE })
  })

describe('IAM policy evaluation', () => {
  it('allows what a statement allows, and words the refusal as AWS does', async () => {
    await h.sm.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: 'churn' }))
    await h.sm.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: 'fraud' }))
    expect(
      (
        await setPolicy([
          {
            Effect: 'Allow',
            Action: 'sagemaker:DescribeModelPackage*',
            Resource: arn('model-package-group/churn')
          },
          { Effect: 'Allow', Action: ['sagemaker:ListModelPackageGroups'], Resource: '*' }
        ])
      ).status
    ).toBe(200)
    const d = await h.sm.send(
      new DescribeModelPackageGroupCommand({ ModelPackageGroupName: 'churn' })
    )
    expect(d.ModelPackageGroupName).toBe('churn')
    expect(
      (await h.sm.send(new ListModelPackageGroupsCommand({}))).ModelPackageGroupSummaryList
    ).toHaveLength(2)
    const err = await expectAwsError(
      h.sm.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: 'fraud' })),
      'AccessDeniedException',
      400
    )
    expect(err.message).toBe(
      `User: ${ROLE} is not authorized to perform: sagemaker:DescribeModelPackageGroup on resource: ${arn('model-package-group/fraud')} because no identity-based policy allows the sagemaker:DescribeModelPackageGroup action`
    )
    // Refused calls change nothing and are still counted.
    expect(h.emu.stats().operations.DescribeModelPackageGroup).toBe(2)
  })

  it('lets an explicit Deny win over any Allow, with ? and * wildcards and NotAction/NotResource', async () => {
    await h.sm.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: 'churn' }))
    await h.sm.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: 'chart' }))
    await setPolicy([
      { Effect: 'Allow', Action: 'sagemaker:*', Resource: '*' },
      { Effect: 'Deny', Action: 'sagemaker:Describe*', Resource: arn('model-package-group/ch?rt') },
      {
        Effect: 'Deny',
        NotAction: ['sagemaker:Describe*', 'sagemaker:List*'],
        NotResource: arn('model-package/churn/*')
      }
    ])
    await h.sm.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: 'churn' }))
    const denied = await expectAwsError(
      h.sm.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: 'chart' })),
      'AccessDeniedException'
    )
    expect(denied.message).toMatch(
      /on resource: .*model-package-group\/chart with an explicit deny in an identity-based policy$/
    )
    // CreateModelPackage is checked against the version it would create.
    const created = await h.sm.send(
      new CreateModelPackageCommand({ ModelPackageGroupName: 'churn' })
    )
    expect(created.ModelPackageArn).toBe(arn('model-package/churn/1'))
    const other = await expectAwsError(
      h.sm.send(new CreateModelPackageCommand({ ModelPackageGroupName: 'chart' })),
      'AccessDeniedException'
    )
    expect(other.message).toContain(
      `sagemaker:CreateModelPackage on resource: ${arn('model-package/chart/1')} with an explicit deny`
    )
    expect(
      (await h.sm.send(new ListModelPackagesCommand({ ModelPackageGroupName: 'chart' })))
        .ModelPackageSummaryList
    ).toEqual([])
  })

  it('checks iam:PassRole on CreateModel, the config on CreateEndpoint, InvokeEndpoint on the endpoint', async () => {
    await approvedModel(h, 'm', linear('regression', [1], 0))
    await endpointConfig(h, 'cfg', [{ model: 'm' }])
    await setPolicy([
      {
        Effect: 'Allow',
        Action: ['sagemaker:CreateModel', 'sagemaker:CreateEndpoint'],
        Resource: '*'
      }
    ])
    await h.sm.send(new CreateEndpointCommand({ EndpointName: 'ep', EndpointConfigName: 'cfg' }))
    const pass = await expectAwsError(
      h.sm.send(
        new CreateModelCommand({
          ModelName: 'm2',
          ExecutionRoleArn: `arn:aws:iam::${ACCOUNT}:role/SageMakerRole`,
          PrimaryContainer: { Image: 'img', ModelDataUrl: 's3://models/m/model.json' }
        })
      ),
      'AccessDeniedException'
    )
    expect(pass.message).toContain(
      `iam:PassRole on resource: arn:aws:iam::${ACCOUNT}:role/SageMakerRole`
    )
    await setPolicy([{ Effect: 'Allow', Action: 'sagemaker:DescribeEndpoint', Resource: '*' }])
    await inService(h, 'ep')
    const invoke = await expectAwsError(
      h.rt.send(
        new InvokeEndpointCommand({
          EndpointName: 'ep',
          ContentType: 'text/csv',
          Body: Buffer.from('1\n')
        })
      ),
      'AccessDeniedException',
      400
    )
    expect(invoke.message).toContain(
      `sagemaker:InvokeEndpoint on resource: ${arn('endpoint/ep')} because`
    )
    await setPolicy([
      { Effect: 'Allow', Action: 'sagemaker:InvokeEndpoint', Resource: arn('endpoint/ep') }
    ])
    const ok = await h.rt.send(
      new InvokeEndpointCommand({
        EndpointName: 'ep',
        ContentType: 'text/csv',
        Body: Buffer.from('1\n')
      })
    )
    expect(Buffer.from(ok.Body!).toString()).toBe('1\n')
  })

  it('checks sagemaker:AddTags on the new resource when a create carries tags', async () => {
    await setPolicy([
      { Effect: 'Allow', Action: 'sagemaker:CreateModelPackageGroup', Resource: '*' }
    ])
    await h.sm.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: 'untagged' }))
    const tagged = await expectAwsError(
      h.sm.send(
        new CreateModelPackageGroupCommand({
          ModelPackageGroupName: 'Tagged',
          Tags: [{ Key: 'team', Value: 'ml' }]
        })
      ),
      'AccessDeniedException'
    )
    expect(tagged.message).toContain(
      `sagemaker:AddTags on resource: ${arn('model-package-group/tagged')} because`
    )
    await setPolicy([
      {
        Effect: 'Allow',
        Action: ['sagemaker:CreateModelPackageGroup', 'sagemaker:AddTags'],
        Resource: arn('model-package-group/tagged')
      }
    ])
    const created = await h.sm.send(
      new CreateModelPackageGroupCommand({
        ModelPackageGroupName: 'Tagged',
        Tags: [{ Key: 'team', Value: 'ml' }]
      })
    )
    expect(created.ModelPackageGroupArn).toBe(arn('model-package-group/tagged'))
  })

  it('answers S3 with AccessDenied (403 XML) per action and object ARN, and CloudWatch with AccessDenied', async () => {
    await h.s3.send(new PutObjectCommand({ Bucket: 'data', Key: 'eval/rows.csv', Body: '1\n' }))
    await setPolicy([
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/eval/*' },
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::data' }
    ])
    const got = await h.s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'eval/rows.csv' }))
    expect(await got.Body!.transformToString()).toBe('1\n')
    expect((await h.s3.send(new ListObjectsV2Command({ Bucket: 'data' }))).KeyCount).toBe(1)
    const put = await expectAwsError(
      h.s3.send(new PutObjectCommand({ Bucket: 'data', Key: 'eval/x', Body: 'x' })),
      'AccessDenied',
      403
    )
    expect(put.message).toBe(
      `User: ${ROLE} is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::data/eval/x" because no identity-based policy allows the s3:PutObject action`
    )
    const cw = await expectAwsError(
      h.cw.send(
        new GetMetricDataCommand({
          StartTime: new Date(Date.now() - 60e3),
          EndTime: new Date(),
          MetricDataQueries: [
            {
              Id: 'q',
              MetricStat: {
                Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocations' },
                Period: 60,
                Stat: 'Sum'
              }
            }
          ]
        })
      ),
      'AccessDenied',
      403
    )
    expect(cw.message).toContain(
      'cloudwatch:GetMetricData on resource: * because no identity-based policy allows'
    )
  })

  it('evaluates iam:PassedToService and aws:RequestedRegion conditions', async () => {
    await approvedModel(h, 'm', linear('regression', [1], 0))
    const createModel = (name: string) =>
      h.sm.send(
        new CreateModelCommand({
          ModelName: name,
          ExecutionRoleArn: `arn:aws:iam::${ACCOUNT}:role/sagemaker-execution`,
          PrimaryContainer: { Image: 'img', ModelDataUrl: 's3://models/m/model.json' }
        })
      )
    const passTo = (service: string) => [
      { Effect: 'Allow', Action: 'sagemaker:CreateModel', Resource: '*' },
      {
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: 'arn:aws:iam::*:role/sagemaker-execution',
        Condition: { StringEquals: { 'iam:PassedToService': service } }
      }
    ]
    await setPolicy(passTo('sagemaker.amazonaws.com'))
    expect((await createModel('ok')).ModelArn).toBe(arn('model/ok'))
    await setPolicy(passTo('ec2.amazonaws.com'))
    await expectAwsError(
      createModel('no'),
      'AccessDeniedException',
      400,
      /iam:PassRole on resource/
    )
    const inRegion = (region: string) => [
      {
        Effect: 'Allow',
        Action: 'sagemaker:List*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:RequestedRegion': region } }
      }
    ]
    await setPolicy(inRegion(REGION))
    await h.sm.send(new ListModelPackageGroupsCommand({}))
    await setPolicy(inRegion('us-east-1'))
    await expectAwsError(h.sm.send(new ListModelPackageGroupsCommand({})), 'AccessDeniedException')
  })

  it('clears with {"policy": null}, and refuses malformed policies with 400', async () => {
    await setPolicy([
      { Effect: 'Allow', Action: 'sagemaker:ListModelPackageGroups', Resource: '*' }
    ])
    await expectAwsError(
      h.sm.send(new DescribeModelPackageCommand({ ModelPackageName: 'g/1' })),
      'AccessDeniedException'
    )
    const clear = await fetch(`${h.emu.url}/_emulator/iam`, {
      method: 'POST',
      body: JSON.stringify({ policy: null })
    })
    expect(clear.status).toBe(200)
    await expectAwsError(
      h.sm.send(new DescribeModelPackageCommand({ ModelPackageName: 'g/1' })),
      'ValidationException'
    )
    for (const [statement, error] of [
      [
        { Effect: 'Permit', Action: '*', Resource: '*' },
        'Statement[0].Effect must be "Allow" or "Deny"'
      ],
      [
        { Effect: 'Allow', Resource: '*' },
        'Statement[0] needs exactly one of Action and NotAction'
      ],
      [
        {
          Effect: 'Allow',
          Action: '*',
          Resource: '*',
          Condition: { StringEquals: { 'aws:SecureTransport': 'true' } }
        },
        'Statement[0].Condition: key aws:SecureTransport is not supported by the emulator (it knows iam:PassedToService and aws:RequestedRegion)'
      ],
      [
        {
          Effect: 'Allow',
          Action: '*',
          Resource: '*',
          Condition: { NumericLessThan: { 'aws:RequestedRegion': '1' } }
        },
        'Statement[0].Condition: operator NumericLessThan is not supported by the emulator'
      ]
    ] as const) {
      const res = await setPolicy([statement])
      expect(res.status).toBe(400)
      expect(await res.json()).toEqual({ error: error })
    }
    const text = await fetch(`${h.emu.url}/_emulator/iam`, {
      method: 'POST',
      body: JSON.stringify({ policy: '{not json' })
    })
    expect(text.status).toBe(400)
    expect(((await text.json()) as { error: string }).error).toMatch(/^policy is not valid JSON: /)
  })
})
