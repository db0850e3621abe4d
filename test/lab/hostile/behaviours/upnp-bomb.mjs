// A UPnP device whose description is an XML bomb (billion laughs): 10^9 "lol"s if expanded.
import {billionLaughs} from '../lib/descriptions.mjs'
import {startUpnpDevice, uuidFor} from '../lib/upnp-device.mjs'

export async function start(ip, log) {
  const body = billionLaughs(uuidFor(ip, 'upnp-bomb'))
  await startUpnpDevice(ip, log, {
    name: 'upnp-bomb',
    deviceType: 'urn:schemas-upnp-org:device:Basic:1',
    http: (_req, res) => res.writeHead(200, {'Content-Type': 'text/xml; charset="utf-8"'}).end(body),
  })
}
