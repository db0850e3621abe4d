import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import semver from 'semver'
import {compareFirmware, parseFirmwareVersion, type VersionScheme} from '../../../src/vendordb/firmware-version.js'

/** Real version pairs of one product line, each with its public source (see test/fixtures/router/SOURCES.md). */
const pairs: Array<{vendor: string; older: string; newer: string; source: string}> = JSON.parse(
  readFileSync(new URL('../../fixtures/router/versions.json', import.meta.url), 'utf8'),
)

const SCHEME: Record<string, VersionScheme> = {
  avm: 'fritz',
  mikrotik: 'mikrotik',
  openwrt: 'dotted',
  netgear: 'netgear',
  asus: 'asus',
  tplink: 'tplink',
  dlink: 'dlink',
  linksys: 'dotted',
  buffalo: 'buffalo',
  nec: 'aterm',
  aterm: 'aterm',
  yamaha: 'dotted',
  elecom: 'dotted',
  iodata: 'dotted',
}

describe('firmware version comparator', () => {
  it('covers every vendor format in the real pairs', () => {
    assert.ok(pairs.length >= 20)
    for (const p of pairs) assert.ok(SCHEME[p.vendor], `scheme for ${p.vendor}`)
  })

  for (const p of pairs) {
    it(`${p.vendor}: ${p.older} < ${p.newer}`, () => {
      const scheme = SCHEME[p.vendor]!
      assert.equal(compareFirmware(p.older, p.newer, scheme), -1)
      assert.equal(compareFirmware(p.newer, p.older, scheme), 1)
      assert.equal(compareFirmware(p.newer, p.newer, scheme), 0)
    })
  }

  it('reads the formats of the issue: Buffalo, Aterm, Netgear, ASUS, FRITZ!OS, MikroTik, D-Link, TP-Link', () => {
    assert.equal(compareFirmware('1.05', '1.10', 'buffalo'), -1) // Buffalo: 1.10 is later than 1.05
    assert.equal(compareFirmware('Ver.2.53', '2.53', 'aterm'), 0)
    assert.equal(compareFirmware('V1.0.9.88_10.2.88', 'V1.0.11.134_10.2.119', 'netgear'), -1)
    assert.equal(compareFirmware('3.0.0.4.386_51665', '3.0.0.4.388_24198', 'asus'), -1)
    assert.equal(compareFirmware('154.07.57', '7.57', 'fritz'), 0)
    assert.equal(compareFirmware('7.16rc1', '7.16', 'mikrotik'), -1)
    assert.equal(compareFirmware('7.16beta3', '7.16rc1', 'mikrotik'), -1)
    assert.equal(compareFirmware('7.21.5', '7.9', 'mikrotik'), 1)
    assert.equal(compareFirmware('1.02B05', '1.02B06', 'dlink'), -1)
    assert.equal(compareFirmware('1.1.0 Build 20230105 rel.61580', '1.1.0 Build 20230301 rel.100', 'tplink'), -1)
    assert.equal(compareFirmware('09.00.0015', '09.00.0101', 'dotted'), -1)
    assert.equal(compareFirmware('Rev.14.01.42', 'Rev.14.01.38', 'dotted'), 1)
  })

  it('is right where semver.coerce is wrong', () => {
    // coerce keeps only three numbers: ASUS builds and MikroTik candidates collapse
    assert.equal(semver.compare(semver.coerce('3.0.0.4.386_51665')!, semver.coerce('3.0.0.4.388_24198')!), 0)
    assert.equal(compareFirmware('3.0.0.4.386_51665', '3.0.0.4.388_24198', 'asus'), -1)
    assert.equal(semver.compare(semver.coerce('7.16rc1')!, semver.coerce('7.16')!), 0)
    assert.equal(compareFirmware('7.16rc1', '7.16', 'mikrotik'), -1)
  })

  it('answers null, never a guess, for what it cannot read', () => {
    for (const bad of ['', 'latest', 'unknown', 'x'.repeat(100), '1.2.3 extra words here']) {
      assert.equal(compareFirmware(bad, '1.0', 'dotted'), null, bad)
    }
    assert.equal(parseFirmwareVersion('not-semver', 'semver'), null)
    assert.equal(compareFirmware('1.2.3-rc.1', '1.2.3', 'semver'), -1)
  })
})
