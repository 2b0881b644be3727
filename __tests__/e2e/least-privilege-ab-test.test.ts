// The least-privilege suite (least-privilege.ts) for ab-test: the verdict only, and the
// verdict with the promotion of the winner.
import { leastPrivilege } from './least-privilege.js'

leastPrivilege('ab-test')
