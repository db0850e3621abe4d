import type {Host} from '../../evidence/schema.js'
import type {FileService, Share} from '../../evidence/shares-schema.js'
import type {ScanScope} from '../../scope/scope-guard.js'
import {mapLimit} from '../../util/concurrency.js'
import {probeFtp} from '../probes/ftp.js'
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

/** SMB on one host: SMB1, dialect, signing, and every disk share with the access a guest gets. */
async function smbShares(scope: ScanScope, ip: string, timeoutMs: number, credentials?: SmbCredentials): Promise<SharesOutput> {
  const result = await probeSmbHost(scope, ip, {stepTimeoutMs: timeoutMs, deadlineMs: Math.max(15_000, timeoutMs * 5), credentials})
  const {fileService, shares} = smbToEvidence(result)
  return {shares, fileServices: [fileService]}
}

export interface GatherSharesOptions {
  timeoutMs: number
  /** The user's own SMB login, to check their own NAS; never stored. */
  smbCredentials?: SmbCredentials
}

/**
 * Ask every other host's file services what an anonymous visitor may do. Read-only: nothing is
 * written, deleted or uploaded on any host.
 */
export async function gatherShares(scope: ScanScope, hosts: readonly Host[], options: GatherSharesOptions): Promise<SharesOutput> {
  const {timeoutMs} = options
  const jobs: Array<() => Promise<SharesOutput>> = []
  for (const host of hosts.filter((h) => !h.isSelf)) {
    const open = new Set(host.ports.map((p) => p.port))
    if (open.has(21)) jobs.push(() => ftpShares(scope, host.ip, timeoutMs))
    if (open.has(445)) jobs.push(() => smbShares(scope, host.ip, timeoutMs, options.smbCredentials))
  }
  const results = await mapLimit(jobs, 8, (job) => job())
  return {shares: results.flatMap((r) => r.shares), fileServices: results.flatMap((r) => r.fileServices)}
}
