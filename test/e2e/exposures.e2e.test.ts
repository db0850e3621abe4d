import assert from 'node:assert/strict'
import {createHash} from 'node:crypto'
import {readdirSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import type {Exposure} from '../../src/evidence/exposures-schema.js'
import {ScanReportSchema, type ScanReport} from '../../src/evidence/schema.js'
import {captureSent} from './capture.js'
import {REPO, TOPOLOGY_FILE, labDown, labHost, labUp, requireLab, runCliIn, runCliInAsync, topology} from './lab-harness.js'

/** The parts of topology.json this suite reads beyond the harness's type. */
const lab = JSON.parse(readFileSync(TOPOLOGY_FILE, 'utf8')) as {
  hosts: Array<{name: string; dlna?: {port: number; friendlyName: string; rootContainers: string[]}; ipp?: {port: number; name: string; make: string; model: string; location: string}; webdav?: {port: number}}>
}
const spec = (name: string) => lab.hosts.find((h) => h.name === name)!
const STATE = join(REPO, 'test/lab/.state', topology.prefix)

/** Every file under `dir` with its size, mode and SHA-256, to show that nothing was written there. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name)
      const st = statSync(path)
      if (st.isDirectory()) {
        out[`${path.slice(dir.length)}/`] = `dir ${st.mode.toString(8)} ${st.mtimeMs}`
        walk(path)
      } else out[path.slice(dir.length)] = `${st.size} ${st.mode.toString(8)} ${st.mtimeMs} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`
    }
  }
  walk(dir)
  return out
}

/** The HTTP request lines (and SOAPACTION headers) of tcpdump -A output, per destination "ip.port". */
function requests(lines: string[]): Map<string, string[]> {
  const byDestination = new Map<string, string[]>()
  let destination = ''
  for (const line of lines) {
    const head = /^\d\d:\d\d:\d\d\.\d+ IP \S+ > (\d+\.\d+\.\d+\.\d+\.\d+):/.exec(line)
    if (head) {
      destination = head[1]!
      if (!byDestination.has(destination)) byDestination.set(destination, [])
      continue
    }
    // -A prints the IP and TCP headers as dots and letters right before the payload: no \b here.
    for (const m of line.matchAll(/(GET|HEAD|POST|PUT|DELETE|OPTIONS|TRACE|CONNECT|PATCH|PROPFIND|PROPPATCH|MKCOL|MOVE|COPY|LOCK|UNLOCK|SEARCH) (\/\S*) HTTP\/1\.[01]/g)) byDestination.get(destination)?.push(`${m[1]} ${m[2]}`)
    for (const m of line.matchAll(/SOAPACTION: *"?([^"\s]+)/gi)) byDestination.get(destination)?.push(`SOAPACTION ${m[1]}`)
  }
  return byDestination
}

