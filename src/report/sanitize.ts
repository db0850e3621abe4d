/**
 * The one sanitiser for text that may come from a device (names, banners, titles).
 * Control characters (C0, DEL, C1, so every ANSI/OSC escape), bidirectional overrides and
 * other invisible format characters are shown as `\xNN` / `\u{NNNN}` instead of acting,
 * and the text is capped.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/gu

export function sanitizeText(text: string, maxLength = 256): string {
  const cleaned = text.replace(UNSAFE, (ch) => {
    const code = ch.codePointAt(0)!
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0').toUpperCase()}` : `\\u{${code.toString(16).toUpperCase()}}`
  })
  const chars = [...cleaned]
  return chars.length > maxLength ? `${chars.slice(0, maxLength).join('')}…` : cleaned
}

/** What JSON.stringify leaves raw inside strings although a terminal acts on it or it reorders text: DEL, C1, bidi and invisible format characters. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g

/**
 * JSON for output: device text stays exact (JSON is data), but every character that could act
 * on a terminal is written as a \u escape, so `cat report.json` is safe. It parses to the same value.
 */
export function safeJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(UNSAFE_IN_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
