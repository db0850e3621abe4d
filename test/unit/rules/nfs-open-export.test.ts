import assert from 'node:assert/strict'
import type {FileService, Share} from '../../../src/evidence/shares-schema.js'
import {nfsOpenExportRule} from '../../../src/rules/nfs-open-export.js'
import {openSharesRule} from '../../../src/rules/open-shares.js'
import {evidenceWith, host} from '../../helpers/evidence.js'

const NAS = '192.168.1.30'
const nas = host(NAS, {ports: [{port: 111, protocol: 'tcp', state: 'open', service: 'rpcbind'}, {port: 2049, protocol: 'tcp', state: 'open', service: 'nfs'}]})
const service = (anonymousLogin: boolean | null, error: string | null = null): FileService => ({host: NAS, protocol: 'nfs', port: 2049, reachable: true, anonymousLogin, plaintext: true, banner: 'NFS v3, v4 on 2049', error})
const exportOf = (name: string, access: Share['access'], groups: string[]): Share => ({host: NAS, protocol: 'nfs', name, access, comment: null, reason: `exported to ${groups.join(', ')}`, evidence: {groups, reach: access === 'auth-required' ? 'restricted' : 'everyone'}})

describe('rule nfs-open-export (N-3.3.7)', () => {
  it('an export to everyone is a violation naming the export and its groups, with NFS remedies in ja and en', () => {
    const v = nfsOpenExportRule.evaluate(evidenceWith([nas], {shares: [exportOf('/volume1/public', 'anonymous-read', ['*']), exportOf('/volume1/backup', 'auth-required', ['192.168.1.21'])], fileServices: [service(true)]}))
    assert.equal(v.status, 'violation')
    assert.deepEqual(v.evidence.map((e) => e.host), [NAS])
    assert.match(v.evidence[0]!.text, /^nfs:\/\/192\.168\.1\.30\/volume1\/public: exported to \*/)
    assert.match(v.title.en, /^1 NFS export/)
    assert.ok(v.remediation.ja.some((l) => l.includes('/etc/exports')) && v.remediation.en.some((l) => l.includes('exportfs -ra')))
  })

  it('only restricted exports: pass, listing them', () => {
    const v = nfsOpenExportRule.evaluate(evidenceWith([nas], {shares: [exportOf('/volume1/backup', 'auth-required', ['192.168.1.21'])], fileServices: [service(false)]}))
    assert.equal(v.status, 'pass')
    assert.ok(v.evidence.some((e) => e.text.includes('/volume1/backup: allowed to 192.168.1.21')))
  })

  it('an export list that could not be read is unknown, never pass', () => {
    const v = nfsOpenExportRule.evaluate(evidenceWith([nas], {shares: [], fileServices: [service(null, 'export list unknown: no portmapper')]}))
    assert.equal(v.status, 'unknown')
    assert.match(v.evidence[0]!.text, /no portmapper/)
  })

  it('no NFS server: pass', () => {
    const v = nfsOpenExportRule.evaluate(evidenceWith([host('192.168.1.40')]))
    assert.deepEqual([v.status, v.title.en], ['pass', 'No NFS server was found'])
  })

  it('open-shares-on-other-hosts leaves NFS exports to this rule (no double count)', () => {
    const e = evidenceWith([nas], {shares: [exportOf('/volume1/public', 'anonymous-read', ['*'])], fileServices: [service(true)]})
    assert.equal(openSharesRule.evaluate(e).status, 'pass')
    assert.equal(nfsOpenExportRule.evaluate(e).status, 'violation')
  })
})
