// A UPnP TV whose well-formed description names it with markup, terminal escapes and a
// right-to-left override (issue #7): none of it may act in a terminal, Markdown or HTML report.
import {description} from '../lib/descriptions.mjs'
import {EVIL_NAMES} from '../lib/evil-text.mjs'
import {startUpnpDevice, uuidFor} from '../lib/upnp-device.mjs'

export async function start(ip, log) {
  const deviceType = 'urn:schemas-upnp-org:device:MediaRenderer:1'
  const body = description({deviceType, ...EVIL_NAMES, uuid: uuidFor(ip, 'upnp-evil-names'), raw: true, services: ['urn:schemas-upnp-org:service:RenderingControl:1']})
  await startUpnpDevice(ip, log, {
    name: 'upnp-evil-names',
    deviceType,
    http: (_req, res) => res.writeHead(200, {'Content-Type': 'text/xml; charset="utf-8"', Server: `Linux UPnP/1.0 ${EVIL_NAMES.manufacturer}`.replace(/[\x00-\x1f]/g, '')}).end(body),
  })
}
