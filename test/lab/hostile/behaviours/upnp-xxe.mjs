// A UPnP device whose description declares external entities (XXE): /etc/passwd, and a DTD at
// a public address that a resolving parser would fetch.
import {xxe} from '../lib/descriptions.mjs'
import {PUBLIC_TARGETS} from '../lib/evil-text.mjs'
import {startUpnpDevice, uuidFor} from '../lib/upnp-device.mjs'

export async function start(ip, log) {
  const body = xxe(uuidFor(ip, 'upnp-xxe'), PUBLIC_TARGETS[2])
  await startUpnpDevice(ip, log, {
    name: 'upnp-xxe',
    deviceType: 'urn:schemas-upnp-org:device:MediaServer:1',
    http: (_req, res) => res.writeHead(200, {'Content-Type': 'text/xml; charset="utf-8"'}).end(body),
  })
}
