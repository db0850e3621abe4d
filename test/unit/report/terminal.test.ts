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

  it('never breaks inside a latin word, and keeps Japanese line-breaking rules', () => {
    // The texts that broke in the lab's Japanese report at 80 columns ("VP" / "N", "、" starting a line)
    const texts = [
      '分けられない場合は、家族の機器と同時に利用しないでください。VPN 接続が完了するまで自宅ネットワークに接続しないでください。',
      'NAS や家族の PC の共有でゲストアクセス・匿名アクセスを無効にし、利用者ごとのパスワードを設定してください（NAS はメーカーの設定画面で）。',
      '誰でも使える共有が 6 件あります（うち 2 件は書き込みもできます）',
      '業務用 PC を家族の機器と別のネットワークに分けてください（ルーターのゲスト SSID・VLAN・別ルーターなど、相互に通信できない設定）。',
      '[ ] M-3.5.1 私用機器に Office/Teams アプリを入れていませんか（WEB版のみ）？',
    ]
    for (let width = 30; width <= 90; width++) {
      for (const text of texts) {
        const lines = wrap(text, width, '    ', '    ').map((l) => l.slice(4))
        assert.equal(lines.join('').replaceAll(' ', ''), text.replaceAll(' ', ''))
        for (const line of lines) {
          assert.ok(displayWidth(line) <= width - 4, `${width}: ${line}`)
          assert.ok(!/^[、。，．）」』】ー？！]/.test(line), `${width}: line starts with a closing mark: ${line}`)
          assert.ok(!/[（「『【]$/.test(line), `${width}: line ends with an opening bracket: ${line}`)
        }
        for (const word of text.match(/[A-Za-z0-9]+/g) ?? []) {
          assert.ok(lines.some((l) => l.includes(word)), `${width}: "${word}" split across lines in ${JSON.stringify(lines)}`)
        }
      }
    }
  })

  it('cuts a list longer than a line after a comma, not inside a port', () => {
    const list = Array.from({length: 20}, (_, i) => `${1000 + i}/${i % 2 ? 'udp' : 'tcp'}`).join(',')
    const lines = wrap(`open: ${list}`, 50, '  ')
    for (const line of lines) assert.ok(displayWidth(line) <= 50, line)
    for (const line of lines.slice(1, -1)) assert.match(line, /,$/)
    // a list right after an opening bracket that moves with it: still within the width
    for (let width = 30; width <= 60; width++) for (const l of wrap(`対象（${list}）`, width, '  ')) assert.ok(displayWidth(l) <= width, `${width}: ${l}`)
    assert.equal(lines.map((l) => l.trim()).join(' ').replace('open: ', 'open:').replace(/, /g, ','), `open:${list}`.replace(/ /g, ''))
  })

  it('colour follows NO_COLOR, FORCE_COLOR and the TTY', () => {
    assert.equal(colourEnabled({isTTY: true}, {}), true)
    assert.equal(colourEnabled({isTTY: true}, {NO_COLOR: '1'}), false)
    assert.equal(colourEnabled({isTTY: false}, {}), false)
    assert.equal(colourEnabled({isTTY: false}, {FORCE_COLOR: '1'}), true)
    assert.equal(colourEnabled({isTTY: true}, {TERM: 'dumb'}), false)
  })
})
