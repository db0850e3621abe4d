// A UPnP device whose description trickles one byte a second, status line and headers
// included (slowloris): a reader without a total deadline would wait forever.
import {slowAnswer, trickle} from '../lib/descriptions.mjs'
import {startUpnpDevice, uuidFor} from '../lib/upnp-device.mjs'

export async function start(ip, log) {
  const answer = slowAnswer(uuidFor(ip, 'upnp-slowloris'))
  await startUpnpDevice(ip, log, {
    name: 'upnp-slowloris',
    deviceType: 'urn:schemas-upnp-org:device:Basic:1',
    tcp: (socket) => {
      socket.resume() // read (and ignore) the request
      trickle(socket, answer)
    },
  })
}
