// A self-signed X.509 certificate whose subject no CA would sign: terminal escapes, HTML, a
// right-to-left override and a 5 KB common name. Built here in DER with node:crypto (openssl
// req refuses a CN over 64 characters, RFC 5280's ub-common-name), signed with a fresh P-256 key.
import crypto from 'node:crypto'
import {ESCAPES, RTL, SCRIPT} from './evil-text.mjs'

function length(n) {
  if (n < 0x80) return Buffer.from([n])
  const bytes = []
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}
const tlv = (tag, content) => Buffer.concat([Buffer.from([tag]), length(content.length), content])
const seq = (...parts) => tlv(0x30, Buffer.concat(parts))
const set = (...parts) => tlv(0x31, Buffer.concat(parts))
const utf8 = (text) => tlv(0x0c, Buffer.from(text, 'utf8'))
const integer = (bytes) => tlv(0x02, bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes)

function oid(dotted) {
  const [a, b, ...rest] = dotted.split('.').map(Number)
  const out = [40 * a + b]
  for (const v of rest) {
    const groups = []
    for (let x = v; ; x = Math.floor(x / 128)) {
      groups.unshift(x & 0x7f)
      if (x < 128) break
    }
    out.push(...groups.map((g, i) => (i < groups.length - 1 ? g | 0x80 : g)))
  }
  return tlv(0x06, Buffer.from(out))
}

function utcTime(date) {
  const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z'
  return tlv(0x17, Buffer.from(text, 'ascii'))
}

const OID = {cn: '2.5.4.3', o: '2.5.4.10', ou: '2.5.4.11', ecdsaSha256: '1.2.840.10045.4.3.2'}

/** A positive 16-byte serial in minimal DER form (a leading zero byte would be "illegal padding"). */
function serial() {
  const bytes = crypto.randomBytes(16)
  bytes[0] = 0x40 | (bytes[0] & 0x3f)
  return bytes
}

/** The subject's attributes (also the issuer's: it is self-signed). */
export const EVIL_SUBJECT = {
  cn: `${ESCAPES}${SCRIPT}router${RTL}lmth.exe ${'A'.repeat(5 * 1024)}`,
  o: `<img src=x onerror=alert(1)>${ESCAPES}`,
  ou: `${RTL}Admin\x1b]8;;http://8.8.8.8/\x07click\x1b]8;;\x07`,
}

/** A fresh key and certificate, as PEM strings for tls.createServer. */
export function evilCertificate() {
  const {publicKey, privateKey} = crypto.generateKeyPairSync('ec', {namedCurve: 'prime256v1'})
  const name = seq(set(seq(oid(OID.cn), utf8(EVIL_SUBJECT.cn))), set(seq(oid(OID.o), utf8(EVIL_SUBJECT.o))), set(seq(oid(OID.ou), utf8(EVIL_SUBJECT.ou))))
  const algorithm = seq(oid(OID.ecdsaSha256))
  const now = Date.now()
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(serial()),
    algorithm,
    name,
    seq(utcTime(new Date(now - 86_400_000)), utcTime(new Date(now + 30 * 86_400_000))),
    name,
    publicKey.export({type: 'spki', format: 'der'}),
  )
  const signature = crypto.sign('sha256', tbs, privateKey)
  const der = seq(tbs, algorithm, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])))
  const cert = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`
  return {cert, key: privateKey.export({type: 'pkcs8', format: 'pem'})}
}
