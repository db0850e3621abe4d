import type {DeviceType, Host} from '../evidence/schema.js'

/**
 * What kind of device a host is, from facts already in the evidence: IEEE vendor, DNS-SD
 * service types and TXT model, NetBIOS names, UPnP device type, open ports, names, the
 * gateway flag. Each fact votes for a type with a weight; the type with the most weight wins
 * only when it has enough and clearly more than the next one. Otherwise `unknown`: a wrong
 * type is worse than none (a phone called a PC would make N-3.3.9 pass silently).
 */

export const DEVICE_TYPES: readonly DeviceType[] = ['router', 'pc', 'phone/tablet', 'printer', 'nas', 'tv/media', 'iot', 'unknown']

/** Least total weight for a type to be chosen, and its least lead over the runner-up. */
export const MIN_SCORE = 4
export const MIN_LEAD = 2

export interface DeviceClassification {
  type: DeviceType
  reasons: string[]
  /** Total weight per type, for tests and debugging. */
  scores: Partial<Record<DeviceType, number>>
}

interface Vote {
  type: Exclude<DeviceType, 'unknown'>
  weight: number
  reason: string
}

/** Short, single-line quote of device text inside a reason (the report sanitises it again). */
function q(text: string, max = 64): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return [...flat].length > max ? `${[...flat].slice(0, max).join('')}…` : flat
}

type VendorRule = {pattern: RegExp; votes: Array<[Vote['type'], number]>; what: string}

/** IEEE registrant names (oui-data spelling) and what their devices usually are. */
const VENDOR_RULES: readonly VendorRule[] = [
  {pattern: /^(Synology|QNAP|ASUSTOR|TerraMaster)/i, votes: [['nas', 6]], what: 'makes NAS'},
  {pattern: /^(WESTERN DIGITAL|Western Digital)/, votes: [['nas', 3]], what: 'makes network drives'},
  {pattern: /^(Motorola Mobility|Lenovo Mobile|GUANGDONG OPPO|vivo Mobile|OnePlus|Xiaomi Communications|Beijing Xiaomi Mobile|Huawei Device|FCNT|Sony Mobile|Fairphone|Nothing Technology)/i, votes: [['phone/tablet', 4]], what: 'makes phones'},
  {pattern: /^(Samsung Electronics|SHARP Corporation|Google, Inc\.|Kyocera Wireless)/i, votes: [['phone/tablet', 2]], what: 'makes phones among other things'},
  {pattern: /^(Dell|Lenovo|Notebook Development Lab|MICRO-STAR|Micro-Star|FUJITSU LIMITED|Fujitsu Technology|Dynabook|Acer|GIGA-BYTE|ASRock|Intel Corporate|Microsoft Corporation|Panasonic Connect)/i, votes: [['pc', 3]], what: 'makes PCs'},
  {pattern: /^(HP Inc\.|Hewlett Packard$)/, votes: [['pc', 2], ['printer', 2]], what: 'makes PCs and printers'},
  {pattern: /^(Brother Industries|Seiko Epson|KYOCERA Document|RICOH|XEROX|Xerox|LEXMARK|CANON INC|Konica Minolta|FUJIFILM Business)/i, votes: [['printer', 5]], what: 'makes printers'},
  {pattern: /^(Roku|Sonos|SONOS|Sony Interactive|Nintendo|SONY Visual|Toshiba Visual|Hisense|TCL King|Vizio|Funai)/i, votes: [['tv/media', 5]], what: 'makes TVs, players or consoles'},
  {pattern: /^(Espressif|Tuya Smart|Signify|Philips Lighting|Nest Labs|ecobee|iRobot|Blink by Amazon|Wonder Labs|Shelly|Allterco|Meross|Wyze|Arlo)/i, votes: [['iot', 6]], what: 'makes smart-home devices'},
  {pattern: /^(Amazon Technologies)/i, votes: [['iot', 3], ['tv/media', 2]], what: 'makes Echo and Fire TV devices'},
  {pattern: /^(NEC Platforms|BUFFALO|I-O DATA|ELECOM|TP-LINK|NETGEAR|AVM |AVM GmbH|Ubiquiti|YAMAHA CORPORATION|Routerboard|MikroTik|Zyxel|ZyXEL|DrayTek|Linksys|Belkin|Sumitomo Electric)/i, votes: [['router', 2]], what: 'makes routers and access points'},
]

