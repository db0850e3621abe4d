/** Hostile inputs shared by the OS-parser tests. Every parser must return []/null for them without throwing. */
import fs from 'node:fs'

/** Read a fixture under test/fixtures/os/ as UTF-8 text. */
export function fixture(relative: string): string {
  return fs.readFileSync(new URL(`../../fixtures/os/${relative}`, import.meta.url), 'utf8')
}

/**
 * About 1 MB of pseudo-random text, deterministic (fixed-seed xorshift) so a failure can be
 * reproduced. The alphabet is biased towards the characters the parsers care about:
 * digits, dots, colons, dashes, brackets, whitespace, newlines and Japanese label text.
 */
export function randomText(bytes = 1024 * 1024, seed = 0x2545f491): string {
  const alphabet = [
    ...'0123456789', ...'0123456789', ...'....::::----', ...'    \t\n\n\r',
    ...'abcdefxyzABCDEF', ...'()[]{}",?>%', ...'0x', ...'インターフェイス動的静的リンク上アドレス',
  ]
  let state = seed >>> 0
  const next = (): number => {
    state ^= state << 13
    state >>>= 0
    state ^= state >>> 17
    state ^= state << 5
    state >>>= 0
    return state
  }
  const parts: string[] = []
  for (let i = 0; i < bytes; i++) parts.push(alphabet[next() % alphabet.length] as string)
  return parts.join('')
}

/** Plain garbage that is not any command's output. */
export const GARBAGE: readonly string[] = [
  'garbage',
  '\u0000\u0001\u0002\uFFFD\uFFFF',
  'Error: command not found',
  '{"dst":"default","gateway":"192.168.1.1"}',
  '[1, 2, "three", null, true]',
  'x'.repeat(200_000),
  '1.2.3.4 '.repeat(50_000),
  '\n'.repeat(10_000),
]

/** Something that is not a string at all, as a careless caller might pass. */
export const NOT_STRINGS: readonly unknown[] = [undefined, null, 42, {}, [], Buffer.from('abc')]
