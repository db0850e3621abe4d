import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {decodeHtml, extractPage, parseRealm} from '../../../src/gather/probes/http-admin.js'

describe('HTTP admin page extraction', () => {
  it('reads title, meta, visible text and script names of the lab router page', () => {
    // The page the lab router serves (test/lab/conf/index.html.in, filled in from topology.json).
    const html = readFileSync(new URL('../../lab/conf/index.html.in', import.meta.url), 'utf8').replaceAll(/@\{[^}]+\}/g, 'X')
    const page = extractPage(html)
    assert.ok(page.title)
    assert.ok(!page.text.includes('<'), 'text has no markup')
  })

  it('keeps text of adjacent elements apart and drops scripts', () => {
    const page = extractPage('<html><head><title> Aterm  WG1200HS4 </title><meta name="generator" content="x"><script src="/js/jquery.min.js?v=3"></script></head><body><table><tr><td>1.4.2</td><td>Copyright</td></tr></table><script>alert(1)</script></body></html>')
    assert.equal(page.title, 'Aterm WG1200HS4')
    assert.equal(page.meta.generator, 'x')
    assert.deepEqual(page.scripts, ['jquery.min.js'])
    assert.equal(page.text, '1.4.2 Copyright')
  })

  it('parses WWW-Authenticate realms', () => {
    assert.equal(parseRealm('Basic realm="NETGEAR R7000"'), 'NETGEAR R7000')
    assert.equal(parseRealm('Digest realm=TP-LINK, nonce="abc"'), 'TP-LINK')
    assert.equal(parseRealm(undefined), null)
    assert.equal(parseRealm('Bearer'), null)
  })

  it('decodes Shift_JIS and EUC-JP pages by their declared charset', () => {
    const sjis = Buffer.from([0x83, 0x4e, 0x83, 0x43, 0x83, 0x62, 0x83, 0x4e, 0x90, 0xdd, 0x92, 0xe8]) // クイック設定
    assert.equal(decodeHtml(sjis, 'text/html; charset=Shift_JIS'), 'クイック設定')
    const meta = Buffer.concat([Buffer.from('<meta charset="shift_jis"><title>'), sjis, Buffer.from('</title>')])
    assert.match(decodeHtml(meta, 'text/html'), /クイック設定/)
    assert.equal(decodeHtml(Buffer.from('plain'), 'text/html; charset=x-unknown'), 'plain')
  })

  it('never throws on garbage', () => {
    for (const junk of ['', '<<<<', '\u0000'.repeat(1000), '<title>'.repeat(10_000)]) extractPage(junk)
  })
})
