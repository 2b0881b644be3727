// Secrets and injection through dist/index.js. Every mode that reports runs with a GitHub
// token and an AWS secret key set, at default verbosity and with step debug logging, over
// a registry whose descriptions, approval descriptions and reasons carry an injection
// corpus. Then every log line, output, job summary, report file and pull request comment is
// scanned: no token, no secret key, no presigned URL; and in the Markdown no HTML, table,
// code fence or Mermaid breakout, no @mention, no #reference, no control character, no
// very long line, and in the log no workflow command that the corpus smuggled in.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { UpdateModelPackageCommand } from '@aws-sdk/client-sagemaker'
import { existsSync, readFileSync } from 'node:fs'
import type { Emulator } from '../../emulator/server.ts'
import { startFakeGitHub, type FakeGitHub } from '../../__fixtures__/github-api.js'
import type { ActionRun } from '../e2e/harness.js'
import {
  BUCKET,
  IMAGE,
  clients,
  logisticModel,
  runOn,
  seedModel,
  useEmulator,
  writeJson
} from '../e2e/support.js'
import { useFigures } from './figures.js'

let emulator: Emulator
let github: FakeGitHub
useEmulator(e => (emulator = e), { port: 0 }, false)
beforeAll(async () => {
  github = await startFakeGitHub()
})
afterAll(async () => {
  await github.close()
})
const figures = useFigures('secrets-and-injection', 'Secrets and injection')

const GROUP = 'inject-model'
const TOKEN = 'ghs_R3liab1lityT0kenDoNotPrint0123456789'
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYreliabilityKEY'
const PRESIGNED = /X-Amz-(Signature|Credential)=|[?&]Signature=[^&\s]+&/

/** One line each: what reaches a report from the registry or from inputs. */
const CORPUS = [
  '<img src=x onerror=alert(1)><h1>pwned</h1>',
  '</td></tr></table><script>alert(1)</script>',
  '| injected | cell | row |',
  '```mermaid graph TD; A-->B ``` click A call alert()',
  '%%{init: {"theme": "dark"}}%% "]; B["x',
  'ping @octocat and @acme/ml-team',
  'see #123 and acme/churn-model#7 and GH-9',
  '[click](javascript:alert(1)) ![x](https://evil.example/x.png)',
  '**bold** _it_ ~~gone~~ <!-- sagemaker-model-gate:inject-model -->',
  'bell\u0007 escape\u001b[31mred nul\u0000 rtl\u202eevil',
  `long ${'x'.repeat(5000)}`
]
/** Inputs may carry line breaks, which registry fields cannot: a workflow command attempt. */
const MULTILINE = 'drift seen\n::warning::pwned-by-input\n::add-mask::x\n## pwned heading'

const runs: ActionRun[] = []

async function action(inputs: Record<string, string>, debug = false): Promise<ActionRun> {
  const run = await runOn(
    emulator,
    { 'model-package-group': GROUP, 'github-token': TOKEN, ...inputs },
    {
      githubApiUrl: github.url,
      event: { name: 'pull_request', payload: { pull_request: { number: 42 } } },
      env: {
        AWS_SECRET_ACCESS_KEY: SECRET_KEY,
        ...(debug ? { RUNNER_DEBUG: '1', ACTIONS_STEP_DEBUG: 'true' } : {})
      }
    }
  )
  figures.runs++
  runs.push(run)
  return run
}

/** Versions whose description and approval description carry the corpus, one each. */
async function seedCorpus(): Promise<void> {
  const url = seedModel(emulator, 'inject/model.json', logisticModel([0.5]))
  const { sagemaker } = clients(emulator)
  for (const [i, text] of CORPUS.entries()) {
    const description = text.replace(/[^\p{L}\p{M}\p{Z}\p{S}\p{N}\p{P}]/gu, ' ').slice(0, 1024)
    const [arn] = emulator.seed({
      modelPackages: [
        {
          ModelPackageGroupName: GROUP,
          ModelPackageDescription: description,
          ModelApprovalStatus: i % 2 === 0 ? 'Approved' : 'PendingManualApproval',
          InferenceSpecification: {
            Containers: [{ Image: IMAGE, ModelDataUrl: url }],
            SupportedContentTypes: ['text/csv'],
            SupportedResponseMIMETypes: ['text/csv']
          },
          CustomerMetadataProperties: { 'metric:validation:auc': String(0.8 + i / 100) }
        }
      ]
    }).modelPackages
    await sagemaker.send(
      new UpdateModelPackageCommand({
        ModelPackageArn: arn,
        ApprovalDescription: text.slice(0, 1024)
      })
    )
    figures.faultsInjected += 2
  }
}

/** Every text a run left for a person: log, outputs, summary, report files. */
function texts(run: ActionRun): { name: string; text: string; markdown: boolean }[] {
  const reports = Object.values(run.outputs)
    .filter(value => value.startsWith('/') && existsSync(value))
    .map(path => ({ name: path, text: readFileSync(path, 'utf8'), markdown: false }))
  return [
    { name: 'stdout', text: run.stdout, markdown: false },
    { name: 'stderr', text: run.stderr, markdown: false },
    { name: 'outputs', text: run.outputFile, markdown: false },
    { name: 'summary', text: run.summary, markdown: true },
    ...reports
  ]
}

function secretsIn(text: string): string[] {
  // ::add-mask:: hands the token to the runner, which masks it and never prints the line.
  text = text
    .split('\n')
    .filter(line => !line.startsWith('::add-mask::'))
    .join('\n')
  return [
    text.includes(TOKEN) ? 'GitHub token' : '',
    text.includes(SECRET_KEY) ? 'AWS secret key' : '',
    PRESIGNED.test(text) ? 'presigned URL' : ''
  ].filter(Boolean)
}

