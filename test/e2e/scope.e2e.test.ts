import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {ScanReportSchema} from '../../src/evidence/schema.js'
import {ScanScope} from '../../src/scope/scope-guard.js'
import {captureSent, destinations} from './capture.js'
import {labDown, labHost, labUp, requireLab, runCliIn, topology} from './lab-harness.js'

describe('lab e2e: scope guard and errors', function () {
  this.timeout(180_000)

  before(function () {
    requireLab(this)
    labUp()
  })

  after(() => labDown())

  it('a --target /28 sends no packet outside the /28 (tcpdump on the work PC)', async () => {
    const target = '192.168.77.16/28'
    let report!: ReturnType<typeof ScanReportSchema.parse>
    const lines = await captureSent(labHost('pc').namespace, () => {
      const run = runCliIn(labHost('pc').namespace, ['scan', '--json', '--target', target])
      report = ScanReportSchema.parse(JSON.parse(run.stdout))
    })
    const scope = ScanScope.fromCidr(target)
    const sent = destinations(lines)
    assert.ok(sent.length > 10, `the scan sent packets (${sent.length})`)
    const outside = sent.filter((ip) => !scope.allows(ip))
    assert.deepEqual(outside, [], 'every packet stayed inside the target')
    const inside = topology.hosts.filter((h) => scope.allows(h.ip)).map((h) => h.ip)
    assert.ok(inside.length >= 2 && inside.length < topology.hosts.length, 'the /28 holds some lab hosts, not all')
    assert.deepEqual(report.hosts.map((h) => h.ip), inside, 'exactly the lab hosts inside the /28 are reported')
  })

  for (const [label, args, pattern] of [
    ['a public target', ['scan', '--target', '8.8.8.0/24'], /refusing to scan 8\.8\.8\.0\/24/],
    ['an invalid CIDR', ['scan', '--target', '192.168.77.0/33'], /not a valid IPv4 CIDR/],
    ['a target that is too large', ['scan', '--target', '10.0.0.0/16'], /--max-hosts 65536/],
    ['an unknown flag', ['scan', '--frobnicate'], /Nonexistent flag: --frobnicate/],
  ] as const) {
    it(`refuses ${label} with a one-line error and exit code 2`, () => {
      const run = runCliIn(labHost('pc').namespace, [...args])
      assert.equal(run.status, 2)
      assert.equal(run.stdout, '')
      assert.match(run.stderr, pattern)
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace')
    })
  }

  it('gives up at --deadline with exit code 2 and one line', () => {
    const started = Date.now()
    const run = runCliIn(labHost('pc').namespace, ['scan', '--deadline', '5', '--no-save'])
    assert.equal(run.status, 2)
    assert.match(run.stderr, /did not finish within 5 s/)
    assert.ok(Date.now() - started < 15_000, 'it stopped near the deadline')
  })

  it('says so, with exit code 2, when there is no active interface', () => {
    const ns = 'halab-noif'
    spawnSync('ip', ['netns', 'add', ns])
    try {
      spawnSync('ip', ['netns', 'exec', ns, 'ip', 'link', 'set', 'lo', 'up'])
      const run = runCliIn(ns, ['scan'])
      assert.equal(run.status, 2)
      assert.match(run.stderr, /no active network interface/)
      assert.doesNotMatch(run.stderr, /\n\s+at /)
    } finally {
      spawnSync('ip', ['netns', 'del', ns])
    }
  })
})
