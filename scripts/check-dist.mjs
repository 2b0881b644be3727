// Rebuilds the bundle into a temporary folder and fails when it differs from the
// committed dist/: a stale dist/ means the released action runs old code.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'

function files(root, dir = root) {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(root, path) : [relative(root, path)]
  })
}

const fresh = mkdtempSync(join(tmpdir(), 'check-dist-'))
try {
  execFileSync(process.execPath, ['scripts/build.mjs', fresh], { stdio: 'inherit' })
  const committed = new Set(files('dist'))
  const built = new Set(files(fresh))
  const problems = []
  for (const file of built) {
    if (!committed.has(file)) problems.push(`missing from dist/: ${file}`)
    else if (!readFileSync(join('dist', file)).equals(readFileSync(join(fresh, file))))
      problems.push(`differs: dist/${file}`)
  }
  for (const file of committed)
    if (!built.has(file)) problems.push(`not produced by the build: dist/${file}`)
  if (problems.length > 0) {
    console.error(`dist/ is stale. Run \`npm run build\` and commit dist/.\n${problems.join('\n')}`)
    process.exitCode = 1
  } else {
    console.log(`dist/ matches a fresh build (${built.size} files).`)
  }
} finally {
  rmSync(fresh, { recursive: true, force: true })
}
