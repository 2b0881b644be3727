import { describe, expect, it } from '@jest/globals'
import { UpdateEndpointCommand, UpdateModelPackageCommand } from '@aws-sdk/client-sagemaker'
import { deploySettings, packageArn, simContext } from '../../__fixtures__/deploy/sagemaker.js'
import { runDeploy } from '../../src/modes/deploy.js'
import { runRollback } from '../../src/modes/rollback.js'
import type { DeploySettings, SettingsOf } from '../../src/settings.js'

type Fake = ReturnType<typeof simContext>

function setup(packages: Record<number, 'Approved' | 'PendingManualApproval' | 'Rejected'>): Fake {
  const fake = simContext()
  for (const [v, status] of Object.entries(packages)) fake.sim.addPackage(Number(v), status)
  return fake
}

async function deploy(fake: Fake, version: number, runId: string) {
  fake.ctx.github = { ...fake.ctx.github, runId }
  const outcome = await runDeploy(
    fake.ctx,
    deploySettings({ modelPackage: { kind: 'version', version } })
  )
  expect(outcome.failed).toBeUndefined()
}

/** An endpoint that served each version in turn, each deployed by its own run unless given. */
async function deployedInTurn(
  versions: number[],
  runIds = versions.map((_, i) => String(i + 1))
): Promise<Fake> {
  const fake = setup(Object.fromEntries(versions.map(v => [v, 'Approved' as const])))
  for (const [i, version] of versions.entries()) await deploy(fake, version, runIds[i] ?? '')
  return fake
}

function rollbackSettings(
  deploy: Partial<DeploySettings> = {},
  dryRun = false
): SettingsOf<'rollback'> {
  return { ...deploySettings(deploy, { dryRun }), mode: 'rollback' }
}

function servedPackage(fake: Fake): string | undefined {
  const config = fake.sim.configs.get(fake.sim.endpoint?.configName ?? '')
  return fake.sim.models.get(config?.variants[0]?.ModelName ?? '')?.packageArn
}

