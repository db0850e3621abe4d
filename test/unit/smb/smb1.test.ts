import assert from 'node:assert/strict'
import {parseBindAck, parseNetShareEnumAll, parsePdus, responseStub} from '../../../src/gather/probes/smb/dcerpc.js'
import {parseChallengeMessage} from '../../../src/gather/probes/smb/ntlm.js'
import {probeSmbHostWith} from '../../../src/gather/probes/smb/probe.js'
import {type Smb1Message, parseSmb1Message, parseSmb1NegotiateDetails} from '../../../src/gather/probes/smb/smb1.js'
import {Smb1Client} from '../../../src/gather/probes/smb/smb1-client.js'
import {
  encodeFindFirstNames,
  encodeOpenPipe,
  encodeTransactNmPipe,
  encodeTreeConnectAndX,
  parseFindFirstNames,
  parseOpenPipe,
  parseReadAndX,
  parseSessionSetupAndX,
  parseTransactionResponse,
  parseTreeConnectAndX,
} from '../../../src/gather/probes/smb/smb1-commands.js'
import {smbToEvidence} from '../../../src/gather/probes/smb/to-evidence.js'
import {parseSpnego} from '../../../src/gather/probes/smb/spnego.js'
import {ScanScope} from '../../../src/scope/scope-guard.js'
import {seededRandom} from '../../fixtures/smb/seeded-random.js'
import {replayConnector} from './fake-server.js'
import {pcapCapture} from './fixtures.js'

function ok<T>(p: {ok: true; value: T} | {ok: false; error: string}): T {
  if (!p.ok) assert.fail(p.error)
  return p.value
}

const scope = ScanScope.fromCidr('192.168.77.0/24')
const probeCapture = pcapCapture('oldnas-smb1-probe')
const readsCapture = pcapCapture('oldnas-smb1-pipe-reads')
/** The SMB1 audit connection of the probe capture (after SMB1 detection and the refused SMB2 attempt). */
const audit: Smb1Message[] = probeCapture.connections[2]!.messages.map((m) => ok(parseSmb1Message(Buffer.from(m.hex, 'hex'))))
const of = (command: number, status = 0) => audit.filter((m) => m.header.command === command && m.header.status === status)

