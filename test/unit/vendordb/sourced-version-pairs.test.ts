import assert from 'node:assert/strict'
import {compareFirmware, type VersionScheme} from '../../../src/vendordb/firmware-version.js'
import {loadVendorDb} from '../../../src/vendordb/load.js'

/**
 * vendor-db's own sourced advisories give real ordered pairs: the last affected version
 * ("<= X") is older than the fixed one. They cover vendors (Yamaha, NTT, corega, ...) for
 * which no changelog pair was found.
 */
describe('firmware comparator on vendor-db advisory pairs', () => {
  const db = loadVendorDb()
  const pairs = db.models.flatMap((m) =>
    [...m.advisories, ...m.kev].flatMap((a) => {
      const last = /^\s*<=\s*(\S+)\s*$/.exec(a.affected ?? '')?.[1]
      return last && a.fixedIn ? [{id: m.id, scheme: (m.versionScheme ?? 'dotted') as VersionScheme, last, fixed: a.fixedIn}] : []
    }),
  )

  it('has such pairs', () => assert.ok(pairs.length > 0))

  for (const p of pairs) {
    it(`${p.id}: ${p.last} < ${p.fixed} (${p.scheme})`, () => {
      assert.equal(compareFirmware(p.last, p.fixed, p.scheme), -1)
    })
  }
})
