// SSDP for hostile lab devices: one UDP socket on port 1900 that has joined 239.255.255.250 on
// the device's address, answers M-SEARCH (unicast and multicast) with whatever the behaviour
// says, and sends its answers from that same socket (so no other UDP port is opened).
import dgram from 'node:dgram'

export const SSDP_GROUP = '239.255.255.250'
export const SSDP_PORT = 1900

/** An M-SEARCH request's headers, or null when the datagram is not one. */
export function parseSearch(message) {
  const text = message.subarray(0, 8192).toString('latin1')
  const [first, ...rest] = text.split(/\r?\n/)
  if (!/^M-SEARCH \* HTTP\/1\.[01]/i.test(first ?? '')) return null
  const headers = {}
  for (const line of rest) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  // A search sent to the group names the group in HOST; a unicast one names the device.
  return {st: headers.st ?? '', host: headers.host ?? '', multicast: (headers.host ?? '').startsWith(SSDP_GROUP)}
}

/** An SSDP answer (HTTP over UDP). */
export function ssdpAnswer({st, usn, location, server = 'Linux/5.10 UPnP/1.0 hostile-lab/1.0'}) {
  return ['HTTP/1.1 200 OK', 'CACHE-CONTROL: max-age=1800', 'EXT:', `LOCATION: ${location}`, `SERVER: ${server}`, `ST: ${st}`, `USN: ${usn}`, '', ''].join('\r\n')
}

/** The usual answers of a root device to `ssdp:all`: rootdevice, its uuid, its device type. */
export function rootDeviceAnswers(uuid, deviceType, location) {
  return [
    {st: 'upnp:rootdevice', usn: `uuid:${uuid}::upnp:rootdevice`, location},
    {st: `uuid:${uuid}`, usn: `uuid:${uuid}`, location},
    {st: deviceType, usn: `uuid:${uuid}::${deviceType}`, location},
  ]
}

/** Answers a search asks for: all of them for ssdp:all, else those of its ST. */
export function matching(answers, search) {
  return search.st === 'ssdp:all' ? answers : answers.filter((a) => a.st === search.st)
}

/**
 * Listen on 0.0.0.0:1900, joined to the SSDP group on `ip`. `respond(search, rinfo)` returns
 * the answers (strings); they are sent after `delayMs` (0 to 300 ms at random by default, as
 * MX allows), in order, `batch` at a time (so that a flood does not pile up in memory) with
 * `pauseMs` between batches.
 */
export async function startSsdp(ip, log, respond, {delayMs = () => Math.floor(Math.random() * 300), batch = 64, pauseMs = 0} = {}) {
  const socket = dgram.createSocket({type: 'udp4', reuseAddr: true})
  socket.on('error', (error) => log('ssdp socket error', error.message))
  socket.on('message', (message, rinfo) => {
    const search = parseSearch(message)
    if (!search) return
    let answers
    try {
      answers = respond(search, rinfo)
    } catch (error) {
      return log('ssdp respond failed', error.message)
    }
    if (!answers || answers.length === 0) return
    log(`M-SEARCH ${search.multicast ? 'multicast' : 'unicast'} ST ${search.st} from ${rinfo.address}:${rinfo.port}: ${answers.length} answers`)
    setTimeout(() => sendAll(socket, answers, rinfo, batch, pauseMs), delayMs())
  })
  await new Promise((resolve, reject) => {
    socket.once('error', reject)
    socket.bind(SSDP_PORT, '0.0.0.0', () => {
      socket.removeListener('error', reject)
      resolve()
    })
  })
  socket.addMembership(SSDP_GROUP, ip)
  return socket
}

async function sendAll(socket, answers, rinfo, batch, pauseMs) {
  for (let i = 0; i < answers.length; i += batch) {
    if (i > 0 && pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs))
    await Promise.all(
      answers.slice(i, i + batch).map((answer) => new Promise((resolve) => socket.send(answer, rinfo.port, rinfo.address, () => resolve()))),
    )
  }
}
