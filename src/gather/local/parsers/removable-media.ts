/**
 * Removable storage attached to the PC: Linux `lsblk -J -o NAME,RM,HOTPLUG,TRAN,MOUNTPOINT,TYPE`
 * and Windows `Get-Volume | ConvertTo-Json`.
 * Pure functions: text in, typed data out; garbage gives [] and never throws.
 */
import {isObject, jsonObjects, num, parseJson, str} from './text.js'
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
