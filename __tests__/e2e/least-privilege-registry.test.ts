// The least-privilege suite (least-privilege.ts) for the modes that write versions and
// decisions: register, gate on registry metrics, approve and reject; and the check that
// every documented policy is run by one of the least-privilege files.
import { everyPolicyIsRun, leastPrivilege } from './least-privilege.js'

everyPolicyIsRun()
leastPrivilege('registry')
