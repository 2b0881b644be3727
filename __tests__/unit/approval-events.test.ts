// examples/approval-events/template.yml and examples/on-approval.yml, end to end without AWS:
// SageMaker's documented sample event goes through the template's rule and input
// transformer, the resulting body must be one GitHub accepts, and the workflow's expressions,
// evaluated on that body, must hand the action the approved version.
import { describe, expect, it } from '@jest/globals'
import { Evaluator, Lexer, Parser, data } from '@actions/expressions'
import { truthy } from '@actions/expressions/result'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import {
  applyInputTransformer,
  matchesPattern,
  parseTemplate,
  references,
  repositoryDispatchProblems,
  resolve,
  type InputTransformer,
  type ResolveContext
} from '../../__fixtures__/eventbridge.js'
import { DEFAULTS, readSettings } from '../../src/inputs/index.js'

/** "Model package state change" in "Automating Amazon SageMaker with Amazon EventBridge". */
const SAMPLE = JSON.parse(
  readFileSync('__fixtures__/events/model-package-state-change.json', 'utf8')
) as Record<string, unknown> & { detail: Record<string, unknown> }
const GROUP = SAMPLE.detail.ModelPackageGroupName as string

const template = parseTemplate(readFileSync('examples/approval-events/template.yml', 'utf8'))
type Resource = { Type: string; Properties: Record<string, unknown> }
const resources = template.Resources as Record<string, Resource>
const parameters = template.Parameters as Record<
  string,
  { Type: string; Default?: string; AllowedPattern?: string }
>

/** Attributes each resource type documents for Fn::GetAtt (CloudFormation reference). */
const ATTRIBUTES: Record<string, string[]> = {
  'AWS::SQS::Queue': ['Arn', 'QueueName', 'QueueUrl'],
  'AWS::Events::Connection': ['Arn', 'SecretArn'],
  'AWS::Events::ApiDestination': ['Arn'],
  'AWS::IAM::Role': ['Arn', 'RoleId'],
  'AWS::Events::Rule': ['Arn']
}

function context(values: Record<string, string>): ResolveContext {
  const account = '123456789012'
  const region = 'us-east-2'
  return {
    parameters: Object.fromEntries(
      Object.entries(parameters).map(([name, p]) => [name, values[name] ?? p.Default ?? ''])
    ),
    pseudo: {
      'AWS::AccountId': account,
      'AWS::Region': region,
      'AWS::Partition': 'aws',
      'AWS::StackName': 'approval-events'
    },
    refs: Object.fromEntries(Object.keys(resources).map(id => [id, `approval-events-${id}`])),
    attributes: Object.fromEntries(
      Object.entries(resources).flatMap(([id, r]) =>
        (ATTRIBUTES[r.Type] ?? []).map(attr => [
          `${id}.${attr}`,
          `arn:aws:test:${region}:${account}:${id}/${attr}`
        ])
      )
    )
  }
}

const VALUES = {
  ModelPackageGroupName: GROUP,
  GitHubRepository: 'acme/churn-model',
  GitHubTokenSecretArn:
    'arn:aws:secretsmanager:us-east-2:123456789012:secret:github-dispatch-AbCdEf'
}
const resolved = resolve(resources, context(VALUES)) as Record<string, Resource>
const rule = resolved.ApprovalRule as Resource
const target = (rule.Properties.Targets as Record<string, unknown>[])[0] as Record<string, unknown>
const rawTarget = (resources.ApprovalRule?.Properties.Targets as Record<string, unknown>[])[0]

function approvedSample(group = GROUP): Record<string, unknown> {
  return {
    ...SAMPLE,
    detail: { ...SAMPLE.detail, ModelPackageGroupName: group, ModelApprovalStatus: 'Approved' }
  }
}

function dispatchBody(event: Record<string, unknown>): Record<string, unknown> {
  const { output, missing } = applyInputTransformer(
    event,
    target.InputTransformer as InputTransformer,
    { arn: 'arn:aws:events:us-east-2:123456789012:rule/approval', name: 'approval' }
  )
  expect(missing).toEqual([])
  return JSON.parse(output) as Record<string, unknown>
}

