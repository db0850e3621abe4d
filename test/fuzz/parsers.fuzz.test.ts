import assert from 'node:assert/strict'
import {readdirSync, readFileSync} from 'node:fs'
import {extractPage, parseRealm} from '../../src/gather/probes/http-admin.js'
import {parseSsdpResponse} from '../../src/gather/probes/ssdp.js'
import {DescriptionRejected, parseUpnpDescription} from '../../src/gather/probes/upnp-description.js'
import {identifyRouter} from '../../src/identify/identify-router.js'
import {parseFirmwareVersion} from '../../src/vendordb/firmware-version.js'
import {loadVendorDb} from '../../src/vendordb/load.js'
import {fuzz} from './mutate.js'
import {observations} from '../helpers/router.js'

const CASES = Number(process.env.FUZZ_CASES ?? 10_000)
const fixtures = (dir: string) =>
  readdirSync(new URL(`../fixtures/router/${dir}/`, import.meta.url)).map((f) => readFileSync(new URL(`../fixtures/router/${dir}/${f}`, import.meta.url)))

/** Each parser meets CASES mutated real inputs: nothing may escape except the documented rejection. */
describe(`fuzz: network parsers (${CASES} cases each)`, function () {
  this.timeout(300_000)

  it('UPnP / TR-064 descriptions: only DescriptionRejected, never a crash', () => {
    const seeds = [...fixtures('upnp'), ...fixtures('tr064'), ...fixtures('lab')]
    const result = fuzz(seeds, CASES, (input) => {
      try {
        parseUpnpDescription(input)
      } catch (error) {
        if (!(error instanceof DescriptionRejected)) throw error
      }
    })
    assert.deepEqual(result.failures, [])
  })

  it('SSDP responses', () => {
    const seeds = fixtures('server').map((b) => Buffer.from(`HTTP/1.1 200 OK\r\nST: upnp:rootdevice\r\n${b.toString('latin1')}\r\nLOCATION: http://192.168.77.1:5431/rootDesc.xml\r\n\r\n`, 'latin1'))
    assert.deepEqual(fuzz(seeds, CASES, (input) => void parseSsdpResponse('192.168.77.1', input)).failures, [])
  })

  it('HTTP admin pages (cheerio extraction) and realms', () => {
    const seeds = [readFileSync(new URL('../lab/conf/index.html.in', import.meta.url)), ...fixtures('title'), ...fixtures('realm')]
    assert.deepEqual(
      fuzz(seeds, CASES, (input) => {
        extractPage(input.toString('utf8'))
        parseRealm(input.toString('latin1'))
      }).failures,
      [],
    )
  })

  it('router identification from hostile observation strings', () => {
    const db = loadVendorDb()
    const seeds = [...fixtures('server'), ...fixtures('sysdescr'), ...fixtures('realm')]
    const result = fuzz(seeds, Math.min(CASES, 3000), (input) => {
      const text = input.toString('utf8')
      identifyRouter(observations({snmp: {answer: {version: 'v2c', community: 'public', system: {sysDescr: text}}, attempts: []}, ssdp: [{st: null, usn: null, server: text, location: null, trustedLocation: null}]}), db)
    })
    assert.deepEqual(result.failures, [])
  })

  it('firmware versions', () => {
    const seeds = ['1.05', 'Ver.2.53', 'V1.0.9.88_10.2.88', '3.0.0.4.386_51665', '154.07.57', '7.16rc1', '1.02B05', '1.1.0 Build 20230105 rel.61580'].map((v) => Buffer.from(v))
    assert.deepEqual(
      fuzz(seeds, CASES, (input) => {
        for (const scheme of ['dotted', 'netgear', 'tplink', 'fritz', 'dlink', 'semver'] as const) parseFirmwareVersion(input.toString('utf8'), scheme)
      }).failures,
      [],
    )
  })
})
