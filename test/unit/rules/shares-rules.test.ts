import assert from 'node:assert/strict'
import type {FileService, Share} from '../../../src/evidence/shares-schema.js'
import {cleartextServicesRule} from '../../../src/rules/cleartext-services.js'
import {openSharesRule} from '../../../src/rules/open-shares.js'
import {evidenceWith, host} from '../../helpers/evidence.js'

const share = (access: Share['access'], protocol: Share['protocol'] = 'smb'): Share => ({host: '192.168.1.30', protocol, name: 'public', access, comment: null, reason: null, evidence: {}})
const ftp: FileService = {host: '192.168.1.30', protocol: 'ftp', port: 21, reachable: true, anonymousLogin: true, plaintext: true, banner: 'NAS FTP ready', error: null}
const smb: FileService = {host: '192.168.1.30', protocol: 'smb', port: 445, reachable: true, anonymousLogin: false, plaintext: false, smb1: false, dialect: '3.1.1', signingRequired: false, banner: null, error: null}
const nas = host('192.168.1.30', {ports: [{port: 445, protocol: 'tcp', state: 'open', service: 'microsoft-ds'}]})

describe('rules on other hosts\u2019 shares', () => {
  it('a guest-writable share is a critical violation, a guest-readable one a violation', () => {
    const w = openSharesRule.evaluate(evidenceWith([nas], {shares: [share('anonymous-write')], fileServices: [smb]}))
    assert.equal(w.status, 'violation')
    assert.equal(w.severity, 'critical')
    const r = openSharesRule.evaluate(evidenceWith([nas], {shares: [share('anonymous-read', 'ftp')], fileServices: [smb, ftp]}))
    assert.equal(r.status, 'violation')
    assert.equal(r.severity, 'high')
    assert.equal(r.title.en, '1 share(s) open to anyone for reading')
    // the title counts the writable ones among them, not all as writable
    const both = openSharesRule.evaluate(evidenceWith([nas], {shares: [share('anonymous-read'), share('anonymous-write'), share('anonymous-read', 'ftp')], fileServices: [smb, ftp]}))
    assert.deepEqual([both.title.en, both.title.ja], ['3 share(s) open to anyone, 1 of them writable', '誰でも使える共有が 3 件あります（うち 1 件は書き込みもできます）'])
  })

  it('password-only shares pass; SMB hosts whose shares were not checked are unknown, never pass', () => {
    assert.equal(openSharesRule.evaluate(evidenceWith([nas], {shares: [share('auth-required')], fileServices: [smb]})).status, 'pass')
    assert.equal(openSharesRule.evaluate(evidenceWith([nas], {shares: [], fileServices: []})).status, 'unknown')
    assert.equal(openSharesRule.evaluate(evidenceWith([host('192.168.1.42')], {shares: [], fileServices: []})).status, 'pass')
    // A server that broke the probe: unknown, and the evidence says why.
    const broken = openSharesRule.evaluate(evidenceWith([nas], {shares: [], fileServices: [{...smb, anonymousLogin: null, dialect: null, error: 'timeout: response truncated: 104 of 204 bytes received'}]}))
    assert.equal(broken.status, 'unknown')
    assert.equal(broken.evidence[0]!.text, '192.168.1.30: SMB (445/139) open, shares not checked: timeout: response truncated: 104 of 204 bytes received')
  })

  it('clear-text FTP and Telnet are warnings', () => {
    assert.equal(cleartextServicesRule.evaluate(evidenceWith([nas], {fileServices: [ftp]})).status, 'warning')
    const telnet = host('192.168.1.50', {ports: [{port: 23, protocol: 'tcp', state: 'open', service: 'telnet'}]})
    assert.equal(cleartextServicesRule.evaluate(evidenceWith([telnet])).status, 'warning')
    assert.equal(cleartextServicesRule.evaluate(evidenceWith([telnet])).evidence[0]!.text, 'Telnet (23/tcp) open on 192.168.1.50')
    // with the probe's reading of the greeting, the evidence quotes it
    const probed = {host: '192.168.1.50', kind: 'telnet' as const, port: 23, anonymous: null, summary: 'Telnet on 192.168.1.50:23: option negotiation, no text before a reply', details: {negotiation: true, banner: null}, error: null}
    assert.equal(cleartextServicesRule.evaluate(evidenceWith([telnet], {exposures: [probed]})).evidence[0]!.text, probed.summary)
    assert.equal(cleartextServicesRule.evaluate(evidenceWith([nas], {fileServices: [smb]})).status, 'pass')
  })
})
