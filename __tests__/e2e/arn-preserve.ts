// Setup for the `e2e-arn-preserve` project: the same end-to-end files against emulators
// that keep the case of names inside ARNs (support.ts reads this when a file loads).
// SageMaker's documentation does not say which of the two it does.
process.env.EMULATOR_ARN_CASE = 'preserve'