describe('SMB1 (NT LM 0.12) parsers on the answers of a Samba that speaks SMB1 only (tcpdump capture)', () => {
  it('the probe capture: SMB1 detection, SMB2 NEGOTIATE answered by closing the connection, then the SMB1 audit', () => {
    assert.deepEqual(probeCapture.connections.map((c) => c.messages.length > 0), [true, false, true])
    assert.match(probeCapture.server, /Samba 4\.17|4\.17/)
  })

  it('NEGOTIATE: extended security with an SPNEGO hint, signing not required, a 16644-byte buffer', () => {
    const n = ok(parseSmb1NegotiateDetails(audit[0]!.raw))
    assert.deepEqual([n.extendedSecurity, n.signingRequired, n.maxBufferSize], [true, false, 16644])
    assert.ok(ok(parseSpnego(n.securityBlob)).mechTypes.includes('1.3.6.1.4.1.311.2.2.10'))
  })

  it('SESSION_SETUP_ANDX: the NTLMSSP challenge names LS-WXL; the guest session is flagged SMB_SETUP_GUEST', () => {
    const challenges = of(0x73, 0xc0000016).map((m) => ok(parseChallengeMessage(ok(parseSpnego(ok(parseSessionSetupAndX(m)).securityBlob)).mechToken!)))
    assert.equal(challenges.length, 3, 'anonymous, guest, user')
    assert.equal(challenges[0]!.info.nbComputerName, 'LS-WXL')
    assert.deepEqual(of(0x73).map((m) => ok(parseSessionSetupAndX(m)).guest), [false, true, false])
  })

  it('TREE_CONNECT_ANDX extended response: maximal share access of IPC$, the read-only share (no write bits) and the user\'s backup', () => {
    const tcs = of(0x75).map((m) => ok(parseTreeConnectAndX(m)))
    assert.deepEqual(
      tcs.map((t) => `0x${t.maximalAccess!.toString(16).padStart(8, '0')}`),
      ['0x000001ff', '0x001f00a9', '0x001f00a9', '0x001f00a9', '0x001f01ff'],
    )
    assert.equal(of(0x75, 0xc0000022).length, 2, 'backup refused to the null and guest sessions')
    assert.equal(of(0x75, 0xc0000022)[0]!.words.length, 0, 'an error answer has no parameters (and is not parsed as a tree connect)')
    assert.equal(parseTreeConnectAndX(of(0x75, 0xc0000022)[0]!).ok, false)
  })

  it('NT_CREATE_ANDX of \\srvsvc, then DCE/RPC over TRANS_TRANSACT_NMPIPE: BIND_ACK and NetShareEnumAll (share, backup, IPC$)', () => {
    assert.ok(ok(parseOpenPipe(of(0xa2)[0]!)).fid > 0)
    const [bind, answer] = of(0x25).map((m) => ok(parseTransactionResponse(m)).data)
    assert.ok(ok(parseBindAck(ok(parsePdus(bind!)).pdus[0]!)).accepted)
    const stub = ok(responseStub(ok(parsePdus(answer!)).pdus, 2))
    assert.ok('stub' in stub)
    assert.deepEqual(
      ok(parseNetShareEnumAll(stub.stub)).shares.map((s) => [s.name, s.type, s.comment]),
      [
        ['share', 'disk', 'LinkStation share'],
        ['backup', 'disk', 'Backups'],
        ['IPC$', 'ipc', 'IPC Service (LinkStation)'],
      ],
    )
  })

  it('the same answer in 96-byte pieces: STATUS_BUFFER_OVERFLOW, then READ_ANDX until the last fragment', () => {
    const msgs = readsCapture.connections[0]!.messages.map((m) => ok(parseSmb1Message(Buffer.from(m.hex, 'hex'))))
    const overflow = msgs.find((m) => m.header.command === 0x25 && m.header.status === 0x80000005)!
    let data = ok(parseTransactionResponse(overflow)).data
    assert.equal(data.length, 96)
    for (const r of msgs.filter((m) => m.header.command === 0x2e)) data = Buffer.concat([data, ok(parseReadAndX(r)).data])
    const stub = ok(responseStub(ok(parsePdus(data)).pdus, 2))
    assert.ok('stub' in stub)
    assert.deepEqual(ok(parseNetShareEnumAll(stub.stub)).shares.map((s) => s.name), ['share', 'backup', 'IPC$'])
  })

  it('TRANS2_FIND_FIRST2: names only, counted by SearchCount (Samba leaves the last NextEntryOffset non-zero)', () => {
    const finds = of(0x32).map((m) => ok(parseTransactionResponse(m)))
    const names = finds.map((f) => ok(parseFindFirstNames(f.parameters, f.data, 50)))
    assert.deepEqual(names[0], {names: ['.', '..', 'readme-linkstation.txt'], truncated: false, endOfSearch: true})
    assert.deepEqual(names[3]!.names, ['.', '..', 'backup-list.txt'])
    assert.deepEqual(ok(parseFindFirstNames(finds[0]!.parameters, finds[0]!.data, 2)), {names: ['.', '..'], truncated: true, endOfSearch: true})
    const moreThanThere = Buffer.from(finds[0]!.parameters)
    moreThanThere.writeUInt16LE(4, 2)
    assert.equal(parseFindFirstNames(moreThanThere, finds[0]!.data, 50).ok, false, 'a SearchCount larger than the data is refused')
  })

  it('the requests: unicode strings 2-aligned from the header, transaction offsets inside the message, FILE_OPEN only', () => {
    const tc = encodeTreeConnectAndX('\\\\192.168.77.33\\share', 7, 1)
    assert.equal(tc.subarray(44, 44 + 2 * 21).toString('utf16le'), '\\\\192.168.77.33\\share', 'path right after the one-byte password, at an even offset')
    const pipe = encodeOpenPipe('\\srvsvc', 8, 1, 2)
    assert.equal(pipe.subarray(33).readUInt32LE(35), 1, 'FILE_OPEN')
    assert.equal(pipe.subarray(84, 84 + 14).toString('utf16le'), '\\srvsvc')
    const t = encodeTransactNmPipe(0x4000, Buffer.from('abc'), 4280, 9, 1, 2)
    const dataOffset = t.readUInt16LE(33 + 24)
    assert.equal(dataOffset % 4, 0)
    assert.equal(t.subarray(dataOffset).toString(), 'abc')
    const f = encodeFindFirstNames(52, 16000, 10, 1, 2)
    const paramOffset = f.readUInt16LE(33 + 20)
    assert.deepEqual([f.readUInt16LE(paramOffset + 6), f.subarray(paramOffset + 12).toString('utf16le')], [0x0103, '\\*\0'])
  })
})

