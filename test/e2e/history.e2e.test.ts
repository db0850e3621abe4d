import assert from 'node:assert/strict'
import {mkdtempSync, readdirSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {labDown, labHost, labUp, requireLab, runCliIn, topology} from './lab-harness.js'
import {labVendorDb} from './lab-vendor-db.js'

/** The lab after a firmware update on the router and with the NAS's FTP service turned off. */
function updatedLab(): string {
  const variant = structuredClone(topology) as typeof topology & {hosts: Array<Record<string, any>>}
  const router = variant.hosts.find((h) => h.name === 'router')!
  router.http.firmware = '1.5.0'
  router.snmp.sysDescr = router.snmp.sysDescr.replace('Ver.1.4.2', 'Ver.1.5.0')
  const nas = variant.hosts.find((h) => h.name === 'nas')!
  nas.daemons = nas.daemons.filter((d: string) => d !== 'vsftpd')
  nas.services = nas.services.filter((s: {port: number}) => s.port !== 21)
  const printer = variant.hosts.find((h) => h.name === 'printer')!
  printer.daemons = printer.daemons.filter((d: string) => d !== 'telnet')
  printer.services = printer.services.filter((s: {port: number}) => s.port !== 23)
  const file = join(mkdtempSync(join(tmpdir(), 'halab-variant-')), 'topology.json')
  writeFileSync(file, JSON.stringify(variant, null, 2))
  return file
}

describe('lab e2e: history and diff across a change of the lab', function () {
  this.timeout(300_000)
  const history = mkdtempSync(join(tmpdir(), 'homeaudit-history-'))
  const env = {HOMEAUDIT_HISTORY_DIR: history}

  before(function () {
    requireLab(this)
    labUp()
  })

  after(() => {
    labUp() // back to the standard lab for the suites that follow
    labDown()
  })

  it('saves each scan atomically with mode 0600, and diff reports exactly the firmware update and FTP and Telnet turned off', () => {
    const vdb = labVendorDb({credentials: [], latestFirmware: '1.5.0'})
    const pc = labHost('pc').namespace
    const first = runCliIn(pc, ['scan', '--vendor-db', vdb, '--json'], env)
    assert.equal(JSON.parse(first.stdout).router.firmware, '1.4.2')
    labUp(updatedLab())
    const second = runCliIn(pc, ['scan', '--vendor-db', vdb, '--json'], env)
    assert.equal(JSON.parse(second.stdout).router.firmware, '1.5.0')

    const files = readdirSync(history)
    assert.equal(files.length, 2)
    for (const f of files) {
      assert.match(f, /^\d{8}T\d{6}Z-[0-9a-f]{8}\.json$/, 'file names come from time and hash only')
      assert.equal(statSync(join(history, f)).mode & 0o777, 0o600)
    }

    const diff = JSON.parse(runCliIn(pc, ['diff', '--json'], env).stdout)
    assert.deepEqual(diff.firmware, {before: '1.4.2', after: '1.5.0', model: 'Aterm WX3600HP'})
    // The firmware rule now passes; with the anonymous FTP share and the printer's Telnet gone the
    // clear-text warning is resolved (the NAS's guest SMB shares keep the open-share violation).
    assert.deepEqual(diff.findings.resolved.map((r: {before: {ruleId: string}}) => r.before.ruleId).sort(), ['cleartext-services', 'router-firmware-outdated'])
    assert.deepEqual(diff.shares.gone.map((x: {protocol: string; host: string; name: string}) => [x.protocol, x.host, x.name]), [['ftp', labHost('nas').ip, '/']])
    assert.deepEqual([diff.shares.appeared, diff.shares.changed], [[], []])
    assert.deepEqual(diff.findings.appeared, [])
    assert.deepEqual(diff.findings.changed, [])
    assert.deepEqual(diff.hosts.appeared, [])
    assert.deepEqual(diff.hosts.gone, [])
    assert.deepEqual(diff.hosts.ports, [
      {ip: labHost('nas').ip, opened: [], closed: [21]},
      {ip: labHost('printer').ip, opened: [], closed: [23]},
    ])

    const text = runCliIn(pc, ['diff', '--lang', 'en'], env).stdout
    assert.match(text, /Router firmware 1\.4\.2 → 1\.5\.0 \(Aterm WX3600HP\): N-3\.3\.6 router-firmware-outdated now passes/)
    assert.match(text, new RegExp(`- ${labHost('nas').ip.replaceAll('.', '\\.')} port 21 closed`))
    assert.match(text, new RegExp(`- ${labHost('printer').ip.replaceAll('.', '\\.')} port 23 closed`))
    assert.match(text, new RegExp(`- share ftp://${labHost('nas').ip.replaceAll('.', '\\.')}/ is gone`))
  })

  it('history lists the scans, recheck re-judges a stored scan without scanning, and report renders it again', () => {
    const pc = labHost('pc').namespace
    const list = JSON.parse(runCliIn(pc, ['history', '--json'], env).stdout)
    assert.equal(list.scans.length, 2)
    const oldest = list.scans[0].id
    // With the shipped vendor-db (no latest firmware for the lab model) the firmware rule goes back to unknown.
    const recheck = JSON.parse(runCliIn(pc, ['recheck', oldest, '--format', 'json'], env).stdout)
    assert.equal(recheck.findings.find((f: {ruleId: string}) => f.ruleId === 'router-firmware-outdated').status, 'unknown')
    const md = runCliIn(pc, ['report', oldest, '--format', 'md', '--lang', 'en'], env)
    assert.equal(md.status, 0)
    assert.match(md.stdout, /\*\*Verdict: Telework not allowed\*\*/)
  })
})
