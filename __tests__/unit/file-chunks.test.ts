import { describe, expect, it } from '@jest/globals'
import { fileChunks } from '../../src/evaluation/sources.js'
import { scratchFile } from '../../__fixtures__/context.js'

// A local file read a chunk at a time, the next chunk read while the caller works on this
// one: every byte once, in order, each chunk intact until the next is requested, and the
// file closed however the caller stops.

function openFiles(): number {
  return process.getActiveResourcesInfo().filter(kind => kind === 'FileHandle').length
}

describe('fileChunks', () => {
  it('gives every byte once, in order, each chunk intact until the next is asked for', async () => {
    const bytes = Buffer.alloc(10_007)
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + (i >> 8)) & 0xff
    const path = scratchFile('chunks.bin', bytes)
    for (const size of [1, 29, 4096, 10_007, 1 << 20]) {
      const seen: Buffer[] = []
      const sizes: number[] = []
      for await (const chunk of fileChunks(path, size)) {
        // The caller works a while: the next read has finished by then, into the other buffer.
        await new Promise(resolve => setTimeout(resolve, size === 1 ? 0 : 2))
        sizes.push(chunk.length)
        seen.push(Buffer.from(chunk))
        if (size === 1 && seen.length === 40) break
      }
      if (size === 1) {
        expect(Buffer.concat(seen)).toEqual(bytes.subarray(0, 40))
        continue
      }
      expect(Buffer.concat(seen)).toEqual(bytes)
      expect(sizes.slice(0, -1).every(n => n === size)).toBe(true)
    }
  })

  it('closes the file when the caller stops early or fails', async () => {
    const path = scratchFile('close.bin', Buffer.alloc(1 << 16, 7))
    const before = openFiles()
    for await (const chunk of fileChunks(path, 1024)) {
      expect(chunk[0]).toBe(7)
      break
    }
    expect(openFiles()).toBe(before)
    await expect(
      (async () => {
        for await (const _ of fileChunks(path, 1024)) throw new Error('caller failed')
      })()
    ).rejects.toThrow('caller failed')
    expect(openFiles()).toBe(before)
  })

  it('names the file it cannot read', async () => {
    await expect(fileChunks('/nonexistent/data.csv').next()).rejects.toThrow(
      "no such file or directory, open '/nonexistent/data.csv'"
    )
  })
})
