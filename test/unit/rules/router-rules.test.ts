import assert from 'node:assert/strict'
import {adminPlainHttpRule, snmpDefaultCommunityRule, upnpIgdRule} from '../../../src/rules/router-exposure.js'
import {routerFirmwareRule} from '../../../src/rules/router-firmware.js'
import {routerKevRule} from '../../../src/rules/router-kev.js'
import {routerSupportRule} from '../../../src/rules/router-support.js'
import {evidenceWith} from '../../helpers/evidence.js'
import {observations, routerReport, support} from '../../helpers/router.js'

const withRouter = (router: ReturnType<typeof routerReport> | null) => evidenceWith([], {router})

describe('router rules (N-3.3.6, N-3.3.4, N-3.3.7)', () => {
  describe('router-support-ended', () => {
    it('is a violation for an end-of-life model, citing the source', () => {
      const v = routerSupportRule.evaluate(withRouter(routerReport({support: support({status: 'eol', eolDate: '2021-04-27', sources: ['https://www.buffalo.jp/news/detail/20210427-02.html']})})))
      assert.equal(v.status, 'violation')
      assert.match(v.title.en, /no longer supported.*2021-04-27/)
      assert.ok(v.evidence.some((e) => e.text.includes('buffalo.jp')))
    })
    it('passes for a supported model', () => {
      assert.equal(routerSupportRule.evaluate(withRouter(routerReport())).status, 'pass')
    })
    it('is unknown, with manual steps, when the model or its data is unknown', () => {
      for (const router of [null, routerReport({model: null, modelId: null, support: null}), routerReport({support: support({status: 'unknown'})})]) {
        const v = routerSupportRule.evaluate(withRouter(router))
        assert.equal(v.status, 'unknown')
        assert.match(v.remediation.en.join(' '), /label/)
      }
    })
  })

  describe('router-firmware-outdated', () => {
    it('is a violation when a newer firmware is known, with the source', () => {
      const v = routerFirmwareRule.evaluate(withRouter(routerReport({support: support({latestFirmware: '1.10', firmwareCurrent: false})})))
      assert.equal(v.status, 'violation')
      assert.match(v.title.en, /1\.05 is older than the published 1\.10/)
      assert.ok(v.evidence.some((e) => e.source === 'vendor-db' && e.text.includes('https://example.invalid/support')))
    })
    it('passes when current, unknown when the version cannot be compared', () => {
      assert.equal(routerFirmwareRule.evaluate(withRouter(routerReport({support: support({latestFirmware: '1.05', firmwareCurrent: true})}))).status, 'pass')
      assert.equal(routerFirmwareRule.evaluate(withRouter(routerReport({firmware: null, support: support({latestFirmware: '1.10'})}))).status, 'unknown')
      assert.equal(routerFirmwareRule.evaluate(withRouter(routerReport({support: support({latestFirmware: null})}))).status, 'unknown')
    })
  })

  describe('router-known-exploited-vulnerability', () => {
    const kev = (affectsThisVersion: boolean | null, fixedIn: string | null = '1.10') => ({cve: 'CVE-2021-20090', title: 'Arcadyan path traversal', affected: null, fixedIn, affectsThisVersion, source: 'https://www.cisa.gov/known-exploited-vulnerabilities-catalog'})
    it('is a critical violation when a KEV entry affects this version', () => {
      const v = routerKevRule.evaluate(withRouter(routerReport({support: support({kev: [kev(true)]})})))
      assert.equal(v.status, 'violation')
      assert.equal(v.severity ?? routerKevRule.severity, 'critical')
      assert.match(v.title.en, /CVE-2021-20090/)
    })
    it('says replace when no fix exists', () => {
      const v = routerKevRule.evaluate(withRouter(routerReport({support: support({kev: [kev(true, null)]})})))
      assert.match(v.remediation.en.join(' '), /replace/)
    })
    it('is unknown when it cannot tell, pass when no entry affects the version', () => {
      assert.equal(routerKevRule.evaluate(withRouter(routerReport({support: support({kev: [kev(null)]})}))).status, 'unknown')
      assert.equal(routerKevRule.evaluate(withRouter(routerReport({support: support({kev: [kev(false)]})}))).status, 'pass')
      assert.equal(routerKevRule.evaluate(withRouter(null)).status, 'unknown')
    })
  })

  describe('exposure', () => {
    it('SNMP answering "public" is a warning; silence passes', () => {
      const answered = observations({snmp: {answer: {version: 'v2c', community: 'public', system: {sysDescr: 'RouterOS RB750Gr3'}}, attempts: [{version: 'v2c', community: 'public', outcome: 'answered'}]}})
      assert.equal(snmpDefaultCommunityRule.evaluate(withRouter(routerReport({observations: answered}))).status, 'warning')
      assert.equal(snmpDefaultCommunityRule.evaluate(withRouter(routerReport())).status, 'pass')
    })
    it('SNMP answering "public" with a malformed or invalid answer is unknown, never pass', () => {
      for (const outcome of ['malformed answer: indefinite length at byte 1 (116-byte datagram)', "invalid answer: Unknown PDU type '163' in response"]) {
        const garbled = observations({snmp: {answer: null, attempts: [{version: 'v2c', community: 'public', outcome}, {version: 'v2c', community: 'private', outcome: 'no answer'}]}})
        const v = snmpDefaultCommunityRule.evaluate(withRouter(routerReport({observations: garbled})))
        assert.equal(v.status, 'unknown', outcome)
        assert.equal(v.evidence[0]!.text, `v2c community "public": ${outcome}`)
      }
    })
    it('UPnP IGD offered is a warning', () => {
      const igd = observations({ssdp: [{st: 'urn:schemas-upnp-org:device:InternetGatewayDevice:1', usn: null, server: null, location: 'http://192.168.1.1:5000/rootDesc.xml', trustedLocation: 'http://192.168.1.1:5000/rootDesc.xml'}]})
      assert.equal(upnpIgdRule.evaluate(withRouter(routerReport({observations: igd}))).status, 'warning')
      assert.equal(upnpIgdRule.evaluate(withRouter(routerReport())).status, 'pass')
    })
    it('an admin page over plain HTTP is a warning, unless it redirects to HTTPS', () => {
      const page = (scheme: 'http' | 'https', status: number, redirects: string[] = []) => ({url: `${scheme}://192.168.1.1/`, port: scheme === 'http' ? 80 : 443, scheme, status, server: null, realm: null, title: 'AirStation', meta: {}, text: '', scripts: [], tls: null, redirects, error: null})
      assert.equal(adminPlainHttpRule.evaluate(withRouter(routerReport({observations: observations({http: [page('http', 200)]})}))).status, 'warning')
      assert.equal(adminPlainHttpRule.evaluate(withRouter(routerReport({observations: observations({http: [page('https', 200)]})}))).status, 'pass')
      assert.equal(adminPlainHttpRule.evaluate(withRouter(routerReport({observations: observations({http: [page('http', 301, ['https://192.168.1.1/'])]})}))).status, 'pass')
      assert.equal(adminPlainHttpRule.evaluate(withRouter(routerReport())).status, 'unknown')
    })
    it('says when the admin page tried to send the browser to another host', () => {
      const page = {url: 'http://192.168.1.1/login', port: 80, scheme: 'http' as const, status: 302, server: null, realm: null, title: null, meta: {}, text: '', scripts: [], tls: null, redirects: ['http://192.168.1.1/login', 'refused: https://8.8.8.8/ (another host)'], error: null}
      const verdict = adminPlainHttpRule.evaluate(withRouter(routerReport({observations: observations({http: [page]})})))
      assert.equal(verdict.status, 'warning', 'a refused redirect to HTTPS elsewhere is no HTTPS')
      assert.deepEqual(verdict.evidence.map((e) => e.text), ['http://192.168.1.1/login → 302 (redirect refused: https://8.8.8.8/ (another host))'])
    })
  })
})
