import type {RouterObservations} from '../evidence/router-schema.js'
import type {FingerprintSource} from '../vendordb/schema.js'

/** Device-supplied text is matched only up to this length, which also bounds regex work. */
export const MAX_MATCH_LENGTH = 512

/**
 * The observation fields that fingerprints can match, with their values. Only the root UPnP
 * device counts: miniupnpd and the Portable UPnP SDK put their own names in embedded devices
 * and in SERVER, and those are not the router's vendor.
 */
export function observationFields(obs: RouterObservations): Map<FingerprintSource, string[]> {
  const fields = new Map<FingerprintSource, string[]>()
  const add = (key: FingerprintSource, value: string | null | undefined) => {
    if (!value) return
    const list = fields.get(key) ?? []
    const clipped = value.slice(0, MAX_MATCH_LENGTH)
    if (!list.includes(clipped)) list.push(clipped)
    fields.set(key, list)
  }
  const root = obs.upnp?.device
  if (root) {
    add('upnp.manufacturer', root.manufacturer)
    add('upnp.modelName', root.modelName)
    add('upnp.modelNumber', root.modelNumber)
    add('upnp.modelDescription', root.modelDescription)
    add('upnp.friendlyName', root.friendlyName)
    add('upnp.deviceType', root.deviceType)
  }
  for (const s of obs.ssdp) add('upnp.server', s.server)
  for (const page of obs.http) {
    add('http.title', page.title)
    add('http.server', page.server)
    add('http.realm', page.realm)
    add('http.body', page.text)
    add('tls.subject', page.tls?.subject)
    add('tls.issuer', page.tls?.issuer)
  }
  const system = obs.snmp?.answer?.system
  add('snmp.sysDescr', system?.sysDescr)
  add('snmp.sysObjectID', system?.sysObjectID)
  add('snmp.sysName', system?.sysName)
  const tr = obs.tr064?.device
  add('tr064.modelName', tr?.modelName)
  add('tr064.manufacturer', tr?.manufacturer)
  add('tr064.softwareVersion', tr?.systemVersion)
  return fields
}

/** The evidence family of a field: upnp, http, snmp, tr064 or tls. */
export function familyOf(source: string): string {
  return source.split('.')[0]!
}