const NAS_NAME = /^(diskstation|ds\d{3}|ds-|nas\b|nas-|ts-\d|ls-|ls\d|linkstation|terastation|landisk|readynas|wdmycloud|mycloud|qnap|asustor)/i
const PC_NAME = /^(desktop|laptop)-[a-z0-9]{5,}|-pc\b|\bpc$|macbook|imac|mac-?mini|thinkpad|surface/i
const PHONE_NAME = /iphone|ipad|ipod|android|galaxy-?[sazn]\d|pixel-?\d|xperia/i
const TV_NAME = /apple-?tv|chromecast|fire-?tv|roku|bravia|regza|viera|playstation|\bps[45]\b|xbox|nintendo/i
const PRINTER_NAME = /printer|^br[nw][0-9a-f]{12}|^epson|^canon|^npi[0-9a-f]{6}|^hp[0-9a-f]{6}/i

function vendorVotes(host: Host, votes: Vote[]): void {
  if (host.macRandomized) votes.push({type: 'phone/tablet', weight: 2, reason: 'randomised (private) MAC address, the default on phones'})
  const vendor = host.vendor
  if (!vendor) return
  for (const rule of VENDOR_RULES) {
    if (!rule.pattern.test(vendor)) continue
    for (const [type, weight] of rule.votes) votes.push({type, weight, reason: `IEEE vendor ${q(vendor)} ${rule.what}`})
    break
  }
}

function portVotes(host: Host, votes: Vote[]): void {
  const open = new Set(host.ports.filter((p) => p.state === 'open').map((p) => p.port))
  if (open.has(62078)) votes.push({type: 'phone/tablet', weight: 7, reason: 'TCP 62078 open (iphone-sync: iOS lockdown service, only on iPhone/iPad)'})
  if (open.has(9100)) votes.push({type: 'printer', weight: 6, reason: 'TCP 9100 open (JetDirect raw printing)'})
  if (open.has(631)) votes.push({type: 'printer', weight: 4, reason: 'TCP 631 open (IPP printing)'})
  if (open.has(515)) votes.push({type: 'printer', weight: 4, reason: 'TCP 515 open (LPD printing)'})
  if (open.has(445) || open.has(139)) {
    const which = [445, 139].filter((p) => open.has(p)).join('/')
    votes.push({type: 'pc', weight: 2, reason: `TCP ${which} open (SMB file sharing: a PC or a NAS)`})
    votes.push({type: 'nas', weight: 2, reason: `TCP ${which} open (SMB file sharing: a PC or a NAS)`})
  }
  if (open.has(3389)) votes.push({type: 'pc', weight: 5, reason: 'TCP 3389 open (Windows Remote Desktop)'})
  if (open.has(5357)) votes.push({type: 'pc', weight: 2, reason: 'TCP 5357 open (WSD, Windows)'})
  if (open.has(548)) votes.push({type: 'nas', weight: 2, reason: 'TCP 548 open (AFP file sharing)'})
  if (open.has(2049)) votes.push({type: 'nas', weight: 2, reason: 'TCP 2049 open (NFS)'})
  if (open.has(21)) votes.push({type: 'nas', weight: 1, reason: 'TCP 21 open (FTP server)'})
  if (open.has(1883)) votes.push({type: 'iot', weight: 3, reason: 'TCP 1883 open (MQTT)'})
  if (open.has(554)) votes.push({type: 'iot', weight: 2, reason: 'TCP 554 open (RTSP, cameras)'})
  if (open.has(49000)) votes.push({type: 'router', weight: 5, reason: 'TCP 49000 open (TR-064, home gateways)'})
  if (open.has(53)) votes.push({type: 'router', weight: 3, reason: 'TCP 53 open (a DNS server on the LAN, usually the router)'})
}

