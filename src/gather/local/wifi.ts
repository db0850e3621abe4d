import {readdir} from 'node:fs/promises'
import type {LocalPosture} from '../../evidence/local-schema.js'
import {NMCLI_WIFI_FIELDS, parseIwLink, parseNmcliWifiList, parseNmcliWifiTable, parseWpaCliStatus} from './parsers/linux-wifi.js'
import {parseSystemProfilerAirport, parseSystemProfilerAirportText, parseSystemProfilerNearby, parseWdutilInfo} from './parsers/macos-wifi.js'
import type {NearbyNetwork, WifiConnection} from './parsers/types.js'
import {parseNetshInterfaces, parseNetshNetworks} from './parsers/windows-netsh.js'
import {type CommandOutput, readCommand, whyUnreadable} from './read-command.js'

export type WifiSection = Omit<LocalPosture['wifi'], 'publicHotspot'>


function section(outputs: CommandOutput[], current: WifiConnection | null, nearby: NearbyNetwork[], read: boolean): WifiSection {
  return {status: read ? 'read' : 'unreadable', reason: read ? null : whyUnreadable(outputs), commands: outputs.map((o) => o.evidence), current, nearby}
}

const connected = (list: WifiConnection[]) => list.find((c) => c.state === 'connected') ?? null

/** The current Wi-Fi connection and the networks nearby, per OS. */
export async function readWifi(platform: NodeJS.Platform): Promise<WifiSection> {
  if (platform === 'win32') {
    const ifaces = await readCommand('netsh', ['wlan', 'show', 'interfaces'])
    const networks = await readCommand('netsh', ['wlan', 'show', 'networks', 'mode=bssid'])
    const list = ifaces.stdout !== null ? parseNetshInterfaces(ifaces.stdout) : []
    return section([ifaces, networks], connected(list), networks.stdout ? parseNetshNetworks(networks.stdout) : [], ifaces.stdout !== null)
  }
  if (platform === 'darwin') {
    const profiler = await readCommand('system_profiler', ['SPAirPortDataType', '-json'], 15_000)
    const adapters = profiler.stdout !== null ? parseSystemProfilerAirport(profiler.stdout) : []
    if (profiler.stdout !== null && adapters.length > 0) {
      return section([profiler], connected(adapters), parseSystemProfilerNearby(profiler.stdout), true)
    }
    // macOS before 10.15 has no `-json`: the same report as indented text (which an old
    // system_profiler may already have printed in answer to `-json`).
    const outputs: CommandOutput[] = [profiler]
    let fromText = profiler.stdout !== null ? parseSystemProfilerAirportText(profiler.stdout) : []
    if (fromText.length === 0) {
      const text = await readCommand('system_profiler', ['SPAirPortDataType'], 15_000)
      outputs.push(text)
      fromText = text.stdout !== null ? parseSystemProfilerAirportText(text.stdout) : []
    }
    if (fromText.length > 0) return section(outputs, connected(fromText), [], true)
    const wdutil = await readCommand('wdutil', ['info'])
    outputs.push(wdutil)
    const current = wdutil.stdout ? parseWdutilInfo(wdutil.stdout) : null
    return section(outputs, current?.state === 'connected' ? current : null, [], wdutil.stdout !== null)
  }
  const nmcli = await readCommand('nmcli', ['-t', '-f', NMCLI_WIFI_FIELDS.join(','), 'dev', 'wifi', 'list', '--rescan', 'no'])
  if (nmcli.stdout !== null) {
    const list = parseNmcliWifiList(nmcli.stdout)
    return section([nmcli], list.current[0] ?? null, list.nearby, true)
  }
  // Older NetworkManager (before `--rescan`, or without some of these fields) rejects the terse
  // query as invalid user input (nmcli exit status 2); its plain table carries the same columns.
  // Only then: a current nmcli would refresh a stale scan for the plain listing.
  const outputs: CommandOutput[] = [nmcli]
  if (nmcli.evidence.error === 'exited with code 2') {
    const table = await readCommand('nmcli', ['dev', 'wifi', 'list'])
    outputs.push(table)
    if (table.stdout !== null && /\bBSSID\b/.test(table.stdout)) {
      const fromTable = parseNmcliWifiTable(table.stdout)
      return section(outputs, fromTable.current[0] ?? null, fromTable.nearby, true)
    }
  }
  const wpa = await readCommand('wpa_cli', ['status'])
  outputs.push(wpa)
  const viaWpa = wpa.stdout ? parseWpaCliStatus(wpa.stdout) : null
  if (viaWpa) return section(outputs, viaWpa.state === 'connected' ? viaWpa : null, [], true)
  const iw = await readCommand('iw', ['dev'])
  const names = [...(iw.stdout ?? '').matchAll(/Interface\s+(\S+)/g)].map((m) => m[1]!)
  for (const name of names.slice(0, 4)) {
    const link = await readCommand('iw', ['dev', name, 'link'])
    const current = link.stdout ? parseIwLink(link.stdout, name) : null
    if (current) return section([...outputs, iw, link], current.state === 'connected' ? current : null, [], true)
  }
  // No Wi-Fi adapter at all (no /sys/class/net/*/wireless) is an answer: nothing to check.
  if (iw.stdout !== null ? names.length === 0 : !(await hasLinuxWifiAdapter())) {
    return {...section([...outputs, iw], null, [], true), reason: 'no Wi-Fi adapter'}
  }
  return section([...outputs, iw], null, [], false)
}

async function hasLinuxWifiAdapter(): Promise<boolean> {
  try {
    const names = await readdir('/sys/class/net')
    for (const name of names) {
      const entries = await readdir(`/sys/class/net/${name}`).catch(() => [] as string[])
      if (entries.includes('wireless') || entries.includes('phy80211')) return true
    }
    return false
  } catch {
    return true // cannot tell: do not claim there is none
  }
}
