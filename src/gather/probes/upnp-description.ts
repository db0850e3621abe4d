import {XMLParser, XMLValidator} from 'fast-xml-parser'

/** What a UPnP device description (or a TR-064 tr64desc.xml) says about the device. */
export interface UpnpDevice {
  deviceType: string | null
  friendlyName: string | null
  manufacturer: string | null
  manufacturerURL: string | null
  modelName: string | null
  modelNumber: string | null
  modelDescription: string | null
  serialNumber: string | null
  UDN: string | null
  presentationURL: string | null
  services: string[]
  devices: UpnpDevice[]
}

export interface UpnpDescription {
  root: UpnpDevice
  /** TR-064 and some vendors put the firmware in systemVersion / softwareVersion. */
  systemVersion: string | null
}

export const MAX_DESCRIPTION_BYTES = 1024 * 1024
const MAX_DEVICES = 64
const MAX_SERVICES = 128
const MAX_FIELD = 512

export class DescriptionRejected extends Error {
  override name = 'DescriptionRejected'
}

const parser = new XMLParser({
  ignoreAttributes: true,
  processEntities: false,
  htmlEntities: false,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['device', 'service'].includes(name),
})

function field(node: Record<string, unknown>, key: string): string | null {
  const value = node[key]
  if (typeof value !== 'string' && typeof value !== 'number') return null
  const text = String(value).trim()
  return text ? text.slice(0, MAX_FIELD) : null
}

function asArray(value: unknown): Record<string, unknown>[] {
  if (!value) return []
  return (Array.isArray(value) ? value : [value]).filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
}

function readDevice(node: Record<string, unknown>, budget: {devices: number}, depth: number): UpnpDevice {
  const services = asArray((node.serviceList as Record<string, unknown> | undefined)?.service)
    .slice(0, MAX_SERVICES)
    .map((s) => field(s, 'serviceType'))
    .filter((s): s is string => s !== null)
  const children = depth < 4 ? asArray((node.deviceList as Record<string, unknown> | undefined)?.device) : []
  const devices: UpnpDevice[] = []
  for (const child of children) {
    if (++budget.devices > MAX_DEVICES) break
    devices.push(readDevice(child, budget, depth + 1))
  }
  return {
    deviceType: field(node, 'deviceType'),
    friendlyName: field(node, 'friendlyName'),
    manufacturer: field(node, 'manufacturer'),
    manufacturerURL: field(node, 'manufacturerURL'),
    modelName: field(node, 'modelName'),
    modelNumber: field(node, 'modelNumber'),
    modelDescription: field(node, 'modelDescription'),
    serialNumber: field(node, 'serialNumber'),
    UDN: field(node, 'UDN'),
    presentationURL: field(node, 'presentationURL'),
    services,
    devices,
  }
}

/**
 * Parse a UPnP device description. Documents with a DOCTYPE or entity declarations are
 * rejected outright (no entity is ever expanded, so neither XXE nor billion laughs apply),
 * as are oversized ones and ones without a root device.
 */
export function parseUpnpDescription(xml: string | Buffer): UpnpDescription {
  const raw = typeof xml === 'string' ? xml : xml.toString('utf8')
  if (raw.length > MAX_DESCRIPTION_BYTES) throw new DescriptionRejected(`description rejected: too large (larger than ${MAX_DESCRIPTION_BYTES} bytes)`)
  if (/<!DOCTYPE|<!ENTITY/i.test(raw)) throw new DescriptionRejected('description rejected: DOCTYPE or ENTITY declarations are not allowed (XML bomb or XXE; nothing was expanded)')
  // Real routers send bare "&" in names (a NETGEAR WNR2000v5 does): escape those, nothing else.
  const text = raw.replace(/&(?!(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});)/gi, '&amp;')
  let doc: Record<string, unknown>
  try {
    const valid = XMLValidator.validate(text)
    if (valid !== true) throw new Error(`${valid.err.msg} (line ${valid.err.line})`)
    doc = parser.parse(text) as Record<string, unknown>
  } catch (error) {
    throw new DescriptionRejected(`description rejected: not well-formed XML (${error instanceof Error ? error.message.slice(0, 120) : 'parse error'})`)
  }
  const root = doc.root as Record<string, unknown> | undefined
  const device = asArray(root?.device)[0]
  if (!root || !device) throw new DescriptionRejected('description rejected: no <root><device>')
  const specVersion = root.systemVersion as Record<string, unknown> | undefined
  const systemVersion = specVersion ? field(specVersion, 'Display') ?? field(specVersion, 'Version') ?? null : null
  return {root: readDevice(device, {devices: 0}, 0), systemVersion}
}

/** Every device in the tree, root first. */
export function flattenDevices(device: UpnpDevice): UpnpDevice[] {
  return [device, ...device.devices.flatMap(flattenDevices)]
}
