import type {LocalPosture} from '../../src/evidence/local-schema.js'

const ok = {status: 'read' as const, reason: null, commands: []}

type Overrides = {[K in keyof LocalPosture]?: K extends 'os' ? string : Partial<LocalPosture[K]>}

/** A posture for rule tests: a wired Linux PC with nothing wrong, then the overrides. */
export function posture(overrides: Overrides = {}): LocalPosture {
  const base: LocalPosture = {
    os: 'linux',
    connection: {...ok, type: 'wired', interface: 'eth0', mobileRouter: null},
    wifi: {...ok, current: null, nearby: [], publicHotspot: null},
    vpn: {...ok, up: true, interfaces: [{name: 'wg0', kind: 'wireguard', up: true, carriesDefaultRoute: true}]},
    shares: {...ok, shares: []},
    disk: {...ok, systemVolumeEncrypted: true, volumes: [{id: '/dev/nvme0n1p3', mount: '/', encrypted: true, method: 'crypto_LUKS', protection: null}]},
    security: {...ok, products: [{name: 'ESET Endpoint Security', vendor: 'eset', enabled: true, upToDate: true, source: 'process'}]},
    removable: {...ok, media: []},
    screenLock: {...ok, idleSeconds: 300, lockEnabled: true, lockDelaySeconds: 0},
  }
  const out = {...base} as Record<string, unknown>
  for (const [k, v] of Object.entries(overrides)) out[k] = k === 'os' ? v : {...(base as unknown as Record<string, object>)[k], ...(v as object)}
  return out as unknown as LocalPosture
}

export function wifi(auth: string, cipher: string, ssid = 'MyHome-5G') {
  return {interface: 'wlan0', ssid, bssid: '10:66:82:00:00:99', auth, cipher, band: '5 GHz', channel: 36, signal: 80, signalUnit: 'percent', state: 'connected'} as LocalPosture['wifi']['current']
}