const SERVICE_VOTES: ReadonlyArray<[string, Array<[Vote['type'], number]>, string]> = [
  ['_ipp._tcp', [['printer', 6]], 'IPP printer'],
  ['_ipps._tcp', [['printer', 6]], 'IPP printer'],
  ['_printer._tcp', [['printer', 6]], 'LPD printer'],
  ['_pdl-datastream._tcp', [['printer', 6]], 'raw printer'],
  ['_googlecast._tcp', [['tv/media', 7]], 'Google Cast receiver'],
  ['_airplay._tcp', [['tv/media', 4]], 'AirPlay receiver'],
  ['_raop._tcp', [['tv/media', 3]], 'AirPlay audio receiver'],
  ['_hap._tcp', [['iot', 7]], 'HomeKit accessory'],
  ['_apple-mobdev2._tcp', [['phone/tablet', 5]], 'iOS Wi-Fi sync'],
  ['_smb._tcp', [['nas', 2], ['pc', 2]], 'SMB file sharing'],
  ['_afpovertcp._tcp', [['nas', 3], ['pc', 1]], 'AFP file sharing'],
  ['_adisk._tcp', [['nas', 3]], 'Time Machine disk'],
  ['_workstation._tcp', [['pc', 2]], 'workstation'],
]

function modelVotes(key: string, value: string, votes: Vote[]): void {
  const v = value.trim()
  const where = `mDNS TXT ${key}=${q(v)}`
  if (key === 'model' || key === 'rpmd' || key === 'am') {
    if (/^(iPhone|iPad|iPod)\d/i.test(v)) votes.push({type: 'phone/tablet', weight: 9, reason: `${where} (an ${/^iPad/i.test(v) ? 'iPad' : /^iPod/i.test(v) ? 'iPod' : 'iPhone'})`})
    else if (/^AppleTV\d/i.test(v)) votes.push({type: 'tv/media', weight: 9, reason: `${where} (an Apple TV)`})
    else if (/^AudioAccessory\d/i.test(v)) votes.push({type: 'tv/media', weight: 7, reason: `${where} (a HomePod)`})
    else if (/^(MacBook|MacBookPro|MacBookAir|iMac|iMacPro|Macmini|MacPro|MacStudio|Mac)\d/i.test(v)) votes.push({type: 'pc', weight: 9, reason: `${where} (a Mac)`})
    else if (/^(Xserve|RackMac)/i.test(v)) votes.push({type: 'nas', weight: 4, reason: `${where} (how NAS boxes present their disks to Macs)`})
  } else if (key === 'md') {
    if (/google home|nest (mini|audio|hub)|google nest/i.test(v)) votes.push({type: 'iot', weight: 9, reason: `${where} (a smart speaker, though it speaks Cast)`})
    else votes.push({type: 'tv/media', weight: 4, reason: `${where} (a Cast device)`})
  } else if (key === 'ty' || key === 'usb_mdl' || key === 'product') {
    votes.push({type: 'printer', weight: key === 'ty' ? 7 : 3, reason: `${where} (a printer's model)`})
  }
}