describe("the input transformer helper follows EventBridge's documented examples", () => {
  // "Transforming target input": the EC2 example event, its paths and its templates.
  const ec2 = {
    version: '0',
    id: '7bf73129-1428-4cd3-a780-95db273d1602',
    'detail-type': 'EC2 Instance State-change Notification',
    source: 'aws.ec2',
    account: '123456789012',
    time: '2015-11-11T21:29:54Z',
    region: 'us-east-1',
    resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
    detail: { 'instance-id': 'i-0123456789', state: 'RUNNING' }
  }
  const InputPathsMap = {
    timestamp: '$.time',
    instance: '$.detail.instance-id',
    state: '$.detail.state'
  }
  const run = (InputTemplate: string) =>
    applyInputTransformer(ec2, { InputPathsMap, InputTemplate }).output

  it('fills placeholders inside a string as text', () => {
    expect(run('"instance <instance> is in <state>"')).toBe('"instance i-0123456789 is in RUNNING"')
  })

  it('fills placeholders outside quotes as JSON values, inside quotes as text', () => {
    const output = run(
      '{"instance" : <instance>, "state": "<state>", "instanceStatus": "instance \\"<instance>\\" is in <state>"}'
    )
    expect(JSON.parse(output)).toEqual({
      instance: 'i-0123456789',
      state: 'RUNNING',
      instanceStatus: 'instance "i-0123456789" is in RUNNING'
    })
    expect(JSON.parse(run('{"instance" : <instance>, "state": [ 9, <state>, true ]}'))).toEqual({
      instance: 'i-0123456789',
      state: [9, 'RUNNING', true]
    })
  })

  it('knows the reserved variables', () => {
    const output = applyInputTransformer(
      ec2,
      {
        InputPathsMap,
        InputTemplate: '{"ruleName": <aws.events.rule-name>, "original": <aws.events.event>}'
      },
      { arn: 'arn:aws:events:us-east-2:123456789012:rule/example', name: 'example' }
    ).output
    expect(JSON.parse(output)).toEqual({ ruleName: 'example', original: ec2 })
  })

  it('does not escape values inside quotes, creates no variable for a missing path, refuses keys', () => {
    const quoted = applyInputTransformer(
      { detail: { name: 'say "hi"' } },
      { InputPathsMap: { name: '$.detail.name' }, InputTemplate: '{"a": "<name>"}' }
    ).output
    expect(quoted).toBe('{"a": "say "hi""}')
    expect(() => JSON.parse(quoted)).toThrow()
    expect(
      applyInputTransformer(ec2, {
        InputPathsMap: { nothing: '$.detail.absent' },
        InputTemplate: '{"a": <state>}'
      }).missing
    ).toEqual(['nothing'])
    expect(() => run('{<instance>: 1}')).toThrow(/object key/)
    expect(() =>
      applyInputTransformer(ec2, { InputPathsMap: { a: "$['detail']" }, InputTemplate: '{}' })
    ).toThrow(/dot-notation/)
    expect(() =>
      applyInputTransformer(ec2, {
        InputPathsMap: { 'aws.events.rule-name': '$.id' },
        InputTemplate: '{}'
      })
    ).toThrow(/reserved/)
  })

  it('matches event patterns value by value, and arrays by any element', () => {
    expect(matchesPattern({ source: ['aws.ec2'], detail: { state: ['RUNNING'] } }, ec2)).toBe(true)
    expect(matchesPattern({ detail: { state: ['STOPPED'] } }, ec2)).toBe(false)
    expect(matchesPattern({ detail: { missing: ['x'] } }, ec2)).toBe(false)
    expect(matchesPattern({ resources: [ec2.resources[0] as string] }, ec2)).toBe(true)
    expect(() => matchesPattern({ source: [{ prefix: 'aws.' }] }, ec2)).toThrow(/content filters/)
  })
})

