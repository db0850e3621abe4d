import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {type LabTopology, labDown, labUp, REPO, requireLab, runCliIn} from './lab-harness.js'

/**
 * The hostile lab's name and file-service devices (test/lab/topology-hostile.json, behaviours in
 * test/lab/hostile/behaviours/): mdns-hostile and netbios-hostile on `names`, snmp-malformed on
 * the router, smb-hostile on `smb`, ftp-endless-banner on `ftp`. Each command must end in time
 * with exit 0 or 1, keep device text as data (capped) and show it only sanitised, and say what
 * went wrong. HOSTILE_TOPOLOGY may name a copy of the topology under another prefix.
 */
const TOPOLOGY_FILE = process.env.HOSTILE_TOPOLOGY || `${REPO}test/lab/topology-hostile.json`
const topology: LabTopology = JSON.parse(readFileSync(TOPOLOGY_FILE, 'utf8'))
const host = (name: string) => topology.hosts.find((h) => h.name === name)!
const pc = () => host('pc').namespace

/** What a terminal would act on: C0 (but tab and newline), DEL, C1, bidi controls. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u

function run(args: string[]) {
  const started = Date.now()
  const result = runCliIn(pc(), args)
  const seconds = (Date.now() - started) / 1000
  assert.ok(result.status === 0 || result.status === 1, `homeaudit ${args.join(' ')}: exit ${result.status} after ${seconds} s\n${result.stderr.slice(-2000)}`)
  return {...result, seconds}
}

function assertSafeOutput(what: string, stdout: string): void {
  assert.ok(!RAW_CONTROL.test(stdout), `${what}: no raw escape, control or bidi character in the output`)
}

describe('lab e2e: hostile name and file-service devices', function () {
  this.timeout(300_000)

  before(function () {
    requireLab(this)
    labUp(TOPOLOGY_FILE)
  })

  after(() => labDown(TOPOLOGY_FILE))

  it('discover: the mDNS and NetBIOS names of `names` are kept capped and shown escaped; bad datagrams are counted', () => {
    const names = host('names')
    const json = run(['discover', '--json', '--timeout', '500'])
    assert.ok(json.seconds < 60, `discover took ${json.seconds} s`)
    assertSafeOutput('discover --json', json.stdout)
    const report = JSON.parse(json.stdout) as {hosts: Array<{ip: string; names: Array<{name: string; source: string}>}>; probes: Array<{probe: string; detail: string}>}
    const got = report.hosts.find((h) => h.ip === names.ip)!.names
    const netbios = got.filter((n) => n.source === 'netbios').map((n) => n.name)
    const mdns = got.filter((n) => n.source === 'mdns').map((n) => n.name)
    assert.deepEqual(netbios, ['\u001b[31mEVIL\u001b[0m'], 'the first unique <00> name of the well-formed node status')
    for (const want of ['\u001b[31mEVIL\u001b[0m phone', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '\u202Egnp.exe\u202C iPhone', '\u001b]0;pwned\u0007title']) assert.ok(mdns.includes(want), `mDNS instance ${JSON.stringify(want)}`)
    assert.ok(mdns.some((n) => n.startsWith('\u001b[2J\u001b[31mEVIL\u001b[0m-<b>host</b>')), 'the hostile host name')
    assert.ok(mdns.some((n) => n.includes('\uFFFD')), 'invalid UTF-8 arrives as U+FFFD')
    assert.ok(got.length <= 16 && got.every((n) => [...n.name].length <= 255), 'names capped in number and length')
    const detail = (probe: string) => report.probes.find((p) => p.probe === probe)!.detail
    assert.match(detail('mdns'), /\d+ malformed datagrams ignored/, 'the 4 KB label chain, the compression loop, the lying counts')
    assert.match(detail('mdns'), /\d+ datagrams from outside the scope or oversized dropped/, 'the 10 KB datagrams')
    assert.match(detail('netbios-nbstat'), /1 answered, 3 malformed answers ignored/)

    const text = run(['discover', '--lang', 'en'])
    assertSafeOutput('discover', text.stdout)
    const line = text.stdout.split('\n').find((l) => l.startsWith(names.ip))!
    assert.ok(line.includes('\\x1B[31mEVIL\\x1B[0m'), `the names are shown escaped: ${line}`)
    assert.ok(line.length < 400)
  })

  it('router: malformed SNMP answers are reported as such, the weird one read as data and shown escaped', () => {
    const json = run(['router', '--json'])
    assert.ok(json.seconds < 60, `router took ${json.seconds} s`)
    assertSafeOutput('router --json', json.stdout)
    const snmp = JSON.parse(json.stdout).observations.snmp as {answer: {version: string; system: Record<string, string>} | null; attempts: Array<{version: string; community: string; outcome: string}>}
    const [v2cPublic, v2cPrivate, v1Public] = snmp.attempts
    assert.match(v2cPublic!.outcome, /^(malformed answer: |invalid answer: |no answer$)/)
    assert.equal(v2cPrivate!.outcome, 'no answer', 'a flood of answers with other request-ids is ignored')
    assert.equal(v1Public!.outcome, 'answered')
    assert.ok(snmp.answer!.system.sysDescr!.startsWith('\u001b[2J\u001b[31mEVIL\u001b[0m Router <script>'))
    assert.equal(snmp.answer!.system.sysContact!.length, 1024, 'the 64,000-byte sysContact is capped')

    const text = run(['router', '--lang', 'en'])
    assertSafeOutput('router', text.stdout)
    assert.match(text.stdout, /v2c community "public": (malformed answer|invalid answer|no answer)/)
    assert.ok(text.stdout.includes('\\x1B[2J\\x1B[31mEVIL\\x1B[0m Router'), 'sysDescr shown escaped')
  })

  it('shares on `smb`: the probe gives up in time and the host is reported with the reason', () => {
    const smb = host('smb')
    for (let i = 0; i < 2; i++) {
      // Two runs meet two different misbehaviours (the device takes them in turn).
      const json = run(['shares', '--target', smb.ip, '--json'])
      assert.ok(json.seconds < 45, `shares took ${json.seconds} s`)
      const out = JSON.parse(json.stdout) as {shares: unknown[]; fileServices: Array<{host: string; protocol: string; reachable: boolean; error: string | null}>; findings: Array<{ruleId: string; status: string; evidence: Array<{text: string}>}>}
      const service = out.fileServices.find((s) => s.host === smb.ip && s.protocol === 'smb')!
      assert.equal(service.reachable, true)
      assert.match(service.error ?? '', /^(protocol|timeout|closed): ./, 'an error reason')
      assert.deepEqual(out.shares, [])
      const rule = out.findings.find((f) => f.ruleId === 'open-shares-on-other-hosts')!
      assert.equal(rule.status, 'unknown', 'never pass for a host that could not be checked')
      assert.ok(rule.evidence.some((e) => e.text.endsWith(`shares not checked: ${service.error}`)))
    }
  })

  it('shares on `ftp`: an endless banner ends the probe, the banner kept capped and shown escaped', () => {
    const ftp = host('ftp')
    const json = run(['shares', '--target', ftp.ip, '--json'])
    assert.ok(json.seconds < 45, `shares took ${json.seconds} s`)
    assertSafeOutput('shares --json', json.stdout)
    const service = (JSON.parse(json.stdout).fileServices as Array<{host: string; protocol: string; banner: string | null; error: string | null; anonymousLogin: boolean | null}>).find((s) => s.host === ftp.ip && s.protocol === 'ftp')!
    assert.match(service.error ?? '', /^banner (too long|incomplete): /)
    assert.ok(service.banner!.startsWith('\u001b[31mWelcome\u001b[0m <script>alert(1)</script>'))
    assert.ok(service.banner!.length <= 512, `banner capped (${service.banner!.length})`)
    assert.equal(service.anonymousLogin, null, 'never got as far as a login')

    const text = run(['shares', '--target', ftp.ip, '--lang', 'en'])
    assertSafeOutput('shares', text.stdout)
    assert.ok(text.stdout.includes('\\x1B[31mWelcome\\x1B[0m <script>'), 'the banner is shown escaped')
    assert.match(text.stdout, /\(banner (too long|incomplete): /)
  })
})