function identityVotes(host: Host, votes: Vote[]): void {
  const id = host.identity
  if (!id) return
  const services = new Set(id.mdnsServices.map((s) => s.toLowerCase()))
  for (const [service, typeVotes, what] of SERVICE_VOTES) {
    if (!services.has(service)) continue
    for (const [type, weight] of typeVotes) votes.push({type, weight, reason: `mDNS service ${service} (${what})`})
  }
  for (const [key, value] of Object.entries(id.mdnsTxt)) modelVotes(key.toLowerCase(), value, votes)

  const unique = id.netbios.filter((n) => !n.group)
  const workstation = unique.find((n) => n.suffix === 0x00)
  const server = unique.find((n) => n.suffix === 0x20)
  if (workstation) votes.push({type: 'pc', weight: 3, reason: `NetBIOS workstation service ${q(workstation.name, 16)}<00>`})
  if (server) {
    votes.push({type: 'pc', weight: 1, reason: `NetBIOS file server service ${q(server.name, 16)}<20>`})
    votes.push({type: 'nas', weight: 2, reason: `NetBIOS file server service ${q(server.name, 16)}<20>`})
  }

  const upnpType = id.upnp?.deviceType ?? ''
  if (/InternetGatewayDevice|WANDevice|WANConnectionDevice|WFADevice/i.test(upnpType)) votes.push({type: 'router', weight: 8, reason: `UPnP device type ${q(upnpType, 80)}`})
  else if (/device:Printer/i.test(upnpType)) votes.push({type: 'printer', weight: 8, reason: `UPnP device type ${q(upnpType, 80)}`})
  else if (/MediaRenderer/i.test(upnpType)) votes.push({type: 'tv/media', weight: 6, reason: `UPnP device type ${q(upnpType, 80)}`})
  const model = `${id.upnp?.modelName ?? ''} ${id.upnp?.friendlyName ?? ''}`
  if (/DiskStation|\bDS\d{3}|\bTS-\d|LinkStation|TeraStation|LANDISK|ReadyNAS|My ?Cloud/i.test(model)) votes.push({type: 'nas', weight: 5, reason: `UPnP model ${q(model)}`})
}

function nameVotes(host: Host, votes: Vote[]): void {
  const seen = new Set<string>()
  for (const {name, source} of host.names) {
    const base = name.replace(/\.(local|lan|home|home\.arpa)$/i, '')
    const checks: Array<[RegExp, Vote['type'], number]> = [
      [PHONE_NAME, 'phone/tablet', 5],
      [NAS_NAME, 'nas', 4],
      [TV_NAME, 'tv/media', 4],
      [PRINTER_NAME, 'printer', 4],
      [PC_NAME, 'pc', 4],
    ]
    for (const [pattern, type, weight] of checks) {
      if (seen.has(type) || !pattern.test(base)) continue
      seen.add(type)
      votes.push({type, weight, reason: `${source} name "${q(name, 48)}"`})
      break
    }
  }
}

/** Classify one host. Pure: the same host always gets the same answer. */
export function classifyDevice(host: Host): DeviceClassification {
  const votes: Vote[] = []
  if (host.isSelf) votes.push({type: 'pc', weight: 10, reason: 'this PC (the work PC running the scan)'})
  if (host.isGateway) votes.push({type: 'router', weight: 10, reason: 'the default gateway'})
  vendorVotes(host, votes)
  portVotes(host, votes)
  identityVotes(host, votes)
  nameVotes(host, votes)

  const scores: Partial<Record<DeviceType, number>> = {}
  for (const v of votes) scores[v.type] = (scores[v.type] ?? 0) + v.weight
  const ranked = (Object.entries(scores) as Array<[DeviceType, number]>).sort((a, b) => b[1] - a[1])
  const [best, second] = ranked
  const byWeight = (a: Vote, b: Vote) => b.weight - a.weight
  if (best && best[1] >= MIN_SCORE && best[1] - (second?.[1] ?? 0) >= MIN_LEAD) {
    const reasons = votes.filter((v) => v.type === best[0]).sort(byWeight).map((v) => v.reason)
    return {type: best[0], reasons: [...new Set(reasons)].slice(0, 8), scores}
  }
  const reasons = ranked.length
    ? [
        `not decided: ${ranked
          .slice(0, 3)
          .map(([t, s]) => `${t} ${s}`)
          .join(', ')} (needs ${MIN_SCORE} and a lead of ${MIN_LEAD})`,
        ...[...new Set(votes.sort(byWeight).map((v) => `${v.reason} → ${v.type}`))].slice(0, 7),
      ]
    : ['nothing identifying: no known vendor, service, name or telling port']
  return {type: 'unknown', reasons, scores}
}

/** The type and reasons to store on a host record. */
export function withDeviceType<T extends Host>(host: T): T {
  const {type, reasons} = classifyDevice(host)
  return {...host, deviceType: type, deviceTypeReasons: reasons}
}