describe('lab e2e: DLNA, printers, Telnet and WebDAV, read-only', function () {
  this.timeout(300_000)
  const tv = () => labHost('tv')
  const printer = () => labHost('printer')
  const nas = () => labHost('nas')
  const dirs = () => ({media: join(STATE, 'tv/dlna/media'), webdav: join(STATE, 'nas/webdav/root'), spool: join(STATE, 'printer/ipp/spool')})
  let untouched: Record<string, Record<string, string>>
  let report: ScanReport
  let sent: string[]
  const exposure = (kind: Exposure['kind'], ip: string) => report.exposures!.find((e) => e.kind === kind && e.host === ip)

  before(async function () {
    requireLab(this)
    labUp()
    untouched = Object.fromEntries(Object.entries(dirs()).map(([k, d]) => [k, snapshot(d)]))
    // Outgoing TCP with a payload to the DLNA, IPP, raw-print and WebDAV ports, payload in ASCII.
    const filter = [
      'tcp and (',
      `(dst host ${tv().ip} and dst port ${spec('tv').dlna!.port}) or`,
      `(dst host ${printer().ip} and (dst port ${spec('printer').ipp!.port} or dst port 9100 or dst port 23)) or`,
      `(dst host ${nas().ip} and dst port ${spec('nas').webdav!.port})`,
      ') and ((ip[2:2] - ((ip[0]&0xf)<<2) - ((tcp[12]&0xf0)>>2)) > 0)',
    ].join(' ')
    sent = await captureSent(
      labHost('pc').namespace,
      async () => {
        const run = await runCliInAsync(labHost('pc').namespace, ['scan', '--json', '--lang', 'en', '--no-save'], {}, {timeoutMs: 240_000})
        assert.equal(run.stderr.trim(), '', 'nothing on stderr')
        report = ScanReportSchema.parse(JSON.parse(run.stdout))
      },
      ['-A', '-s', '0', filter],
    )
  })

  after(() => labDown())

  it("finds the TV's DLNA server and its root containers, browsed without credentials", () => {
    const dlna = exposure('dlna', tv().ip)
    assert.ok(dlna, JSON.stringify(report.exposures))
    assert.equal(dlna.anonymous, true)
    assert.equal(dlna.port, spec('tv').dlna!.port)
    assert.equal(dlna.details.friendlyName, spec('tv').dlna!.friendlyName)
    assert.deepEqual([...(dlna.details.titles as string[])].sort(), [...spec('tv').dlna!.rootContainers].sort())
    assert.equal(dlna.details.controlUrl, `http://${tv().ip}:${spec('tv').dlna!.port}/ctl/ContentDir`)
    assert.deepEqual(report.exposures!.filter((e) => e.kind === 'dlna').map((e) => e.host), [tv().ip], 'no other host is taken for a media server')
  })

  it("reads the printer's IPP attributes without credentials and reports raw 9100 open", () => {
    const ipp = exposure('ipp', printer().ip)
    const want = spec('printer').ipp!
    assert.ok(ipp, JSON.stringify(report.exposures))
    assert.equal(ipp.anonymous, true)
    assert.deepEqual([ipp.details.makeAndModel, ipp.details.printerName, ipp.details.location], [`${want.make} ${want.model}`, want.name, want.location])
    assert.equal(ipp.details.jobsWithoutAuthentication, true)
    assert.equal(ipp.details.resource, '/ipp/print')
    const raw = exposure('raw-print', printer().ip)
    assert.deepEqual([raw?.port, raw?.anonymous], [9100, true])
    assert.equal(report.hosts.find((h) => h.ip === printer().ip)!.deviceType, 'printer')
  })

  it("reads the printer's real telnetd greeting (option negotiation) without answering it, and warns of clear-text Telnet", () => {
    const telnet = exposure('telnet', printer().ip)
    assert.ok(telnet, JSON.stringify(report.exposures))
    // GNU telnetd opens with DO TERMINAL-TYPE and friends and waits for the answer, which never comes.
    assert.deepEqual([telnet.port, telnet.details.negotiation, telnet.error], [23, true, null])
    assert.deepEqual(report.exposures!.filter((e) => e.kind === 'telnet').map((e) => e.host), [printer().ip], 'Telnet only where it runs')
    const cleartext = report.findings.find((x) => x.ruleId === 'cleartext-services')!
    assert.equal(cleartext.status, 'warning')
    const telnetEvidence = cleartext.evidence.filter((e) => e.text.includes('Telnet'))
    assert.deepEqual(telnetEvidence.map((e) => e.host), [printer().ip])
    assert.equal(telnetEvidence[0]!.text, `Telnet on ${printer().ip}:23: option negotiation, no text before a reply`)
  })

  it('reports the NAS WebDAV readable anonymously (207 to a Depth-0 PROPFIND), and no WebDAV elsewhere', () => {
    const dav = exposure('webdav', nas().ip)
    assert.ok(dav, JSON.stringify(report.exposures))
    assert.deepEqual([dav.port, dav.anonymous, dav.details.propfindStatus, dav.details.optionsStatus], [spec('nas').webdav!.port, true, 207, 200])
    assert.match(String(dav.details.dav), /^1/)
    assert.deepEqual(report.exposures!.filter((e) => e.kind === 'webdav').map((e) => `${e.host}:${e.port}`), [`${nas().ip}:${spec('nas').webdav!.port}`])
  })

  it('the rules fire: DLNA open → warning, anonymous WebDAV → violation, printers → informational pass', () => {
    const f = (id: string) => report.findings.find((x) => x.ruleId === id)!
    assert.deepEqual([f('dlna-open-content').status, f('dlna-open-content').clause], ['warning', 'N-3.3.7'])
    assert.deepEqual(f('dlna-open-content').evidence.map((e) => e.host), [tv().ip])
    assert.deepEqual([f('webdav-anonymous').status, f('webdav-anonymous').severity], ['violation', 'high'])
    assert.match(f('webdav-anonymous').title, new RegExp(`${nas().ip.replaceAll('.', '\\.')}:${spec('nas').webdav!.port}`))
    assert.deepEqual([f('network-printers').status, f('network-printers').severity], ['pass', 'info'])
    assert.match(f('network-printers').title, new RegExp(printer().ip.replaceAll('.', '\\.')))
  })

  it('nothing was written: the media and WebDAV folders are unchanged, no print job exists, nothing went to 9100', () => {
    const now = Object.fromEntries(Object.entries(dirs()).map(([k, d]) => [k, snapshot(d)]))
    assert.deepEqual(now, untouched)
    assert.ok(Object.keys(untouched.media!).some((p) => p.endsWith('.wav')), 'the media folder has its files')
    assert.deepEqual(untouched.spool, {}, 'the printer spool holds no job')
    const byDestination = requests(sent)
    assert.deepEqual(byDestination.get(`${printer().ip}.9100`), undefined, 'no byte was sent to the raw print port')
    assert.deepEqual(byDestination.get(`${printer().ip}.23`), undefined, 'no byte was sent to Telnet (not even a negotiation answer)')
    const methods = (ip: string, port: number) => [...new Set(byDestination.get(`${ip}.${port}`) ?? [])].sort()
    assert.deepEqual(methods(nas().ip, spec('nas').webdav!.port), ['OPTIONS /', 'PROPFIND /'], 'WebDAV: OPTIONS and PROPFIND only')
    assert.deepEqual(methods(printer().ip, spec('printer').ipp!.port), ['POST /ipp/print'], 'IPP: one POST (Get-Printer-Attributes)')
    const dlna = methods(tv().ip, spec('tv').dlna!.port)
    assert.ok(dlna.includes('POST /ctl/ContentDir') && dlna.includes('GET /rootDesc.xml'), dlna.join(', '))
    assert.deepEqual(dlna.filter((m) => m.startsWith('SOAPACTION')), ['SOAPACTION urn:schemas-upnp-org:service:ContentDirectory:1#Browse'], 'the only SOAP action is Browse')
  })

  it('`homeaudit shares` shows them too', () => {
    const run = runCliIn(labHost('pc').namespace, ['shares', '--lang', 'en'])
    assert.equal(run.status, 1, run.stderr)
    for (const line of [`dlna ${tv().ip}:${spec('tv').dlna!.port} anonymous true`, `ipp ${printer().ip}:631 anonymous true`, `raw-print ${printer().ip}:9100 anonymous true`, `webdav ${nas().ip}:${spec('nas').webdav!.port} anonymous true`]) {
      assert.ok(run.stdout.includes(line), `${line} in:\n${run.stdout}`)
    }
    assert.match(run.stdout, /WebDAV readable without credentials/)
  })
})
