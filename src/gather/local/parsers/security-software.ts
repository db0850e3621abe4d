/**
 * Security software on the PC: Windows Security Center (`root/SecurityCenter2` AntiVirusProduct,
 * JSON or the default list format), Windows services (`Get-Service | ConvertTo-Json`, `sc query`)
 * and process lists (`tasklist /fo csv`, `ps -axo comm`).
 * Pure functions: text in, typed data out; garbage gives [] and never throws.
 */
import {jsonObjects, listRecords, MAX_LINE_LENGTH, num, splitLines, str} from './text.js'
import type {SecurityProduct, SecurityVendor} from './types.js'

/** Vendor from a product, service or process name. */
export function vendorFromName(name: string): SecurityVendor {
  if (/\beset\b|nod32|\bekrn\b|\begui\b|esets_/i.test(name)) return 'eset'
  if (/appguard|blue ?planet/i.test(name)) return 'appguard'
  if (/windows defender|microsoft defender|\bwindefend\b|msmpeng|wdavdaemon|microsoft security essentials/i.test(name)) return 'microsoft'
  return 'other'
}

/**
 * Decode AntiVirusProduct.productState. Microsoft does not document it; the community decoding
 * (used by many inventory tools) reads the value as three bytes 0xPPSSDD:
 * - bits 12–15 (`(state >> 12) & 0xF`): 1 = real-time protection on, 0 = off (2 = snoozed, 3 = expired);
 * - bits 4–7 (`(state >> 4) & 0xF`): 0 = signatures up to date, 1 = out of date.
 * E.g. 397568 = 0x061100 → on, up to date; 393472 = 0x060100 → off, up to date; 397584 = 0x061110 → on, out of date.
 */
export function decodeProductState(state: number | null): {enabled: boolean | null; upToDate: boolean | null} {
  if (state === null || !Number.isInteger(state) || state < 0 || state > 0xffffff) return {enabled: null, upToDate: null}
  const rt = (state >> 12) & 0xf
  const sig = (state >> 4) & 0xf
  return {
    enabled: rt === 1 ? true : rt === 0 || rt === 2 || rt === 3 ? false : null,
    upToDate: sig === 0 ? true : sig === 1 ? false : null,
  }
}

/**
 * `Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntiVirusProduct | ConvertTo-Json`
 * (or the same cmdlet's / `Get-WmiObject`'s default list output). Only Windows client editions
 * have SecurityCenter2.
 */
export function parseSecurityCenterAntivirus(text: string): SecurityProduct[] {
  const rows: Array<{name: string | null; state: number | null}> = []
  const objects = jsonObjects(text)
  if (objects.length > 0) {
    for (const o of objects) rows.push({name: str(o['displayName']), state: num(o['productState'])})
  } else {
    for (const r of listRecords(text)) {
      if (!r.has('displayname')) continue
      rows.push({name: str(r.get('displayname')), state: num(r.get('productstate'))})
    }
  }
  const result: SecurityProduct[] = []
  for (const row of rows) {
    if (row.name === null) continue
    const {enabled, upToDate} = decodeProductState(row.state)
    result.push({name: row.name, vendor: vendorFromName(row.name), enabled, upToDate, source: 'securitycenter2'})
  }
  return result
}

/**
 * Known services of the products the guideline names. ESET: `ekrn` ("ESET Service"); Microsoft
 * Defender Antivirus: `WinDefend`. AppGuard services are recognised by name or display name
 * containing "AppGuard".
 */
export function serviceProductName(name: string, displayName: string | null): string | null {
  const n = name.trim().toLowerCase()
  if (n === 'ekrn') return displayName ?? 'ESET Service'
  if (n === 'windefend') return displayName ?? 'Microsoft Defender Antivirus Service'
  const both = `${name} ${displayName ?? ''}`
  if (/appguard/i.test(both)) return displayName ?? name
  if (/\beset\b/i.test(both)) return displayName ?? name
  return null
}

// ServiceControllerStatus: Stopped 1, StartPending 2, StopPending 3, Running 4, ContinuePending 5, PausePending 6, Paused 7.
function runningFrom(value: unknown): boolean | null {
  const n = num(value)
  if (n !== null) return n === 4 ? true : n >= 1 && n <= 7 ? false : null
  if (typeof value !== 'string') return null
  const v = value.trim().toLowerCase()
  if (v === 'running') return true
  if (v === 'stopped' || v === 'paused' || v.endsWith('pending')) return false
  return null
}

/** `Get-Service | Select-Object Name,DisplayName,Status | ConvertTo-Json`: the security services among them. */
export function parseGetServiceJson(text: string): SecurityProduct[] {
  const result: SecurityProduct[] = []
  for (const o of jsonObjects(text)) {
    const name = str(o['Name']) ?? str(o['ServiceName'])
    if (name === null) continue
    const display = str(o['DisplayName'])
    const product = serviceProductName(name, display)
    if (product === null) continue
    result.push({name: product, vendor: vendorFromName(`${name} ${display ?? ''}`), enabled: runningFrom(o['Status']), upToDate: null, source: 'service'})
  }
  return result
}

/**
 * `sc query <name>` / `sc queryex type= service state= all`: blocks of `SERVICE_NAME:`,
 * `DISPLAY_NAME:` and `STATE : 4  RUNNING` (sc.exe's labels are not localised).
 */
