import type {LocalPosture} from '../../evidence/local-schema.js'
import type {VpnInterface} from './parsers/types.js'
import {parseGetVpnConnectionJson, parseIpconfigVpn, parseLinuxIpVpn, parseMacIfconfigVpn, parseScutilNcList} from './parsers/vpn.js'
import {type CommandOutput, readCommand, readPowerShellJson, whyUnreadable} from './read-command.js'

export type VpnSection = LocalPosture['vpn']

function section(outputs: CommandOutput[], interfaces: VpnInterface[], read: boolean): VpnSection {
  return {
    status: read ? 'read' : 'unreadable',
    reason: read ? null : whyUnreadable(outputs),
    commands: outputs.map((o) => o.evidence),
    up: read ? interfaces.some((v) => v.up) : null,
    interfaces,
  }
}

/** VPN adapters and profiles, and whether one is up. */
export async function readVpn(platform: NodeJS.Platform): Promise<VpnSection> {
  if (platform === 'win32') {
    const ipconfig = await readCommand('ipconfig', ['/all'])
    const profiles = await readPowerShellJson('Get-VpnConnection')
    const found = [...(ipconfig.stdout ? parseIpconfigVpn(ipconfig.stdout) : []), ...(profiles.stdout ? parseGetVpnConnectionJson(profiles.stdout) : [])]
    return section([ipconfig, profiles], found, ipconfig.stdout !== null || profiles.stdout !== null)
  }
  if (platform === 'darwin') {
    const ifconfig = await readCommand('ifconfig', [])
    const netstat = await readCommand('netstat', ['-rn', '-f', 'inet'])
    const scutil = await readCommand('scutil', ['--nc', 'list'])
    const found = [
      ...(ifconfig.stdout ? parseMacIfconfigVpn(ifconfig.stdout, netstat.stdout ?? undefined) : []),
      ...(scutil.stdout ? parseScutilNcList(scutil.stdout) : []),
    ]
    return section([ifconfig, netstat, scutil], found, ifconfig.stdout !== null)
  }
  const link = await readCommand('ip', ['-j', '-d', 'link', 'show'])
  const route = await readCommand('ip', ['-j', 'route', 'show', 'table', 'all'])
  const found = link.stdout ? parseLinuxIpVpn(link.stdout, route.stdout ?? undefined) : []
  return section([link, route], found, link.stdout !== null)
}
