// Compiles src/ with tsc, then bundles the action (main and post share dist/index.js)
// and the CLI with @vercel/ncc. `node scripts/build.mjs <outDir>`; check-dist builds into
// a temporary folder with the same script.
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const outDir = resolve(process.argv[2] ?? 'dist')
// Compiled inside the project so that node_modules resolves, and marked as ESM; the
// folder name is fixed because ncc derives module ids from paths (a stable bundle).
const compiled = resolve('build', 'src')
const tsc = resolve('node_modules/typescript/bin/tsc')
const ncc = resolve('node_modules/@vercel/ncc/dist/ncc/cli.js')
const run = args => execFileSync(process.execPath, args, { stdio: 'inherit' })
try {
  run([tsc, '-p', 'tsconfig.build.json', '--outDir', compiled])
  mkdirSync(compiled, { recursive: true })
  writeFileSync(join(compiled, 'package.json'), '{ "type": "module" }\n')
  rmSync(outDir, { recursive: true, force: true })
  for (const [entry, out] of [
    ['index.js', outDir],
    ['cli-main.js', join(outDir, 'cli')]
  ]) {
    run([
      ncc,
      'build',
      join(compiled, entry),
      '-o',
      out,
      '--license',
      'licenses.txt',
      '--quiet',
      '--target',
      'es2023'
    ])
  }
} finally {
  rmSync(compiled, { recursive: true, force: true })
}
