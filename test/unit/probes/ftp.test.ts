import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {parsePasv, takeFtpReply} from '../../../src/gather/probes/ftp.js'
import {fuzz} from '../../fuzz/mutate.js'

const session = readFileSync(new URL('../../fixtures/ftp/vsftpd-anonymous-session.bin', import.meta.url))

function allReplies(text: string): Array<{code: number; text: string}> {
  const replies = []
  let rest = text
  for (let r = takeFtpReply(rest); r; r = takeFtpReply(rest)) {
    replies.push(r.reply)
    rest = r.rest
  }
  return replies
}

describe('FTP reply parsing', () => {
  it('reads the real vsftpd session, multi-line FEAT included', () => {
    const codes = allReplies(session.toString('latin1')).map((r) => r.code)
    // the lab vsftpd takes anonymous without a password (230 at once, then 230 "Already logged in")
    assert.deepEqual(codes, [220, 230, 230, 215, 211, 227, 221])
  })

  it('waits for an incomplete reply, rejects what is not FTP', () => {
    assert.equal(takeFtpReply('220 Welc'), null)
    assert.equal(takeFtpReply('211-Features:\r\n EPSV\r\n'), null)
    assert.throws(() => takeFtpReply('HTTP/1.1 200 OK\r\n'), /not an FTP reply/)
    assert.throws(() => takeFtpReply('211-x\r\n' + ' y\r\n'.repeat(100)), /too long/)
  })

  it('parses PASV and refuses nonsense', () => {
    assert.deepEqual(parsePasv('Entering Passive Mode (192,168,77,30,117,48).'), {ip: '192.168.77.30', port: 30000})
    assert.equal(parsePasv('Entering Passive Mode (999,1,1,1,1,1)'), null)
    assert.equal(parsePasv('nothing'), null)
  })

  it('survives 10,000 mutations of the real session (only its own errors, never a crash)', () => {
    const result = fuzz([session], 10_000, (input) => {
      try {
        allReplies(input.toString('latin1'))
      } catch (error) {
        if (!(error instanceof Error) || !/not an FTP reply|too long/.test(error.message)) throw error
      }
      parsePasv(input.toString('latin1'))
    })
    assert.deepEqual(result.failures, [])
  })
})
