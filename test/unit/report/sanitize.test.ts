import assert from 'node:assert/strict'
import {sanitizeText} from '../../../src/report/sanitize.js'

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
