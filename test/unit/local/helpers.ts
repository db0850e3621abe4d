import fs from 'node:fs'

/** Read a fixture under test/fixtures/local/ as UTF-8 text. */
export function fixture(relative: string): string {
  return fs.readFileSync(new URL(`../../fixtures/local/${relative}`, import.meta.url), 'utf8')
}

/** A deterministic pseudo-random string of `length` characters (mixed ASCII, controls, CJK, separators). */
export function noise(length: number, seed = 12345): string {
  const alphabet = 'abcXYZ019 :;=,.-_%\t\r\n\\"\'{}[]()<>*/#$|@!?接続認証暗号なしオープン\u0000\uFEFF'
  let x = seed >>> 0
  const out: string[] = []
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0
    out.push(alphabet[(x >>> 16) % alphabet.length] ?? 'a')
  }
  return out.join('')
}

/** Inputs every parser must survive without throwing. */
export function hostileInputs(sample: string): string[] {
  return [
    '',
    ' ',
    '\n\n\n',
    'garbage',
    '{',
    '[',
    'null',
    '{"a":',
    '[1,2,3]',
    '{"SPAirPortDataType": 5}',
    sample.slice(0, Math.floor(sample.length / 2)),
    sample.slice(Math.floor(sample.length / 3)),
    sample.replace(/\n/g, '\r'),
    sample.split('').reverse().join(''),
    noise(1024 * 1024),
    'x'.repeat(200_000),
    ':'.repeat(10_000),
  ]
}
