import type {Evidence, ScanReport} from '../evidence/schema.js'
import {type DiscoveryEngine, discoverHosts} from '../gather/discovery/discover-hosts.js'
import {collectLocal} from '../gather/local/collect-local.js'
import {gatherExposures} from '../gather/exposures/gather-exposures.js'
import {gatherShares} from '../gather/shares/gather-shares.js'
import {loadVendorDb} from '../vendordb/load.js'
import {completeReport, partialEvidence} from './partial-evidence.js'
import {routerStage} from './router-stage.js'
import {readActiveNetwork} from '../gather/network/active-network.js'
import type {Lang} from '../i18n/locale.js'
import {evaluateRules} from '../rules/index.js'
import {DEFAULT_MAX_HOSTS, ScanScope, ScopeError} from '../scope/scope-guard.js'

export interface ScanOptions {
  target?: string
  maxHosts?: number
  timeoutMs: number
  concurrency: number
  /** TCP ports to check on each host (`--ports`/`--top-ports`); default DEFAULT_TCP_PORTS. */
  ports?: readonly number[]
  /** Host discovery engine (`--engine`); default 'auto' (the built-in one). */
  engine?: DiscoveryEngine
  lang: Lang
  /** vendor-db directory; the shipped one by default. */
  vendorDbDir?: string
  checkDefaultCredentials?: boolean
  /** The user's own SMB login for their own NAS (never stored). */
  smbCredentials?: {user: string; password: string; domain?: string}
  /** Read the PC's own posture (Wi-Fi, VPN, shares, disk, security software); default true. */
  local?: boolean
  onProgress?: (event: ProgressEvent) => void
}

export type ProgressEvent =
  | {phase: 'interface'}
  | {phase: 'sweep'; target: string; done?: number; total?: number}
  | {phase: 'ports'; hosts: number}
  | {phase: 'router'; ip: string}
  | {phase: 'local'}
  | {phase: 'shares'}
  | {phase: 'done'}

/** Raised when the scan cannot start: no network, or a scope the guard refuses. Exit code 2. */
export class ScanSetupError extends Error {
  override name = 'ScanSetupError'
}

/** gather → evidence → rules → report. */
export async function runScan(options: ScanOptions): Promise<ScanReport> {
  const startedAt = new Date().toISOString()
  options.onProgress?.({phase: 'interface'})
  const active = await readActiveNetwork()
  const {network} = active

  const targetText = options.target ?? network.cidr
  if (!targetText) {
    throw new ScanSetupError('no active network interface with an IPv4 address was found; connect to the network, or pass --target CIDR')
  }
  let scope: ScanScope
  try {
    scope = ScanScope.fromCidr(targetText, options.maxHosts ?? DEFAULT_MAX_HOSTS)
  } catch (error) {
    if (error instanceof ScopeError && !options.target) {
      throw new ScanSetupError(`the active interface's subnet cannot be scanned as it is: ${error.message}`)
    }
    throw error
  }

  options.onProgress?.({phase: 'sweep', target: scope.toString()})
  const discovery = await discoverHosts({
    scope,
    self: {ip: network.address, mac: network.mac},
    gateway: network.gateway,
    timeoutMs: options.timeoutMs,
    concurrency: options.concurrency,
    ports: options.ports,
    engine: options.engine,
    onPhase: (phase, detail) =>
      phase === 'sweep'
        ? options.onProgress?.({phase, target: scope.toString(), ...detail})
        : options.onProgress?.({phase, hosts: detail.hosts ?? 0}),
  })

  const db = loadVendorDb(options.vendorDbDir)
  const gatewayHost = discovery.hosts.find((h) => h.isGateway)
  let router: Evidence['router'] = null
  const probes = [...active.probes, ...discovery.probes]
  if (gatewayHost) {
    options.onProgress?.({phase: 'router', ip: gatewayHost.ip})
    const started = Date.now()
    router = await routerStage(scope, gatewayHost.ip, db, {
      timeoutMs: Math.max(options.timeoutMs * 3, 2000),
      openTcpPorts: gatewayHost.ports.map((p) => p.port),
      ouiVendor: gatewayHost.vendor,
      checkDefaultCredentials: options.checkDefaultCredentials,
    })
    // SNMP answered: the router's UDP 161 is open (it is probed with the router, not in discovery).
    if (router.observations.snmp?.answer && !gatewayHost.ports.some((p) => p.protocol === 'udp' && p.port === 161)) {
      gatewayHost.ports.push({port: 161, protocol: 'udp', state: 'open', service: 'snmp'})
    }
    probes.push({probe: 'router', target: gatewayHost.ip, ok: true, durationMs: Date.now() - started, detail: `identified as ${router.vendor ?? '?'} ${router.model ?? '?'} (${router.confidence})`})
  }

  options.onProgress?.({phase: 'shares'})
  const sharesStarted = Date.now()
  const {shares, fileServices} = await gatherShares(scope, discovery.hosts, {timeoutMs: Math.max(options.timeoutMs * 3, 2000), smbCredentials: options.smbCredentials, lan: {address: network.address, cidr: network.cidr}})
  probes.push({probe: 'shares', target: scope.toString(), ok: true, durationMs: Date.now() - sharesStarted, detail: `${fileServices.length} file services, ${shares.length} shares`})
  const exposuresStarted = Date.now()
  const exposures = await gatherExposures(scope, discovery.hosts, {timeoutMs: Math.max(options.timeoutMs * 3, 2000)})
  probes.push({probe: 'exposures', target: scope.toString(), ok: true, durationMs: Date.now() - exposuresStarted, detail: `${exposures.length} services (DLNA, IPP, raw print, WebDAV, Telnet)`})

  let local: Evidence['local'] = null
  if (options.local !== false) {
    options.onProgress?.({phase: 'local'})
    const started = Date.now()
    local = await collectLocal(network.interface)
    probes.push({probe: 'local-posture', target: null, ok: true, durationMs: Date.now() - started, detail: `connection ${local.connection.type}, VPN ${local.vpn.up ?? 'unknown'}`})
  }

  const warnings: string[] = db.errors.map((e) => `vendor-db: ${e.file}: ${e.message}`)
  for (const p of discovery.probes) if (p.probe === 'nmap' && !p.ok) warnings.push(`nmap engine: results may be incomplete: ${p.detail}`)
  if (network.address && !scope.allows(network.address)) {
    warnings.push(`this PC (${network.address}) is outside the target ${scope.toString()}; its MAC table may not cover the target`)
  }
  const evidence = partialEvidence(network, options.lang, {
    startedAt,
    finishedAt: startedAt,
    scope: {target: scope.toString(), origin: options.target ? 'flag' : 'interface', addresses: scope.size},
    hosts: discovery.hosts,
    shares,
    fileServices,
    exposures,
    local,
    router,
    probes,
    warnings,
  })
  const findings = evaluateRules(evidence, options.lang)
  options.onProgress?.({phase: 'done'})
  return completeReport({...evidence, finishedAt: new Date().toISOString()}, findings)
}
