// Validates every workflow under .github/workflows and examples/ with GitHub's own parser
// (@actions/workflow-parser), including its conversion step, where some errors only appear.
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { mockParserSchemas } from '../../__fixtures__/workflow-parser.js'
import { readSettings } from '../../src/inputs/index.js'
import { parsePolicy } from '../../src/policy/index.js'

await mockParserSchemas()
const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } =
  await import('@actions/workflow-parser')

const OUR_ACTION = 'your-org/sagemaker-model-gate@v1'

async function validate(name: string, content: string): Promise<string[]> {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter())
  if (!result.value) return result.context.errors.getErrors().map(e => e.message)
  const template = await convertWorkflowTemplate(result.context, result.value)
  return (template.errors ?? []).map(e => e.Message)
}

interface Step {
  uses?: string
  run?: string
  with?: Record<string, unknown>
}
interface Job {
  uses?: string
  steps?: Step[]
  environment?: unknown
}
interface Workflow {
  on: Record<string, unknown>
  permissions?: Record<string, string>
  jobs: Record<string, Job>
}

/** Every `uses:` that names a remote action or reusable workflow but pins no ref. */
function unpinnedUses(workflow: Workflow): string[] {
  const uses = Object.values(workflow.jobs).flatMap(job => [
    ...(job.uses ? [job.uses] : []),
    ...(job.steps ?? []).flatMap(step => (step.uses ? [step.uses] : []))
  ])
  return uses.filter(u => !u.startsWith('./') && !u.startsWith('docker://') && !/@[^@\s]+$/.test(u))
}

function steps(workflow: Workflow): Step[] {
  return Object.values(workflow.jobs).flatMap(job => job.steps ?? [])
}

const files = ['.github/workflows', 'examples'].flatMap(dir =>
  readdirSync(dir)
    .filter(f => /\.ya?ml$/.test(f))
    .map(f => path.join(dir, f))
)
const workflows = new Map(
  files.map(file => {
    const content = readFileSync(file, 'utf8')
    return [file, { content, workflow: parse(content) as Workflow }]
  })
)
const actionInputs = (
  parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown> }
).inputs

describe('workflow files', () => {
  it('exist where expected', () => {
    expect([...workflows.keys()].sort()).toEqual(
      expect.arrayContaining([
        '.github/workflows/check-dist.yml',
        '.github/workflows/ci.yml',
        '.github/workflows/codeql.yml',
        '.github/workflows/release.yml',
        'examples/pr-gate.yml',
        'examples/release.yml',
        'examples/rollback.yml'
      ])
    )
  })

  it.each(files)("%s passes GitHub's workflow parser", async file => {
    const { content } = workflows.get(file)!
    expect(await validate(file, content)).toEqual([])
  })

  it.each(files)('%s pins every uses: to a ref', file => {
    expect(unpinnedUses(workflows.get(file)!.workflow)).toEqual([])
  })

  it.each(files)('%s sets least-privilege permissions at the top', file => {
    const { permissions } = workflows.get(file)!.workflow
    expect(permissions?.contents).toBe('read')
    for (const [scope, level] of Object.entries(permissions ?? {})) {
      // write only where the workflow needs it
      if (level === 'write') {
        expect([file, scope]).toEqual([
          file,
          expect.stringMatching(/^(security-events|id-token|pull-requests|deployments)$/)
        ])
      }
    }
  })
})

