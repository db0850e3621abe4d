import assert from 'node:assert/strict'
import {spawn, spawnSync} from 'node:child_process'
import {mkdtempSync, openSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {ScanReportSchema} from '../../src/evidence/schema.js'
import {captureSent} from './capture.js'
import {REPO, labDown, labHost, labUp, requireLab, runCliIn, runCliInAsync, skipOrFail} from './lab-harness.js'

const status = (report: {findings: Array<{ruleId: string; status: string}>}, ruleId: string) => report.findings.find((f) => f.ruleId === ruleId)?.status

describe("lab e2e: the work PC's own posture", function () {
  this.timeout(180_000)

  before(function () {
    requireLab(this)
    labUp()
  })

  after(() => labDown())

  it('reports the wired connection, the VPN as down, and the N-3.3.7 violation for joining without it', () => {
    const run = runCliIn(labHost('pc').namespace, ['scan', '--json'])
    const report = ScanReportSchema.parse(JSON.parse(run.stdout))
    const local = report.local!
    assert.deepEqual([local.connection.type, local.connection.interface], ['wired', 'eth0'])
    assert.equal(local.vpn.status, 'read')
    assert.equal(local.vpn.up, false)
    assert.equal(status(report, 'shared-network-without-vpn'), 'violation')
    assert.equal(report.findings.find((f) => f.ruleId === 'shared-network-without-vpn')!.clause, 'N-3.3.7')
    assert.equal(status(report, 'wired-connection-recommended'), 'pass')
    assert.equal(status(report, 'wifi-encryption'), 'pass')
  })

  it('with a stand-in nmcli showing a WEP connection, reports the WEP and MAC-only violations', () => {
    const PATH = `${REPO}test/e2e/stand-ins:${process.env.PATH}`
    const run = runCliIn(labHost('pc').namespace, ['scan', '--json'], {PATH})
    const report = ScanReportSchema.parse(JSON.parse(run.stdout))
    assert.equal(report.local!.wifi.current!.auth, 'wep')
    assert.equal(report.local!.connection.type, 'wireless')
    assert.equal(status(report, 'wifi-encryption'), 'violation')
    assert.equal(status(report, 'wifi-mac-only-authentication'), 'violation')
    assert.equal(report.findings.find((f) => f.ruleId === 'wifi-mac-only-authentication')!.clause, 'N-3.3.5')
    assert.equal(status(report, 'wired-connection-recommended'), 'warning')
  })

  it('`homeaudit wifi` shows the same, and `local` reads every part with a reason where it cannot', () => {
    const PATH = `${REPO}test/e2e/stand-ins:${process.env.PATH}`
    const wifi = runCliIn(labHost('pc').namespace, ['wifi', '--json'], {PATH})
    assert.equal(wifi.status, 1)
    assert.equal(JSON.parse(wifi.stdout).local.wifi.current.ssid, 'OWD24') // the real capture the stand-in prints
    const local = JSON.parse(runCliIn(labHost('pc').namespace, ['local', '--json']).stdout)
    for (const part of ['connection', 'wifi', 'vpn', 'shares', 'disk', 'security', 'removable', 'screenLock']) {
      const section = local.local[part]
      assert.ok(['read', 'unreadable', 'not-applicable'].includes(section.status), part)
      if (section.status === 'unreadable') assert.ok(section.reason, `${part} says why`)
    }
  })

  describe("the real nmcli, reading NetworkManager's D-Bus API (python-dbusmock) instead of a Wi-Fi radio", () => {
    const NM_MOCK = `${REPO}test/lab/nm-mock/nm-mock.sh`
    const NMCLI_DIR = `${REPO}test/lab/.pkgs/network-manager/usr/bin` // Debian's nmcli, unpacked by install-packages.sh
    const pc = () => labHost('pc').namespace
    let dir = ''

    before(function () {
      const missing = [`${NMCLI_DIR}/nmcli`, 'dbus-daemon'].filter((bin) => spawnSync('sh', ['-c', `command -v ${bin}`]).status !== 0)
      if (spawnSync('/usr/bin/python3', ['-c', 'import dbusmock']).status !== 0) missing.push('python3-dbusmock')
      if (missing.length > 0) skipOrFail(this, `missing: ${missing.join(', ')} (test/lab/install-packages.sh)`)
      dir = mkdtempSync(join(tmpdir(), 'homeaudit-nm-mock-'))
    })

    after(() => {
      if (dir) {
        spawnSync('bash', [NM_MOCK, 'stop', dir])
        rmSync(dir, {recursive: true, force: true})
      }
    })

    /** `homeaudit local --json` on the lab PC while the NetworkManager scenario runs; the lab PC's eth0 plays the adapter named. */
    function localWith(scenario: string, wifiIf: string, wiredIf: string) {
      const start = spawnSync('ip', ['netns', 'exec', pc(), 'bash', NM_MOCK, 'start', dir, scenario, wifiIf, wiredIf], {encoding: 'utf8', timeout: 30_000})
      assert.equal(start.status, 0, start.stderr)
      try {
        const run = runCliIn(pc(), ['local', '--json'], {DBUS_SYSTEM_BUS_ADDRESS: start.stdout.trim(), PATH: `${NMCLI_DIR}:${process.env.PATH}`})
        return JSON.parse(run.stdout) as {local: {connection: {type: string}; wifi: {current: {ssid: string; auth: string; cipher: string} | null; nearby: unknown[]; commands: Array<{command: string; ok: boolean}>}}; findings: Array<{ruleId: string; status: string}>}
      } finally {
        spawnSync('bash', [NM_MOCK, 'stop', dir])
      }
    }

    // scenario → what its access point's flags mean (nm-scenario.py) and the verdicts they call for
    const cases: Array<[string, string, string, string, string, string]> = [
      ['open', 'open', 'none', 'violation', 'violation', 'pass'],
      ['wep', 'wep', 'wep', 'violation', 'violation', 'pass'],
      ['wpa1', 'wpa-personal', 'tkip', 'warning', 'pass', 'pass'],
      ['wpa2-tkip', 'wpa2-personal', 'tkip', 'warning', 'pass', 'pass'],
      ['wpa3', 'wpa3-personal', 'ccmp', 'pass', 'pass', 'pass'],
      ['enterprise', 'enterprise', 'ccmp', 'pass', 'pass', 'pass'],
      ['eviltwin', 'wpa2-personal', 'ccmp', 'pass', 'pass', 'warning'],
    ]
    for (const [scenario, auth, cipher, encryption, macOnly, twin] of cases) {
      it(`${scenario}: nmcli's own answer gives ${auth} / ${cipher}, wifi-encryption ${encryption}, mac-only ${macOnly}, evil twin ${twin}`, () => {
        const report = localWith(scenario, 'eth0', 'enp1s0')
        const wifi = report.local.wifi
        assert.ok(wifi.commands[0]!.ok && wifi.commands[0]!.command.startsWith('nmcli -t -f ACTIVE,SSID,BSSID,SECURITY,WPA-FLAGS,RSN-FLAGS'), JSON.stringify(wifi.commands))
        assert.deepEqual([wifi.current?.auth, wifi.current?.cipher], [auth, cipher])
        assert.equal(wifi.nearby.length, scenario === 'eviltwin' ? 11 : 10)
        assert.equal(report.local.connection.type, 'wireless')
        assert.equal(status(report, 'wifi-evil-twin'), twin)
        assert.equal(status(report, 'wifi-encryption'), encryption)
        assert.equal(status(report, 'wifi-mac-only-authentication'), macOnly)
        assert.equal(status(report, 'wired-connection-recommended'), 'warning')
      })
    }

    it('no Wi-Fi adapter (only Ethernet in NetworkManager): wired, and the Wi-Fi rules pass', () => {
      const report = localWith('ethernet-only', 'wlp2s0', 'eth0')
      assert.equal(report.local.wifi.current, null)
      assert.equal(report.local.connection.type, 'wired')
      assert.equal(status(report, 'wifi-encryption'), 'pass')
      assert.equal(status(report, 'wired-connection-recommended'), 'pass')
    })
  })

  describe('a real OpenVPN tunnel from the lab PC to the lab router (standing in for the office VPN)', () => {
    const pc = () => labHost('pc')
    const router = () => labHost('router')
    const pids: number[] = []
    let dir = ''

    /** openvpn in a lab namespace, in the background; its log goes to `dir`. */
    function openvpn(namespace: string, name: string, keyDirection: '0' | '1', args: string[]): void {
      const log = openSync(join(dir, `${name}.log`), 'w')
      const child = spawn('ip', ['netns', 'exec', namespace, 'openvpn', '--dev', 'tun0', '--proto', 'udp', '--secret', join(dir, 'static.key'), keyDirection, ...args, '--cipher', 'AES-256-CBC', '--verb', '3'], {stdio: ['ignore', log, log], detached: true})
      pids.push(child.pid!)
      child.unref()
    }

    before(function () {
      if (spawnSync('sh', ['-c', 'command -v openvpn']).status !== 0) skipOrFail(this, 'openvpn is missing (test/lab/install-packages.sh)')
      labUp()
      dir = mkdtempSync(join(tmpdir(), 'homeaudit-openvpn-'))
      assert.equal(spawnSync('openvpn', ['--genkey', 'secret', join(dir, 'static.key')]).status, 0)
      // Point-to-point with a static key: the router end listens on the lab LAN, the PC end
      // routes everything but the LAN through the tunnel (redirect-gateway def1: 0/1 + 128/1).
      openvpn(router().namespace, 'server', '0', ['--local', router().ip, '--lport', '1194', '--ifconfig', '10.8.0.1', '10.8.0.2'])
      openvpn(pc().namespace, 'client', '1', ['--remote', router().ip, '1194', '--nobind', '--ifconfig', '10.8.0.2', '10.8.0.1', '--route-gateway', '10.8.0.1', '--redirect-gateway', 'def1'])
      // Up when a ping crosses the tunnel.
      const deadline = Date.now() + 20_000
      while (spawnSync('ip', ['netns', 'exec', pc().namespace, 'busybox', 'ping', '-c1', '-W1', '10.8.0.1']).status !== 0) {
        if (Date.now() > deadline) throw new Error(`the OpenVPN tunnel did not come up:\n${readFileSync(join(dir, 'client.log'), 'utf8').slice(-2000)}`)
      }
    })

    after(() => {
      for (const pid of pids) spawnSync('kill', ['--', String(pid)])
      const deadline = Date.now() + 10_000
      while (spawnSync('ip', ['netns', 'exec', pc().namespace, 'ip', 'link', 'show', 'tun0']).status === 0 && Date.now() < deadline) spawnSync('sleep', ['0.1'])
      if (dir) rmSync(dir, {recursive: true, force: true})
    })

    it('reports the VPN up on tun0 with the default route, so the no-VPN rule passes; sharing the segment is still a violation; nothing of the scan goes into the tunnel', async () => {
      let stdout = ''
      const intoTunnel = await captureSent(pc().namespace, async () => {
        stdout = (await runCliInAsync(pc().namespace, ['scan', '--json', '--no-save'])).stdout
      }, ['ip'], 'tun0') // IPv4: what a scan sends (the kernel may solicit IPv6 routers on a new link)
      // The home LAN is scanned over eth0 (connected route), name queries are pinned to eth0:
      // the company VPN carries none of it.
      assert.deepEqual(intoTunnel, [])
      const report = ScanReportSchema.parse(JSON.parse(stdout))
      const local = report.local!
      assert.equal(local.vpn.up, true)
      assert.deepEqual(local.vpn.interfaces.filter((v) => v.name === 'tun0').map((v) => [v.kind, v.up, v.carriesDefaultRoute]), [['openvpn', true, true]])
      assert.deepEqual([local.connection.type, local.connection.interface], ['wired', 'eth0'], 'the LAN itself is still reached over eth0')
      const noVpn = report.findings.find((f) => f.ruleId === 'shared-network-without-vpn')!
      assert.deepEqual([noVpn.status, noVpn.clause], ['pass', 'N-3.3.7'])
      assert.ok(noVpn.evidence.some((e) => e.text === 'tun0 (openvpn) up, default route'), JSON.stringify(noVpn.evidence))
      assert.equal(status(report, 'segment-shared-with-other-hosts'), 'violation')
    })
  })
})
