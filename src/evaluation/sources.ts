// Byte streams of evaluation data. A local file is read into two reused buffers, so
// reading a file of any size touches two megabytes of memory, not the file's size in fresh
// buffers (on some virtual machines every new page costs microseconds); the next chunk is
// read while the caller works on this one, as a network stream's next bytes arrive while
// the last are read.
import { open } from 'node:fs/promises'

/**
 * The bytes of a local file, a chunk at a time. A chunk is a view of one of two buffers:
 * it is valid only until the next one is requested (CsvColumnReader copies the little it
 * keeps across chunks).
 */
export async function* fileChunks(path: string, chunkSize = 1 << 20): AsyncGenerator<Uint8Array> {
  const handle = await open(path, 'r')
  const buffers = [Buffer.allocUnsafeSlow(chunkSize), Buffer.allocUnsafeSlow(chunkSize)]
  const read = (buffer: Buffer) => {
    const reading = handle.read(buffer, 0, chunkSize, null)
    // Handled here too: a read that fails while the caller is busy must not end the process
    // as an unhandled rejection; the await below still throws its error.
    reading.catch(() => undefined)
    return reading
  }
  let next = read(buffers[0]!)
  try {
    for (let turn = 1; ; turn ^= 1) {
      const { bytesRead, buffer } = await next
      if (bytesRead === 0) return
      // The other buffer held the chunk before this one: the caller is done with it.
      next = read(buffers[turn]!)
      yield buffer.subarray(0, bytesRead)
    }
  } finally {
    // A read still under way when the caller stops (or fails) ends before the file closes.
    await next.catch(() => undefined)
    await handle.close()
  }
}
