import type {Host} from '../../evidence/schema.js'
import type {FileService, Share} from '../../evidence/shares-schema.js'
import type {ScanScope} from '../../scope/scope-guard.js'
import {mapLimit} from '../../util/concurrency.js'
import {probeFtp} from '../probes/ftp.js'
import {type LanContext, nfsSeen, nfsToEvidence, probeNfsHost} from '../probes/nfs/index.js'
import {probeSmbHost, type SmbCredentials, smbToEvidence} from '../probes/smb/index.js'

export interface SharesOutput {
  shares: Share[]
  fileServices: FileService[]
}

/** FTP on one host: the service, and its root as a share when anonymous login works. */
async function ftpShares(scope: ScanScope, ip: string, timeoutMs: number): Promise<SharesOutput> {
  const r = await probeFtp(scope, ip, 21, timeoutMs)
  const service: FileService = {host: ip, protocol: 'ftp', port: 21, reachable: r.reachable, anonymousLogin: r.anonymous, plaintext: true, banner: r.banner, error: r.error}
  const shares: Share[] = r.anonymous
    ? [
        {
          host: ip,
          protocol: 'ftp',
          name: '/',
          access: 'anonymous-read',
          comment: null,
          reason: `anonymous login accepted; ${r.entries?.length ?? 0} entries listed`,
          evidence: {banner: r.banner, entries: r.entries ?? []},
        },
      ]
    : []
  return {shares, fileServices: [service]}
}

/**
 * SMB on one host: SMB1, dialect, signing, and every disk share with the access a guest gets.
 * Over TCP 445, or over 139 (NetBIOS session service) where 445 is closed.
 */
async function smbShares(scope: ScanScope, ip: string, timeoutMs: number, credentials: SmbCredentials | undefined, port: 445 | 139, netbiosName: string | null): Promise<SharesOutput> {
  const result = await probeSmbHost(scope, ip, {stepTimeoutMs: timeoutMs, deadlineMs: Math.max(15_000, timeoutMs * 5), credentials, port, netbiosName})
  const {fileService, shares} = smbToEvidence(result)
  return {shares, fileServices: [fileService]}
}

/** NFS on one host: the portmapper, the MOUNT service's export list and who each export lets in. */
async function nfsShares(scope: ScanScope, ip: string, timeoutMs: number, open: Set<number>, lan: LanContext): Promise<SharesOutput> {
  const result = await probeNfsHost(scope, ip, {stepTimeoutMs: timeoutMs, deadlineMs: Math.max(15_000, timeoutMs * 5), portmapperOpen: open.has(111), nfsPortOpen: open.has(2049)})
  const {fileService, shares} = nfsToEvidence(result, lan)
  // 111 alone is not NFS (rpcbind runs on many Linux hosts): NFS is reported where it was seen or 2049 is open.
  return {shares, fileServices: nfsSeen(result) || open.has(2049) ? [fileService] : []}
}

/** The host's file-server name from its NetBIOS node status (<20>, else <00>): the called name for TCP 139. */
function netbiosServerName(host: Host): string | null {
  const unique = host.identity?.netbios.filter((n) => !n.group) ?? []
  return (unique.find((n) => n.suffix === 0x20) ?? unique.find((n) => n.suffix === 0x00))?.name ?? null
}

export interface GatherSharesOptions {
  timeoutMs: number
  /** The user's own SMB login, to check their own NAS; never stored. */
  smbCredentials?: SmbCredentials
  /** This PC's address and subnet, to tell an NFS export to the whole LAN; default: the self host, subnet unknown. */
  lan?: LanContext
}

/**
 * Ask every other host's file services what an anonymous visitor may do. Read-only: nothing is
 * written, deleted or uploaded on any host.
 */
export async function gatherShares(scope: ScanScope, hosts: readonly Host[], options: GatherSharesOptions): Promise<SharesOutput> {
  const {timeoutMs} = options
  const lan = options.lan ?? {address: hosts.find((h) => h.isSelf)?.ip ?? null, cidr: null}
  const jobs: Array<() => Promise<SharesOutput>> = []
  for (const host of hosts.filter((h) => !h.isSelf)) {
    const open = new Set(host.ports.map((p) => p.port))
    if (open.has(21)) jobs.push(() => ftpShares(scope, host.ip, timeoutMs))
    if (open.has(445) || open.has(139)) jobs.push(() => smbShares(scope, host.ip, timeoutMs, options.smbCredentials, open.has(445) ? 445 : 139, netbiosServerName(host)))
    if (open.has(111) || open.has(2049)) jobs.push(() => nfsShares(scope, host.ip, timeoutMs, open, lan))
  }
  const results = await mapLimit(jobs, 8, (job) => job())
  return {shares: results.flatMap((r) => r.shares), fileServices: results.flatMap((r) => r.fileServices)}
}