describe('examples/approval-events/template.yml', () => {
  it('parses with the short-form tags, and every Ref and GetAtt names something that exists', () => {
    expect(template.AWSTemplateFormatVersion).toBe('2010-09-09')
    const { ref, getAtt } = references(template.Resources)
    for (const name of ref) {
      expect([name, name in parameters || name in resources || name.startsWith('AWS::')]).toEqual([
        name,
        true
      ])
    }
    for (const [id, attribute] of getAtt) {
      expect([id, attribute, ATTRIBUTES[resources[id]?.Type ?? ''] ?? []]).toEqual([
        id,
        attribute,
        expect.arrayContaining([attribute])
      ])
    }
    expect(() => parseTemplate('a: !ImportValue x\n')).toThrow(/ImportValue/)
  })

  it('checks its parameters with patterns that take the right values', () => {
    const accepts = (name: string, value: string) =>
      new RegExp(parameters[name]?.AllowedPattern ?? '').test(value)
    expect(accepts('ModelPackageGroupName', GROUP)).toBe(true)
    expect(accepts('ModelPackageGroupName', 'churn_model')).toBe(false)
    expect(accepts('ModelPackageGroupName', 'a'.repeat(64))).toBe(false)
    expect(accepts('GitHubRepository', 'acme/churn-model')).toBe(true)
    expect(accepts('GitHubRepository', 'acme/churn/model')).toBe(false)
    expect(accepts('GitHubTokenSecretArn', VALUES.GitHubTokenSecretArn)).toBe(true)
    expect(accepts('GitHubTokenSecretArn', 'ghp_0123456789abcdef')).toBe(false)
    expect(accepts('GitHubApiUrl', 'https://github.example.com/api/v3')).toBe(true)
    expect(accepts('GitHubApiUrl', 'http://api.github.com')).toBe(false)
    for (const [name, p] of Object.entries(parameters)) {
      if (p.Default !== undefined) expect([name, accepts(name, p.Default)]).toEqual([name, true])
    }
  })

  it("the rule takes approvals of the configured group only, from SageMaker's own events", () => {
    const pattern = rule.Properties.EventPattern as Record<string, unknown>
    expect(pattern).toEqual({
      source: ['aws.sagemaker'],
      'detail-type': ['SageMaker Model Package State Change'],
      detail: { ModelPackageGroupName: [GROUP], ModelApprovalStatus: ['Approved'] }
    })
    // The documented sample is a rejection.
    expect(matchesPattern(pattern, SAMPLE)).toBe(false)
    expect(matchesPattern(pattern, approvedSample())).toBe(true)
    expect(matchesPattern(pattern, approvedSample('another-group'))).toBe(false)
    expect(
      matchesPattern(pattern, {
        ...approvedSample(),
        'detail-type': 'SageMaker Model State Change'
      })
    ).toBe(false)
  })

  it("turns SageMaker's documented sample event into a valid repository_dispatch body", () => {
    const body = dispatchBody(SAMPLE)
    expect(repositoryDispatchProblems(body)).toEqual([])
    expect(body).toEqual({
      event_type: 'sagemaker-model-approved',
      client_payload: {
        group: 'versionedmp-p-idy6c3e1fiqj',
        version: 2,
        arn: 'arn:aws:sagemaker:us-east-2:123456789012:model-package/versionedmp-p-idy6c3e1fiqj/2',
        status: 'Rejected',
        account: '123456789012',
        region: 'us-east-2',
        event_id: '844e2571-85d4-695f-b930-0153b71dcb42',
        time: '2021-02-24T17:00:14Z'
      }
    })
    const custom = resolve(resources.ApprovalRule, context({ ...VALUES, EventType: 'release' }))
    const customTarget = ((custom as Resource).Properties.Targets as Record<string, unknown>[])[0]
    const { output } = applyInputTransformer(
      approvedSample(),
      customTarget?.InputTransformer as InputTransformer
    )
    expect(JSON.parse(output)).toMatchObject({
      event_type: 'release',
      client_payload: { status: 'Approved' }
    })
  })

  it('the body checker refuses what GitHub refuses', () => {
    expect(repositoryDispatchProblems({ client_payload: {} })).toEqual([
      'event_type is required and must be a string'
    ])
    expect(repositoryDispatchProblems({ event_type: 'x'.repeat(101) })[0]).toMatch(/100/)
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i]))
    expect(repositoryDispatchProblems({ event_type: 'x', client_payload: eleven })[0]).toMatch(
      /at most 10/
    )
  })

  it('calls the API destination through a role that may only invoke it, with retries and a dead-letter queue', () => {
    expect(rawTarget?.Arn).toEqual({ 'Fn::GetAtt': ['RepositoryDispatch', 'Arn'] })
    expect(rawTarget?.RoleArn).toEqual({ 'Fn::GetAtt': ['InvokeRole', 'Arn'] })
    expect(rawTarget?.DeadLetterConfig).toEqual({
      Arn: { 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] }
    })
    const retry = target.RetryPolicy as Record<string, number>
    expect(retry.MaximumRetryAttempts).toBeGreaterThanOrEqual(0)
    expect(retry.MaximumRetryAttempts).toBeLessThanOrEqual(185)
    expect(retry.MaximumEventAgeInSeconds).toBeGreaterThanOrEqual(60)
    expect(retry.MaximumEventAgeInSeconds).toBeLessThanOrEqual(86400)

    const role = resources.InvokeRole?.Properties as Record<string, unknown>
    const trust = (role.AssumeRolePolicyDocument as { Statement: Record<string, unknown>[] })
      .Statement
    expect(trust).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }
      }
    ])
    const policies = role.Policies as { PolicyDocument: { Statement: unknown[] } }[]
    expect(policies.flatMap(p => p.PolicyDocument.Statement)).toEqual([
      {
        Effect: 'Allow',
        Action: 'events:InvokeApiDestination',
        Resource: { 'Fn::GetAtt': ['RepositoryDispatch', 'Arn'] }
      }
    ])
    expect(role.ManagedPolicyArns).toBeUndefined()

    const queuePolicy = resources.DeadLetterQueuePolicy?.Properties as {
      PolicyDocument: { Statement: Record<string, unknown>[] }
    }
    expect(queuePolicy.PolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: { 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] },
        Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': ['ApprovalRule', 'Arn'] } } }
      })
    ])
  })

  it("posts to the repository's dispatches endpoint with the token from Secrets Manager", () => {
    const destination = resolved.RepositoryDispatch?.Properties as Record<string, unknown>
    expect(destination.HttpMethod).toBe('POST')
    expect(destination.InvocationEndpoint).toBe(
      'https://api.github.com/repos/acme/churn-model/dispatches'
    )
    const connection = resolved.GitHubConnection?.Properties as {
      AuthorizationType: string
      AuthParameters: {
        ApiKeyAuthParameters: { ApiKeyName: string; ApiKeyValue: string }
        InvocationHttpParameters: { HeaderParameters: { Key: string; Value: string }[] }
      }
    }
    expect(connection.AuthorizationType).toBe('API_KEY')
    expect(connection.AuthParameters.ApiKeyAuthParameters).toEqual({
      ApiKeyName: 'Authorization',
      ApiKeyValue: `Bearer {{resolve:secretsmanager:${VALUES.GitHubTokenSecretArn}:SecretString}}`
    })
    expect(connection.AuthParameters.InvocationHttpParameters.HeaderParameters).toEqual([
      { Key: 'Accept', Value: 'application/vnd.github+json' },
      { Key: 'X-GitHub-Api-Version', Value: '2022-11-28' }
    ])
  })
})

