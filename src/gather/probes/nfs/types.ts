import type {Connector} from './rpc-client.js'
import type {ExportEntry} from './mount.js'
import type {RpcAuth} from './rpc.js'

export interface NfsProbeOptions {
  /** Per-step (connect, each reply) timeout. */
  stepTimeoutMs?: number
  /** The whole probe of one host. */
  deadlineMs?: number
  /** Discovery found 111/tcp open: ask the portmapper (GETPORT, DUMP). Default true. */
  portmapperOpen?: boolean
  /** Discovery found 2049/tcp open: without a portmapper, a NULL call tells whether it is NFS. */
  nfsPortOpen?: boolean
  /** Only the tests change these (a fake server on loopback cannot listen on 111). */
  portmapperPort?: number
  nfsPort?: number
  connect?: Connector
}

export interface NfsRegistration {
  program: string
  version: number
  protocol: string
  port: number
}

/** What one host's portmapper and MOUNT service said. Nothing was mounted or written. */
export interface NfsHostResult {
  host: string
  /** Something answered an RPC call (the portmapper, NFS or MOUNT). */
  reachable: boolean
  /** The portmapper on 111/tcp; null when it was not asked (111 closed). */
  portmapper: {port: number; reachable: boolean; error: string | null} | null
  /** Its registrations (DUMP), capped; null when unknown. */
  registrations: NfsRegistration[] | null
  registrationsTruncated: boolean
  /** NFS versions registered (DUMP) or accepted (a NULL call to 2049); null when unknown. */
  nfsVersions: number[] | null
  nfsPort: number | null
  /** The MOUNT service asked for the export list. */
  mount: {port: number; version: number; auth: RpcAuth} | null
  /** The export list; null when it could not be read (then `error` says why), never "none". */
  exports: ExportEntry[] | null
  exportsTruncated: boolean
  error: string | null
}
