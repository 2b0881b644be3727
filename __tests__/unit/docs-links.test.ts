// Every relative link in the documentation leads to a file that exists, and every #anchor to
// a heading in it (GitHub's slugs), so a renamed page or heading cannot leave a reader stranded.
import { describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

const PAGES = [
  'README.md',
  'SECURITY.md',
  'CHANGELOG.md',
  'examples/approval-events/README.md',
  ...['docs', 'docs/modes'].flatMap(dir =>
    readdirSync(dir)
      .filter(f => f.endsWith('.md'))
      .map(f => path.join(dir, f))
  )
]

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')
}

function headings(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '')
  return [...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map(m => slug((m[1] as string).replace(/`/g, '')))
}

function links(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '')
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map(m => m[1] as string)
    .filter(target => !/^(https?:|mailto:)/.test(target))
}

describe('documentation links', () => {
  it('slugs headings as GitHub does', () => {
    expect(slug('AWS permissions')).toBe('aws-permissions')
    expect(slug('Pull requests from forks')).toBe('pull-requests-from-forks')
    expect(slug('"Resource not accessible by integration"')).toBe(
      'resource-not-accessible-by-integration'
    )
  })

  it.each(PAGES)('%s links only to files and headings that exist', page => {
    const broken: string[] = []
    for (const target of links(page)) {
      const [file, anchor] = target.split('#') as [string, string | undefined]
      const resolved = file ? path.join(path.dirname(page), file) : page
      if (!existsSync(resolved)) {
        broken.push(target)
        continue
      }
      if (anchor && statSync(resolved).isFile() && !headings(resolved).includes(anchor)) {
        broken.push(target)
      }
    }
    expect(broken).toEqual([])
  })
})
