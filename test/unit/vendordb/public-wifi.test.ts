import assert from 'node:assert/strict'
import {loadPublicWifi, matchesMobileRouter, matchPublicHotspot} from '../../../src/gather/local/public-hotspots.js'

describe('vendor-db/public-wifi.json', () => {
  const db = loadPublicWifi()!

  it('loads, and every entry cites a source that exists', () => {
    assert.ok(db, 'the file parses against its schema')
    assert.ok(db.publicHotspots.length >= 30)
    for (const e of [...db.publicHotspots, ...db.mobileRouters]) {
      assert.ok(db.sources[e.source], `${e.id} → ${e.source}`)
      if (e.match === 'regex') assert.doesNotThrow(() => new RegExp(e.pattern!))
    }
  })

  it('covers Japan first: carriers, transit, convenience stores, the disaster SSID', () => {
    const jp = db.publicHotspots.filter((e) => e.country === 'JP')
    for (const category of ['carrier', 'transit', 'convenience-store', 'cafe', 'disaster']) assert.ok(jp.some((e) => e.category === category), category)
  })

  it('matches listed SSIDs, with their source, and nothing else', () => {
    for (const e of db.publicHotspots.filter((x) => x.match !== 'regex')) {
      for (const ssid of e.ssids) assert.ok(matchPublicHotspot(ssid), ssid)
    }
    assert.equal(matchPublicHotspot('MyHome-5G'), null)
    assert.equal(matchPublicHotspot(null), null)
    assert.match(matchPublicHotspot('0000docomo')!.source, /^https?:\/\//)
  })

  it('never takes a pocket router or phone hotspot for a public hotspot', () => {
    for (const ssid of ['aterm-72e649-g', 'AndroidAP_1234']) {
      assert.ok(matchesMobileRouter(ssid), ssid)
      assert.equal(matchPublicHotspot(ssid), null, ssid)
    }
  })
})
