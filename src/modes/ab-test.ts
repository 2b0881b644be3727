// `ab-test`: decides a live A/B test between the two variants of an endpoint from the
// requests it captured, joined with ground truth, and its CloudWatch figures; with
// `on-verdict: promote`, a winner takes all traffic, alone, approved, and the loser is
// rejected with the evidence, as planned and printed first and recorded in the audit trail
// (src/abtest/promote.ts); a re-run of the workflow run finds that done (rerun.ts).
import { captureLocation, evaluateAbTest, type AbEvaluation } from '../abtest/evaluate.js'
import { PromotionRefused, promoteWinner } from '../abtest/promote.js'
import { finishEarlierPromotion } from '../abtest/rerun.js'
import { testedVariants } from '../abtest/variants.js'
import type { ModeOutcome, ModeRunner } from '../context.js'
import { runUrl } from '../context.js'
import { UserError } from '../errors.js'
import { publish, reportFileName } from '../publish.js'
import { describeEndpoint, readLiveEndpoint } from '../registry/served.js'
import {
  abTestJson,
  renderAbTest,
  winnerOf,
  type AbTestReport,
  type AbVariantView
} from '../report/ab-test.js'

function view(role: AbVariantView['role'], side: AbEvaluation['control']): AbVariantView {
  const { variantName, version, packageArn, share, captured, labelled, ops } = side
  return { role, variantName, version, packageArn, share, captured, labelled, ops }
}

export const runAbTest: ModeRunner<'ab-test'> = async (ctx, settings) => {
  const { abTest, group } = settings
  const name = abTest.endpointName
  // Resolve: the endpoint, its two variants and where it captures requests.
  const live = await ctx.steps.run(`reading endpoint ${name}`, async () => {
    const description = await describeEndpoint(ctx.aws.sagemaker, name)
    return description ? readLiveEndpoint(ctx.aws.sagemaker, description) : undefined
  })
  if (!live) throw new UserError(`Endpoint ${name} does not exist in ${settings.region}.`)
  // A re-run of a workflow run that promoted already finds one variant, and its promotion.
  if (abTest.onVerdict === 'promote' && live.variants.length === 1) {
    const audit = await finishEarlierPromotion(ctx, settings, live)
    if (audit) return { audit }
  }
  const sides = testedVariants(live, group)
  const captureUri = captureLocation(abTest, live.dataCaptureS3Uri)
  ctx.out.info(
    `A/B test on ${name}: control v${sides.control.version} (${sides.control.variantName}), challenger v${sides.challenger.version} (${sides.challenger.variantName}), last ${abTest.windowHours} h.`
  )
  // Read and decide.
  const evaluation = await evaluateAbTest(ctx, abTest, sides, captureUri)
  const report: AbTestReport = {
    endpointName: name,
    region: settings.region,
    group: group.nameOrArn,
    window: {
      start: evaluation.window.start.toISOString(),
      end: evaluation.window.end.toISOString()
    },
    task: abTest.task,
    alpha: abTest.alpha,
    control: view('control', evaluation.control),
    challenger: view('challenger', evaluation.challenger),
    comparisons: evaluation.comparisons,
    decision: evaluation.decision,
    runUrl: runUrl(ctx.github) || undefined
  }
  const winner = winnerOf(report)
  ctx.out.info(`Verdict: ${evaluation.decision.verdict}. ${evaluation.decision.reasons.join(' ')}`)
  ctx.out.setOutput('verdict', evaluation.decision.verdict)
  ctx.out.setOutput('winner-model-package-arn', winner?.packageArn ?? '')
  // Write: only a winner, only when asked to; the promotion is the run's audited decision.
  let outcome: ModeOutcome = {}
  if (winner && abTest.onVerdict === 'promote') {
    const loser = winner.role === 'control' ? report.challenger : report.control
    const evidence = `A/B test on endpoint ${name}: v${winner.version} wins over v${loser.version}. ${evaluation.decision.reasons.join(' ')}`
    const promoted = await promoteWinner(ctx, settings, live, { winner, loser }, evidence).catch(
      (error: unknown) => {
        if (!(error instanceof PromotionRefused)) throw error
        return { refused: error.message }
      }
    )
    if ('refused' in promoted) {
      report.promotion = promoted.refused
      outcome = { failed: promoted.refused }
    } else {
      report.promotion = promoted.summary
      report.promotionCalls = promoted.calls
      outcome = promoted.failed
        ? { failed: promoted.failed, audit: promoted.audit }
        : { audit: promoted.audit }
    }
  } else if (abTest.onVerdict === 'promote') {
    report.promotion = `Nothing promoted: the verdict is ${evaluation.decision.verdict}.`
  }
  // Publish.
  await ctx.steps.run('writing the report', () =>
    publish(ctx, {
      markdown: renderAbTest(report),
      json: { fileName: reportFileName(group, 'ab-test'), data: abTestJson(report) },
      comment: { group, enabled: settings.comment }
    })
  )
  return outcome
}
