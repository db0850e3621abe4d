/**
 * Removable storage attached to the PC: Linux `lsblk -J -o NAME,RM,HOTPLUG,TRAN,MOUNTPOINT,TYPE`,
 * Windows `Get-Volume | ConvertTo-Json` and macOS `diskutil list external physical`.
 * Pure functions: text in, typed data out; garbage gives [] and never throws.
 */
import {isObject, jsonObjects, MAX_LINE_LENGTH, num, parseJson, splitLines, str} from './text.js'
import type {JsonObject} from './text.js'
import type {RemovableMedia} from './types.js'

/** lsblk prints booleans as true/false (util-linux 2.33+) or "1"/"0" (older releases). */
function flag(value: unknown): boolean {
  return value === true || value === 1 || value === '1'
}

function mountsUnder(dev: JsonObject, depth = 0): string[] {
  if (depth > 32) return []
  const out: string[] = []
  const single = str(dev['mountpoint'])
  if (single) out.push(single)
  const many = dev['mountpoints']
  if (Array.isArray(many)) for (const m of many) if (typeof m === 'string' && m.length > 0 && !out.includes(m)) out.push(m)
  const children = dev['children']
  if (Array.isArray(children)) {
    for (const child of children) if (isObject(child)) for (const m of mountsUnder(child, depth + 1)) if (!out.includes(m)) out.push(m)
  }
  return out
}

/**
 * Whole disks that are removable (`RM`), hot-pluggable (`HOTPLUG`) or on a USB / SD / MMC / Firewire
 * transport, with the mount points of their partitions. Optical drives (`rom`) count; loop and RAM
 * devices do not.
 */
export function parseLsblkRemovable(text: string): RemovableMedia[] {
  const root = parseJson(text)
  if (!isObject(root) || !Array.isArray(root['blockdevices'])) return []
  const result: RemovableMedia[] = []
  for (const dev of root['blockdevices']) {
    if (!isObject(dev)) continue
    const name = str(dev['name'])
    if (name === null) continue
    const type = str(dev['type'])?.toLowerCase() ?? null
    if (type === 'loop' || type === 'ram' || (name.startsWith('zram') && type !== 'rom')) continue
    const tran = str(dev['tran'])?.toLowerCase() ?? null
    const removableTransport = tran !== null && ['usb', 'mmc', 'sd', 'ieee1394', 'firewire'].includes(tran)
    if (!flag(dev['rm']) && !flag(dev['hotplug']) && !removableTransport) continue
    result.push({name, mounts: mountsUnder(dev), transport: tran})
  }
  return result
}

/** A drive letter from ConvertTo-Json: a string `"E"`, or the char code (69) when PowerShell serialises the [char]. */
function driveLetter(value: unknown): string | null {
  if (typeof value === 'string' && /^[A-Za-z]$/.test(value.trim())) return `${value.trim().toUpperCase()}:`
  const n = num(value)
  if (n !== null && n >= 65 && n <= 90) return `${String.fromCharCode(n)}:`
  if (n !== null && n >= 97 && n <= 122) return `${String.fromCharCode(n - 32)}:`
  return null
}

/**
 * `Get-Volume | ConvertTo-Json`: volumes whose DriveType is Removable (`"Removable"` or 2 as the
 * MSFT_Volume enum number). CD-ROM (5) volumes are included too, as removable media.
 */
export function parseGetVolumeJson(text: string): RemovableMedia[] {
  const result: RemovableMedia[] = []
  for (const v of jsonObjects(text)) {
    const typeRaw = v['DriveType']
    const typeNum = num(typeRaw)
    const typeText = typeof typeRaw === 'string' ? typeRaw.trim().toLowerCase() : null
    const removable = typeNum === 2 || typeNum === 5 || typeText === 'removable' || typeText === 'cd-rom' || typeText === 'cdrom'
    if (!removable) continue
    const letter = driveLetter(v['DriveLetter'])
    const name = letter ?? str(v['FileSystemLabel']) ?? str(v['UniqueId']) ?? str(v['Path'])
    if (name === null) continue
    result.push({name, mounts: letter ? [letter] : [], transport: typeNum === 5 || typeText === 'cd-rom' || typeText === 'cdrom' ? 'optical' : null})
  }
  return result
}

/** `/dev/disk2 (external, physical):` — the disk header of `diskutil list`. */
const DISKUTIL_HEADER = /^\/dev\/(disk\d{1,4})\s*\(([^)]{0,80})\)\s*:?\s*$/

/**
 * macOS `diskutil list external physical` (or a full `diskutil list`): every disk whose header says
 * `(external, physical)`, named by its identifier and the names of its volumes, e.g.
 * `disk3 (My Passport)`. Internal disks, APFS containers (`synthesized`) and disk images are not
 * removable media. `diskutil list` shows no mount points, so `mounts` stays empty. A card in a
 * Mac's built-in SD slot may be listed as internal and is then not seen here.
 */
export function parseDiskutilList(text: string): RemovableMedia[] {
  const result: RemovableMedia[] = []
  let current: {id: string; names: string[]} | null = null
  let nameCol = -1
  let sizeCol = -1
  const finish = () => {
    if (current) result.push({name: current.names.length > 0 ? `${current.id} (${current.names.join(', ')})` : current.id, mounts: [], transport: null})
    current = null
  }
  for (const raw of splitLines(text)) {
    if (raw.length > MAX_LINE_LENGTH) continue
    const header = DISKUTIL_HEADER.exec(raw.trim())
    if (header) {
      finish()
      const kind = (header[2] ?? '').toLowerCase()
      if (/\bexternal\b/.test(kind) && /\bphysical\b/.test(kind)) current = {id: header[1] ?? '', names: []}
      nameCol = -1
      sizeCol = -1
      continue
    }
    if (!current) continue
    if (/^\s*#:\s+TYPE\s+NAME\s+SIZE\s+IDENTIFIER\s*$/.test(raw)) {
      nameCol = raw.indexOf('NAME')
      sizeCol = raw.indexOf('SIZE')
      continue
    }
    // `   1:               Windows_NTFS My Passport             1.0 TB     disk3s1`
    const row = /^\s*(\d{1,3}):\s/.exec(raw)
    if (!row || nameCol < 0 || sizeCol <= nameCol) continue
    // Sizes are right-aligned and may start one column early with `*` (whole disk) or `+` (container).
    const name = raw.slice(nameCol, sizeCol).trim().replace(/\s*[*+]$/, '').trim()
    if (name.length > 0 && name.length <= 64 && !current.names.includes(name) && current.names.length < 8) current.names.push(name)
  }
  finish()
  return result
}
