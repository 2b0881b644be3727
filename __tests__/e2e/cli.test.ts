// The command line (dist/cli/index.js) as a person runs it on a laptop against the
// emulator: no GitHub variables, flags by input name, typos and wrong values.
import { describe, expect, it } from '@jest/globals'
import { DescribeModelPackageCommand } from '@aws-sdk/client-sagemaker'
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { hostname, userInfo } from 'node:os'
import { join, resolve } from 'node:path'
import type { Emulator } from '../../emulator/server.ts'
import { scratchDir } from '../../__fixtures__/context.js'
import { NODE24 } from './harness.js'
import {
  IMAGE,
  REGION,
  clients,
  logisticModel,
  seedModel,
  totalCalls,
  useEmulator
} from './support.js'

let emulator: Emulator

useEmulator(e => (emulator = e))

const CLI = resolve('dist/cli/index.js')
const GROUP = 'churn-model'

interface CliRun {
  exitCode: number
  stdout: string
  stderr: string
}

/** Runs the CLI with `node` (Node 24 unless told), as outside GitHub Actions: no GITHUB_*. */
function cli(args: string[], node = NODE24): Promise<CliRun> {
  const dir = scratchDir()
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret-example',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(dir, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials'),
    AWS_ENDPOINT_URL_SAGEMAKER: emulator.url,
    AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME: emulator.url,
    AWS_ENDPOINT_URL_S3: emulator.url,
    RUNNER_TEMP: dir
  }
  return new Promise(done =>
    execFile(node, [CLI, ...args], { env }, (error, stdout, stderr) =>
      done({
        exitCode: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
        stdout,
        stderr
      })
    )
  )
}

/** v1 Approved with auc 0.90, v2 waiting with auc 0.85: a drop of 0.05. */
function seedChampionAndCandidate(): string[] {
  const url = seedModel(emulator, 'churn/model.json', logisticModel([0.5]))
  return emulator.seed({
    modelPackages: [
      ['Approved', '0.9'],
      ['PendingManualApproval', '0.85']
    ].map(([status, auc]) => ({
      ModelPackageGroupName: GROUP,
      ModelApprovalStatus: status,
      InferenceSpecification: {
        Containers: [{ Image: IMAGE, ModelDataUrl: url }],
        SupportedContentTypes: ['text/csv'],
        SupportedResponseMIMETypes: ['text/csv']
      },
      CustomerMetadataProperties: { 'metric:validation:auc': auc as string }
    }))
  }).modelPackages
}

/** A champion and a candidate with five metrics, two of them worse than the policy allows. */
function seedFiveMetrics(): void {
  const url = seedModel(emulator, 'churn/model.json', logisticModel([0.5]))
  const versions: Array<[string, Record<string, string>]> = [
    ['Approved', { auc: '0.91', accuracy: '0.88', f1: '0.8', logloss: '0.31', rmse: '0.42' }],
    [
      'PendingManualApproval',
      { auc: '0.86', accuracy: '0.885', f1: '0.81', logloss: '0.45', rmse: '0.41' }
    ]
  ]
  emulator.seed({
    modelPackages: versions.map(([status, values]) => ({
      ModelPackageGroupName: GROUP,
      ModelApprovalStatus: status,
      ModelPackageDescription: 'retrained with <new> features & "weights"',
      InferenceSpecification: {
        Containers: [{ Image: IMAGE, ModelDataUrl: url }],
        SupportedContentTypes: ['text/csv'],
        SupportedResponseMIMETypes: ['text/csv']
      },
      CustomerMetadataProperties: Object.fromEntries(
        Object.entries(values).map(([name, value]) => [`metric:validation:${name}`, value])
      )
    }))
  })
}

