import type {ScanScope} from '../../../scope/scope-guard.js'
import {MOUNTPROC_EXPORT, parseExportResult} from './mount.js'
import {
  IPPROTO_TCP,
  IPPROTO_UDP,
  MOUNT_PROGRAM,
  NFS_PROGRAM,
  PMAP_PROGRAM,
  PMAP_VERSION,
  PMAPPROC_DUMP,
  PMAPPROC_GETPORT,
  type PortMapping,
  getPortArgs,
  parseDumpResult,
  parseGetPortResult,
  protocolName,
} from './portmap.js'
import type {RpcAuth, RpcReply} from './rpc.js'
import {type Budget, type Connector, RpcClient, RpcError, scopedConnector} from './rpc-client.js'
import type {NfsHostResult, NfsProbeOptions, NfsRegistration} from './types.js'

export const DEFAULT_STEP_TIMEOUT_MS = 3000
export const DEFAULT_DEADLINE_MS = 15000
const NFSPROC_NULL = 0
const EMPTY = Buffer.alloc(0)

const PROGRAM_NAMES: Record<number, string> = {100000: 'portmapper', 100003: 'nfs', 100005: 'mountd', 100021: 'nlockmgr', 100024: 'status', 100011: 'rquotad', 100227: 'nfs_acl'}

function errorText(error: unknown): string {
  if (error instanceof RpcError) return `${error.kind}: ${error.message}`
  if (error instanceof Error) return `${error.name}: ${error.message}`
  return String(error)
}

function replyText(reply: RpcReply): string {
  switch (reply.kind) {
    case 'prog-mismatch':
    case 'rpc-mismatch':
      return `${reply.kind} (versions ${reply.low}-${reply.high})`
    case 'auth-error':
      return `auth-error (auth_stat ${reply.authStat})`
    default:
      return reply.kind
  }
}

/** A successful reply's results, or an RpcError saying what the server answered instead. */
function results(reply: RpcReply, what: string): Buffer {
  if (reply.kind === 'success') return reply.results
  throw new RpcError('protocol', `${what}: the server answered ${replyText(reply)}`)
}

interface PortmapperAnswer {
  mount: {port: number; version: number} | null
  mountUdpOnly: boolean
  mappings: PortMapping[] | null
  truncated: boolean
}

/** GETPORT for MOUNT v3 (then v1) over TCP, then DUMP for the whole table, on one connection. */
async function askPortmapper(connect: Connector, ip: string, port: number, budget: Budget, result: NfsHostResult): Promise<PortmapperAnswer> {
  const answer: PortmapperAnswer = {mount: null, mountUdpOnly: false, mappings: null, truncated: false}
  result.portmapper = {port, reachable: false, error: null}
  let client: RpcClient | null = null
  try {
    client = await RpcClient.open(connect, ip, port, budget)
    for (const version of [3, 1]) {
      const reply = await client.call(PMAP_PROGRAM, PMAP_VERSION, PMAPPROC_GETPORT, getPortArgs(MOUNT_PROGRAM, version, IPPROTO_TCP), 'none', budget)
      result.portmapper.reachable = true
      const parsed = parseGetPortResult(results(reply, 'GETPORT'))
      if (!parsed.ok) throw new RpcError('protocol', parsed.error)
      if (parsed.value > 0) {
        answer.mount = {port: parsed.value, version}
        break
      }
    }
    try {
      const dump = parseDumpResult(results(await client.call(PMAP_PROGRAM, PMAP_VERSION, PMAPPROC_DUMP, EMPTY, 'none', budget), 'DUMP'))
      if (dump.ok) {
        answer.mappings = dump.value.mappings
        answer.truncated = dump.value.truncated
      } else result.portmapper.error = dump.error
    } catch (error) {
      // The table is only a bonus: the GETPORT answer stands.
      result.portmapper.error = `DUMP: ${errorText(error)}`
    }
  } catch (error) {
    result.portmapper.error = errorText(error)
  } finally {
    client?.close()
  }
  answer.mountUdpOnly = !answer.mount && !!answer.mappings?.some((m) => m.program === MOUNT_PROGRAM && m.protocol === IPPROTO_UDP)
  return answer
}

/** A NULL call to NFS (does nothing on the server): v4 accepted, or the range a mismatch names. */
async function pingNfs(connect: Connector, ip: string, port: number, budget: Budget): Promise<number[] | null> {
  let client: RpcClient | null = null
  try {
    client = await RpcClient.open(connect, ip, port, budget, 64 * 1024)
    const reply = await client.call(NFS_PROGRAM, 4, NFSPROC_NULL, EMPTY, 'none', budget)
    if (reply.kind === 'success') return [4]
    if (reply.kind === 'prog-mismatch') {
      const versions: number[] = []
      for (let v = Math.max(2, reply.low); v <= Math.min(4, reply.high); v++) versions.push(v)
      return versions
    }
    return null
  } catch {
    return null
  } finally {
    client?.close()
  }
}

