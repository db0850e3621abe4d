import assert from 'node:assert/strict'
import {probeSmbHostWith} from '../../../src/gather/probes/smb/probe.js'
import {ScanScope} from '../../../src/scope/scope-guard.js'
import {seededRandom} from '../../fixtures/smb/seeded-random.js'
import {replayConnector} from './fake-server.js'
import {capture} from './fixtures.js'

/**
 * Server signatures on the user's session (MS-SMB2 3.2.5.1.3), on the family PC capture: its
 * user session is 3.1.1 and signed (AES-CMAC). Replayed with the capture's seed, the client
 * derives the capture's keys, so every signature verifies; one changed byte in a signed answer
 * must fail that step, never grant anything.
 */

const scope = ScanScope.fromCidr('192.168.77.0/24')
const family = capture('family-probe')
const SIGNED = 0x08

/** Index (in replay order) of the first answer with this command and status on the user's session (signed). */
function signedAnswer(command: number, status = 0): number {
  const i = family.messages.findIndex((m) => {
    if (m.kind !== 'smb2' || m.command !== command || Number.parseInt(m.status!, 16) !== status) return false
    return (Buffer.from(m.hex, 'hex').readUInt32LE(16) & SIGNED) !== 0
  })
  assert.ok(i > 0, `a signed answer to command ${command}`)
  return i
}

function replay(mutate?: (answer: Buffer) => Buffer, at = -1, seeded = true) {
  const {connect, log} = replayConnector(family, {mutate: (i, a) => (i === at && mutate ? mutate(a) : a)})
  return probeSmbHostWith(scope, connect, '192.168.77.21', {stepTimeoutMs: 1000, credentials: family.credentials, random: seeded ? seededRandom(family.seed!) : undefined}).then((r) => ({r, log}))
}

const flipSignature = (a: Buffer) => {
  const b = Buffer.from(a)
  b[50] = b[50]! ^ 0x01
  return b
}
const stripSigned = (a: Buffer) => {
  const b = Buffer.from(a)
  b.writeUInt32LE(b.readUInt32LE(16) & ~SIGNED, 16)
  b.fill(0, 48, 64)
  return b
}
const flipBody = (a: Buffer) => {
  const b = Buffer.from(a)
  b[b.length - 1] = b[b.length - 1]! ^ 0x01
  return b
}

describe('server signature verification on a signed session (replayed family PC capture)', () => {
  it('all signatures verify: the user lists the shares and opens Users', async () => {
    const {r} = await replay()
    assert.equal(r.sessions.find((s) => s.kind === 'user')?.outcome, 'established')
    assert.equal(r.shareListing.via, 'user')
    assert.equal(r.shares.find((s) => s.name === 'Users')?.evidence.authenticated?.treeConnect, 'STATUS_SUCCESS')
  })

  it('a bad signature on the final SESSION_SETUP answer: no user session at all', async () => {
    const {r} = await replay(flipSignature, signedAnswer(0x01))
    const user = r.sessions.find((s) => s.kind === 'user')!
    assert.deepEqual([user.outcome, user.reason], ['error', 'the final SESSION_SETUP answer has a bad signature'])
    assert.equal(r.shareListing.outcome, 'refused')
    assert.deepEqual(r.shares, [])
  })

  it('the same capture replayed with other random values (other keys): every signature is wrong, nothing is granted', async () => {
    const {r} = await replay(undefined, -1, false)
    assert.equal(r.sessions.find((s) => s.kind === 'user')?.outcome, 'error')
    assert.deepEqual(r.shares, [])
  })

  for (const [what, mutate] of [['a changed signature', flipSignature], ['a changed body under a valid-looking signature', flipBody], ['the signature stripped', stripSigned]] as const) {
    it(`${what} on the user's TREE_CONNECT to Users: that check fails as a signature error, and Users stays auth-required`, async () => {
      const tcs = family.messages.map((m, i) => ({m, i})).filter(({m}) => m.kind === 'smb2' && m.command === 0x03 && m.status === '0x00000000')
      const usersTreeConnect = tcs[tcs.length - 1]!.i // IPC$ first, then Users
      const {r, log} = await replay(mutate, usersTreeConnect)
      const users = r.shares.find((s) => s.name === 'Users')!
      assert.equal(users.access, 'auth-required')
      assert.equal(users.evidence.authenticated, undefined, 'no evidence from an answer that failed its signature')
      assert.match(users.reason!, /the check with the credentials failed: signature: the TREE_CONNECT answer (has a bad signature|is not signed, on a signed session)/)
      assert.deepEqual(log.violations, [])
    })
  }

  it("a bad signature on the user's IPC$ TREE_CONNECT: the share list is not taken from that session", async () => {
    const {r} = await replay(flipSignature, signedAnswer(0x03))
    assert.equal(r.shareListing.outcome, 'refused')
    assert.match(r.shareListing.reason!, /user: signature: the TREE_CONNECT answer has a bad signature/)
    assert.deepEqual(r.shares, [])
    assert.equal(r.error, null, 'the connection itself still works')
  })
})
