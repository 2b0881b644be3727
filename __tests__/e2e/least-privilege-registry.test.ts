// The least-privilege suite (least-privilege.ts) for the registry modes: register, gate
// on registry metrics, approve, reject, compare and lineage; and the check that every
// documented policy is run by one of the least-privilege files.
import { everyPolicyIsRun, leastPrivilege } from './least-privilege.js'

everyPolicyIsRun()
leastPrivilege('registry')
