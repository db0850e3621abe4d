import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {isLocallyAdministered, isMulticastMac} from '../util/mac.js'

/**
 * MAC vendor lookup in the IEEE MA-L registry, as shipped by the `oui-data` package
 * (keys: 6 upper-case hex digits; values: organisation name, then its postal address).
 */
let registry: Record<string, string> | null = null

function load(): Record<string, string> {
  if (!registry) {
    const path = createRequire(import.meta.url).resolve('oui-data')
    registry = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>
  }
  return registry
}

export interface VendorLookup {
  vendor: string | null
  /** The locally administered bit is set: randomised/private MAC, no vendor can be known. */
  randomized: boolean
}

export function lookupVendor(mac: string | null): VendorLookup {
  if (!mac) return {vendor: null, randomized: false}
  if (isLocallyAdministered(mac) || isMulticastMac(mac)) return {vendor: null, randomized: isLocallyAdministered(mac)}
  const key = mac.replaceAll(':', '').slice(0, 6).toUpperCase()
  const entry = load()[key]
  return {vendor: entry ? entry.split('\n')[0]!.trim() : null, randomized: false}
}
