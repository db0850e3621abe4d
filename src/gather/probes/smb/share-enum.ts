import {type Parsed, hex32} from './bytes.js'
import {type Pdu, type ShareEnumResult, bindPdu, isLastFragment, netShareEnumAllStub, parseBindAck, parseNetShareEnumAll, parsePdus, requestPdu, responseStub} from './dcerpc.js'
import {SmbError} from './transport.js'

/**
 * The srvsvc exchange on an open \PIPE\srvsvc, the same over SMB2 (IOCTL + READ) and SMB1
 * (TRANS_TRANSACT_NMPIPE + READ_ANDX): BIND, then NetShareEnumAll level 1 (dcerpc.ts).
 */

/** Write one PDU to the pipe and return every PDU of the answer. */
export type Transceive = (pdu: Buffer) => Promise<Pdu[]>

function parsed<T>(p: Parsed<T>): T {
  if (!p.ok) throw new SmbError('protocol', p.error)
  return p.value
}

const MAX_PIECES = 64
const MAX_ANSWER_BYTES = 1024 * 1024

/**
 * Split the pipe's first answer into PDUs and read more (`readMore`) until the last fragment of
 * a response has arrived: at most 64 reads and 1 MiB, or a protocol error.
 */
export async function collectPdus(first: Buffer, readMore: () => Promise<Buffer>): Promise<Pdu[]> {
  let data = first
  let total = data.length
  const pdus: Pdu[] = []
  for (let round = 0; round < MAX_PIECES; round++) {
    const split = parsed(parsePdus(data))
    pdus.push(...split.pdus)
    data = data.subarray(split.consumed)
    const last = pdus[pdus.length - 1]
    if (last && (isLastFragment(last) || last.ptype !== 2) && data.length === 0) return pdus
    const more = await readMore()
    if (!more.length) throw new SmbError('protocol', 'pipe read returned no data')
    total += more.length
    if (total > MAX_ANSWER_BYTES) throw new SmbError('protocol', 'RPC answer larger than 1 MiB')
    data = Buffer.concat([data, more])
  }
  throw new SmbError('protocol', `RPC answer in more than ${MAX_PIECES} pieces`)
}

/** BIND to srvsvc v3, then NetShareEnumAll level 1 for `\\serverName`; a refusal or a fault is a reason, not an exception. */
export async function netShareEnumAll(transceive: Transceive, serverName: string, maxShares: number): Promise<{result: ShareEnumResult | null; reason: string | null}> {
  const bindAnswer = await transceive(bindPdu(1))
  const ack = parsed(parseBindAck(bindAnswer[0]!))
  if (!ack.accepted) return {result: null, reason: `srvsvc bind refused (result ${ack.result}, reason ${ack.reason})`}
  const pdus = await transceive(requestPdu(15, netShareEnumAllStub(`\\\\${serverName}`), 2))
  const stub = parsed(responseStub(pdus, 2))
  if ('fault' in stub) return {result: null, reason: `NetShareEnumAll fault ${hex32(stub.fault)}`}
  const result = parsed(parseNetShareEnumAll(stub.stub, maxShares))
  if (result.werror !== null && result.werror !== 0) return {result, reason: `NetShareEnumAll returned WERROR ${hex32(result.werror)}`}
  return {result, reason: null}
}