// ---------------------------------------------------------------------------------------

interface Step {
  uses?: string
  run?: string
  env?: Record<string, string>
  with?: Record<string, unknown>
}
interface Job {
  if?: string
  needs?: string | string[]
  environment?: string
  steps: Step[]
}
const workflow = parse(readFileSync('examples/on-approval.yml', 'utf8')) as {
  on: { repository_dispatch: { types: string[] } }
  concurrency: { group: string; 'cancel-in-progress': boolean }
  jobs: Record<string, Job>
}

function evaluate(expression: string, github: object): data.ExpressionData {
  const lexed = new Lexer(expression).lex()
  const parsed = new Parser(lexed.tokens, ['github', 'needs', 'steps'], []).parse()
  const ctx = JSON.parse(JSON.stringify({ github }), data.reviver) as data.Dictionary
  return new Evaluator(parsed, ctx).evaluate()
}

/** A value with ${{ }} expressions, as the runner renders it. */
function render(value: unknown, github: object): string {
  return String(value).replace(/\$\{\{(.*?)\}\}/g, (_all, expression: string) =>
    evaluate(expression, github).coerceString()
  )
}

function dispatched(event: Record<string, unknown>) {
  const body = dispatchBody(event)
  // The runner's github context for repository_dispatch: action is the event_type.
  return {
    event_name: 'repository_dispatch',
    event: { action: body.event_type, client_payload: body.client_payload }
  }
}

