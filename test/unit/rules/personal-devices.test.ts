import assert from 'node:assert/strict'
import {personalDevicesRule} from '../../../src/rules/personal-devices.js'
import {evidenceWith, host} from '../../helpers/evidence.js'

describe('rule N-3.3.9 personal-devices-reachable', () => {
  it('passes when no other device is reachable', () => {
    assert.equal(personalDevicesRule.evaluate(evidenceWith([])).status, 'pass')
  })

  it('is unknown, never pass, while other devices cannot be typed', () => {
    const verdict = personalDevicesRule.evaluate(evidenceWith([host('192.168.1.42', {vendor: 'Apple, Inc.'})]))
    assert.equal(verdict.status, 'unknown')
    assert.equal(verdict.evidence[0]!.host, '192.168.1.42')
    assert.match(verdict.evidence[0]!.text, /Apple/)
  })
})
