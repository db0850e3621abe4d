import assert from 'node:assert/strict'
import {probeFtp} from '../../../src/gather/probes/ftp.js'
import {MAX_INTERIM_RESPONSES} from '../../../src/gather/probes/smb/client.js'
import {probeSmbHost, smbToEvidence} from '../../../src/gather/probes/smb/index.js'
import {probeSnmp} from '../../../src/gather/probes/snmp.js'
import {sanitizeText} from '../../../src/report/sanitize.js'
import {ScanScope} from '../../../src/scope/scope-guard.js'

/**
 * The hostile lab's devices (test/lab/hostile/behaviours/), each started on 127.0.0.1 with a free
 * port, against homeaudit's real probes over real sockets. Each device takes its misbehaviours in
 * turn, one per connection or request, so N probes meet the first N of them, in order.
 */

interface Device {
  port: number
  close(): void
}
type Behaviour = {start(ip: string, log: (...args: unknown[]) => void, port?: number): Promise<Device>; [name: string]: unknown}

const loopback = ScanScope.fromCidr('127.0.0.0/24')
const quiet = () => undefined
const behaviour = (name: string) => import(new URL(`../../lab/hostile/behaviours/${name}.mjs`, import.meta.url).href) as Promise<Behaviour>
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/u

describe('hostile lab devices on loopback, against the real probes', function () {
  this.timeout(30_000)

  it('ftp-endless-banner: every kind of endless greeting ends the probe in time, the banner kept capped', async () => {
    const ftp = await behaviour('ftp-endless-banner')
    const device = await ftp.start('127.0.0.1', quiet, 0)
    try {
      const want = [/^banner too long: reply too long \(more than 16384 bytes/, /^banner (too long: multi-line reply too long \(more than 32 lines\)|incomplete: no complete reply within 1500 ms)$/, /^banner too long: reply too long/]
      for (const [i, [what]] of (ftp.MODES as Array<[string]>).entries()) {
        const started = Date.now()
        const r = await probeFtp(loopback, '127.0.0.1', device.port, 1500)
        assert.ok(Date.now() - started < 2500, `${what}: took ${Date.now() - started} ms`)
        assert.equal(r.reachable, true, what)
        assert.match(r.error ?? '', want[i]!, what)
        assert.ok(r.banner?.startsWith('\u001b[31mWelcome\u001b[0m <script>'), `${what}: the banner begins as sent`)
        assert.ok(r.banner!.length <= 512, `${what}: banner capped (${r.banner!.length})`)
        assert.ok(!UNSAFE.test(sanitizeText(r.banner!, 80)), `${what}: shown without control characters`)
      }
    } finally {
      device.close()
    }
  })

  it('smb-hostile: each misbehaviour ends with an error that says what happened, within the step timeout', async () => {
    const smb = await behaviour('smb-hostile')
    const device = await smb.start('127.0.0.1', quiet, 0)
    // What each SMB2 misbehaviour (by a word of its name) must be reported as.
    const want: Array<[string, RegExp]> = [
      ['truncated', /^timeout: response truncated: 104 of 204 bytes received/],
      ['NetBIOS length', /^protocol: NetBIOS framing: message of 16777215 bytes is larger than the 1048576-byte limit/],
      ['40-byte', /^protocol: SMB2 header: field: need 8 bytes at 40, have 0/],
      ['other message IDs', /^protocol: too many unexpected messages/],
      ['SESSION_SETUP', /^protocol: SESSION_SETUP response: security buffer \(offset 65520, length 4096\) is outside the 72-byte message/],
      ['NEGOTIATE response whose', /^protocol: NEGOTIATE response: security buffer \(offset 65520, length 4096\) is outside the 128-byte message/],
      ['STATUS_PENDING', new RegExp(`^protocol: more than ${MAX_INTERIM_RESPONSES} STATUS_PENDING interim answers to one NEGOTIATE`)],
      ['keep-alives', /^timeout: no answer within 400 ms/],
    ]
    const modes = (smb.SMB2_MODES as Array<[string]>).map(([what]) => what)
    assert.equal(modes.length, want.length)
    try {
      for (const what of modes) {
        const started = Date.now()
        const r = await probeSmbHost(loopback, '127.0.0.1', {port: device.port, stepTimeoutMs: 400, deadlineMs: 10_000})
        assert.ok(Date.now() - started < 2000, `${what}: took ${Date.now() - started} ms`)
        const service = smbToEvidence(r).fileService
        assert.equal(service.reachable, true, what)
        const expected = want.find(([key]) => what.includes(key))
        assert.ok(expected, `no expectation for ${what}`)
        assert.match(service.error ?? '(none)', expected[1], what)
      }
    } finally {
      device.close()
    }
  })

  it('snmp-malformed: v2c answers are reported malformed or ignored, never read; the weird v1 answer is read as data', async () => {
    const snmp = await behaviour('snmp-malformed')
    const device = await snmp.start('127.0.0.1', quiet, 0)
    try {
      const kinds = new Map<string, number>()
      for (const [what] of snmp.MALFORMED as Array<[string]>) {
        const r = await probeSnmp(loopback, '127.0.0.1', 150, undefined, device.port)
        const [v2cPublic, v2cPrivate, v1Public] = r.attempts
        assert.match(v2cPublic!.outcome, /^(malformed answer: |invalid answer: |no answer$)/, what)
        kinds.set(v2cPublic!.outcome.split(':')[0]!, (kinds.get(v2cPublic!.outcome.split(':')[0]!) ?? 0) + 1)
        assert.equal(v2cPrivate!.outcome, 'no answer', `${what}: 300 answers with other request-ids are ignored`)
        assert.equal(v1Public!.outcome, 'answered', what)
        const system = r.answer!.system
        assert.ok(system.sysDescr!.includes('\u001b[31mEVIL\u001b[0m Router <script>alert(1)</script>'))
        assert.equal(system.sysObjectID, `1.3.6.1.4.1${'.4294967295'.repeat(122)}`)
        assert.equal(system.sysContact!.length, 1024, 'a 64,000-byte value is capped')
        assert.ok(!UNSAFE.test(sanitizeText(system.sysDescr!, 120)))
      }
      assert.ok((kinds.get('malformed answer') ?? 0) >= 8, JSON.stringify([...kinds]))
    } finally {
      device.close()
    }
  })
})
