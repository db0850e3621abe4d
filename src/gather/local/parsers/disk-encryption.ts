/**
 * Disk encryption state: Windows `manage-bde -status` (English and Japanese) and
 * `Get-BitLockerVolume | ConvertTo-Json`, macOS `fdesetup status`, Linux `lsblk -J`.
 * A volume counts as encrypted only when encryption is complete (fully, or "used space only");
 * encryption in progress is `false` (not yet protected), unreadable states are null.
 * Pure functions: text in, typed data out; garbage gives empty results and never throws.
 */
import {isObject, jsonObjects, listRecords, MAX_LINE_LENGTH, num, parseJson, splitLines, str} from './text.js'
import type {JsonObject} from './text.js'
import type {DiskEncryption, EncryptedVolume} from './types.js'

const EMPTY: DiskEncryption = {volumes: [], systemVolumeEncrypted: null}

type BdeField = 'conversion' | 'percent' | 'method' | 'protection'

const BDE_LABELS: Record<string, BdeField> = {
  'conversion status': 'conversion',
  '変換状態': 'conversion',
  'percentage encrypted': 'percent',
  '暗号化された割合': 'percent',
  'encryption method': 'method',
  '暗号化の方法': 'method',
  'protection status': 'protection',
  '保護状態': 'protection',
}

/**
 * Conversion status → encrypted? English and Japanese wording. The Japanese "Fully Decrypted" is
 * 「暗号化は完全に解除されています」 (captured on Windows 11, tool 10.0.26100); the Japanese wording of
 * the encrypted states was not found in a capture, so {@link encryptedFromPercent} backs it up.
 */
function encryptedFromConversion(value: string): boolean | null {
  const v = value.normalize('NFKC').toLowerCase()
  if (v.includes('暗号化は完全に解除') || v.includes('完全に解除') || v.includes('完全に復号')) return false
  if (v.includes('fully encrypted') || v.includes('used space only encrypted')) return true
  if (v.includes('完全に暗号化') || v.includes('使用領域のみ暗号化') || v.includes('使用済み領域のみ暗号化')) return true
  if (v.includes('fully decrypted')) return false
  if (v.includes('in progress') || v.includes('paused') || v.includes('実行中') || v.includes('進行中') || v.includes('一時停止')) return false
  return null
}

/**
 * `Percentage Encrypted` / `暗号化された割合` (`100.0%`, `0.0%`, `100,0%` in comma-decimal locales):
 * used only when the conversion status wording is not recognised. 100 % = encrypted, less = not (yet).
 */
function encryptedFromPercent(value: string): boolean | null {
  const m = /(\d{1,3}(?:[.,]\d+)?)\s*[%％]/.exec(value.normalize('NFKC'))
  if (!m) return null
  const n = Number((m[1] ?? '').replace(',', '.'))
  if (!Number.isFinite(n) || n < 0 || n > 100) return null
  return n >= 100
}

function protectionFrom(value: string): EncryptedVolume['protection'] {
  const v = value.normalize('NFKC').toLowerCase()
  if (v.includes('protection on') || v.includes('保護はオン')) return 'on'
  if (v.includes('protection off') || v.includes('保護はオフ')) return 'off'
  return null
}

function methodFrom(value: string): string | null {
  const v = value.trim()
  if (v.length === 0 || /^(none|なし)$/i.test(v)) return null
  return v
}

/** `Volume C: [OS]` / `ボリューム C: [OS]` / `Volume \\?\Volume{...}\ [Bek Volume]` → the id, else null. Linear time. */
function volumeHeaderId(line: string): string | null {
  const head = /^(?:Volume|ボリューム)\s/i.exec(line)
  if (!head || line.includes(':  ')) return null
  let rest = line.slice(head[0].length).trim()
  if (rest.endsWith(']')) {
    const open = rest.lastIndexOf('[')
    if (open > 0) rest = rest.slice(0, open).trim()
  }
  if (rest.length === 0 || /^(that|volumes?)\b/i.test(rest)) return null
  return rest
}

interface BdeVolume {
  volume: EncryptedVolume
  os: boolean
  /** From the percentage line, applied when the conversion status was not understood. */
  byPercent: boolean | null
}

/**
 * `manage-bde -status` (optionally for one volume). Each `Volume X: [label]` / `ボリューム X: [label]`
 * block becomes one volume; the block marked `[OS Volume]` / `[OS ボリューム]` decides
 * `systemVolumeEncrypted` (encrypted and protection on). Field lines before any header (a pasted
 * excerpt) form one volume with an empty id.
 */
