import {readdir} from 'node:fs/promises'
import type {LocalPosture} from '../../evidence/local-schema.js'
import {mobileRouterSsidMatch, parseGetNetAdapterJson, parseNmcliDeviceStatus} from './parsers/connection-type.js'
import type {ConnectionInterface} from './parsers/types.js'
import {matchesMobileRouter} from './public-hotspots.js'
import type {VpnSection} from './vpn.js'
import type {WifiSection} from './wifi.js'
import {type CommandOutput, readCommand, readPowerShellJson} from './read-command.js'

export type ConnectionSection = LocalPosture['connection']

/** Linux without NetworkManager: /sys/class/net/<if>/wireless or phy80211 marks a Wi-Fi adapter. */
async function linuxSysfsKind(name: string): Promise<ConnectionInterface['type'] | null> {
  try {
    const entries = await readdir(`/sys/class/net/${name}`)
    if (entries.includes('wireless') || entries.includes('phy80211')) return 'wireless'
    if (/^(wwan|usb|rmnet)/.test(name)) return 'cellular'
    return entries.includes('device') || /^(eth|en|veth)/.test(name) ? 'wired' : 'other'
  } catch {
    return null
  }
}

/**
 * What kind of link the active interface is: wired, wireless, cellular (carrier SIM), or a
 * VPN tunnel. A Wi-Fi whose SSID looks like a carrier pocket router counts as cellular-backed.
 */
export async function readConnection(platform: NodeJS.Platform, activeInterface: string | null, wifi: WifiSection, vpn: VpnSection): Promise<ConnectionSection> {
  const outputs: CommandOutput[] = []
  let listed: ConnectionInterface[] = []
  if (platform === 'win32') {
    const adapters = await readPowerShellJson('Get-NetAdapter | Select-Object Name,InterfaceDescription,MediaType,PhysicalMediaType,Status')
    outputs.push(adapters)
    listed = adapters.stdout ? parseGetNetAdapterJson(adapters.stdout) : []
  } else if (platform === 'linux') {
    const nmcli = await readCommand('nmcli', ['-t', '-f', 'DEVICE,TYPE,STATE', 'device'])
    outputs.push(nmcli)
    listed = nmcli.stdout ? parseNmcliDeviceStatus(nmcli.stdout) : []
  }
  const commands = outputs.map((o) => o.evidence)
  const ssid = wifi.current?.ssid ?? null
  const mobile = ssid ? mobileRouterSsidMatch(ssid) !== null || matchesMobileRouter(ssid) : null
  const result = (type: ConnectionSection['type'], reason: string | null = null): ConnectionSection => ({
    status: type === 'unknown' ? 'unreadable' : 'read',
    reason,
    commands,
    type,
    interface: activeInterface,
    mobileRouter: type === 'wireless' ? mobile : null,
  })
  if (!activeInterface) return result('unknown', 'no active interface')
  if (vpn.interfaces.some((v) => v.name === activeInterface && v.up)) return result('vpn')
  const entry = listed.find((c) => c.interface === activeInterface)
  if (entry) return result(entry.type)
  if (wifi.current && (wifi.current.interface === activeInterface || wifi.current.interface === null)) return result('wireless')
  if (platform === 'linux') {
    const kind = await linuxSysfsKind(activeInterface)
    if (kind) return result(kind)
  }
  if (platform === 'darwin' && /^utun|^ppp|^ipsec/.test(activeInterface)) return result('vpn')
  if (platform === 'darwin' && wifi.status === 'read' && /^en\d+$/.test(activeInterface)) return result('wired')
  return result('unknown', `the kind of ${activeInterface} could not be read`)
}
