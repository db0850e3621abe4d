// The hostile router's UPnP: SSDP on udp 1900, descriptions on tcp 5000, TR-064 on tcp 49000.
// - A unicast M-SEARCH (the router stage of `scan`) gets a root device whose description is an
//   XML bomb with an external entity at a public address (billion laughs + XXE).
// - A multicast M-SEARCH (the names stage) gets a root device whose description trickles a
//   byte a second (slowloris).
// - Both also get LOCATIONs at public addresses, at another lab host, and at a DNS name: none
//   of them may ever be fetched (or resolved).
// - TR-064's tr64desc.xml is 50 MB, chunked (no Content-Length), streamed.
import {billionLaughs, listenHttp, slowAnswer, streamHuge, trickle} from '../lib/descriptions.mjs'
import {EVIL_HOSTNAME, FOREIGN_PORT, PUBLIC_TARGETS} from '../lib/evil-text.mjs'
import {matching, ssdpAnswer, startSsdp} from '../lib/ssdp.mjs'
import {uuidFor} from '../lib/upnp-device.mjs'

export const UPNP_PORT = 5000
export const TR064_PORT = 49000
const IGD = 'urn:schemas-upnp-org:device:InternetGatewayDevice:1'
/** ssdpflood (192.168.66.71) has no TCP port at all: a SYN to it means a foreign LOCATION was followed. */
const OTHER_LAB_HOST = '192.168.66.71'

export async function start(ip, log) {
  const uuid = uuidFor(ip, 'ssdp-router')
  const bomb = billionLaughs(uuid, {externalHost: PUBLIC_TARGETS[0]})
  const foreign = [
    {st: IGD, usn: `uuid:${uuid}::${IGD}`, location: `http://${PUBLIC_TARGETS[0]}:${UPNP_PORT}/rootDesc.xml`},
    {st: 'urn:schemas-upnp-org:service:WANIPConnection:1', usn: `uuid:${uuid}::urn:schemas-upnp-org:service:WANIPConnection:1`, location: `http://${OTHER_LAB_HOST}:${FOREIGN_PORT}/igd.xml`},
    {st: `uuid:${uuid}`, usn: `uuid:${uuid}`, location: `http://${EVIL_HOSTNAME}:${UPNP_PORT}/rootDesc.xml`},
    {st: 'urn:schemas-upnp-org:service:WANCommonInterfaceConfig:1', usn: `uuid:${uuid}::wancic`, location: `http://${ip}@${PUBLIC_TARGETS[1]}/rootDesc.xml`},
  ]
  const unicast = [{st: 'upnp:rootdevice', usn: `uuid:${uuid}::upnp:rootdevice`, location: `http://${ip}:${UPNP_PORT}/rootDesc.xml`}, ...foreign].map(ssdpAnswer)
  const multicast = [{st: 'upnp:rootdevice', usn: `uuid:${uuid}::upnp:rootdevice`, location: `http://${ip}:${UPNP_PORT}/slow.xml`}, ...foreign].map(ssdpAnswer)
  const slow = slowAnswer(uuid)

  const http = await listenHttp(ip, UPNP_PORT, log, (req, res) => {
    if (req.url === '/slow.xml') {
      // Take the socket over: the answer's status line and headers trickle too.
      res.socket.removeAllListeners('timeout')
      return trickle(res.socket, slow)
    }
    res.writeHead(200, {'Content-Type': 'text/xml; charset="utf-8"'}).end(bomb)
  })
  http.requestTimeout = 0
  http.headersTimeout = 0
  await listenHttp(ip, TR064_PORT, log, (_req, res) => streamHuge(res, 50 * 1024 * 1024, uuid, {chunked: true}))
  await startSsdp(ip, log, (search) => {
    const answers = search.multicast ? multicast : unicast
    return search.st === 'ssdp:all' ? answers : matching(answers.map((text) => ({st: /\r\nST: (.*)\r\n/.exec(text)[1], text})), search).map((a) => a.text)
  })
}
