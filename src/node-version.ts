// The oldest Node the CLI runs on; package.json's `engines` says the same (a unit test
// compares them). The AWS SDK drops Node 20 in early 2027, and the action itself runs on 24.
export const MIN_NODE_MAJOR = 22

/** Why this Node cannot run the CLI, or undefined when it can. */
export function nodeVersionProblem(version: string): string | undefined {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1])
  if (Number.isInteger(major) && major >= MIN_NODE_MAJOR) return undefined
  return `sagemaker-model-gate needs Node.js ${MIN_NODE_MAJOR} or later; this is Node.js ${version}. Install a current Node.js (https://nodejs.org) and run it again.`
}
