// Reading and deciding an A/B test: the labels, each variant's captured requests joined
// with them and scored, the CloudWatch figures, the comparisons and the verdict. Nothing
// here changes anything.
import type { RunContext } from '../context.js'
import { UserError } from '../errors.js'
import { DEFAULT_RESAMPLES } from '../evaluation/evaluate.js'
import { DEFAULT_SEED } from '../evaluation/metric-report.js'
import { parseS3Uri } from '../registry/s3.js'
import type { AbTestSettings } from '../settings.js'
import type { VariantComparison } from './independent.js'
import type { TimeWindow } from './join.js'
import { readOperations, type OpsFigures } from './operations.js'
import { readGroundTruth, readVariant } from './read.js'
import { compareVariants, scoreVariant, type ScoreOptions } from './score.js'
import type { TestedVariant } from './variants.js'
import { decideAbTest, type AbDecision } from './verdict.js'

export interface EvaluatedSide extends TestedVariant {
  captured: number
  labelled: number
  ops: OpsFigures
}

export interface AbEvaluation {
  window: TimeWindow
  control: EvaluatedSide
  challenger: EvaluatedSide
  comparisons: Record<string, VariantComparison>
  decision: AbDecision
}

/** `live:<metric>` values of a variant's engine report and `ops:<figure>` values. */
function figures(
  values: Record<string, number> | undefined,
  ops: OpsFigures
): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [name, value] of Object.entries(values ?? {})) out[`live:${name}`] = value
  for (const [name, value] of Object.entries(ops)) out[`ops:${name}`] = value
  return out
}

export async function evaluateAbTest(
  ctx: RunContext,
  settings: AbTestSettings,
  sides: { control: TestedVariant; challenger: TestedVariant },
  captureUri: string
): Promise<AbEvaluation> {
  const end = ctx.now()
  const window = { start: new Date(end.getTime() - settings.windowHours * 3600_000), end }
  const { task } = settings
  const truthAt = parseS3Uri(settings.groundTruthS3Uri, 'ground-truth-s3-uri')
  const captureAt = parseS3Uri(captureUri, 'data-capture-s3-uri')
  const { truth, objects } = await ctx.steps.run('reading the ground truth', () =>
    readGroundTruth(ctx.aws.s3, truthAt, task, window)
  )
  ctx.out.info(`Ground truth: ${truth.labels.size} labels in ${objects} objects.`)
  const read = (side: TestedVariant) =>
    ctx.steps.run(`reading the requests ${side.variantName} captured`, () =>
      readVariant(ctx.aws.s3, captureAt, settings.endpointName, side.variantName, {
        task,
        truth,
        window
      })
    )
  const joined = { control: await read(sides.control), challenger: await read(sides.challenger) }
  for (const side of [joined.control, joined.challenger]) {
    ctx.out.info(
      `${side.variantName}: ${side.captured} captured requests in ${side.objects} objects under ${side.prefix}, ${side.labels.length} labelled.`
    )
  }
  const ops = await ctx.steps.run('reading CloudWatch figures', () =>
    readOperations(
      ctx.aws.cloudwatch,
      settings.endpointName,
      [sides.control.variantName, sides.challenger.variantName],
      window
    )
  )
  const options: ScoreOptions = {
    task,
    threshold: settings.decisionThreshold,
    alpha: settings.alpha,
    resamples: DEFAULT_RESAMPLES,
    seed: DEFAULT_SEED
  }
  const reports = {
    control: scoreVariant(joined.control, options),
    challenger: scoreVariant(joined.challenger, options)
  }
  const comparisons =
    reports.control && reports.challenger
      ? compareVariants(
          joined,
          { control: reports.control, challenger: reports.challenger },
          options
        )
      : {}
  const side = (role: 'control' | 'challenger'): EvaluatedSide => ({
    ...sides[role],
    captured: joined[role].captured,
    labelled: joined[role].labels.length,
    ops: ops[sides[role].variantName] ?? {}
  })
  const control = side('control')
  const challenger = side('challenger')
  const decision = decideAbTest({
    policy: settings.policy,
    task,
    comparisons,
    control: {
      variantName: control.variantName,
      metrics: figures(reports.control?.report.values, control.ops)
    },
    challenger: {
      variantName: challenger.variantName,
      metrics: figures(reports.challenger?.report.values, challenger.ops)
    }
  })
  return { window, control, challenger, comparisons, decision }
}

/** Where the endpoint's requests are captured: the input, else the endpoint's own config. */
export function captureLocation(settings: AbTestSettings, configured: string | undefined): string {
  const uri = settings.dataCaptureS3Uri ?? configured
  if (!uri) {
    throw new UserError(
      `Endpoint ${settings.endpointName} captures no data and "data-capture-s3-uri" is not set: deploy it with "data-capture-s3-uri" (mode deploy), let it serve, then run the A/B test.`
    )
  }
  return uri
}
