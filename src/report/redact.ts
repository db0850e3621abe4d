import {createHmac, randomBytes} from 'node:crypto'
import type {ScanReport} from '../evidence/schema.js'

/**
 * Anonymise a report for sharing: MAC addresses, SSIDs/BSSIDs and host names are replaced by
 * keyed hashes. The key is random per redaction, so the hashes cannot be reversed by trying
 * every MAC of a vendor, but one report stays internally consistent.
 */
export function redactReport(report: ScanReport, key: Buffer = randomBytes(32)): ScanReport {
  const hash = (kind: string, value: string) => `${kind}:${createHmac('sha256', key).update(value).digest('hex').slice(0, 12)}`
  const copy = structuredClone(report) as ScanReport
  const macs = new Map<string, string>()
  const strings = new Map<string, string>()
  for (const h of copy.hosts) {
    if (h.mac) macs.set(h.mac, hash('mac', h.mac))
    for (const n of h.names) strings.set(n.name, hash('name', n.name))
  }
  if (copy.network.mac) macs.set(copy.network.mac, hash('mac', copy.network.mac))
  const wifi = copy.local?.wifi
  if (wifi?.current?.ssid) strings.set(wifi.current.ssid, hash('ssid', wifi.current.ssid))
  if (wifi?.current?.bssid) macs.set(wifi.current.bssid, hash('mac', wifi.current.bssid))
  for (const n of wifi?.nearby ?? []) {
    if (n.ssid) strings.set(n.ssid, hash('ssid', n.ssid))
    for (const b of n.bssids) macs.set(b, hash('mac', b))
  }
  const sysName = copy.router?.observations.snmp?.answer?.system.sysName
  if (sysName) strings.set(sysName, hash('name', sysName))
  // Device and content names the exposure probes read (media server, printer, its location, folder titles).
  for (const e of copy.exposures ?? []) {
    for (const key of ['friendlyName', 'printerName', 'info', 'location', 'titles']) {
      const value = e.details[key]
      for (const v of Array.isArray(value) ? value : typeof value === 'string' ? [value] : []) strings.set(v, hash('name', v))
    }
  }
  // Replace every occurrence inside string values (evidence text, raw output, names), never in keys.
  const replacements = [...macs, ...[...strings].filter(([s]) => s.length >= 3)].sort((a, b) => b[0].length - a[0].length)
  const variants = ([from, to]: [string, string]): Array<[string, string]> =>
    from.includes(':') ? [[from, to], [from.toUpperCase(), to], [from.replaceAll(':', '-'), to], [from.replaceAll(':', '-').toUpperCase(), to]] : [[from, to]]
  const all = replacements.flatMap(variants)
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return all.reduce((acc, [from, to]) => acc.split(from).join(to), value)
    if (Array.isArray(value)) return value.map(walk)
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]))
    return value
  }
  return walk(copy) as ScanReport
}
