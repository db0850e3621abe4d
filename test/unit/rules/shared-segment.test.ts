import assert from 'node:assert/strict'
import {sharedSegmentRule} from '../../../src/rules/shared-segment.js'
import {evidenceWith, host} from '../../helpers/evidence.js'

describe('rule N-3.3.7 segment-shared-with-other-hosts', () => {
  it('has its metadata', () => {
    assert.equal(sharedSegmentRule.clause, 'N-3.3.7')
    assert.equal(sharedSegmentRule.severity, 'high')
  })

  it('passes when only this PC and the router are on the segment', () => {
    const verdict = sharedSegmentRule.evaluate(evidenceWith([]))
    assert.equal(verdict.status, 'pass')
  })

  it('is a violation listing every other host, with MAC and vendor', () => {
    const verdict = sharedSegmentRule.evaluate(
      evidenceWith([host('192.168.1.21', {mac: '10:65:30:00:00:21', vendor: 'Dell Inc.'}), host('192.168.1.42', {mac: 'da:a1:19:00:00:42', macRandomized: true})]),
    )
    assert.equal(verdict.status, 'violation')
    const listed = verdict.evidence.filter((e) => e.host).map((e) => e.host)
    assert.deepEqual(listed, ['192.168.1.21', '192.168.1.42'])
    assert.match(verdict.evidence.find((e) => e.host === '192.168.1.21')!.text, /10:65:30:00:00:21 Dell Inc\./)
    assert.match(verdict.evidence.find((e) => e.host === '192.168.1.42')!.text, /randomised MAC/)
    assert.match(verdict.title.en, /2 other device/)
    assert.ok(verdict.remediation.ja.length > 0 && verdict.remediation.en.length === verdict.remediation.ja.length)
  })

  it('is unknown when the PC has no address', () => {
    const evidence = evidenceWith([], {network: {interface: null, address: null, cidr: null, gateway: null, mac: null, source: 'test'}})
    evidence.hosts = evidence.hosts.filter((h) => !h.isSelf)
    assert.equal(sharedSegmentRule.evaluate(evidence).status, 'unknown')
  })
})
