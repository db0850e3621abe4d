import assert from 'node:assert/strict'
import {fileURLToPath} from 'node:url'
import {HostSchema} from '../../../src/evidence/schema.js'
import {discoverHostsWithNmap} from '../../../src/gather/discovery/nmap/nmap-discovery.js'
import {NmapNotFoundError} from '../../../src/gather/discovery/nmap/run-nmap.js'
import {readNeighbourTable} from '../../../src/gather/network/neighbour-table.js'
import {ScanScope} from '../../../src/scope/scope-guard.js'
import {DEFAULT_TCP_PORTS} from '../../../src/gather/discovery/common-ports.js'
import {portList} from '../../../src/gather/discovery/nmap/run-nmap.js'

// The engine with a stand-in nmap that replays real lab output (test/fixtures/nmap/); the OS
// neighbour table it reads is this machine's, which has no 192.168.77.x entry (checked).
const FAKE = fileURLToPath(new URL('./fake-nmap.mjs', import.meta.url))
const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/nmap/${name}`, import.meta.url))
const scope = ScanScope.fromCidr('192.168.77.0/24')
const input = {
  scope,
  self: {ip: '192.168.77.10', mac: '80:96:21:77:00:10'},
  gateway: '192.168.77.1',
  timeoutMs: 1000,
  concurrency: 16,
}
const engine = (env: Record<string, string>, privileged: boolean) =>
  discoverHostsWithNmap(input, {command: [process.execPath, FAKE], env, privileged})

describe('nmap discovery engine (stand-in nmap replaying lab output)', function () {
  this.timeout(30_000)

  before(async function () {
    const table = await readNeighbourTable()
    if (table.entries.some((e) => scope.allows(e.ip))) this.skip()
  })

  it('as root: hosts, MACs and IEEE vendors from nmap, open ports only, self and gateway marked', async () => {
    const out = await engine({FAKE_NMAP_STDOUT: fixture('ss-common.xml')}, true)
    for (const h of out.hosts) HostSchema.parse(h)
    const summary = out.hosts.map((h) => [h.ip, h.mac, h.vendor, h.discoveredBy.join('+'), h.ports.map((p) => `${p.port}/${p.service}`).join(','), h.isGateway, h.isSelf])
    assert.deepEqual(summary, [
      ['192.168.77.1', '10:66:82:77:00:01', 'NEC Platforms, Ltd.', 'nmap', '80/http,443/https,8080/http-proxy', true, false],
      ['192.168.77.10', '80:96:21:77:00:10', 'Lenovo', 'self', '', false, true],
      ['192.168.77.21', '10:65:30:77:00:21', 'Dell Inc.', 'nmap', '139/netbios-ssn,445/microsoft-ds', false, false],
      ['192.168.77.30', '00:11:32:77:00:30', 'Synology Incorporated', 'nmap', '21/ftp,139/netbios-ssn,445/microsoft-ds', false, false],
      ['192.168.77.42', '10:00:20:77:00:42', 'Apple, Inc.', 'nmap', '', false, false],
    ])
    const nmap = out.probes.filter((p) => p.probe === 'nmap')
    assert.equal(nmap.length, 1)
    assert.equal(nmap[0]!.ok, true)
    assert.equal(nmap[0]!.detail, `nmap -oX - --stats-every 1s -n -sS -p ${portList(DEFAULT_TCP_PORTS)} --max-rtt-timeout 1000ms --initial-rtt-timeout 1000ms --exclude 192.168.77.10 -- 192.168.77.0/24: 4 hosts up`)
    assert.ok(out.probes.some((p) => p.probe === 'neighbour-table'))
  })

  it('unprivileged: a connect scan, no MAC from nmap (the neighbour table supplies them when it has them)', async () => {
    const out = await engine({FAKE_NMAP_STDOUT: fixture('st-common-unprivileged.xml')}, false)
    const nas = out.hosts.find((h) => h.ip === '192.168.77.30')!
    assert.equal(nas.mac, null)
    assert.deepEqual(nas.discoveredBy, ['nmap'])
    assert.deepEqual(nas.ports.map((p) => p.port), [21, 139, 445])
    assert.match(out.probes.find((p) => p.probe === 'nmap')!.detail, / -sT /)
    assert.equal(out.hosts.length, 5)
  })

  it('as root without a usable raw device: the failed SYN scan is recorded, then a connect scan is done', async () => {
    const out = await engine({FAKE_NMAP_STDOUT: fixture('st-common-unprivileged.xml'), FAKE_NMAP_FAIL_SYN: '1'}, true)
    const nmap = out.probes.filter((p) => p.probe === 'nmap')
    assert.equal(nmap.length, 2)
    assert.equal(nmap[0]!.ok, false)
    assert.match(nmap[0]!.detail, / -sS .*nmap exited with code 1: dnet: Failed to open device eth0/)
    assert.equal(nmap[0]!.raw, 'dnet: Failed to open device eth0\nQUITTING!')
    assert.equal(nmap[1]!.ok, true)
    assert.match(nmap[1]!.detail, / -sT .*: 4 hosts up$/)
    assert.equal(out.hosts.length, 5)
  })

  it('keeps what a truncated run gave, and says so in the probe', async () => {
    const out = await engine({FAKE_NMAP_STDOUT: fixture('killed-sigkill.xml'), FAKE_NMAP_EXIT: '1'}, true)
    const nmap = out.probes.find((p) => p.probe === 'nmap')!
    assert.equal(nmap.ok, false)
    assert.match(nmap.detail, /3 hosts up; nmap exited with code 1; nmap's XML output is incomplete/)
    assert.deepEqual(out.hosts.map((h) => h.ip), ['192.168.77.1', '192.168.77.10', '192.168.77.21', '192.168.77.30'])
  })

  it('rejects with NmapNotFoundError when nmap is missing', async () => {
    await assert.rejects(discoverHostsWithNmap(input, {command: ['/nonexistent/bin/nmap']}), NmapNotFoundError)
  })
})
