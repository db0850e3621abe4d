import assert from 'node:assert/strict'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {judgeSupport, kevAffects} from '../../../src/vendordb/judge-support.js'
import {loadVendorDb} from '../../../src/vendordb/load.js'
import {searchModels} from '../../../src/vendordb/query.js'
import {validateVendorDb} from '../../../src/vendordb/validate.js'

describe('vendor-db', () => {
  const db = loadVendorDb()

  it('the shipped database validates: schema, sources, versions, patterns', () => {
    const result = validateVendorDb(db)
    assert.deepEqual(result.problems, [])
    assert.ok(result.counts.models >= 100, `${result.counts.models} models`)
  })

  it('covers the Japanese market first', () => {
    for (const vendor of ['NEC', 'Buffalo', 'I-O DATA', 'ELECOM', 'NTT', 'Yamaha']) {
      assert.ok(db.vendors.some((v) => v.vendor.toUpperCase().startsWith(vendor.toUpperCase())), vendor)
    }
    for (const vendor of ['TP-Link', 'ASUS', 'NETGEAR', 'D-Link', 'Linksys', 'AVM', 'MikroTik', 'OpenWrt']) {
      assert.ok(db.vendors.some((v) => v.vendor.toUpperCase() === vendor.toUpperCase()), vendor)
    }
  })

  it('every end-of-life or supported status cites a source that resolves to a URL', () => {
    for (const v of db.vendors) {
      for (const m of v.models.filter((x) => x.support.status !== 'unknown')) {
        const ref = m.support.source!
        assert.ok(/^https?:\/\//.test(ref) || v.sources[ref], `${m.id} → ${ref}`)
      }
    }
  })

  it('the validator catches a missing source, an unreadable version and a broken pattern', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vdb-'))
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({
        $schemaVersion: 1,
        vendor: 'Bad',
        sources: {},
        models: [
          {id: 'bad-1', model: 'B1', fingerprints: [{source: 'upnp.modelName', pattern: '('}], support: {status: 'eol', source: 'nowhere'}, latestFirmware: {version: 'latest!', source: 'https://example.com/'}},
          {id: 'bad-1', model: 'B1 again', support: {status: 'unknown'}},
        ],
      }),
    )
    writeFileSync(join(dir, 'broken.json'), '{not json')
    const result = validateVendorDb(loadVendorDb(dir))
    const messages = result.problems.map((p) => `${p.where}: ${p.message}`).join('\n')
    assert.match(messages, /does not compile/)
    assert.match(messages, /"nowhere" is neither a URL/)
    assert.match(messages, /"latest!" does not parse/)
    assert.match(messages, /duplicate model id/)
    assert.match(messages, /not valid JSON/)
  })

  it("names each main Japanese-market vendor's own firmware-update page, with a source that resolves", () => {
    for (const name of ['Buffalo', 'NEC', 'I-O DATA', 'ELECOM', 'TP-Link', 'ASUS', 'NETGEAR', 'Yamaha']) {
      const vendor = db.vendors.find((v) => v.vendor.toUpperCase().startsWith(name.toUpperCase()))
      assert.ok(vendor?.updateGuide, `${name} has an updateGuide`)
      assert.match(vendor.updateGuide.url, /^https?:\/\//)
      const ref = vendor.updateGuide.source
      assert.ok(/^https?:\/\//.test(ref) || vendor.sources[ref], `${name}: source ${ref} resolves`)
    }
    const buffalo = db.models.find((m) => m.vendor === 'Buffalo' && m.latestFirmware)!
    assert.deepEqual(judgeSupport(db, buffalo.id, null)!.updateGuide, {url: 'https://buffalo.jp/support/faq/detail/128.html'})
  })

  it('the validator requires a resolvable source for an update guide and a web URL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vdb-guide-'))
    writeFileSync(
      join(dir, 'guide.json'),
      JSON.stringify({$schemaVersion: 1, vendor: 'Guide', sources: {}, updateGuide: {url: 'ftp://example.com/fw', source: 'nowhere'}, models: []}),
    )
    const messages = validateVendorDb(loadVendorDb(dir)).problems.map((p) => `${p.where}: ${p.message}`).join('\n')
    assert.match(messages, /updateGuide: source "nowhere" is neither a URL/)
    assert.match(messages, /updateGuide: the update guide must be a web page/)
  })

  it('search finds models by alias ignoring case and dashes', () => {
    const found = searchModels(db, 'wx3600hp')
    assert.ok(found.some((m) => m.id === 'nec-aterm-wx3600hp'))
    assert.deepEqual(searchModels(db, ''), [])
  })

  it('judges support and firmware currency with the vendor comparator', () => {
    const eol = db.models.find((m) => m.support.status === 'eol')!
    assert.equal(judgeSupport(db, eol.id, null)!.status, 'eol')
    const withLatest = db.models.find((m) => m.latestFirmware)!
    assert.equal(judgeSupport(db, withLatest.id, withLatest.latestFirmware!.version)!.firmwareCurrent, true)
    assert.equal(judgeSupport(db, withLatest.id, '0.1')!.firmwareCurrent, false)
    assert.equal(judgeSupport(db, withLatest.id, null)!.firmwareCurrent, null)
    assert.equal(judgeSupport(db, 'no-such-model', '1.0'), null)
  })

  it('decides whether a KEV entry affects a version, or says it cannot', () => {
    assert.equal(kevAffects('2.09', null, '2.10', 'buffalo'), true)
    assert.equal(kevAffects('2.10', null, '2.10', 'buffalo'), false)
    assert.equal(kevAffects('1.0.9.88', '<= 1.0.9.88', null, 'netgear'), true)
    assert.equal(kevAffects('1.0.9.90', '<= 1.0.9.88', null, 'netgear'), false)
    assert.equal(kevAffects('1.0', 'all versions', null, 'dotted'), true)
    assert.equal(kevAffects('1.0', 'multiple devices', null, 'dotted'), null)
    assert.equal(kevAffects(null, '<= 2.0', '2.1', 'dotted'), null)
  })
})
