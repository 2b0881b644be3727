#!/usr/bin/env node
// The CLI's entry point. The Node check comes before the rest is loaded (a dynamic import),
// so an older Node prints why it cannot run instead of failing somewhere inside the bundle.
import { nodeVersionProblem } from './node-version.js'

const problem = nodeVersionProblem(process.versions.node)
if (problem) {
  console.error(`error: ${problem}`)
  process.exit(1)
}
const { cli } = await import('./cli.js')
process.exitCode = await cli(process.argv.slice(2))