export function parseManageBdeStatus(text: string): DiskEncryption {
  const volumes: BdeVolume[] = []
  let current: BdeVolume | null = null
  const start = (id: string, mount: string | null) => {
    current = {volume: {id, mount, encrypted: null, method: null, protection: null}, os: false, byPercent: null}
    volumes.push(current)
    return current
  }
  for (const raw of splitLines(text)) {
    if (raw.length > MAX_LINE_LENGTH) continue
    const line = raw.trim()
    const header = volumeHeaderId(line)
    if (header !== null) {
      const id = header
      const drive = /^([A-Za-z]:)$/.exec(id)
      start(id, drive ? (drive[1] ?? '').toUpperCase() : null)
      continue
    }
    if (/^\[(OS Volume|OS ボリューム|OS\s*ボリューム)\]$/i.test(line)) {
      if (current) (current as BdeVolume).os = true
      continue
    }
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const field = BDE_LABELS[line.slice(0, colon).normalize('NFKC').trim().toLowerCase()]
    if (!field) continue
    const value = line.slice(colon + 1).trim()
    const vol: BdeVolume = current ?? start('', null)
    switch (field) {
      case 'conversion':
        vol.volume.encrypted = encryptedFromConversion(value)
        break
      case 'method':
        vol.volume.method = methodFrom(value)
        break
      case 'protection':
        vol.volume.protection = protectionFrom(value)
        break
      case 'percent':
        vol.byPercent = encryptedFromPercent(value)
        break
    }
  }
  for (const v of volumes) if (v.volume.encrypted === null) v.volume.encrypted = v.byPercent
  const os = volumes.find((v) => v.os)
  return {
    volumes: volumes.map((v) => v.volume),
    systemVolumeEncrypted: os ? systemEncrypted(os.volume) : null,
  }
}

function systemEncrypted(v: EncryptedVolume): boolean | null {
  if (v.encrypted === null) return null
  if (!v.encrypted) return false
  if (v.protection === null) return null
  return v.protection === 'on'
}

// Numeric enum values as ConvertTo-Json prints them (Windows PowerShell 5.1 writes enums as numbers).
const VOLUME_STATUS: Record<number, string> = {
  0: 'FullyDecrypted',
  1: 'FullyEncrypted',
  2: 'EncryptionInProgress',
  3: 'DecryptionInProgress',
  4: 'EncryptionSuspended',
  5: 'DecryptionSuspended',
}
/** As Win32_EncryptableVolume.GetEncryptionMethod numbers them. */
const ENCRYPTION_METHOD: Record<number, string | null> = {
  0: null,
  1: 'AES 128 with Diffuser',
  2: 'AES 256 with Diffuser',
  3: 'AES 128',
  4: 'AES 256',
  5: 'Hardware Encryption',
  6: 'XTS-AES 128',
  7: 'XTS-AES 256',
}
const METHOD_NAMES: Record<string, string | null> = {
  none: null,
  aes128: 'AES 128',
  aes256: 'AES 256',
  aes128diffuser: 'AES 128 with Diffuser',
  aes256diffuser: 'AES 256 with Diffuser',
  hardware: 'Hardware Encryption',
  xtsaes128: 'XTS-AES 128',
  xtsaes256: 'XTS-AES 256',
}

function enumText(value: unknown, table: Record<number, string | null>): string | null {
  const n = num(value)
  if (n !== null) return table[n] ?? null
  return str(value)
}

/**
 * `Get-BitLockerVolume | ConvertTo-Json` (elevated), or its default `Format-List` output. Enums may be numbers (PowerShell 5.1) or
 * strings (`-EnumsAsStrings`, PowerShell 7): VolumeStatus, ProtectionStatus (Off 0 / On 1 / Unknown 2),
 * VolumeType (OperatingSystem 0 / Data 1), EncryptionMethod.
 */
