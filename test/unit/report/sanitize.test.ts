import assert from 'node:assert/strict'
import {safeJson, sanitizeText} from '../../../src/report/sanitize.js'

describe('sanitizeText', () => {
  it('neutralises ANSI CSI and OSC escapes', () => {
    const out = sanitizeText('evil\u001b[2J\u001b]0;pwned\u0007name')
    assert.ok(!out.includes('\u001b') && !out.includes('\u0007'))
    assert.equal(out, 'evil\\x1B[2J\\x1B]0;pwned\\x07name')
  })

  it('neutralises C1 controls, bidi overrides and zero-width characters', () => {
    const out = sanitizeText('a\u009b31mb\u202Etxt.exe\u200Bc')
    assert.equal(out, 'a\\x9B31mb\\u{202E}txt.exe\\u{200B}c')
  })

  it('keeps Japanese and ordinary text and caps the length', () => {
    assert.equal(sanitizeText('リビングの PC'), 'リビングの PC')
    assert.equal(sanitizeText('x'.repeat(10_000), 16), `${'x'.repeat(16)}…`)
  })
})

describe('safeJson', () => {
  it('writes what a terminal acts on as \\u escapes, and parses back to the same device text', () => {
    const report = {names: ['a\u009b31mb', 'photo\u202Egpj.exe', '\u001b]0;pwned\u0007', 'x\u2028y\u200Bz\u007f', 'リビングの PC <b>']}
    const json = safeJson(report)
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e]/u.test(json), json)
    assert.ok(json.includes('a\\u009b31mb') && json.includes('photo\\u202egpj.exe') && json.includes('リビングの PC <b>'))
    assert.deepEqual(JSON.parse(json), report)
  })
})
