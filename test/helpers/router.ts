import type {RouterObservations, RouterReport, Support} from '../../src/evidence/router-schema.js'

export function observations(extra: Partial<RouterObservations> = {}): RouterObservations {
  return {target: '192.168.1.1', ouiVendor: null, ssdp: [], upnp: null, http: [], snmp: {answer: null, attempts: []}, tr064: null, ...extra}
}

export function support(extra: Partial<Support> = {}): Support {
  return {status: 'supported', eolDate: null, latestFirmware: null, latestFirmwareDate: null, firmwareCurrent: null, kev: [], sources: ['https://example.invalid/support'], updateHowTo: null, ...extra}
}

/** A router report as analyseRouter would give it. */
export function routerReport(extra: Partial<RouterReport> = {}): RouterReport {
  return {
    vendor: 'Buffalo',
    model: 'WSR-1166DHP',
    modelId: 'buffalo-wsr-1166dhp',
    firmware: '1.05',
    confidence: 'high',
    sources: [{source: 'upnp.modelName', value: 'WSR-1166DHP', claims: {vendor: 'Buffalo', model: 'WSR-1166DHP'}, agrees: true}],
    conflicts: [],
    support: support(),
    observations: observations(),
    ...extra,
  }
}
