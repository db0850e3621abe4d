import assert from 'node:assert/strict'
import type {Host} from '../../../src/evidence/schema.js'
import {personalDevicesRule} from '../../../src/rules/personal-devices.js'
import {evidenceWith, host} from '../../helpers/evidence.js'

const tcp = (...ports: number[]): Host['ports'] => ports.map((port) => ({port, protocol: 'tcp', state: 'open', service: null}))
const identity = (extra: Partial<NonNullable<Host['identity']>>): Host['identity'] => ({mdnsServices: [], mdnsTxt: {}, netbios: [], netbiosMac: null, ssdp: [], upnp: null, http: [], ...extra})

const iphone = host('192.168.1.42', {
  vendor: 'Apple, Inc.',
  names: [{name: 'Hanakos-iPhone.local', source: 'mdns'}],
  identity: identity({mdnsServices: ['_companion-link._tcp', '_device-info._tcp'], mdnsTxt: {model: 'iPhone14,5'}}),
})
const familyPc = host('192.168.1.21', {vendor: 'Dell Inc.', ports: tcp(139, 445), names: [{name: 'FAMILY-PC', source: 'netbios'}], identity: identity({netbios: [{name: 'FAMILY-PC', suffix: 0, group: false}]})})
const nas = host('192.168.1.30', {vendor: 'Synology Incorporated', ports: tcp(139, 445)})
const printer = host('192.168.1.40', {vendor: 'Brother Industries, LTD.', ports: tcp(80, 631, 9100)})

describe('rule N-3.3.9 personal-devices-reachable', () => {
  it('passes when no other device is reachable', () => {
    assert.equal(personalDevicesRule.evaluate(evidenceWith([])).status, 'pass')
  })

  it('is a violation when a phone is reachable, naming it with the reasons', () => {
    const verdict = personalDevicesRule.evaluate(evidenceWith([familyPc, iphone]))
    assert.equal(verdict.status, 'violation')
    assert.match(verdict.title.en, /1 phone\/tablet/)
    assert.match(verdict.title.ja, /スマートフォン\/タブレット 1 台/)
    assert.equal(verdict.evidence[0]!.host, '192.168.1.42', 'the personal devices come first')
    assert.match(verdict.evidence[0]!.text, /Hanakos-iPhone\.local.*phone\/tablet: .*model=iPhone14,5/)
    assert.ok(verdict.evidence.some((e) => e.host === '192.168.1.21' && / pc: /.test(e.text)), 'the other hosts are listed too')
    assert.ok(verdict.remediation.en.length > 0 && verdict.remediation.ja.length > 0)
  })

  it('TVs and IoT devices are personal devices too', () => {
    const tv = host('192.168.1.50', {identity: identity({mdnsServices: ['_googlecast._tcp'], mdnsTxt: {md: 'Chromecast'}})})
    const plug = host('192.168.1.51', {vendor: 'Espressif Inc.'})
    const verdict = personalDevicesRule.evaluate(evidenceWith([tv, plug]))
    assert.equal(verdict.status, 'violation')
    assert.match(verdict.title.en, /1 TV\/media device, 1 IoT device/)
  })

  it('passes when only PCs, NAS and printers are reachable', () => {
    const verdict = personalDevicesRule.evaluate(evidenceWith([familyPc, nas, printer]))
    assert.equal(verdict.status, 'pass')
    assert.match(verdict.title.en, /Only PCs, NAS, printers and routers/)
    assert.deepEqual(verdict.evidence.map((e) => e.host), ['192.168.1.21', '192.168.1.30', '192.168.1.40'])
  })

  it('is unknown, never pass, while a device cannot be typed', () => {
    const verdict = personalDevicesRule.evaluate(evidenceWith([familyPc, host('192.168.1.43', {vendor: 'Apple, Inc.'})]))
    assert.equal(verdict.status, 'unknown')
    assert.equal(verdict.evidence[0]!.host, '192.168.1.43')
    assert.match(verdict.evidence[0]!.text, /Apple.*unknown/)
  })

  it('only declares the statuses it can produce', () => {
    assert.deepEqual([...personalDevicesRule.statuses].sort(), ['pass', 'unknown', 'violation'])
  })
})