describe('the parser and the ref check can fail', () => {
  it('reports expression errors with line and column', async () => {
    const errors = await validate(
      'broken.yml',
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.sha( }}\n'
    )
    expect(errors.join('\n')).toMatch(/broken\.yml \(Line: 6, Col: \d+\)/)
  })

  it('reports schema errors and errors only the conversion step finds', async () => {
    const schema = await validate('a.yml', 'on: push\njobs:\n  a:\n    runs-on: x\n    stepz: []\n')
    expect(schema.join('\n')).toMatch(/stepz/)
    const needs =
      'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: "true"\n  b:\n    needs: missing\n    runs-on: x\n    steps:\n      - run: "true"\n'
    const parsed = parseWorkflow({ name: 'b.yml', content: needs }, new NoOperationTraceWriter())
    expect(parsed.context.errors.getErrors()).toEqual([])
    expect((await validate('b.yml', needs)).join('\n')).toMatch(/missing/)
  })

  it('flags uses: without a ref', () => {
    expect(
      unpinnedUses({
        on: {},
        jobs: {
          a: { steps: [{ uses: 'actions/checkout' }, { uses: './local' }, { uses: 'a/b@v1' }] },
          b: { uses: 'org/repo/.github/workflows/w.yml' }
        }
      })
    ).toEqual(['actions/checkout', 'org/repo/.github/workflows/w.yml'])
  })
})

describe('project workflows', () => {
  const run = (file: string) =>
    steps(workflows.get(file)!.workflow).flatMap(s => (s.run ? [s.run.trim()] : []))

  it('ci.yml lints and runs unit and end-to-end tests on Node 24', () => {
    const ci = workflows.get('.github/workflows/ci.yml')!.workflow
    const setups = steps(ci).filter(s => s.uses?.startsWith('actions/setup-node@'))
    expect(setups.length).toBe(Object.keys(ci.jobs).length)
    for (const setup of setups) {
      expect(setup.uses).toBe('actions/setup-node@v4')
      expect(String(setup.with?.['node-version'])).toBe('24')
    }
    expect(run('.github/workflows/ci.yml')).toEqual(
      expect.arrayContaining(['npm ci', 'npm run lint', 'npm run test:unit', 'npm run test:e2e'])
    )
  })

  it('check-dist.yml rebuilds dist and compares', () => {
    expect(run('.github/workflows/check-dist.yml')).toEqual(['npm ci', 'npm run check-dist'])
  })

  it('release.yml checks a vX.Y.Z tag and its dist/, then moves the major tag', () => {
    const release = workflows.get('.github/workflows/release.yml')!.workflow as Workflow & {
      jobs: Record<string, Job & { needs?: string; permissions?: Record<string, string> }>
    }
    expect(release.on).toEqual({ push: { tags: ['v[0-9]+.[0-9]+.[0-9]+'] } })
    const { verify, 'move-major-tag': move } = release.jobs
    const verifyRuns = (verify?.steps ?? []).flatMap(s => (s.run ? [s.run.trim()] : []))
    expect(verifyRuns).toEqual(
      expect.arrayContaining(['npm ci', 'npm run check-dist', 'npm run test:unit'])
    )
    expect(verifyRuns.some(r => r.includes('package.json') && r.includes('"$TAG"'))).toBe(true)
    expect(move?.needs).toBe('verify')
    expect(move?.permissions).toEqual({ contents: 'write' })
    const moveRun = (move?.steps ?? []).map(s => s.run ?? '').join('\n')
    expect(moveRun).toContain('major="${TAG%%.*}"')
    expect(moveRun).toContain('git push --force origin "refs/tags/$major"')
    // The tag is read from the environment, never pasted into the script.
    expect([...verifyRuns, moveRun].some(r => r.includes('${{'))).toBe(false)
  })

  it('codeql.yml analyses JavaScript and TypeScript', () => {
    const codeql = workflows.get('.github/workflows/codeql.yml')!.workflow
    expect(codeql.permissions).toEqual({ contents: 'read', 'security-events': 'write' })
    const init = steps(codeql).find(s => s.uses?.startsWith('github/codeql-action/init@'))
    expect(init?.with?.languages).toBe('javascript-typescript')
    expect(steps(codeql).some(s => s.uses?.startsWith('github/codeql-action/analyze@'))).toBe(true)
  })
})

