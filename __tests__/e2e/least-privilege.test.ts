// Least privilege, enforced: every mode runs through dist/index.js on the emulator under
// exactly the policy docs/iam/<mode>.json documents, and passes without a warning; then
// under that policy without each statement in turn, and must say it was refused one of the
// statement's actions: a mutating mode fails, while lineage, which only reads, reports what
// it could not read and carries on. A statement whose removal breaks nothing does not
// belong in the documented policy.
import { afterAll, describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import type { Emulator } from '../../emulator/server.ts'
import type { ActionRun } from './harness.js'
import { SCENARIOS, type Scenario } from './iam-scenarios.js'
import { explain, runOn, useEmulator } from './support.js'

let emulator: Emulator

// Lifecycles take no time: the suite is about who may call what, and runs many times.
useEmulator(e => (emulator = e), {
  port: 0,
  delays: {
    packageCompleteMs: 0,
    endpointCreateMs: 0,
    endpointUpdateMs: 0,
    endpointDeleteMs: 0,
    waitSecondMs: 0
  }
})

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

let runs = 0

/** Builds the scenario's starting state without a policy, then runs it under `policy`. */
async function runUnder(scenario: Scenario, policy: PolicyDocument): Promise<ActionRun> {
  emulator.reset()
  let commit = 0
  await scenario.setup?.(emulator, async inputs => {
    const run = await runOn(emulator, inputs, { sha: (++commit).toString(16).padStart(40, '0') })
    runs++
    if (run.exitCode !== 0) throw new Error(`setup of "${scenario.name}" failed: ${explain(run)}`)
  })
  emulator.setPolicy({ policy })
  runs++
  return runOn(emulator, scenario.inputs, { sha: 'f'.repeat(40) })
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

describe('every documented policy belongs to a mode the suite runs', () => {
  it('has scenarios for each policy file and a policy file for each scenario', () => {
    expect(Object.keys(POLICIES).sort()).toEqual(Object.keys(SCENARIOS).sort())
  })
})

describe.each(Object.keys(SCENARIOS))('%s under docs/iam/%s.json', mode => {
  const scenarios = SCENARIOS[mode] as Scenario[]
  const policy = POLICIES[mode] as PolicyDocument

  it.each(scenarios.map(s => [s.name, s] as const))('%s', async (_, scenario) => {
    const run = await runUnder(scenario, policy)
    expect([run.exitCode, run.errors, run.warnings, naming(run, 'not authorized')]).toEqual([
      0,
      [],
      [],
      []
    ])
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
  console.log(`least privilege: ${runs} action runs`)
})
