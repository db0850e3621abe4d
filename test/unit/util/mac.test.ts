import assert from 'node:assert/strict'
import {lookupVendor} from '../../../src/gather/oui.js'
import {isLocallyAdministered, normaliseMac} from '../../../src/util/mac.js'

describe('MAC addresses', () => {
  it('normalises the forms each OS prints', () => {
    assert.equal(normaliseMac('0:11:32:a:b:c'), '00:11:32:0a:0b:0c') // macOS arp -an drops leading zeros
    assert.equal(normaliseMac('00-11-32-AA-BB-CC'), '00:11:32:aa:bb:cc') // Windows
    assert.equal(normaliseMac('0011.32aa.bbcc'), '00:11:32:aa:bb:cc') // Cisco style
    assert.equal(normaliseMac('ff:ff:ff:ff:ff:ff'), null)
    assert.equal(normaliseMac('00:00:00:00:00:00'), null)
    assert.equal(normaliseMac('00:11:22:33:44'), null)
    assert.equal(normaliseMac('zz:11:22:33:44:55'), null)
    assert.equal(normaliseMac(undefined), null)
  })

  it('recognises locally administered (randomised) MACs', () => {
    assert.ok(isLocallyAdministered('da:a1:19:00:00:01'))
    assert.ok(isLocallyAdministered('02:00:00:00:00:01'))
    assert.ok(!isLocallyAdministered('00:11:32:00:00:01'))
  })

  it('looks vendors up in the IEEE registry', () => {
    assert.deepEqual(lookupVendor('00:11:32:12:34:56'), {vendor: 'Synology Incorporated', randomized: false})
    assert.deepEqual(lookupVendor('10:66:82:00:00:01'), {vendor: 'NEC Platforms, Ltd.', randomized: false})
    assert.deepEqual(lookupVendor('da:a1:19:00:00:01'), {vendor: null, randomized: true})
    assert.deepEqual(lookupVendor(null), {vendor: null, randomized: false})
  })
})