export function parseScQuery(text: string): SecurityProduct[] {
  const result: SecurityProduct[] = []
  let name: string | null = null
  let display: string | null = null
  let running: boolean | null = null
  const finish = () => {
    if (name === null) return
    const product = serviceProductName(name, display)
    if (product !== null) result.push({name: product, vendor: vendorFromName(`${name} ${display ?? ''}`), enabled: running, upToDate: null, source: 'service'})
  }
  for (const raw of splitLines(text)) {
    if (raw.length > MAX_LINE_LENGTH) continue
    const line = raw.trim()
    const svc = /^SERVICE_NAME:\s*(.+)$/i.exec(line)
    if (svc) {
      finish()
      name = (svc[1] ?? '').trim()
      display = null
      running = null
      continue
    }
    const disp = /^DISPLAY_NAME:\s*(.+)$/i.exec(line)
    if (disp) {
      display = (disp[1] ?? '').trim()
      continue
    }
    const state = /^STATE\s*:\s*(\d+)/i.exec(line)
    if (state) running = runningFrom(Number(state[1]))
  }
  finish()
  return result
}

/**
 * Processes of the known products. Windows: ESET `ekrn.exe` (service), `egui.exe` (GUI, only while
 * shown) and `eguiProxy.exe` (what runs in the background instead; reported in r00tSe7en/get_AV
 * issue #1); Microsoft Defender `MsMpEng.exe`. ESET for macOS/Linux before version 7: `esets_daemon`,
 * `esets_proxy`, `esets_gui`. ESET Endpoint Antivirus for Linux 8+ runs `/opt/eset/eea/sbin/startd`
 * and `/opt/eset/eea/lib/{logd,scand,updated,…,egui}` (CISOfy/lynis issue #1285); Linux's
 * `ps -o comm` gives only names, of which `oaeventd` (its on-access daemon) is specific enough
 * (lynis PR #1302), the others (`startd`, `scand`, …) are matched only with their /opt/eset/ path.
 * Microsoft Defender for Endpoint (macOS/Linux): `wdavdaemon`. AppGuard: any process named "AppGuard…".
 */
const PROCESS_PRODUCTS: ReadonlyArray<[RegExp, string, SecurityVendor]> = [
  [/^ekrn(\.exe)?$/i, 'ESET (ekrn)', 'eset'],
  [/^egui(\.exe)?$/i, 'ESET (egui)', 'eset'],
  [/^eguiproxy(\.exe)?$/i, 'ESET (eguiProxy)', 'eset'],
  [/^esets_(daemon|proxy|gui|ctl)$/i, 'ESET (esets)', 'eset'],
  [/^oaeventd$/i, 'ESET (oaeventd)', 'eset'],
  [/^msmpeng(\.exe)?$/i, 'Microsoft Defender (MsMpEng)', 'microsoft'],
  [/^wdavdaemon/i, 'Microsoft Defender for Endpoint (wdavdaemon)', 'microsoft'],
  [/appguard/i, 'AppGuard', 'appguard'],
]

function productFromProcess(image: string): {name: string; vendor: SecurityVendor} | null {
  const path = image.trim()
  if (/^\/opt\/eset\//i.test(path)) return {name: 'ESET (/opt/eset)', vendor: 'eset'}
  const base = path.replace(/^.*[\\/]/, '')
  for (const [re, name, vendor] of PROCESS_PRODUCTS) if (re.test(base)) return {name, vendor}
  return null
}

function dedupe(products: SecurityProduct[]): SecurityProduct[] {
  const seen = new Set<string>()
  return products.filter((p) => {
    if (seen.has(p.name)) return false
    seen.add(p.name)
    return true
  })
}

/** Parse one CSV line (double-quoted fields, `""` escapes). */
function csvFields(line: string): string[] {
  const fields: string[] = []
  let i = 0
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = ''
      i++
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          value += '"'
          i += 2
        } else if (line[i] === '"') {
          i++
          break
        } else {
          value += line[i]
          i++
        }
      }
      fields.push(value)
      if (line[i] === ',') i++
      else break
    } else {
      const comma = line.indexOf(',', i)
      if (comma < 0) {
        fields.push(line.slice(i))
        break
      }
      fields.push(line.slice(i, comma))
      i = comma + 1
    }
  }
  return fields
}

/** `tasklist /fo csv` (header in any language; the image name is the first column). Running = enabled. */
export function parseTasklistCsv(text: string): SecurityProduct[] {
  const result: SecurityProduct[] = []
  for (const raw of splitLines(text)) {
    if (raw.length === 0 || raw.length > MAX_LINE_LENGTH) continue
    const image = csvFields(raw)[0]
    if (!image) continue
    const p = productFromProcess(image)
    if (p) result.push({...p, enabled: true, upToDate: null, source: 'process'})
  }
  return dedupe(result)
}

/** `ps -axo comm` (macOS) / `ps -eo comm` (Linux): one command name or path per line. */
export function parsePsComm(text: string): SecurityProduct[] {
  const result: SecurityProduct[] = []
  for (const raw of splitLines(text)) {
    if (raw.length === 0 || raw.length > MAX_LINE_LENGTH) continue
    const p = productFromProcess(raw)
    if (p) result.push({...p, enabled: true, upToDate: null, source: 'process'})
  }
  return dedupe(result)
}
