import assert from 'node:assert/strict'
import {decide, level, newShareCheck, noteEncryption} from '../../../src/gather/probes/smb/access-decision.js'
import type {ShareResult} from '../../../src/gather/probes/smb/types.js'

function share(): ShareResult {
  return {
    host: '192.168.77.30',
    protocol: 'smb',
    name: 'secure',
    type: 'disk',
    special: false,
    comment: '',
    access: 'not-checked',
    evidence: {dialect: '3.1.1', signingRequired: false, session: null, maximalAccess: null, listedEntries: null, checks: []},
  }
}

describe('the access verdict with SMB3 encryption', () => {
  it('a guest tree connect that says "encryption required" grants nothing unless a listing really worked', () => {
    const c = newShareCheck('guest')
    Object.assign(c, {connected: true, maximalAccess: 0x001f01ff, encryptionUnusable: true})
    c.evidence.encryptionRequired = true
    assert.equal(level(c), 0, 'MaximalAccess alone does not count when the session cannot encrypt')
    const r = share()
    decide(r, [c])
    assert.equal(r.access, 'auth-required')
    assert.match(r.reason!, /requires SMB3 encryption \(SMB2_SHAREFLAG_ENCRYPT_DATA\), which a null or guest session cannot provide/)
    // A server that let the guest list it unencrypted anyway: that is real access, and reported.
    Object.assign(c, {listed: true})
    assert.equal(level(c), 2)
  })

  it("the user's tree connect tells why null and guest sessions were refused", () => {
    const r = share()
    const refused = newShareCheck('anonymous')
    refused.evidence.treeConnect = 'STATUS_ACCESS_DENIED'
    decide(r, [refused])
    assert.doesNotMatch(r.reason!, /encryption/, 'a refusal alone does not say why')
    r.evidence.authenticated = {...newShareCheck('user').evidence, treeConnect: 'STATUS_SUCCESS', encryptionRequired: true}
    noteEncryption(r)
    assert.equal(r.access, 'auth-required')
    assert.match(r.reason!, /^refused without credentials \(anonymous: STATUS_ACCESS_DENIED\); the share requires SMB3 encryption/)
    noteEncryption(r)
    assert.equal(r.reason!.match(/requires SMB3 encryption/g)!.length, 1, 'said once')
  })
})
