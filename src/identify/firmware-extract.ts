import type {FingerprintSource} from '../vendordb/schema.js'

/**
 * Generic firmware readings, for when a model has no `firmwareFrom` of its own: explicit
 * version words only ("Ver.1.4.2", "Firmware Version: 1.05", "ファームウェアバージョン 2.53"),
 * never a bare number that could be anything.
 */
const VERSION_WORD = /(?:firmware\s*version|firmware|fw\s*ver(?:sion)?|software\s*version|version|ver|rev|ファームウェア(?:\s*バージョン)?)\s*[:：.]?\s*(v?\d+(?:[._]\d+)+(?:[a-z]{1,5}\d{0,4})?)(?![\w.(])/i

const GENERIC_SOURCES: readonly FingerprintSource[] = ['tr064.softwareVersion', 'snmp.sysDescr', 'http.body', 'http.title', 'http.server', 'upnp.server']

export interface FirmwareReading {
  source: FingerprintSource
  value: string
  version: string
}

export function genericFirmwareReadings(fields: Map<FingerprintSource, string[]>): FirmwareReading[] {
  const readings: FirmwareReading[] = []
  for (const source of GENERIC_SOURCES) {
    for (const value of fields.get(source) ?? []) {
      if (source === 'tr064.softwareVersion' && /^v?\d+(?:[._]\d+)+(?:[a-z]{1,5}\d{0,4})?$/i.test(value.trim())) {
        readings.push({source, value, version: value.trim()})
        continue
      }
      const m = VERSION_WORD.exec(value)
      if (m) readings.push({source, value, version: m[1]!})
    }
  }
  return readings
}
