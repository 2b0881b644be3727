// "Did you mean": the known name nearest to a misspelt one.

/** Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
  )
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      const row = rows[i] as number[]
      const above = rows[i - 1] as number[]
      row[j] = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost
      )
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((rows[i - 2] as number[])[j - 2] as number) + 1)
    }
  }
  return (rows[a.length] as number[])[b.length] as number
}

/**
 * The candidate closest to `word`, when it is close enough to be a typo: the only name it
 * begins (`endpoint` -> `endpoint-name`), or one at most three edits away and fewer than
 * half the word's length (so `--ab` does not suggest `--alpha`).
 */
export function nearestName(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase()
  const extending = candidates.filter(name => lower.length >= 4 && name.startsWith(lower))
  if (extending.length === 1) return extending[0]
  let best: { name: string; distance: number } | undefined
  for (const name of candidates) {
    const distance = editDistance(lower, name)
    if (best === undefined || distance < best.distance) best = { name, distance }
  }
  if (!best || best.distance > 3 || best.distance * 2 >= Math.max(word.length, 2)) return undefined
  return best.name
}
