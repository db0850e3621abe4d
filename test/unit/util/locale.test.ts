import assert from 'node:assert/strict'
import {detectLang} from '../../../src/i18n/locale.js'

describe('detectLang', () => {
  it('follows LC_ALL, LC_MESSAGES, LANG in that order', () => {
    assert.equal(detectLang({LANG: 'ja_JP.UTF-8'}, 'en-US'), 'ja')
    assert.equal(detectLang({LC_ALL: 'en_US.UTF-8', LANG: 'ja_JP.UTF-8'}, 'ja-JP'), 'en')
    assert.equal(detectLang({LC_MESSAGES: 'ja_JP.eucJP'}, 'en-US'), 'ja')
  })

  it('falls back to the ICU locale (Windows, macOS) when the variables say nothing', () => {
    assert.equal(detectLang({}, 'ja-JP'), 'ja')
    assert.equal(detectLang({LANG: 'C'}, 'ja-JP'), 'ja')
    assert.equal(detectLang({}, 'en-GB'), 'en')
  })
})
