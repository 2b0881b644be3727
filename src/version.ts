// Sent in the AWS user agent; kept in step with package.json by a unit test.
export const VERSION = '0.1.0'
