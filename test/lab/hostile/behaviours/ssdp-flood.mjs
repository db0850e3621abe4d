// An SSDP responder that floods: 3,000 answers to every M-SEARCH, each with its own
// USN, whose LOCATIONs point at other lab hosts, at public addresses, at a DNS name and at
// other schemes. None of them may be fetched: a LOCATION is only ever read on the responder
// itself, and this one has no TCP port at all.
import {EVIL_HOSTNAME, FOREIGN_PORT, PUBLIC_TARGETS} from '../lib/evil-text.mjs'
import {ssdpAnswer, startSsdp} from '../lib/ssdp.mjs'
import {uuidFor} from '../lib/upnp-device.mjs'

export const ANSWERS_PER_SEARCH = 3000

export async function start(ip, log) {
  const uuid = uuidFor(ip, 'ssdp-flood')
  const locations = [
    ...PUBLIC_TARGETS.map((host) => `http://${host}/description.xml`),
    `http://192.168.66.1:${FOREIGN_PORT}/rootDesc.xml`,
    `http://192.168.66.55:${FOREIGN_PORT}/description.xml`,
    `http://${EVIL_HOSTNAME}/description.xml`,
    `http://[2001:db8::1]:${FOREIGN_PORT}/description.xml`,
    'file:///etc/passwd',
  ]
  await startSsdp(
    ip,
    log,
    () =>
      Array.from({length: ANSWERS_PER_SEARCH}, (_, i) =>
        ssdpAnswer({st: `urn:schemas-upnp-org:device:Flood:${i}`, usn: `uuid:${uuid}-${i}::upnp:rootdevice`, location: locations[i % locations.length]}),
      ),
    // Straight away, and over the whole MX second (about 2,500 a second): a burst any faster
    // would only overflow the work PC's socket buffer in its kernel, which drops everyone's
    // answers alike and tells nothing about homeaudit.
    {delayMs: () => 0, batch: 50, pauseMs: 20},
  )
}
