import assert from 'node:assert/strict'
import {identifyRouter} from '../../../src/identify/identify-router.js'
import {compareFirmware, type VersionScheme} from '../../../src/vendordb/firmware-version.js'
import {loadVendorDb} from '../../../src/vendordb/load.js'
import {caseObservations, routerCases} from '../../helpers/router-cases.js'
import {observations} from '../../helpers/router.js'

const db = loadVendorDb()
const fold = (s: string) => s.toLowerCase().replace(/[\s_!-]+/g, '')
const dbVendor = (name: string | null) => (name ? db.vendors.find((v) => fold(v.vendor) === fold(name) || v.aliases.some((a) => fold(a) === fold(name)))?.vendor ?? null : null)

describe('router identification on real captures (test/fixtures/router/cases.json)', () => {
  const results = routerCases.map((c) => ({c, id: identifyRouter(caseObservations(c), db)}))

  for (const {c, id} of results) {
    it(`${c.file ?? c.value}: never a wrong vendor, model or firmware`, () => {
      const expectedVendor = dbVendor(c.expect.vendor)
      if (id.vendor !== null) assert.equal(id.vendor, expectedVendor, `vendor (source ${c.source})`)
      const platform = db.models.find((m) => m.id === id.modelId)?.platform === true
      if (id.model !== null && !platform) {
        assert.ok(c.expect.model, `named a model where the capture establishes none: ${id.model}`)
        const got = fold(id.model).replace(fold(id.vendor ?? ''), '')
        assert.ok(got.endsWith(fold(c.expect.model!).replace(fold(c.expect.vendor ?? ''), '')), `model ${id.model} vs ${c.expect.model}`)
      }
      if (id.firmware !== null) {
        assert.ok(c.expect.firmware, `named a firmware where the capture establishes none: ${id.firmware}`)
        const scheme = (db.models.find((m) => m.id === id.modelId)?.versionScheme ?? (id.vendor === 'AVM' ? 'fritz' : 'dotted')) as VersionScheme
        assert.equal(compareFirmware(id.firmware, c.expect.firmware!, scheme), 0, `firmware ${id.firmware} vs ${c.expect.firmware}`)
      }
    })
  }

  it('answers unknown for every capture that establishes nothing (generic stacks, other kinds of device)', () => {
    const blank = results.filter(({c}) => !c.expect.vendor || !dbVendor(c.expect.vendor))
    assert.ok(blank.length >= 8)
    for (const {c, id} of blank) assert.deepEqual([id.vendor, id.model, id.firmware], [null, null, null], c.file ?? c.value)
  })

  it('finds the vendor in most captures that name a vendor in vendor-db', () => {
    const named = results.filter(({c}) => dbVendor(c.expect.vendor))
    const found = named.filter(({id}) => id.vendor !== null)
    assert.ok(found.length / named.length >= 0.7, `${found.length}/${named.length}`)
  })

  it("does not take miniupnpd's embedded-device names, or the OUI alone, for a model", () => {
    const id = identifyRouter(observations({ouiVendor: 'NEC Platforms, Ltd.'}), db)
    assert.equal(id.vendor, 'NEC')
    assert.equal(id.model, null)
    assert.equal(id.confidence, 'low')
  })

  it('reports conflicting sources instead of choosing', () => {
    const id = identifyRouter(
      observations({
        http: [{url: 'http://192.168.1.1/', port: 80, scheme: 'http', status: 200, server: null, realm: 'NETGEAR R7000', title: null, meta: {}, text: '', scripts: [], tls: null, redirects: [], error: null}],
        snmp: {answer: {version: 'v2c', community: 'public', system: {sysDescr: 'NEC Aterm WX3600HP Ver.1.4.2'}}, attempts: []},
      }),
      db,
    )
    assert.ok(id.conflicts.length > 0)
    assert.notEqual(id.confidence, 'high')
  })
})
