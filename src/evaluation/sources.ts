// Byte streams of evaluation data. A local file is read into one reused buffer, so
// reading a file of any size touches a megabyte of memory, not the file's size in fresh
// buffers (on some virtual machines every new page costs microseconds).
import { open } from 'node:fs/promises'

/**
 * The bytes of a local file, a chunk at a time. Each chunk is a view of the same buffer:
 * it is valid only until the next one is requested (CsvColumnReader copies the little it
 * keeps across chunks).
 */
export async function* fileChunks(path: string, chunkSize = 1 << 20): AsyncGenerator<Uint8Array> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.allocUnsafeSlow(chunkSize)
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, chunkSize, null)
      if (bytesRead === 0) return
      yield buffer.subarray(0, bytesRead)
    }
  } finally {
    await handle.close()
  }
}
