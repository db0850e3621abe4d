/**
 * The NFS export audit: a small ONC RPC client written for this job only. See probe.ts for what
 * it sends and what it never does.
 *
 * Files: xdr.ts (bounded XDR), rpc.ts (RPC messages, record marking), rpc-client.ts (the
 * scope-guarded connection), portmap.ts (GETPORT, DUMP), mount.ts (EXPORT), classify.ts (who
 * an export's groups let in), probe.ts, to-evidence.ts, types.ts.
 */
export {probeNfsHost, DEFAULT_DEADLINE_MS, DEFAULT_STEP_TIMEOUT_MS} from './probe.js'
export {nfsSeen, nfsToEvidence} from './to-evidence.js'
export {classifyExport, classifyGroup, type ExportReach, type LanContext} from './classify.js'
export type {NfsHostResult, NfsProbeOptions, NfsRegistration} from './types.js'