/** Lines of fenced code blocks are left out: GitHub renders nothing in them. */
function outsideCode(markdown: string): string[] {
  const lines: string[] = []
  let fenced = false
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced
    else if (!fenced) lines.push(line)
  }
  return lines
}

/** What the corpus could break in Markdown: each finding names the rule it broke. */
function breakoutsIn(markdown: string): string[] {
  const found: string[] = []
  const fences = markdown.split('\n').filter(line => /^\s*```/.test(line))
  if (fences.length % 2 !== 0) found.push('unbalanced code fence')
  for (const block of markdown.split('```mermaid').slice(1)) {
    const chart = block.slice(0, block.indexOf('```'))
    if (/^\s*click\b|%%\{init: \{"theme"|<img|<script/m.test(chart)) found.push('mermaid injection')
  }
  const text = outsideCode(markdown)
  for (const line of text) {
    if (/<(img|h1|script|iframe)\b/i.test(line)) found.push(`HTML: ${line.slice(0, 80)}`)
    if (/(^|[^\w&;])@(octocat|acme)/.test(line)) found.push(`mention: ${line.slice(0, 80)}`)
    if (/(^|[^\\\w&])#(123|7)\b/.test(line) || /churn-model#7/.test(line))
      found.push(`reference: ${line.slice(0, 80)}`)
    if (/(^|[^\\])\[click\]\(/.test(line)) found.push(`link: ${line.slice(0, 80)}`)
    if (/(?<!\\)\*\*bold(?<!\\)\*\*/.test(line)) found.push(`formatting: ${line.slice(0, 80)}`)
    if (/<!-- sagemaker-model-gate:inject-model -->/.test(line) && !line.startsWith('<!--'))
      found.push('marker copied')
    if (/x{2000}/.test(line)) found.push('very long line')
  }
  // Control characters (tab and line breaks aside) and the right-to-left override.
  if (/[\p{Cc}\u202e]/u.test(markdown.replace(/[\t\n\r]/g, ''))) found.push('control character')
  // Every row of a table has as many cells as its header.
  let columns = 0
  for (const line of text) {
    if (!line.startsWith('|')) {
      columns = 0
      continue
    }
    const cells = line.split(/(?<!\\)\|/).length
    if (columns === 0) columns = cells
    else if (cells !== columns) found.push(`table row with ${cells - 2} cells, not ${columns - 2}`)
  }
  return found
}

/** Log lines that are workflow commands the corpus wrote, not the action. */
function smuggledCommands(stdout: string): string[] {
  return stdout.split('\n').filter(line => /^::[a-z-]+.*pwned|^::add-mask::x$/.test(line))
}

describe('secrets and injection', () => {
  beforeAll(async () => {
    await seedCorpus()
  })

  it('every mode, with and without debug logging', async () => {
    for (const debug of [false, true]) {
      await action(
        {
          mode: 'register',
          'model-data-url': `s3://${BUCKET}/inject/model.json`,
          'image-uri': IMAGE,
          'metrics-file': writeJson({ 'validation:auc': 0.95 }),
          description: CORPUS[0] as string
        },
        debug
      )
      await action({ mode: 'gate', thresholds: 'validation:auc >= 0.5', history: '20' }, debug)
      await action({ mode: 'approve', 'model-package': '2', reason: MULTILINE }, debug)
      await action({ mode: 'reject', 'model-package': '4', reason: CORPUS[5] as string }, debug)
      await action({ mode: 'compare', history: '20' }, debug)
      await action({ mode: 'lineage', 'model-package': '3' }, debug)
      await action({ mode: 'group', 'group-operation': 'describe' }, debug)
    }
    // A mode that fails on its input, with the secret key in the environment.
    await action({ mode: 'gate', thresholds: `${CORPUS[1]} >= 1` })
    figures.faultsInjected += 2 * 7 + 1

    const problems: string[] = []
    for (const [i, run] of runs.entries()) {
      for (const { name, text, markdown } of texts(run)) {
        for (const secret of secretsIn(text)) {
          figures.secretsFound++
          problems.push(`run ${i} ${name}: ${secret}`)
        }
        if (markdown)
          for (const found of breakoutsIn(text)) {
            figures.breakouts++
            problems.push(`run ${i} ${name}: ${found}`)
          }
      }
      for (const line of smuggledCommands(run.stdout)) {
        figures.breakouts++
        problems.push(`run ${i} log: workflow command from input: ${line}`)
      }
    }
    const comments = github.state.comments.map(c => c.body)
    for (const [i, body] of comments.entries()) {
      for (const secret of secretsIn(body)) {
        figures.secretsFound++
        problems.push(`comment ${i}: ${secret}`)
      }
      for (const found of breakoutsIn(body)) {
        figures.breakouts++
        problems.push(`comment ${i}: ${found}`)
      }
    }
    const requests = JSON.stringify(github.state.requests.map(r => r.body))
    for (const secret of secretsIn(requests).filter(s => s !== 'GitHub token')) {
      figures.secretsFound++
      problems.push(`GitHub API request body: ${secret}`)
    }
    figures.extra.commentsScanned = comments.length
    figures.extra.textsScanned = runs.reduce((n, run) => n + texts(run).length, 0)
    expect(problems).toEqual([])
    expect(comments.length).toBeGreaterThan(0)
    // The corpus did reach the reports: the scan looked at something.
    expect(runs.some(run => run.summary.includes('pwned'))).toBe(true)
  }, 600000)
})