export function parseGetBitLockerVolumeJson(text: string): DiskEncryption {
  let objects: JsonObject[] = jsonObjects(text)
  if (objects.length === 0) {
    // The cmdlet's default list format (`Get-BitLockerVolume | Format-List`): keys are case-insensitive here.
    objects = listRecords(text)
      .filter((r) => r.has('mountpoint'))
      .map((r) => {
        const o: JsonObject = {}
        const names: Record<string, string> = {
          mountpoint: 'MountPoint',
          volumestatus: 'VolumeStatus',
          protectionstatus: 'ProtectionStatus',
          encryptionmethod: 'EncryptionMethod',
          encryptionpercentage: 'EncryptionPercentage',
          volumetype: 'VolumeType',
        }
        for (const [k, v] of r) if (names[k]) o[names[k] as string] = v
        return o
      })
  }
  if (objects.length === 0) return EMPTY
  const volumes: EncryptedVolume[] = []
  let system: boolean | null = null
  let sawSystem = false
  for (const o of objects) {
    const mount = str(o['MountPoint'])
    if (mount === null) continue
    const statusText = enumText(o['VolumeStatus'], VOLUME_STATUS)?.toLowerCase().replace(/\s+/g, '') ?? null
    let encrypted: boolean | null = null
    if (statusText === 'fullyencrypted') encrypted = true
    else if (statusText !== null && /decrypted|inprogress|suspended/.test(statusText)) encrypted = false
    const pct = num(o['EncryptionPercentage'])
    if (encrypted === null && pct !== null) encrypted = pct >= 100
    const protRaw = o['ProtectionStatus']
    const protNum = num(protRaw)
    const protText = typeof protRaw === 'string' ? protRaw.trim().toLowerCase() : null
    const protection: EncryptedVolume['protection'] =
      protNum === 1 || protText === 'on' ? 'on' : protNum === 0 || protText === 'off' ? 'off' : null
    const methodRaw = o['EncryptionMethod']
    const method = num(methodRaw) !== null ? (ENCRYPTION_METHOD[num(methodRaw) as number] ?? null) : (() => {
      const s = str(methodRaw)
      if (s === null) return null
      const key = s.toLowerCase().replace(/[^a-z0-9]/g, '')
      return key in METHOD_NAMES ? (METHOD_NAMES[key] ?? null) : s
    })()
    const vol: EncryptedVolume = {id: mount, mount: /^[A-Za-z]:\\?$/.test(mount) ? mount.slice(0, 2).toUpperCase() : mount, encrypted, method, protection}
    volumes.push(vol)
    const vt = o['VolumeType']
    const isOs = num(vt) === 0 || (typeof vt === 'string' && vt.toLowerCase() === 'operatingsystem')
    if (isOs) {
      sawSystem = true
      system = systemEncrypted(vol)
    }
  }
  return {volumes, systemVolumeEncrypted: sawSystem ? system : null}
}

/**
 * macOS `fdesetup status` (the startup volume): `FileVault is On.`, `FileVault is Off.`,
 * `Encryption in progress: Percent completed = 40.0` (false until done),
 * `FileVault is Off, but will be enabled after the next restart.` (false).
 * Several public parsers say that during a conversion the progress line follows `FileVault is On.`
 * (not seen in a capture here), so a progress line anywhere wins over `On`: encrypted only when done.
 */
export function parseFdesetupStatus(text: string): DiskEncryption {
  let on = false
  let off = false
  let inProgress = false
  for (const raw of splitLines(text).slice(0, 50)) {
    const line = raw.trim()
    if (/^FileVault is On\b/i.test(line)) on = true
    else if (/^FileVault is Off\b/i.test(line)) off = true
    else if (/^(Encryption|Decryption) in progress/i.test(line)) inProgress = true
  }
  if (!on && !off && !inProgress) return EMPTY
  const encrypted = on && !off && !inProgress
  return {volumes: [{id: '/', mount: '/', encrypted, method: 'FileVault', protection: null}], systemVolumeEncrypted: encrypted}
}

function mountsOf(dev: JsonObject): string[] {
  const out: string[] = []
  const single = str(dev['mountpoint'])
  if (single) out.push(single)
  const many = dev['mountpoints']
  if (Array.isArray(many)) for (const m of many) if (typeof m === 'string' && m.length > 0 && !out.includes(m)) out.push(m)
  return out
}

/**
 * `lsblk -J -o NAME,TYPE,FSTYPE,MOUNTPOINT` (or MOUNTPOINTS). A mounted filesystem is encrypted
 * when it sits inside a `crypt` device (dm-crypt / LUKS): its own TYPE is `crypt` or an ancestor's is,
 * or an ancestor's FSTYPE is `crypto_LUKS`. One volume per mounted device; the one mounted at `/`
 * decides `systemVolumeEncrypted`.
 */
export function parseLsblkEncryption(text: string): DiskEncryption {
  const root = parseJson(text)
  if (!isObject(root) || !Array.isArray(root['blockdevices'])) return EMPTY
  const volumes: EncryptedVolume[] = []
  let system: boolean | null = null
  const walk = (dev: unknown, crypt: string | null, depth: number) => {
    if (!isObject(dev) || depth > 32) return
    const name = str(dev['name'])
    const type = str(dev['type'])?.toLowerCase() ?? null
    const fstype = str(dev['fstype'])
    let inCrypt = crypt
    if (type === 'crypt') inCrypt = crypt ?? 'dm-crypt'
    if (fstype !== null && fstype.toLowerCase() === 'crypto_luks') inCrypt = 'crypto_LUKS'
    if (name !== null) {
      for (const mount of mountsOf(dev)) {
        const encrypted = inCrypt !== null
        volumes.push({id: name.startsWith('/') ? name : `/dev/${name}`, mount, encrypted, method: inCrypt, protection: null})
        if (mount === '/') system = encrypted
      }
    }
    const children = dev['children']
    if (Array.isArray(children)) for (const child of children) walk(child, inCrypt, depth + 1)
  }
  for (const dev of root['blockdevices']) walk(dev, null, 0)
  return {volumes, systemVolumeEncrypted: system}
}
