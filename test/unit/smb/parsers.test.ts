import assert from 'node:assert/strict'
import {bindPdu, isLastFragment, netShareEnumAllStub, parseBindAck, parseNetShareEnumAll, parsePdus, PTYPE, requestPdu, responseStub} from '../../../src/gather/probes/smb/dcerpc.js'
import {FrameDecoder, frame, parseFrames} from '../../../src/gather/probes/smb/netbios.js'
import {parseSmb1NegotiateResponse, smb1NegotiateRequest} from '../../../src/gather/probes/smb/smb1.js'
import {
  Command,
  Flags,
  SessionFlags,
  Status,
  encodeCreate,
  encodeNegotiate,
  parseCreateResponse,
  parseErrorResponse,
  parseIoctlResponse,
  parseNegotiateResponse,
  parseQueryDirectoryResponse,
  parseReadResponse,
  parseSessionSetupResponse,
  parseSmb2Messages,
  parseTreeConnectResponse,
} from '../../../src/gather/probes/smb/smb2.js'
import {parseSpnego} from '../../../src/gather/probes/smb/spnego.js'
import {allMessages, capture, messages} from './fixtures.js'

function ok<T>(p: {ok: true; value: T} | {ok: false; error: string}): T {
  if (!p.ok) assert.fail(p.error)
  return p.value
}

