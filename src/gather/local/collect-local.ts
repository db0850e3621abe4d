import {platform as osPlatform} from 'node:os'
import type {LocalPosture} from '../../evidence/local-schema.js'
import {readConnection} from './connection.js'
import {readDisk} from './disk.js'
import {matchPublicHotspot} from './public-hotspots.js'
import {readRemovable, readScreenLock} from './removable-and-lock.js'
import {readSecuritySoftware} from './security-software.js'
import {readShares} from './shares.js'
import {readVpn} from './vpn.js'
import {readWifi} from './wifi.js'

/**
 * Read the work PC's own posture. Every part runs its OS commands with timeouts; a part that
 * cannot be read says why (and the rules answer `unknown`), never fails the scan.
 */
export async function collectLocal(activeInterface: string | null, platform: NodeJS.Platform = osPlatform()): Promise<LocalPosture> {
  const [wifi, vpn, shares, disk, security, removable, screenLock] = await Promise.all([
    readWifi(platform),
    readVpn(platform),
    readShares(platform),
    readDisk(platform),
    readSecuritySoftware(platform),
    readRemovable(platform),
    readScreenLock(platform),
  ])
  const connection = await readConnection(platform, activeInterface, wifi, vpn)
  const hotspot = matchPublicHotspot(wifi.current?.ssid ?? null)
  return {
    os: platform,
    connection,
    wifi: {...wifi, publicHotspot: hotspot ? {id: hotspot.id, operator: hotspot.operator, source: hotspot.source} : null},
    vpn,
    shares,
    disk,
    security,
    removable,
    screenLock,
  }
}
