// Validates action.yml with GitHub's own parser (@actions/workflow-parser) and checks that it
// declares exactly the inputs src/inputs/ reads, with the same defaults.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { mockParserSchemas } from '../../__fixtures__/workflow-parser.js'
import { DEFAULTS, INPUT_NAMES, INPUT_TABLE, MUTATING_MODES } from '../../src/inputs/index.js'
import { MODES } from '../../src/settings.js'

await mockParserSchemas()
const { NoOperationTraceWriter } = await import('@actions/workflow-parser')
const { parseAction, convertActionTemplate } =
  await import('@actions/workflow-parser/actions/index')

/** SPEC "Outputs". */
const OUTPUT_NAMES = [
  'model-package-arn',
  'model-package-version',
  'decision',
  'approval-status',
  'baseline-model-package-arn',
  'report-path',
  'comment-id',
  'endpoint-name',
  'endpoint-config-name',
  'previous-model-package-arn',
  'created',
  'verdict',
  'winner-model-package-arn'
]

function validate(content: string, name = 'action.yml') {
  const result = parseAction({ name, content }, new NoOperationTraceWriter())
  const template = result.value ? convertActionTemplate(result.context, result.value) : undefined
  // Conversion reports into the same context as parsing.
  return { errors: result.context.errors.getErrors().map(e => e.message), template }
}

interface ActionYaml {
  name: string
  description: string
  branding?: { icon?: string; color?: string }
  inputs: Record<string, { description?: string; required?: boolean; default?: string }>
  outputs: Record<string, { description?: string }>
  runs: Record<string, string>
}

const text = readFileSync('action.yml', 'utf8')
const action = parse(text) as ActionYaml

describe('action.yml', () => {
  it("passes GitHub's action schema", () => {
    const { errors, template } = validate(text)
    expect(errors).toEqual([])
    expect(template?.name).toBe('SageMaker Model Gate')
    expect(template?.runs).toEqual({
      using: 'node24',
      main: 'dist/index.js',
      post: 'dist/index.js',
      postIf: 'always()'
    })
  })

  it('the parser rejects a broken action.yml', () => {
    const broken = text
      .replace('using: node24', 'using: node99')
      .replace('  post-if:', '  post-when:')
    const { errors } = validate(broken)
    expect(errors.length).toBeGreaterThanOrEqual(2)
    expect(errors.join('\n')).toMatch(/node99|post-when/)
    expect(validate('name: x\nruns:\n  using: node24\n  main: a.js\n').errors.join('\n')).toMatch(
      /description/
    )
  })

  it('runs on Node 24 with main and post steps', () => {
    expect(action.runs).toEqual({
      using: 'node24',
      main: 'dist/index.js',
      post: 'dist/index.js',
      'post-if': 'always()'
    })
    expect(action.branding?.icon).toBeTruthy()
    expect(action.branding?.color).toBeTruthy()
    expect(action.description.length).toBeGreaterThan(40)
  })

  it('declares exactly the inputs src/inputs/ reads, and the outputs of the spec', () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...INPUT_NAMES].sort())
    expect(Object.keys(action.outputs).sort()).toEqual([...OUTPUT_NAMES].sort())
  })

  it('describes every input with the modes that use it and its default', () => {
    for (const [name, input] of Object.entries(action.inputs)) {
      const description = input.description ?? ''
      expect([name, description.length > 20]).toEqual([name, true])
      expect([name, /\bmodes?\b/i.test(description) || name === 'mode']).toEqual([name, true])
      if (input.default !== undefined && name !== 'github-token') {
        const escaped = String(input.default).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        expect([name, description]).toEqual([
          name,
          expect.stringMatching(new RegExp(`Default: ${escaped}(\\.|\\s|$)`))
        ])
      }
    }
    for (const [name, output] of Object.entries(action.outputs)) {
      expect([name, (output.description ?? '').length > 10]).toEqual([name, true])
    }
  })

  it("lists each input's modes and first sentence exactly as src/inputs/table.ts does", () => {
    // The CLI's per-mode --help and its refusal of another mode's flags come from that
    // table; the "Modes: ..." prefix here is what a workflow author reads.
    for (const [name, input] of Object.entries(action.inputs)) {
      const description = (input.description ?? '').trim().replace(/\s+/g, ' ')
      const prefix = /^(All modes|All mutating modes|Modes: ([^.]*))\.\s*/.exec(description)
      const modes =
        name === 'mode' || prefix?.[1] === 'All modes'
          ? [...MODES]
          : prefix?.[1] === 'All mutating modes'
            ? [...MUTATING_MODES]
            : (prefix?.[2] ?? '')
                .replace(/\s*\([^)]*\)/g, '')
                .split(',')
                .map(mode => mode.trim())
      const table = INPUT_TABLE[name as keyof typeof INPUT_TABLE]
      expect([name, [...table.modes]]).toEqual([name, modes])
      const rest = prefix ? description.slice(prefix[0].length) : description
      expect([name, rest.startsWith(table.help)]).toEqual([name, true])
      expect([name, /^\s*(["(]?[A-Z]|$)/.test(rest.slice(table.help.length))]).toEqual([name, true])
    }
  })

  it('has the same defaults as src/inputs/', () => {
    const declared = Object.fromEntries(
      Object.entries(action.inputs)
        .filter(([name, input]) => input.default !== undefined && name !== 'github-token')
        .map(([name, input]) => [name, String(input.default)])
    )
    expect(declared).toEqual({ ...DEFAULTS })
    expect(action.inputs['github-token']?.default).toBe('${{ github.token }}')
  })

  it('marks only mode and model-package-group required', () => {
    const required = Object.entries(action.inputs)
      .filter(([, input]) => input.required)
      .map(([name]) => name)
    expect(required.sort()).toEqual(['mode', 'model-package-group'])
    for (const input of Object.values(action.inputs)) {
      // Quoted defaults keep YAML from turning 'true' or '10' into other types.
      if (input.default !== undefined) expect(typeof input.default).toBe('string')
    }
  })
})

describe('Marketplace metadata', () => {
  // GitHub's action schema lists the badge icons (Feather v4.28.0, less some) and colours.
  const schema = JSON.parse(
    readFileSync('node_modules/@actions/workflow-parser/dist/action-v1.0.min.json', 'utf8')
  ) as { definitions: Record<string, { 'allowed-values'?: string[] }> }
  const allowed = (name: string) => schema.definitions[name]?.['allowed-values'] ?? []

  it('has a description under 125 characters', () => {
    expect(action.description.length).toBeLessThan(125)
    expect(action.description).toMatch(/SageMaker Model Registry/)
  })

  it('brands the badge with an icon and a colour GitHub offers', () => {
    expect(allowed('branding-icon')).toContain(action.branding?.icon)
    expect(allowed('branding-color')).toContain(action.branding?.color)
  })

  it("GitHub's parser refuses an icon or colour it does not offer", () => {
    const icon = validate(text.replace(/icon: .*/, 'icon: smile')).errors.join('\n')
    expect(icon).toMatch(/smile/)
    const color = validate(text.replace(/color: .*/, 'color: pink')).errors.join('\n')
    expect(color).toMatch(/pink/)
  })
})
