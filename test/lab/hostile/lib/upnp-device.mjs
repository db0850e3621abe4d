// A UPnP device of the hostile lab: SSDP on udp 1900 (unicast and multicast M-SEARCH) pointing
// at its own description on tcp 49152, which `serve` answers however the behaviour misbehaves.
import {createHash} from 'node:crypto'
import {listenHttp, listenTcp} from './descriptions.mjs'
import {matching, rootDeviceAnswers, ssdpAnswer, startSsdp} from './ssdp.mjs'

export const DESCRIPTION_PORT = 49152

/** A stable UUID per device and behaviour, so that repeated scans see the same USN. */
export function uuidFor(ip, name) {
  const h = createHash('sha256').update(`${ip} ${name}`).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`
}

/**
 * Start the device. Give `http(req, res)` for an HTTP server, or `tcp(socket)` for raw TCP
 * (answers that are not valid HTTP, or too slow for it).
 */
export async function startUpnpDevice(ip, log, {name, deviceType, http, tcp}) {
  const uuid = uuidFor(ip, name)
  const location = `http://${ip}:${DESCRIPTION_PORT}/description.xml`
  const answers = rootDeviceAnswers(uuid, deviceType, location).map((a) => ({...a, text: ssdpAnswer(a)}))
  if (tcp) await listenTcp(ip, DESCRIPTION_PORT, log, tcp)
  else await listenHttp(ip, DESCRIPTION_PORT, log, http)
  await startSsdp(ip, log, (search) => matching(answers, search).map((a) => a.text))
  return {uuid, location}
}