describe('examples', () => {
  const ours = (file: string) =>
    steps(workflows.get(file)!.workflow).filter(s => s.uses === OUR_ACTION)

  it.each([
    'examples/pr-gate.yml',
    'examples/release.yml',
    'examples/rollback.yml',
    'examples/ab-test.yml'
  ])('%s uses the action with declared inputs only', file => {
    const uses = ours(file)
    expect(uses.length).toBeGreaterThan(0)
    for (const step of uses) {
      const keys = Object.keys(step.with ?? {})
      expect(keys.filter(k => !(k in actionInputs))).toEqual([])
      expect(keys).toEqual(expect.arrayContaining(['mode', 'model-package-group']))
      // Gate policies in the examples must parse with the real grammar.
      if (step.with?.mode === 'gate') {
        expect(() =>
          parsePolicy(
            String(step.with?.thresholds ?? ''),
            String(step.with?.['max-regression'] ?? ''),
            String(step.with?.['metric-directions'] ?? '')
          )
        ).not.toThrow()
      }
    }
  })

  it('pr-gate.yml registers then gates on pull requests with OIDC', () => {
    const { workflow } = workflows.get('examples/pr-gate.yml')!
    expect(Object.keys(workflow.on)).toEqual(['pull_request'])
    expect(workflow.permissions).toMatchObject({ 'id-token': 'write', 'pull-requests': 'write' })
    expect(ours('examples/pr-gate.yml').map(s => s.with?.mode)).toEqual(['register', 'gate'])
    expect(steps(workflow)[0]?.uses).toMatch(/^aws-actions\/configure-aws-credentials@/)
  })

  it('release.yml approves through an environment, then deploys to staging and production', () => {
    const { workflow } = workflows.get('examples/release.yml')!
    const { approve, staging, production } = workflow.jobs
    expect(approve?.environment).toBe('model-approval')
    expect(staging?.environment).toBe('staging')
    expect(production?.environment).toBe('production')
    expect(
      ours('examples/release.yml').map(s => [s.with?.mode, s.with?.['endpoint-name']])
    ).toEqual([
      ['approve', undefined],
      ['deploy', 'churn-staging'],
      ['deploy', 'churn-prod']
    ])
    const prod = production?.steps?.find(s => s.uses === OUR_ACTION)
    expect(prod?.with?.['deployment-strategy']).toBe('canary')
    expect(prod?.with?.['rollback-alarms']).toBeTruthy()
  })

  it('rollback.yml is dispatched by hand with inputs', () => {
    const { workflow } = workflows.get('examples/rollback.yml')!
    const dispatch = workflow.on.workflow_dispatch as { inputs: Record<string, unknown> }
    expect(Object.keys(dispatch.inputs)).toEqual(
      expect.arrayContaining(['endpoint', 'reject-current', 'reason'])
    )
    expect(ours('examples/rollback.yml').map(s => s.with?.mode)).toEqual(['rollback'])
  })

  it('ab-test.yml decides on a schedule and promotes a winner only behind the production environment', () => {
    const { workflow } = workflows.get('examples/ab-test.yml')!
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['schedule']))
    const { decide, promote } = workflow.jobs as Record<
      string,
      Job & { if?: string; needs?: string }
    >
    expect(decide?.environment).toBeUndefined()
    expect(promote?.environment).toBe('production')
    expect(promote?.needs).toBe('decide')
    expect(promote?.if).toMatch(/needs\.decide\.outputs\.verdict == 'winner'/)
    const modes = (job: Job | undefined) =>
      (job?.steps ?? [])
        .filter(s => s.uses === OUR_ACTION)
        .map(s => s.with?.['on-verdict'] ?? 'none')
    expect(modes(decide)).toEqual(['none'])
    expect(modes(promote)).toEqual(['promote'])
    // Every step's inputs pass the action's own validation.
    for (const step of ours('examples/ab-test.yml')) {
      const values = { region: 'us-east-1', ...step.with } as Record<string, unknown>
      const settings = readSettings(name => String(values[name] ?? ''), {})
      expect(settings.mode).toBe('ab-test')
    }
  })
})
