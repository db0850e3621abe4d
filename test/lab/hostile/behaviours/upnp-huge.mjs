// A UPnP device whose description is 50 MB (Content-Length announced), streamed as the reader
// reads it, never held in memory.
import {streamHuge} from '../lib/descriptions.mjs'
import {startUpnpDevice, uuidFor} from '../lib/upnp-device.mjs'

export const HUGE_BYTES = 50 * 1024 * 1024

export async function start(ip, log) {
  const uuid = uuidFor(ip, 'upnp-huge')
  await startUpnpDevice(ip, log, {
    name: 'upnp-huge',
    deviceType: 'urn:schemas-upnp-org:device:MediaRenderer:1',
    http: (_req, res) => streamHuge(res, HUGE_BYTES, uuid),
  })
}