describe('sagemaker-model-gate on the command line', () => {
  it('prints a gate of 5 metrics as plain text in at most 25 lines, exit code 1 on failure', async () => {
    seedFiveMetrics()
    // A dry run for machines first: one JSON object on stdout, nothing written.
    const json = await cli([
      'gate',
      '--model-package-group',
      GROUP,
      '--thresholds',
      'validation:auc >= 0.85',
      '--output',
      'json',
      '--dry-run'
    ])
    const parsed = JSON.parse(json.stdout) as {
      outputs: Record<string, string>
      report: { decision: string; candidate: { version: number } }
    }
    expect(parsed.outputs.decision).toBe('pass')
    expect(parsed.report.decision).toBe('pass')
    expect(parsed.report.candidate.version).toBe(2)

    const run = await cli([
      'gate',
      '--model-package-group',
      GROUP,
      '--thresholds',
      'validation:auc >= 0.85\nvalidation:logloss <= 0.40\nvalidation:accuracy > 0.8',
      '--max-regression',
      'validation:auc -0.01\nvalidation:f1 -5%\nvalidation:rmse -0.05'
    ])
    expect(run.exitCode).toBe(1)
    const printed = `${run.stdout}${run.stderr}`
    const lines = printed.trimEnd().split('\n')
    expect(lines.length).toBeLessThanOrEqual(25)
    for (const markup of ['<', '&gt;', '%%']) expect(printed).not.toContain(markup)
    expect(printed).not.toContain('No pull request')
    // The verdict first, every metric on one line, the failures named, the outputs after.
    expect(lines[0]).toBe(`✗ Model gate failed: ${GROUP} v2 against baseline v1 (latest approved)`)
    for (const metric of ['auc', 'accuracy', 'f1', 'logloss', 'rmse'])
      expect(lines.filter(line => line.includes(`validation:${metric} `))).not.toHaveLength(0)
    expect(printed).toMatch(/^ {2}✗ +validation:auc ↑/m)
    expect(printed).toMatch(/^ {2}✗ +validation:logloss ↓/m)
    expect(run.stdout).toContain('decision=fail\n')
    // No colour where the output is not a terminal.
    expect(printed).not.toContain('\u001b[')

    const markdown = await cli(['compare', '--model-package-group', GROUP, '--output', 'markdown'])
    expect(markdown.exitCode).toBe(0)
    expect(markdown.stdout).toMatch(/^## /)
    expect(markdown.stdout).toContain('|')

    const wrong = await cli(['compare', '--model-package-group', GROUP, '--output', 'jsn'])
    expect(wrong.exitCode).toBe(1)
    expect(wrong.stderr).toBe(
      'error: Flag --output must be one of text, markdown, json; got "jsn" (did you mean "json"?).\n'
    )
  })

  it('refuses a misspelt flag with the nearest one, instead of gating without the rule', async () => {
    seedChampionAndCandidate()
    const gate = ['gate', '--model-package-group', GROUP, '--thresholds', 'validation:auc >= 0.5']
    const typo = await cli([...gate, '--max-regresion', 'validation:auc -0.01'])
    expect(typo.exitCode).toBe(1)
    expect(typo.stderr).toBe(
      'error: Unknown flag --max-regresion; did you mean --max-regression? Run "sagemaker-model-gate gate --help" for the flags mode "gate" reads.\n'
    )
    // Refused before anything was read or written.
    expect(totalCalls(emulator)).toBe(0)

    const other = await cli([...gate, '--endpoint-name', 'churn-prod'])
    expect(other.exitCode).toBe(1)
    expect(other.stderr).toMatch(
      /^error: Flag --endpoint-name does not apply to mode "gate": it is read by modes deploy, rollback, ab-test\./
    )
    expect(totalCalls(emulator)).toBe(0)

    // Spelt right, the rule is applied and the 0.05 drop fails the gate.
    const right = await cli([...gate, '--max-regression', 'validation:auc -0.01'])
    expect(right.exitCode).toBe(1)
    expect(right.stdout).toContain('decision=fail')
  })

  it("lists exactly the mode's flags with <mode> --help", async () => {
    const gate = await cli(['gate', '--help'])
    const deploy = await cli(['deploy', '--help'])
    expect([gate.exitCode, deploy.exitCode]).toEqual([0, 0])
    expect(gate.stdout).toMatch(/^ {2}--max-regression +Allowed regression against the baseline/m)
    expect(gate.stdout).not.toContain('--endpoint-name')
    expect(deploy.stdout).toMatch(/^ {2}--endpoint-name +The endpoint to create or update\b/m)
    expect(deploy.stdout).not.toContain('--thresholds')
    expect(gate.stdout).not.toBe(deploy.stdout)
  })

  it('says it needs Node 22 and exits 1 when started on an older Node', async () => {
    const old = ['/usr/bin/node', '/bin/node'].find(path => existsSync(path))
    if (!old) throw new Error('these tests need the system Node (20) that CI provides')
    const run = await cli(['--version'], old)
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(
      /^error: sagemaker-model-gate needs Node\.js 22 or later; this is Node\.js 2[01]\.\d+\.\d+\./
    )
  })

  it('records the local user as the decider when GITHUB_ACTOR is not set, and a readable reason', async () => {
    const [, v2] = seedChampionAndCandidate()
    const run = await cli([
      'approve',
      '--model-package-group',
      GROUP,
      '--model-package',
      '2',
      '--reason',
      'Offline eval on Q3; AUC +2% & stable (see "report #4")'
    ])
    if (run.exitCode !== 0) throw new Error(`${run.stdout}\n${run.stderr}`)
    const pkg = await clients(emulator).sagemaker.send(
      new DescribeModelPackageCommand({ ModelPackageName: v2 })
    )
    const me = `${userInfo().username}@${hostname()}`
    expect(pkg.ModelApprovalStatus).toBe('Approved')
    expect(pkg.ApprovalDescription).toBe(
      `Approved by local user ${me}: Offline eval on Q3; AUC +2% & stable (see "report #4")`
    )
    expect(pkg.CustomerMetadataProperties).toMatchObject({
      'decision:actor': `local user ${me}`,
      'decision:reason': 'Offline eval on Q3. AUC +2 percent and stable see report 4'
    })
  })
})
