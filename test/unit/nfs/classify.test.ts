import assert from 'node:assert/strict'
import {classifyExport, classifyGroup, parseNetworkGroup} from '../../../src/gather/probes/nfs/classify.js'
import {nfsSeen, nfsToEvidence} from '../../../src/gather/probes/nfs/to-evidence.js'
import type {NfsHostResult} from '../../../src/gather/probes/nfs/types.js'
import {ShareSchema, FileServiceSchema} from '../../../src/evidence/shares-schema.js'

const lan = {address: '192.168.77.10', cidr: '192.168.77.0/24'}

describe('NFS probe: who an export lets in', () => {
  it('everyone: no group, *, (everyone), /0 networks', () => {
    assert.equal(classifyExport([], lan).reach, 'everyone')
    for (const g of ['*', '(everyone)', '0.0.0.0/0', '0.0.0.0/0.0.0.0', '::/0']) assert.equal(classifyGroup(g, lan).reach, 'everyone', g)
  })

  it('the LAN: a network covering the subnet or holding this PC, or a pattern matching its address', () => {
    for (const g of ['192.168.77.0/24', '192.168.77.0/255.255.255.0', '192.168.0.0/16', '192.168.64.0/18', '192.168.77.0/28', '192.168.77.*']) {
      assert.equal(classifyGroup(g, lan).reach, 'lan', g)
    }
  })

  it('restricted: single hosts (also as /32), networks without this PC, names, netgroups, other patterns', () => {
    for (const g of ['192.168.77.21', '192.168.77.21/32', '192.168.77.128/25', '10.0.0.0/8', '192.168.77.10/31', 'nas-backup.home.arpa', '*.home.arpa', '@trusted', 'fe80::1', 'nfs/host@REALM']) {
      assert.equal(classifyGroup(g, lan).reach, 'restricted', g)
    }
    assert.match(classifyGroup('192.168.77.10', lan).note, /this PC only/)
    assert.equal(parseNetworkGroup('192.168.77.0/255.0.255.0'), null, 'a non-contiguous mask')
  })

  it('without knowing the LAN, only everyone is open; the widest group decides', () => {
    assert.equal(classifyGroup('192.168.77.0/24', {address: null, cidr: null}).reach, 'restricted')
    assert.equal(classifyExport(['192.168.77.21', '*'], lan).reach, 'everyone')
    assert.equal(classifyExport(['192.168.77.21', '192.168.77.0/24'], lan).reach, 'lan')
  })
})

function result(extra: Partial<NfsHostResult> = {}): NfsHostResult {
  return {
    host: '192.168.77.30',
    reachable: true,
    portmapper: {port: 111, reachable: true, error: null},
    registrations: null,
    registrationsTruncated: false,
    nfsVersions: [3, 4],
    nfsPort: 2049,
    mount: {port: 20048, version: 3, auth: 'none'},
    exports: [],
    exportsTruncated: false,
    error: null,
    ...extra,
  }
}

describe('NFS probe: evidence', () => {
  it('open exports are anonymous-read with the groups, restricted ones auth-required; schema-valid', () => {
    const {fileService, shares} = nfsToEvidence(
      result({
        exports: [
          {path: '/volume1/public', groups: ['*'], groupsTruncated: false},
          {path: '/volume1/backup', groups: ['192.168.77.21/32'], groupsTruncated: false},
        ],
      }),
      lan,
    )
    assert.deepEqual(
      shares.map((s) => [s.name, s.access, s.evidence.reach, s.evidence.groups]),
      [
        ['/volume1/public', 'anonymous-read', 'everyone', ['*']],
        ['/volume1/backup', 'auth-required', 'restricted', ['192.168.77.21/32']],
      ],
    )
    assert.match(shares[0]!.reason!, /does not say whether it is read-only or read-write/)
    assert.deepEqual([fileService.protocol, fileService.port, fileService.anonymousLogin, fileService.banner], ['nfs', 2049, true, 'NFS v3, v4 on 2049; MOUNT v3 on 20048 (AUTH_NONE)'])
    for (const s of shares) ShareSchema.parse(s)
    FileServiceSchema.parse(fileService)
  })

  it('an unknown export list stays unknown (anonymousLogin null), never "no export"', () => {
    const {fileService, shares} = nfsToEvidence(result({exports: null, mount: null, error: 'export list unknown: no portmapper'}), lan)
    assert.deepEqual([shares, fileService.anonymousLogin, fileService.error], [[], null, 'export list unknown: no portmapper'])
  })

  it('device text is sanitised and capped: escapes in paths and groups do not survive', () => {
    const {shares} = nfsToEvidence(result({exports: [{path: '/x\u001b[31mred\u202e', groups: ['\u001b]0;title\u0007', 'a'.repeat(500)], groupsTruncated: false}]}), lan)
    assert.ok(!/[\u001b\u0007\u202e]/.test(JSON.stringify(shares)))
    assert.ok((shares[0]!.evidence.groups as string[]).every((g) => g.length <= 65))
  })

  it('nfsSeen: rpcbind alone is not NFS', () => {
    assert.equal(nfsSeen(result({exports: null, mount: null, nfsVersions: null, registrations: [{program: 'portmapper', version: 2, protocol: 'tcp', port: 111}]})), false)
    assert.equal(nfsSeen(result({exports: null, mount: null, nfsVersions: [4]})), true)
  })
})