describe('SMB parsers on responses captured from the lab Samba 4.17', () => {
  it('every captured SMB2 message has a valid header, and the fixtures are what the README says', () => {
    const all = allMessages()
    assert.ok(all.length >= 80, `${all.length} messages`)
    for (const m of all.filter((x) => x.kind === 'smb2')) {
      const [msg] = ok(parseSmb2Messages(m.bytes))
      assert.equal(msg!.header.command, m.command)
      assert.equal(msg!.header.status, m.status)
      assert.ok(msg!.header.flags & Flags.SERVER_TO_REDIR)
    }
    for (const name of ['nas-probe', 'family-probe'] as const) assert.match(capture(name).server, /Samba|4\.17/)
  })

  it('NEGOTIATE: 3.1.1 with the SHA-512 preauth context; each older dialect when offered alone', () => {
    const n = ok(parseNegotiateResponse(messages(Command.NEGOTIATE, 0, 'nas-probe')[0]!))
    assert.equal(n.dialect, 0x0311)
    assert.deepEqual(n.preauthHashAlgorithms, [1])
    assert.equal(n.securityMode & 0x2, 0, 'the lab Samba does not require signing')
    assert.ok(n.maxTransactSize >= 65536)
    const hint = ok(parseSpnego(n.securityBuffer))
    assert.equal(hint.kind, 'init')
    assert.ok(hint.mechTypes.includes('1.3.6.1.4.1.311.2.2.10'), 'NTLMSSP offered')
    for (const [name, dialect] of [['negotiate-2.0.2', 0x0202], ['negotiate-2.1', 0x0210], ['negotiate-3.0', 0x0300], ['negotiate-3.0.2', 0x0302]] as const) {
      assert.equal(ok(parseNegotiateResponse(messages(Command.NEGOTIATE, 0, name)[0]!)).dialect, dialect, name)
    }
  })

  it('SESSION_SETUP: the null session has no flags, the guest one IS_GUEST (Samba does not set IS_NULL)', () => {
    const done = messages(Command.SESSION_SETUP, 0, 'nas-probe').map((m) => ok(parseSessionSetupResponse(m)).sessionFlags)
    assert.deepEqual(done, [0, SessionFlags.IS_GUEST])
    const refused = allMessages().find((m) => m.from === 'family-probe' && m.command === Command.SESSION_SETUP && m.status === Status.LOGON_FAILURE)
    assert.ok(refused, 'the family PC refuses the guest')
    ok(parseErrorResponse(refused.bytes))
  })

  it('TREE_CONNECT: MaximalAccess of public (read only: no write-data/append, but DELETE/WRITE_DAC/WRITE_OWNER) and dropbox (full)', () => {
    const tcs = messages(Command.TREE_CONNECT, 0, 'nas-probe').map((m) => ok(parseTreeConnectResponse(m)))
    // IPC$, public (anonymous), public (guest), dropbox (anonymous)
    assert.deepEqual(
      tcs.map((t) => [t.shareType, `0x${t.maximalAccess.toString(16).padStart(8, '0')}`]),
      [
        [2, '0x001f00a9'],
        [1, '0x001f00a9'],
        [1, '0x001f00a9'],
        [1, '0x001f01ff'],
      ],
    )
    const denied = messages(Command.TREE_CONNECT, Status.ACCESS_DENIED, 'nas-probe')
    assert.equal(denied.length, 4, 'private and secure (encryption required) refused to the null and the guest session')
  })

  it('CREATE: the srvsvc pipe, and share roots with their MxAc maximal access', () => {
    const creates = messages(Command.CREATE, 0, 'nas-probe').map((m) => ok(parseCreateResponse(m)))
    assert.equal(creates[0]!.maximalAccess, null, 'no MxAc asked on the pipe')
    assert.deepEqual(
      creates.slice(1).map((c) => [c.contextNames, c.maximalAccess]),
      [
        [['MxAc'], 0x001200a9],
        [['MxAc'], 0x001200a9],
        [['MxAc'], 0x001f01ff],
      ],
    )
    for (const c of creates) assert.equal(c.fileId.length, 16)
  })

  it('QUERY_DIRECTORY: FileNamesInformation of the public share root, then STATUS_NO_MORE_FILES', () => {
    const pages = messages(Command.QUERY_DIRECTORY, 0, 'nas-probe').map((m) => ok(parseQueryDirectoryResponse(m)).names)
    assert.deepEqual(pages[0]!.slice().sort(), ['.', '..', 'photos-index.txt'])
    assert.deepEqual(ok(parseQueryDirectoryResponse(messages(Command.QUERY_DIRECTORY, 0, 'nas-probe')[0]!, 1)), {names: [pages[0]![0]!], truncated: true})
    ok(parseErrorResponse(messages(Command.QUERY_DIRECTORY, Status.NO_MORE_FILES, 'nas-probe')[0]!))
  })

  it('IOCTL pipe transceive: BIND_ACK, then the NetShareEnumAll answer (with an interim STATUS_PENDING seen)', () => {
    const interim = ok(parseSmb2Messages(messages(Command.IOCTL, Status.PENDING, 'nas-probe')[0]!))[0]!.header
    assert.ok(interim.flags & Flags.ASYNC_COMMAND && interim.asyncId !== null, 'Samba answered the bind first with an async STATUS_PENDING')
    const ioctls = messages(Command.IOCTL, 0, 'nas-probe').map((m) => ok(parseIoctlResponse(m)).output)
    const ack = ok(parsePdus(ioctls[0]!)).pdus
    assert.equal(ack[0]!.ptype, PTYPE.BIND_ACK)
    const bind = ok(parseBindAck(ack[0]!))
    assert.ok(bind.accepted)
    const resp = ok(parsePdus(ioctls[1]!)).pdus
    assert.ok(isLastFragment(resp[0]!))
    const stub = ok(responseStub(resp, 2))
    assert.ok('stub' in stub)
    const shares = ok(parseNetShareEnumAll(stub.stub))
    assert.deepEqual(
      shares.shares.map((s) => [s.name, s.type, s.special, s.comment]),
      [
        ['public', 'disk', false, 'Public files'],
        ['dropbox', 'disk', false, 'Drop files here'],
        ['private', 'disk', false, 'Private files'],
        ['secure', 'disk', false, 'Encrypted files'],
        ['IPC$', 'ipc', true, 'IPC Service (DiskStation)'],
      ],
    )
    assert.equal(shares.totalEntries, 5)
    assert.equal(shares.werror, 0)
    assert.equal(ok(parseNetShareEnumAll(stub.stub, 2)).shares.length, 2)
    assert.equal(ok(parseNetShareEnumAll(stub.stub, 2)).truncated, true)
  })

  it('the same answer in pieces: IOCTL STATUS_BUFFER_OVERFLOW then READs, joined into one PDU', () => {
    const overflow = messages(Command.IOCTL, Status.BUFFER_OVERFLOW, 'nas-srvsvc-reads')[0]!
    let data = ok(parseIoctlResponse(overflow)).output
    for (const r of messages(Command.READ, 0, 'nas-srvsvc-reads')) data = Buffer.concat([data, ok(parseReadResponse(r)).data])
    const {pdus, consumed} = ok(parsePdus(data))
    assert.equal(consumed, data.length)
    const stub = ok(responseStub(pdus, 2))
    assert.ok('stub' in stub)
    assert.deepEqual(
      ok(parseNetShareEnumAll(stub.stub)).shares.map((s) => s.name),
      ['public', 'dropbox', 'private', 'secure', 'IPC$'],
    )
    // A partial PDU is left unconsumed for the next READ.
    assert.equal(ok(parsePdus(data.subarray(0, data.length - 1))).pdus.length, 0)
  })

  it('the family PC: IPC$ refused to the null session; with the lab user, the share list has Users', () => {
    const family = allMessages().filter((m) => m.from === 'family-probe')
    assert.ok(family.some((m) => m.command === Command.TREE_CONNECT && m.status === Status.ACCESS_DENIED))
    const outputs = family.filter((m) => m.command === Command.IOCTL && m.status === 0).map((m) => ok(parseIoctlResponse(m.bytes)).output)
    const stub = ok(responseStub(ok(parsePdus(outputs[1]!)).pdus, 2))
    assert.ok('stub' in stub)
    assert.deepEqual(ok(parseNetShareEnumAll(stub.stub)).shares.map((s) => s.name), ['Users', 'IPC$'])
    // Signed answers on the user's session.
    assert.ok(family.some((m) => m.kind === 'smb2' && ok(parseSmb2Messages(m.bytes))[0]!.header.flags & Flags.SIGNED))
  })

  it('SMB1 NEGOTIATE: the nas selects NT LM 0.12, the family PC answers 0xFFFF', () => {
    const nas = allMessages().find((m) => m.from === 'nas-probe' && m.kind === 'smb1')!
    assert.deepEqual(ok(parseSmb1NegotiateResponse(nas.bytes)), {outcome: 'smb1', status: 0, dialectIndex: 0, signingRequired: false})
    const family = allMessages().find((m) => m.from === 'family-probe' && m.kind === 'smb1')!
    assert.equal(ok(parseSmb1NegotiateResponse(family.bytes)).outcome, 'refused')
    assert.equal(smb1NegotiateRequest().readUInt32LE(0), 0x424d53ff)
  })

  it('NetBIOS framing: frames, keep-alives, the 1 MiB cap, and frames split across reads', () => {
    const msgs = allMessages().slice(0, 10).map((m) => m.bytes)
    const stream = Buffer.concat([Buffer.from([0x85, 0, 0, 0]), ...msgs.map(frame)])
    const {frames, trailing} = ok(parseFrames(stream))
    assert.deepEqual(frames, msgs)
    assert.equal(trailing, 0)
    const decoder = new FrameDecoder()
    const got: Buffer[] = []
    for (let i = 0; i < stream.length; i += 7) got.push(...ok(decoder.push(stream.subarray(i, i + 7))))
    assert.deepEqual(got, msgs)
    const huge = Buffer.from([0x00, 0x10, 0x00, 0x01])
    assert.equal(new FrameDecoder().push(huge).ok, false, 'a 1 MiB + 1 frame is refused before it is read')
    assert.equal(parseFrames(Buffer.from('HTTP/1.1 400 Bad Request\r\n')).ok, false)
  })

  it('the requests the client builds are well formed (negotiate contexts 8-aligned, FILE_OPEN only)', () => {
    const n = encodeNegotiate().body
    const ctxOffset = n.readUInt32LE(28)
    assert.equal(ctxOffset % 8, 0)
    assert.equal(n.readUInt16LE(ctxOffset - 64), 1, 'preauth integrity context')
    assert.equal(n.readUInt16LE(32), 2, 'two contexts')
    const second = ctxOffset - 64 + 8 + 38 + 2 // after the 38-byte preauth context, padded to 8
    assert.equal((second + 64) % 8, 0)
    assert.deepEqual([n.readUInt16LE(second), n.readUInt16LE(second + 8), n.readUInt16LE(second + 10), n.readUInt16LE(second + 12)], [2, 2, 0x0002, 0x0001], 'encryption context: AES-128-GCM, then AES-128-CCM')
    assert.equal(n.readUInt32LE(8), 0x40, 'SMB2_GLOBAL_CAP_ENCRYPTION (for 3.0 and 3.0.2) and nothing else')
    assert.equal(encodeNegotiate(undefined, {ciphers: []}).body.readUInt32LE(8), 0)
    for (const kind of ['directory', 'pipe'] as const) {
      const c = encodeCreate({name: kind === 'pipe' ? 'srvsvc' : '', kind, queryMaximalAccess: kind === 'directory'})
      assert.equal(c.readUInt32LE(36), 1, 'FILE_OPEN')
      if (kind === 'directory') assert.equal(c.readUInt32LE(24) & 0x40010156, 0, 'no write, append, delete or generic-write access asked')
    }
    const pdus = ok(parsePdus(Buffer.concat([bindPdu(1), requestPdu(15, netShareEnumAllStub('\\\\192.168.77.30'), 2)]))).pdus
    assert.deepEqual(pdus.map((p) => p.ptype), [PTYPE.BIND, PTYPE.REQUEST])
  })
})
