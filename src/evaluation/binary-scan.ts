// The one pass behind every binary metric: all scores from the highest down, a group of
// equal scores at a time, with running counts of positives and negatives above.
//
// The scores arrive as sorted runs (one per stored block, or one per class), merged on
// the fly through a max-heap of the runs' current heads, so sorted data never needs a
// second, contiguous copy. Replicate 0 counts every row; replicates 1..5 are the 80%
// subsamples behind Model Monitor's standard deviations: each row is kept in each with
// probability 52429/65536 = 0.800003, decided by 16-bit halves of seeded 32-bit draws.
import { LOGLOSS_EPS, type BinaryTotals } from './binary-values.js'
import { KEEP_16, Random } from './random.js'

/** Scores of the rows labelled 1 and of the rows labelled 0, each as runs sorted ascending. */
export interface SortedScores {
  positives: Float64Array[]
  negatives: Float64Array[]
}

/** The runs' current heads in a max-heap: the next highest score is always on top. */
class RunHeap {
  private readonly heap: Int32Array
  private readonly cursor: Int32Array
  private readonly head: Float64Array
  size = 0

  constructor(private readonly runs: Float64Array[]) {
    this.heap = new Int32Array(runs.length)
    this.cursor = new Int32Array(runs.length)
    this.head = new Float64Array(runs.length)
    runs.forEach((run, r) => {
      if (run.length === 0) return
      this.cursor[r] = run.length - 1
      this.head[r] = run[run.length - 1]!
      this.heap[this.size++] = r
    })
    for (let i = (this.size >> 1) - 1; i >= 0; i--) this.siftDown(i)
  }

  top(): number {
    return this.head[this.heap[0]!]!
  }

  topRun(): number {
    return this.heap[0]!
  }

  /** Consumes the top run's values equal to `value`; returns how many. */
  takeEqual(value: number): number {
    const r = this.heap[0]!
    const run = this.runs[r]!
    let c = this.cursor[r]!
    const start = c
    while (c >= 0 && run[c] === value) c--
    this.cursor[r] = c
    if (c >= 0) this.head[r] = run[c]!
    else this.heap[0] = this.heap[--this.size]!
    if (this.size > 1) this.siftDown(0)
    return start - c
  }

  private siftDown(i: number): void {
    const { heap, head, size } = this
    const r = heap[i]!
    const value = head[r]!
    for (;;) {
      let child = 2 * i + 1
      if (child >= size) break
      if (child + 1 < size && head[heap[child + 1]!]! > head[heap[child]!]!) child++
      if (head[heap[child]!]! <= value) break
      heap[i] = heap[child]!
      i = child
    }
    heap[i] = r
  }
}

/** Running sums of each replicate, updated a group of tied scores at a time. */
class Accumulators {
  readonly dp: Float64Array
  readonly dn: Float64Array
  private readonly tp: Float64Array
  private readonly fp: Float64Array
  private readonly tpAt: Float64Array
  private readonly fpAt: Float64Array
  private readonly rank: Float64Array
  private readonly precision: Float64Array
  private readonly loss: Float64Array
  private readonly brier: Float64Array
  // Replicate 0 is what is reported: its sums are compensated (Neumaier).
  private lossError = 0
  private brierError = 0

  constructor(private readonly replicates: number) {
    const make = () => new Float64Array(replicates)
    ;[this.dp, this.dn, this.tp, this.fp, this.tpAt, this.fpAt] = [
      make(),
      make(),
      make(),
      make(),
      make(),
      make()
    ]
    ;[this.rank, this.precision, this.loss, this.brier] = [make(), make(), make(), make()]
  }

  /** Closes a group of equal scores: dp[r] positives and dn[r] negatives of replicate r. */
  group(score: number, predicted: boolean): void {
    const { dp, dn, tp, fp, rank, precision, loss, brier } = this
    // Subsamples hold a subset of the group's rows: a class absent from replicate 0 is
    // absent from all, and its logarithm is not needed.
    const clipped = Math.min(Math.max(score, LOGLOSS_EPS), 1 - LOGLOSS_EPS)
    const total = 1 - clipped + clipped
    const lossPositive = dp[0]! > 0 ? -Math.log(clipped / total) : 0
    const lossNegative = dn[0]! > 0 ? -Math.log((1 - clipped) / total) : 0
    const brierPositive = (1 - score) * (1 - score)
    const brierNegative = score * score
    for (let r = 0; r < this.replicates; r++) {
      const p = dp[r]!
      const n = dn[r]!
      dp[r] = 0
      dn[r] = 0
      if (p === 0 && n === 0) continue
      rank[r]! += n * (tp[r]! + p / 2)
      const t = (tp[r]! += p)
      const f = (fp[r]! += n)
      if (p > 0) precision[r]! += (p * t) / (t + f)
      if (predicted) {
        this.tpAt[r] = t
        this.fpAt[r] = f
      }
      const l = p * lossPositive + n * lossNegative
      const b = p * brierPositive + n * brierNegative
      if (r === 0) {
        this.lossError += compensation(loss[0]!, l)
        this.brierError += compensation(brier[0]!, b)
      }
      loss[r]! += l
      brier[r]! += b
    }
  }

  totals(probabilities: boolean): BinaryTotals[] {
    return Array.from({ length: this.replicates }, (_, r) => ({
      positives: this.tp[r]!,
      negatives: this.fp[r]!,
      tp: this.tpAt[r]!,
      fp: this.fpAt[r]!,
      rankSum: this.rank[r]!,
      precisionSum: this.precision[r]!,
      logLoss: this.loss[r]! + (r === 0 ? this.lossError : 0),
      brier: this.brier[r]! + (r === 0 ? this.brierError : 0),
      probabilities
    }))
  }
}

/** The low-order bits lost when x is added to sum (Neumaier). */
function compensation(sum: number, x: number): number {
  const t = sum + x
  return Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum
}

/** Counts `count` rows into replicate 0 and, each kept with probability 0.8, into the others. */
function countRows(into: Float64Array, count: number, replicates: number, random: Random): void {
  into[0]! += count
  for (let i = 0; i < count; i++) {
    for (let r = 1; r < replicates; r += 2) {
      const draw = random.next()
      if ((draw & 0xffff) < KEEP_16) into[r]!++
      if (r + 1 < replicates && draw >>> 16 < KEEP_16) into[r + 1]!++
    }
  }
}

/**
 * The totals of replicate 0 (all rows) and of `replicates - 1` subsamples, in one pass.
 * Rows are predicted positive when score >= threshold.
 */
export function scanScores(
  scores: SortedScores,
  threshold: number,
  replicates: number,
  seed: number
): BinaryTotals[] {
  const runs = [...scores.positives, ...scores.negatives]
  const firstNegative = scores.positives.length
  const heap = new RunHeap(runs)
  const acc = new Accumulators(replicates)
  const random = new Random(seed)
  let probabilities = true
  while (heap.size > 0) {
    const score = heap.top()
    do {
      const into = heap.topRun() < firstNegative ? acc.dp : acc.dn
      countRows(into, heap.takeEqual(score), replicates, random)
    } while (heap.size > 0 && heap.top() === score)
    if (score < 0 || score > 1) probabilities = false
    acc.group(score, score >= threshold)
  }
  return acc.totals(probabilities)
}
