// GitHub's @actions/workflow-parser imports its JSON schemas without an import attribute,
// which Jest only tolerates with a deprecation warning (a hard error in its next major).
// Serving the schema modules from factories that read the JSON with fs keeps the parser's
// own code and schemas without depending on that leniency. Call before importing the parser.
import { jest } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'

const PARSER_DIST = path.resolve('node_modules/@actions/workflow-parser/dist')

export async function mockParserSchemas(): Promise<void> {
  const { JSONObjectReader } = await import('@actions/workflow-parser/templates/json-object-reader')
  const { TemplateSchema } = await import('@actions/workflow-parser/templates/schema/index')
  const loader = (file: string) => {
    let schema: ReturnType<typeof TemplateSchema.load> | undefined
    return () =>
      (schema ??= TemplateSchema.load(
        new JSONObjectReader(undefined, readFileSync(path.join(PARSER_DIST, file), 'utf8'))
      ))
  }
  jest.unstable_mockModule(path.join(PARSER_DIST, 'actions/action-schema.js'), () => ({
    getActionSchema: loader('action-v1.0.min.json')
  }))
  // The package index (and so every entry point) loads the workflow schema module too.
  jest.unstable_mockModule(path.join(PARSER_DIST, 'workflows/workflow-schema.js'), () => ({
    getWorkflowSchema: loader('workflow-v1.0.min.json')
  }))
}
