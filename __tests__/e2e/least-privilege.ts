// Least privilege, enforced: every mode runs through dist/index.js on the emulator under
// exactly the policy docs/iam/<name>.json documents, and passes without a warning; then
// under that policy without each statement in turn, and must say it was refused one of the
// statement's actions: a mutating mode fails, while lineage, which only reads, reports what
// it could not read and carries on, and a cleanup that may not delete warns, naming the
// action. A statement whose removal breaks nothing does not belong in the documented policy.
//
// The policies are run in families, one test file each (least-privilege-<family>.test.ts),
// so that CI's workers share the work.
import { afterAll, describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import type { Emulator } from '../../emulator/server.ts'
import type { ActionRun } from './harness.js'
import { AB_TEST_SCENARIOS } from './iam-scenarios-ab-test.js'
import { LIVE_SCENARIOS } from './iam-scenarios-live.js'
import { SCENARIOS as MODE_SCENARIOS, type Scenario } from './iam-scenarios.js'
import { explain, runOn, useEmulator } from './support.js'

const SCENARIOS: Record<string, Scenario[]> = {
  ...MODE_SCENARIOS,
  ...LIVE_SCENARIOS,
  ...AB_TEST_SCENARIOS
}

/** Which policies each test file runs. */
export const FAMILIES = {
  registry: ['register', 'gate', 'approve', 'reject'],
  hosting: ['deploy', 'rollback'],
  'reports-and-groups': [
    'compare',
    'lineage',
    'group-describe',
    'group-list',
    'group-update-tags',
    'group-share',
    'group-unshare',
    'group-delete'
  ],
  live: ['gate-live-endpoint', 'gate-live-batch-transform'],
  'ab-test': ['ab-test', 'ab-test-promote']
} as const

export type Family = keyof typeof FAMILIES

interface Statement {
  Sid: string
  Effect: 'Allow' | 'Deny'
  Action: string[]
  Resource: string | string[]
  Condition?: object
}

interface PolicyDocument {
  Version: string
  Statement: Statement[]
}

const DIR = 'docs/iam'
const POLICIES: Record<string, PolicyDocument> = Object.fromEntries(
  readdirSync(DIR)
    .filter(file => file.endsWith('.json'))
    .map(file => [
      file.slice(0, -'.json'.length),
      JSON.parse(readFileSync(`${DIR}/${file}`, 'utf8')) as PolicyDocument
    ])
)

// Removing an action would leave some policies without a statement; IAM then allows nothing.
const NOTHING: Statement = { Sid: 'Nothing', Effect: 'Deny', Action: ['*'], Resource: '*' }

/** The policy without statement `sid`, or only without `action` in it when one is given. */
function without(policy: PolicyDocument, sid: string, action?: string): PolicyDocument {
  const statements = policy.Statement.map(s =>
    s.Sid !== sid ? s : { ...s, Action: action ? s.Action.filter(a => a !== action) : [] }
  ).filter(s => s.Action.length > 0)
  return { ...policy, Statement: statements.length > 0 ? statements : [NOTHING] }
}

/** What the run told the person about `action`: its errors, warnings and log lines. */
function naming(run: ActionRun, action: string): string[] {
  return run.stdout.split('\n').filter(line => line.includes(action))
}

/**
 * Each statement by default; each action of each statement with
 * LEAST_PRIVILEGE_EACH_ACTION=1 (slower: it proves no statement holds an action nothing uses).
 */
const EACH_ACTION = process.env.LEAST_PRIVILEGE_EACH_ACTION === '1'

// Lifecycles take no time: the suite is about who may call what, and runs many times.
// Captured requests reach S3 only when a scenario flushes them, one object per variant.
const DELAYS = {
  packageCompleteMs: 0,
  endpointCreateMs: 0,
  endpointUpdateMs: 0,
  endpointDeleteMs: 0,
  transformJobMs: 0,
  transformStopMs: 0,
  captureDeliveryMs: 3600000,
  waitSecondMs: 0
}

/** Every policy file is run by one family, and every family's policies have scenarios. */
export function everyPolicyIsRun(): void {
  describe('every documented policy belongs to a mode the suite runs', () => {
    it('has scenarios for each policy file and a policy file for each scenario', () => {
      expect(Object.keys(POLICIES).sort()).toEqual(Object.keys(SCENARIOS).sort())
    })

    it('runs each policy in exactly one family, each family in its own test file', () => {
      const run: string[] = Object.values(FAMILIES).flat()
      expect(run.sort()).toEqual(Object.keys(POLICIES).sort())
      const files = readdirSync('__tests__/e2e').filter(f =>
        /^least-privilege-.*\.test\.ts$/.test(f)
      )
      expect(files.sort()).toEqual(
        Object.keys(FAMILIES)
          .map(family => `least-privilege-${family}.test.ts`)
          .sort()
      )
    })
  })
}

/** The suite of one family: each policy, as documented and without each statement. */
export function leastPrivilege(family: Family): void {
  let emulator: Emulator
  let runs = 0

  useEmulator(e => (emulator = e), { port: 0, delays: DELAYS })

  /** Builds the scenario's starting state without a policy, then runs it under `policy`. */
  async function runUnder(scenario: Scenario, policy: PolicyDocument): Promise<ActionRun> {
    emulator.reset()
    emulator.setDelays(DELAYS)
    let commit = 0
    await scenario.setup?.(emulator, async inputs => {
      const run = await runOn(emulator, inputs, {
        sha: (++commit).toString(16).padStart(40, '0')
      })
      runs++
      if (run.exitCode !== 0) throw new Error(`setup of "${scenario.name}" failed: ${explain(run)}`)
    })
    emulator.setPolicy({ policy })
    runs++
    const run = await runOn(emulator, scenario.inputs, {
      sha: 'f'.repeat(40),
      ...(scenario.state ? { state: scenario.state } : {}),
      ...(scenario.env ? { env: scenario.env } : {})
    })
    emulator.setPolicy({ policy: null })
    return run
  }

  const names = FAMILIES[family].map(name => [name, name] as const)
  describe.each(names)('%s under docs/iam/%s.json', name => {
    const scenarios = SCENARIOS[name] as Scenario[]
    const policy = POLICIES[name] as PolicyDocument

    it.each(scenarios.map(s => [s.name, s] as const))('%s', async (_, scenario) => {
      const run = await runUnder(scenario, policy)
      const expected = scenario.warnings ?? []
      const warnings = run.warnings.filter(w => !expected.some(e => e.test(w)))
      expect([run.exitCode, run.errors, warnings, naming(run, 'not authorized')]).toEqual([
        0,
        [],
        [],
        []
      ])
      await scenario.check?.(emulator, run)
    })

    const removals = policy.Statement.flatMap(s =>
      EACH_ACTION ? s.Action.map(action => [s.Sid, action] as const) : [[s.Sid, ''] as const]
    )
    it.each(removals)('without %s %s it stops, naming what it lacks', async (sid, action) => {
      const lacking = without(policy, sid, action)
      const actions = action ? [action] : policy.Statement.find(s => s.Sid === sid)!.Action
      const seen: string[] = []
      for (const scenario of scenarios) {
        const run = await runUnder(scenario, lacking)
        if (actions.some(a => naming(run, a).some(line => line.includes('not authorized')))) return
        seen.push(`${scenario.name}: ${explain(run)}`)
      }
      throw new Error(`No run said it was refused ${actions.join(', ')}:\n${seen.join('\n')}`)
    })
  })

  afterAll(() => {
    console.log(`least privilege (${family}): ${runs} action runs`)
  })
}
