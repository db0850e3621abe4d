import {type Evidence, type Host, SCHEMA_VERSION} from '../../src/evidence/schema.js'

/** A host record for rule tests. */
export function host(ip: string, extra: Partial<Host> = {}): Host {
  return {ip, mac: null, vendor: null, macRandomized: false, names: [], ports: [], isGateway: false, isSelf: false, discoveredBy: ['neighbour-table'], ...extra}
}

/** Evidence of a scan of 192.168.1.0/24 from 192.168.1.10 with the router at .1, plus `others`. */
export function evidenceWith(others: Host[], overrides: Partial<Evidence> = {}): Evidence {
  return {
    schemaVersion: SCHEMA_VERSION,
    startedAt: '2026-11-26T00:00:00.000Z',
    finishedAt: '2026-11-26T00:00:05.000Z',
    tool: {name: 'homeaudit', version: '0.0.0-test'},
    platform: {os: 'linux', release: 'test', arch: 'x64', node: 'v20'},
    lang: 'en',
    network: {interface: 'eth0', address: '192.168.1.10', cidr: '192.168.1.0/24', gateway: '192.168.1.1', mac: '00:11:22:33:44:55', source: 'test'},
    scope: {target: '192.168.1.0/24', origin: 'interface', addresses: 256},
    hosts: [host('192.168.1.1', {isGateway: true, mac: '10:66:82:00:00:01', vendor: 'NEC Platforms, Ltd.'}), host('192.168.1.10', {isSelf: true}), ...others],
    shares: [],
    fileServices: [],
    exposures: [],
    local: null,
    router: null,
    probes: [],
    warnings: [],
    ...overrides,
  }
}