describe('examples/on-approval.yml', () => {
  const ours = (job: string) =>
    workflow.jobs[job]?.steps.filter(s => s.uses === 'your-org/sagemaker-model-gate@v1') ?? []

  it("listens for the template's event type", () => {
    expect(workflow.on.repository_dispatch.types).toEqual([parameters.EventType?.Default])
    expect(workflow.concurrency['cancel-in-progress']).toBe(false)
  })

  it('runs only for an approval of its own group', () => {
    const condition = workflow.jobs.check?.if as string
    const group = ours('staging')[0]?.with?.['model-package-group'] as string
    expect(group).toBe('churn-model')
    expect(truthy(evaluate(condition, dispatched(approvedSample(group))))).toBe(true)
    expect(truthy(evaluate(condition, dispatched(approvedSample('another-group'))))).toBe(false)
    const rejected = { ...approvedSample(group) }
    rejected.detail = { ...(rejected.detail as object), ModelApprovalStatus: 'Rejected' }
    expect(truthy(evaluate(condition, dispatched(rejected)))).toBe(false)
  })

  it('hands the action the version from client_payload, which the deploy inputs accept', () => {
    const github = dispatched(approvedSample('churn-model'))
    const deploys = [...ours('staging'), ...ours('production')].filter(
      s => s.with?.mode === 'deploy'
    )
    expect(deploys).toHaveLength(2)
    for (const step of deploys) {
      expect(step.with?.['model-package']).toBe('${{ github.event.client_payload.version }}')
      const inputs = Object.fromEntries(
        Object.entries(step.with ?? {}).map(([k, v]) => [k, render(v, github)])
      )
      expect(inputs['model-package']).toBe('2')
      const settings = readSettings(name => inputs[name] ?? DEFAULTS[name] ?? '', {
        AWS_REGION: 'us-east-1'
      })
      expect(settings.mode === 'deploy' && settings.deploy.modelPackage).toEqual({
        kind: 'version',
        version: 2
      })
    }
    const lineage = ours('staging').find(s => s.with?.mode === 'lineage')
    expect(render(lineage?.with?.['model-package'], github)).toBe('2')
  })

  it('checks the version in the shell through an environment variable, never inline', () => {
    const step = workflow.jobs.check?.steps.find(s => s.run) as Step
    expect(step.env?.VERSION).toBe('${{ github.event.client_payload.version }}')
    expect(step.run).not.toContain('${{')
    expect(step.run).toContain('--model-approval-status Approved')
  })

  it('deploys to staging after the check, and to production behind its environment', () => {
    expect(workflow.jobs.staging?.needs).toBe('check')
    expect(workflow.jobs.staging?.if).toBe("needs.check.outputs.newest == 'true'")
    expect(workflow.jobs.staging?.environment).toBe('staging')
    expect(workflow.jobs.production?.needs).toEqual(['check', 'staging'])
    expect(workflow.jobs.production?.environment).toBe('production')
  })
})