describe('rollback', () => {
  it('puts the previous package recorded on the endpoint back, and rejects the bad one with the reason', async () => {
    const fake = setup({ 7: 'Approved', 8: 'Approved' })
    await deploy(fake, 7, '1')
    await deploy(fake, 8, '2')
    fake.ctx.github = { ...fake.ctx.github, runId: '3', actor: 'oncall-alice' }
    const outcome = await runRollback(
      fake.ctx,
      rollbackSettings({ rejectCurrent: true, reason: 'AUC fell to 0.61 in production' })
    )
    expect(outcome.failed).toBeUndefined()
    expect(servedPackage(fake)).toBe(packageArn(7))
    expect(fake.outputs.get('model-package-arn')).toBe(packageArn(7))
    expect(fake.outputs.get('previous-model-package-arn')).toBe(packageArn(8))
    const bad = fake.sim.packages.get(packageArn(8))
    expect(bad?.status).toBe('Rejected')
    expect(bad?.approvalDescription).toBe(
      'Rejected on rollback of endpoint churn-prod by oncall-alice in https://github.com/acme/churn-model/actions/runs/3: AUC fell to 0.61 in production'
    )
    expect(bad?.metadata['decision:reason']).toBe('AUC fell to 0.61 in production')
    // The version rolled away from is never recorded as the next rollback's target.
    expect(fake.sim.endpointTags()['sagemaker-model-gate:previous-package-arn']).toBe('')
    // The rejection comes only after the rollback was verified.
    const calls = fake.sim.mock.calls().map(c => c.args[0])
    const reject = calls.findIndex(
      c => c instanceof UpdateModelPackageCommand && c.input.ModelApprovalStatus === 'Rejected'
    )
    const lastDescribe = calls.map(c => c.constructor.name).lastIndexOf('DescribeEndpointCommand')
    expect(reject).toBeGreaterThan(lastDescribe)
  })

  it('falls back to the newest Approved version older than the live one when nothing is recorded', async () => {
    const fake = setup({ 5: 'Approved', 6: 'Approved', 7: 'PendingManualApproval', 8: 'Approved' })
    await deploy(fake, 8, '1')
    expect(fake.sim.endpointTags()['sagemaker-model-gate:previous-package-arn']).toBe('')
    const outcome = await runRollback(fake.ctx, rollbackSettings())
    expect(outcome.failed).toBeUndefined()
    expect(servedPackage(fake)).toBe(packageArn(6))
    expect(fake.infos.some(l => l.includes('(the newest Approved version older than v8)'))).toBe(
      true
    )
    expect(fake.sim.packages.get(packageArn(8))?.status).toBe('Approved')
  })

  it('rolls back to the version named by model-package', async () => {
    const fake = setup({ 5: 'Approved', 6: 'Approved', 7: 'Approved' })
    await deploy(fake, 6, '1')
    await deploy(fake, 7, '2')
    const outcome = await runRollback(
      fake.ctx,
      rollbackSettings({ modelPackage: { kind: 'version', version: 5 } })
    )
    expect(outcome.failed).toBeUndefined()
    expect(servedPackage(fake)).toBe(packageArn(5))
  })

  it('does not reject anything when the rollback itself is rolled back', async () => {
    const fake = setup({ 7: 'Approved', 8: 'Approved' })
    await deploy(fake, 7, '1')
    await deploy(fake, 8, '2')
    fake.sim.scripts.push({
      steps: ['Updating', 'RollingBack'],
      outcome: 'rollback',
      reason: 'capacity'
    })
    const outcome = await runRollback(
      fake.ctx,
      rollbackSettings({ rejectCurrent: true, reason: 'bad' })
    )
    expect(outcome.failed).toContain("SageMaker's FailureReason: capacity")
    expect(fake.sim.packages.get(packageArn(8))?.status).toBe('Approved')
  })

  it('refuses a rollback target that is no longer Approved', async () => {
    const fake = setup({ 7: 'Approved', 8: 'Approved' })
    await deploy(fake, 7, '1')
    await deploy(fake, 8, '2')
    fake.sim.packages.get(packageArn(7))!.status = 'Rejected'
    const mutations = fake.sim.mutatingCalls().length
    await expect(runRollback(fake.ctx, rollbackSettings())).rejects.toThrow(
      /Version 7 .* is Rejected/
    )
    expect(fake.sim.mutatingCalls()).toHaveLength(mutations)
  })

  it('plans only in dry-run, including the rejection it would make', async () => {
    const fake = setup({ 7: 'Approved', 8: 'Approved' })
    await deploy(fake, 7, '1')
    await deploy(fake, 8, '2')
    const mutations = fake.sim.mutatingCalls().length
    const outcome = await runRollback(
      fake.ctx,
      rollbackSettings({ rejectCurrent: true, reason: 'bad' }, true)
    )
    expect(outcome.failed).toBeUndefined()
    expect(fake.sim.mutatingCalls()).toHaveLength(mutations)
    expect(fake.sim.inputsOf(UpdateEndpointCommand)).toHaveLength(1)
    const plan = fake.infos.filter(l => l.startsWith('Deployment plan')).pop() ?? ''
    expect(plan).toContain(
      `UpdateModelPackage v8 (${packageArn(8)}): status Rejected, description "Rejected on rollback of endpoint churn-prod by octocat in https://github.com/acme/churn-model/actions/runs/2: bad", decision:actor=octocat,`
    )
    expect(fake.sim.packages.get(packageArn(8))?.status).toBe('Approved')
  })

  it('says there is nothing to roll back when the endpoint does not exist', async () => {
    const fake = setup({ 7: 'Approved' })
    await expect(runRollback(fake.ctx, rollbackSettings())).rejects.toThrow(
      'Endpoint churn-prod does not exist in us-east-1: there is nothing to roll back.'
    )
  })

  it('goes further back on a second rollback instead of putting the bad version back', async () => {
    const fake = await deployedInTurn([6, 7, 8])
    fake.ctx.github = { ...fake.ctx.github, runId: '4' }
    expect((await runRollback(fake.ctx, rollbackSettings())).failed).toBeUndefined()
    expect(servedPackage(fake)).toBe(packageArn(7))
    fake.ctx.github = { ...fake.ctx.github, runId: '5' }
    expect((await runRollback(fake.ctx, rollbackSettings())).failed).toBeUndefined()
    expect(servedPackage(fake)).toBe(packageArn(6))
    expect(fake.infos.some(l => l.includes('(the newest Approved version older than v7)'))).toBe(
      true
    )
  })

  it('changes nothing when the same workflow run rolls back again, and sets the same outputs', async () => {
    const fake = await deployedInTurn([6, 7, 8])
    const settings = rollbackSettings({ rejectCurrent: true, reason: 'AUC fell' })
    fake.ctx.github = { ...fake.ctx.github, runId: '4' }
    expect((await runRollback(fake.ctx, settings)).failed).toBeUndefined()
    expect(servedPackage(fake)).toBe(packageArn(7))
    const first = Object.fromEntries(fake.outputs)
    const rejected = { ...fake.sim.packages.get(packageArn(8)) }
    const mutations = fake.sim.mutatingCalls().length
    fake.outputs.clear()
    // GitHub's "Re-run jobs": the same run id, the next attempt, the same inputs.
    fake.ctx.github = { ...fake.ctx.github, runAttempt: '2' }
    const again = await runRollback(fake.ctx, settings)
    expect(again.failed).toBeUndefined()
    expect(servedPackage(fake)).toBe(packageArn(7))
    expect(fake.sim.mutatingCalls()).toHaveLength(mutations)
    expect(fake.sim.packages.get(packageArn(8))).toEqual(rejected)
    expect(Object.fromEntries(fake.outputs)).toEqual(first)
    expect(first).toMatchObject({
      'model-package-arn': packageArn(7),
      'previous-model-package-arn': packageArn(8),
      'approval-status': 'Rejected',
      created: false
    })
    expect(fake.infos).toContain(
      `Endpoint churn-prod already serves ${packageArn(7)}: this workflow run (https://github.com/acme/churn-model/actions/runs/4) rolled it back from ${packageArn(8)}. Nothing to do.`
    )
    // The audit names the same versions, so the re-run finds the first attempt's action.
    expect(again.audit?.packages).toEqual([packageArn(7), packageArn(8)])
  })

  it('says the same in a dry run of the re-run as the re-run does', async () => {
    const fake = await deployedInTurn([6, 7, 8])
    fake.ctx.github = { ...fake.ctx.github, runId: '4' }
    expect((await runRollback(fake.ctx, rollbackSettings())).failed).toBeUndefined()
    fake.ctx.github = { ...fake.ctx.github, runAttempt: '2' }
    const mutations = fake.sim.mutatingCalls().length
    const said = (dryRun: boolean) => {
      fake.infos.length = 0
      return runRollback(fake.ctx, rollbackSettings({}, dryRun)).then(() =>
        fake.infos.filter(l => !l.startsWith('Dry run') && !l.includes('nothing to change'))
      )
    }
    const planned = await said(true)
    expect(planned.join('\n')).toContain(
      `this workflow run (https://github.com/acme/churn-model/actions/runs/4) rolled it back from ${packageArn(8)}. Nothing to do.`
    )
    expect(planned.join('\n')).toContain('calls      none')
    expect(await said(false)).toEqual(planned)
    expect(fake.sim.mutatingCalls()).toHaveLength(mutations)
    expect(servedPackage(fake)).toBe(packageArn(7))
  })

  it('finishes on a re-run the rejection its first attempt did not make', async () => {
    const fake = await deployedInTurn([7, 8])
    fake.ctx.github = { ...fake.ctx.github, runId: '3' }
    const settings = rollbackSettings({ rejectCurrent: true, reason: 'bad' })
    const approved = structuredClone(fake.sim.packages.get(packageArn(8)))
    expect((await runRollback(fake.ctx, settings)).failed).toBeUndefined()
    // What a job cancelled just before the rejection leaves: the post step tags the endpoint
    // but makes no decision.
    fake.sim.packages.set(packageArn(8), structuredClone(approved)!)
    fake.ctx.github = { ...fake.ctx.github, runAttempt: '2' }
    expect((await runRollback(fake.ctx, settings)).failed).toBeUndefined()
    expect(servedPackage(fake)).toBe(packageArn(7))
    expect(fake.sim.packages.get(packageArn(8))?.status).toBe('Rejected')
    expect(fake.sim.inputsOf(UpdateEndpointCommand)).toHaveLength(2)
    expect(fake.infos).toContain(
      `Endpoint churn-prod already serves ${packageArn(7)}: this workflow run (https://github.com/acme/churn-model/actions/runs/3) rolled it back from ${packageArn(8)}. What is left: marking ${packageArn(8)} Rejected.`
    )
    expect(fake.infos.some(l => l.endsWith('the rejection an earlier attempt left is made.'))).toBe(
      true
    )
  })

  it('treats a re-run that names the version it rolled back to as done', async () => {
    const fake = await deployedInTurn([7, 8])
    const settings = rollbackSettings({ modelPackage: { kind: 'version', version: 7 } })
    fake.ctx.github = { ...fake.ctx.github, runId: '3' }
    expect((await runRollback(fake.ctx, settings)).failed).toBeUndefined()
    const mutations = fake.sim.mutatingCalls().length
    fake.ctx.github = { ...fake.ctx.github, runAttempt: '2' }
    expect((await runRollback(fake.ctx, settings)).failed).toBeUndefined()
    expect(fake.sim.mutatingCalls()).toHaveLength(mutations)
    expect(fake.outputs.get('previous-model-package-arn')).toBe(packageArn(8))
  })

  it('rolls back when the same workflow run deployed just before', async () => {
    const fake = await deployedInTurn([6, 7, 8], ['1', '2', '2'])
    expect((await runRollback(fake.ctx, rollbackSettings())).failed).toBeUndefined()
    expect(servedPackage(fake)).toBe(packageArn(7))
  })

  it('rolls back again from a local command, which is no workflow run', async () => {
    const fake = await deployedInTurn([6, 7, 8], ['', '', ''])
    fake.ctx.github = { ...fake.ctx.github, runId: '', repository: '' }
    expect((await runRollback(fake.ctx, rollbackSettings())).failed).toBeUndefined()
    expect((await runRollback(fake.ctx, rollbackSettings())).failed).toBeUndefined()
    expect(servedPackage(fake)).toBe(packageArn(6))
  })

  it('plans again and rejects nothing when another deployment replaced the endpoint meanwhile', async () => {
    const fake = setup({ 7: 'Approved', 8: 'Approved', 9: 'Approved' })
    await deploy(fake, 7, '1')
    await deploy(fake, 8, '2')
    fake.sim.addForeignConfig('churn-prod-hotfix', 'churn-prod-hotfix-model', packageArn(9))
    // Someone else's v9 deployment finishes after the rollback read the endpoint.
    fake.sim.before = {
      command: 'CreateEndpointConfigCommand',
      run: () => fake.sim.foreignSwitch('churn-prod-hotfix')
    }
    fake.ctx.github = { ...fake.ctx.github, runId: '3' }
    const outcome = await runRollback(
      fake.ctx,
      rollbackSettings({ rejectCurrent: true, reason: 'bad' })
    )
    expect(outcome.failed).toBeUndefined()
    expect(servedPackage(fake)).toBe(packageArn(7))
    expect(fake.outputs.get('previous-model-package-arn')).toBe(packageArn(9))
    expect(fake.sim.packages.get(packageArn(8))?.status).toBe('Approved')
    expect(fake.warnings.some(w => w.startsWith(`Not rejecting ${packageArn(8)}`))).toBe(true)
  })

  it('says the rollback happened and how to finish when the rejection fails', async () => {
    const fake = setup({ 7: 'Approved', 8: 'Approved' })
    await deploy(fake, 7, '1')
    await deploy(fake, 8, '2')
    fake.sim.mock
      .on(UpdateModelPackageCommand, { ModelApprovalStatus: 'Rejected' })
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }))
    fake.ctx.github = { ...fake.ctx.github, runId: '3' }
    await expect(
      runRollback(fake.ctx, rollbackSettings({ rejectCurrent: true, reason: 'bad' }))
    ).rejects.toThrow(
      `Endpoint churn-prod was rolled back to ${packageArn(7)}, but marking ${packageArn(8)} Rejected failed: Rate exceeded. Reject it with mode "reject" (model-package: ${packageArn(8)}) and the same reason.`
    )
    expect(servedPackage(fake)).toBe(packageArn(7))
  })

  it('refuses when the group has nothing older to go back to', async () => {
    const fake = setup({ 7: 'Approved' })
    await deploy(fake, 7, '1')
    await expect(runRollback(fake.ctx, rollbackSettings())).rejects.toThrow(
      /serves v7 and group "churn" has no Approved version older than it/
    )
  })
})
