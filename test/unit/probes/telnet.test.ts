import assert from 'node:assert/strict'
import {readTelnetGreeting} from '../../../src/gather/probes/telnet.js'

// Built from the formats of RFC 854 (IAC = 255; WILL 251, WONT 252, DO 253, DONT 254; SB 250 ... IAC SE 240)
// and RFC 1091 (terminal type), as a busybox or printer telnetd opens a session: no real capture is kept.
const IAC = 0xff

describe('Telnet greeting', () => {
  it('separates option negotiation from the printable banner', () => {
    const data = Buffer.concat([
      Buffer.from([IAC, 0xfd, 0x18, IAC, 0xfb, 0x01, IAC, 0xfb, 0x03]), // DO TERMINAL-TYPE, WILL ECHO, WILL SUPPRESS-GO-AHEAD
      Buffer.from([IAC, 0xfa, 0x18, 0x01, IAC, 0xf0]), // SB TERMINAL-TYPE SEND IAC SE
      Buffer.from('\r\nBRN3C2AF4770060 login: '),
    ])
    assert.deepEqual(readTelnetGreeting(data), {negotiation: true, text: 'BRN3C2AF4770060 login:'})
  })

  it('negotiation alone, plain text alone, control characters dropped, length capped', () => {
    assert.deepEqual(readTelnetGreeting(Buffer.from([IAC, 0xfd, 0x1f])), {negotiation: true, text: null})
    assert.deepEqual(readTelnetGreeting(Buffer.from('Welcome\x1b[2J\x07 user:')), {negotiation: false, text: 'Welcome[2J user:'})
    assert.equal(readTelnetGreeting(Buffer.alloc(10_000, 0x41)).text!.length, 200)
    assert.deepEqual(readTelnetGreeting(Buffer.from([IAC])), {negotiation: false, text: null}, 'a lone IAC at the end')
    assert.deepEqual(readTelnetGreeting(Buffer.from([IAC, 0xfa, 0x18, 0x01])), {negotiation: true, text: null}, 'an unterminated subnegotiation')
  })
})