describe('probeSmbHost of an SMB1-only server, replaying the oldnas capture offline', () => {
  it('SMB2 refused, the same audit in SMB1: share anonymous-read (never write), backup auth-required and opened by the user', async () => {
    const {connect, log} = replayConnector(probeCapture)
    const r = await probeSmbHostWith(scope, connect, '192.168.77.33', {stepTimeoutMs: 1000, credentials: probeCapture.credentials, random: seededRandom(probeCapture.seed)})
    assert.deepEqual([r.error, r.reachable, r.smb1, r.protocol, r.dialect, r.signingRequired, r.session], [null, true, true, 'smb1', 'NT LM 0.12', false, 'anonymous'])
    assert.match(r.smb2Error!, /closed/)
    assert.deepEqual(
      r.shares.map((s) => [s.name, s.access]),
      [
        ['share', 'anonymous-read'],
        ['backup', 'auth-required'],
        ['IPC$', 'not-checked'],
      ],
    )
    const share = r.shares[0]!
    assert.deepEqual(share.evidence.listedEntries, {count: 1, names: ['readme-linkstation.txt'], truncated: false})
    assert.equal(share.evidence.maximalAccess, '0x001f00a9')
    assert.deepEqual(r.shares[1]!.evidence.authenticated?.listedEntries?.names, ['backup-list.txt'])
    assert.equal(r.server?.netbiosName, 'LS-WXL')
    assert.deepEqual(log.violations, [], 'only read-only SMB1 commands were sent')
    assert.equal(log.connections, 3)
    const e = smbToEvidence(r)
    assert.deepEqual([e.fileService.smb1, e.fileService.dialect, e.fileService.error], [true, 'NT LM 0.12', null])
    assert.deepEqual(e.shares.map((s) => [s.name, s.access]), [['share', 'anonymous-read'], ['backup', 'auth-required']])
  })

  it('a server that requires SMB1 signing: no user login is attempted over unsigned SMB1; the null and guest checks still run', async () => {
    // The capture without the user session's answers (they carry its UID): the client will not ask for them.
    const userUid = of(0x73).map((m) => m.header.uid)[2]!
    const withoutUser = {
      ...probeCapture,
      connections: probeCapture.connections.map((c) => ({...c, messages: c.messages.filter((m) => ok(parseSmb1Message(Buffer.from(m.hex, 'hex'))).header.uid !== userUid)})),
    }
    const {connect} = replayConnector(withoutUser, {
      mutate: (_i, a) => {
        if (a.readUInt32LE(0) !== 0x424d53ff || a[4] !== 0x72) return a
        const b = Buffer.from(a)
        b[35] = b[35]! | 0x08 // SecurityMode: NEGOTIATE_SECURITY_SIGNATURES_REQUIRED
        return b
      },
    })
    const r = await probeSmbHostWith(scope, connect, '192.168.77.33', {stepTimeoutMs: 1000, credentials: probeCapture.credentials, random: seededRandom(probeCapture.seed)})
    assert.equal(r.signingRequired, true)
    const user = r.sessions.find((s) => s.kind === 'user')!
    assert.equal(user.outcome, 'error')
    assert.match(user.reason!, /requires SMB1 signing/)
    assert.equal(r.shares.find((s) => s.name === 'share')?.access, 'anonymous-read')
  })

  it('the SMB1 client reads a long pipe answer in pieces (the 96-byte capture)', async () => {
    const {connect, log} = replayConnector(readsCapture)
    const c = await Smb1Client.openWith(connect, '192.168.77.33', 445, {stepTimeoutMs: 1000, deadline: Date.now() + 5000, random: seededRandom(readsCapture.seed), pipeMaxOutput: 96})
    await c.negotiate()
    const s = (await c.sessionSetup('anonymous')).session!
    const ipc = await c.treeConnect(s, 'IPC$')
    const e = await c.enumShares(s, ipc.answer!.tid, 256)
    c.close()
    assert.deepEqual(e.result?.shares.map((x) => x.name), ['share', 'backup', 'IPC$'])
    assert.ok(log.requests.filter((q) => q.command === -1 - 0x2e).length >= 2, 'READ_ANDX was used')
    assert.deepEqual(log.violations, [])
  })
})