/** EXPORT from the MOUNT service: AUTH_NONE first, AUTH_SYS as nobody if the server insists. */
async function askExports(connect: Connector, ip: string, mount: {port: number; version: number}, budget: Budget, result: NfsHostResult): Promise<void> {
  let client: RpcClient | null = null
  result.mount = {port: mount.port, version: mount.version, auth: 'none'}
  try {
    client = await RpcClient.open(connect, ip, mount.port, budget)
    let version = mount.version
    let auth: RpcAuth = 'none'
    let reply = await client.call(MOUNT_PROGRAM, version, MOUNTPROC_EXPORT, EMPTY, auth, budget)
    result.reachable = true
    if (reply.kind === 'auth-error') {
      auth = 'sys'
      reply = await client.call(MOUNT_PROGRAM, version, MOUNTPROC_EXPORT, EMPTY, auth, budget)
    }
    if (reply.kind === 'prog-mismatch' && version === 3 && reply.low <= 1 && reply.high >= 1) {
      version = 1
      reply = await client.call(MOUNT_PROGRAM, version, MOUNTPROC_EXPORT, EMPTY, auth, budget)
    }
    const parsed = parseExportResult(results(reply, 'EXPORT'))
    if (!parsed.ok) throw new RpcError('protocol', parsed.error)
    result.mount = {port: mount.port, version, auth}
    result.exports = parsed.value.exports
    result.exportsTruncated = parsed.value.truncated
  } catch (error) {
    result.error = `export list not read: ${errorText(error)}`
  } finally {
    client?.close()
  }
}

function registrations(mappings: PortMapping[]): NfsRegistration[] {
  return mappings.map((m) => ({program: PROGRAM_NAMES[m.program] ?? String(m.program), version: m.version, protocol: protocolName(m.protocol), port: m.port}))
}

/**
 * What a host exports over NFS, asked the way `showmount -e` asks: the portmapper (111/tcp)
 * for the MOUNT service's TCP port (GETPORT) and its table (DUMP), then MOUNT's EXPORT
 * procedure. Without a portmapper only a NULL call goes to 2049. Read-only: MNT is never sent,
 * nothing is mounted, written or registered. Every connection goes through the scope guard;
 * every step has a timeout and the whole probe a deadline. Never throws.
 */
export async function probeNfsHost(scope: ScanScope, ip: string, options: NfsProbeOptions = {}): Promise<NfsHostResult> {
  const connect = options.connect ?? scopedConnector(scope)
  const budget: Budget = {deadline: Date.now() + (options.deadlineMs ?? DEFAULT_DEADLINE_MS), stepTimeoutMs: options.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS}
  const nfsPort = options.nfsPort ?? 2049
  const result: NfsHostResult = {
    host: ip,
    reachable: false,
    portmapper: null,
    registrations: null,
    registrationsTruncated: false,
    nfsVersions: null,
    nfsPort: null,
    mount: null,
    exports: null,
    exportsTruncated: false,
    error: null,
  }
  try {
    let mount: {port: number; version: number} | null = null
    let why: string
    if (options.portmapperOpen !== false) {
      const pm = await askPortmapper(connect, ip, options.portmapperPort ?? 111, budget, result)
      result.reachable = result.portmapper!.reachable
      if (pm.mappings) {
        result.registrations = registrations(pm.mappings)
        result.registrationsTruncated = pm.truncated
        const nfs = pm.mappings.filter((m) => m.program === NFS_PROGRAM)
        if (nfs.length) result.nfsVersions = [...new Set(nfs.map((m) => m.version))].sort((a, b) => a - b)
        result.nfsPort = nfs.find((m) => m.protocol === IPPROTO_TCP)?.port ?? null
      }
      mount = pm.mount
      why = !result.portmapper!.reachable
        ? `the portmapper did not answer (${result.portmapper!.error ?? 'no answer'})`
        : pm.mountUdpOnly
          ? 'MOUNT is registered over UDP only, which homeaudit does not ask'
          : 'the portmapper lists no MOUNT service over TCP (an NFSv4-only server has none)'
    } else why = 'no portmapper (111/tcp closed); an NFSv4-only server has no MOUNT service'
    if (!result.nfsVersions?.length && (options.nfsPortOpen ?? false)) {
      const versions = await pingNfs(connect, ip, nfsPort, budget)
      if (versions) {
        result.reachable = true
        result.nfsVersions = versions
        result.nfsPort = nfsPort
      }
    }
    if (mount) await askExports(connect, ip, mount, budget, result)
    else result.error = `export list unknown: ${why}`
  } catch (error) {
    result.error = `NFS probe failed: ${errorText(error)}`
  }
  return result
}
