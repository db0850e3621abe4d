import {networkInterfaces} from 'node:os'
import type {Network, ProbeResult} from '../../evidence/schema.js'
import {cidrFromAddress, formatCidr} from '../../scope/ipv4.js'
import {normaliseMac} from '../../util/mac.js'
import {type CommandResult, runCommand} from '../../util/run-command.js'
import {parseIpAddrJson, parseIpRouteJson} from './parsers/linux.js'
import {parseIfconfig, parseRouteGetDefault} from './parsers/macos.js'
import {parseIpconfig, parseRoutePrint} from './parsers/windows.js'
import type {DefaultRoute, InterfaceAddress} from './types.js'

export interface ActiveNetwork {
  network: Network
  prefixLength: number | null
  probes: ProbeResult[]
}

type Runner = (file: string, args: string[]) => Promise<CommandResult>

/** What the OS says about routes and addresses, per platform. */
interface OsView {
  routes: DefaultRoute[]
  addresses: InterfaceAddress[]
  source: string
  results: CommandResult[]
}

async function linuxView(run: Runner): Promise<OsView> {
  const route = await run('ip', ['-j', 'route', 'show', 'default'])
  const addr = await run('ip', ['-j', 'addr', 'show'])
  return {routes: parseIpRouteJson(route.stdout), addresses: parseIpAddrJson(addr.stdout), source: 'ip -j route / ip -j addr', results: [route, addr]}
}

async function macosView(run: Runner): Promise<OsView> {
  const route = await run('route', ['-n', 'get', 'default'])
  const ifconfig = await run('ifconfig', [])
  const def = parseRouteGetDefault(route.stdout)
  return {routes: def ? [def] : [], addresses: parseIfconfig(ifconfig.stdout), source: 'route -n get default / ifconfig', results: [route, ifconfig]}
}

async function windowsView(run: Runner): Promise<OsView> {
  const route = await run('route', ['print', '-4'])
  const ipconfig = await run('ipconfig', ['/all'])
  return {routes: parseRoutePrint(route.stdout), addresses: parseIpconfig(ipconfig.stdout), source: 'route print / ipconfig /all', results: [route, ipconfig]}
}

/** Addresses from Node itself, used when the OS commands give none. */
function nodeAddresses(): InterfaceAddress[] {
  return Object.entries(networkInterfaces()).flatMap(([name, infos]) =>
    (infos ?? [])
      .filter((info) => info.family === 'IPv4' && !info.internal)
      .map((info) => ({interface: name, address: info.address, prefixLength: Number(info.cidr?.split('/')[1] ?? 32), mac: normaliseMac(info.mac)})),
  )
}

/**
 * Pick the active connection: the default route with the lowest metric, and the IPv4 address
 * of its interface. On Windows `route print` names the interface by its address.
 */
export function chooseActive(view: Pick<OsView, 'routes' | 'addresses'>): {route: DefaultRoute | null; address: InterfaceAddress | null} {
  const routes = [...view.routes].sort((a, b) => (a.metric ?? Infinity) - (b.metric ?? Infinity))
  for (const route of routes) {
    const address =
      view.addresses.find((a) => route.source !== null && a.address === route.source) ??
      view.addresses.find((a) => a.interface === route.interface || a.address === route.interface)
    if (address) return {route, address}
  }
  return {route: routes[0] ?? null, address: null}
}

export async function readActiveNetwork(platform: NodeJS.Platform = process.platform, run: Runner = (f, a) => runCommand(f, a)): Promise<ActiveNetwork> {
  const view = platform === 'win32' ? await windowsView(run) : platform === 'darwin' ? await macosView(run) : await linuxView(run)
  if (view.addresses.length === 0) view.addresses = nodeAddresses()
  const {route, address} = chooseActive(view)
  const cidr = address ? cidrFromAddress(address.address, address.prefixLength) : null
  const probes: ProbeResult[] = view.results.map((r) => ({
    probe: 'os-network',
    target: null,
    ok: r.ok,
    durationMs: r.durationMs,
    detail: r.error ? `${r.command}: ${r.error}` : r.command,
    raw: r.stdout.slice(0, 16 * 1024),
  }))
  return {
    network: {
      interface: address?.interface ?? route?.interface ?? null,
      address: address?.address ?? null,
      cidr: cidr ? formatCidr(cidr) : null,
      gateway: route?.gateway ?? address?.gateway ?? null,
      mac: address?.mac ?? null,
      source: view.source,
    },
    prefixLength: address?.prefixLength ?? null,
    probes,
  }
}
