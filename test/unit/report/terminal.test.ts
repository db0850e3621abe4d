import assert from 'node:assert/strict'
import {evaluateRules} from '../../../src/rules/index.js'
import {colourEnabled, displayWidth, wrap} from '../../../src/report/terminal-style.js'
import {renderTerminal} from '../../../src/report/terminal.js'
import {evidenceWith, host} from '../../helpers/evidence.js'

function report(lang: 'ja' | 'en') {
  const evidence = evidenceWith([host('192.168.1.21', {mac: '10:65:30:00:00:21', vendor: 'Dell Inc.', names: [{name: 'bad\u001b[31mname<script>', source: 'mdns'}]})])
  return {...evidence, findings: evaluateRules(evidence, lang)}
}

describe('terminal report', () => {
  it('shows network, hosts, findings and a summary in English', () => {
    const text = renderTerminal(report('en'), {lang: 'en', colour: false})
    assert.match(text, /192\.168\.1\.21 +10:65:30:00:00:21 +Dell Inc\./)
    assert.match(text, /VIOLATION +N-3\.3\.7/)
    assert.match(text, /1 violation\(s\)/)
  })

  it('speaks Japanese', () => {
    const text = renderTerminal(report('ja'), {lang: 'ja', colour: false})
    assert.match(text, /違反 +N-3\.3\.7/)
    assert.match(text, /対処/)
  })

  it('never lets a device name put an escape sequence on the terminal', () => {
    const text = renderTerminal(report('en'), {lang: 'en', colour: false})
    assert.ok(!text.includes('\u001b'), 'no ESC without colour')
    const coloured = renderTerminal(report('en'), {lang: 'en', colour: true})
    assert.ok(coloured.includes('bad\\x1B[31mname'))
  })

  it('keeps lines within 80 columns', () => {
    for (const lang of ['ja', 'en'] as const) {
      for (const line of renderTerminal(report(lang), {lang, colour: false, width: 80}).split('\n')) {
        assert.ok(displayWidth(line) <= 80, `${displayWidth(line)}: ${line}`)
      }
    }
  })

  it('wraps CJK text by display width', () => {
    const lines = wrap('日本語'.repeat(20), 40, '  ')
    for (const line of lines) assert.ok(displayWidth(line) <= 40)
    assert.equal(lines.join('').replaceAll(' ', ''), '日本語'.repeat(20))
  })

  it('colour follows NO_COLOR, FORCE_COLOR and the TTY', () => {
    assert.equal(colourEnabled({isTTY: true}, {}), true)
    assert.equal(colourEnabled({isTTY: true}, {NO_COLOR: '1'}), false)
    assert.equal(colourEnabled({isTTY: false}, {}), false)
    assert.equal(colourEnabled({isTTY: false}, {FORCE_COLOR: '1'}), true)
    assert.equal(colourEnabled({isTTY: true}, {TERM: 'dumb'}), false)
  })
})
