/** Colour for the terminal report, off for NO_COLOR, TERM=dumb and anything that is not a TTY. */
export interface Style {
  red(text: string): string
  yellow(text: string): string
  green(text: string): string
  cyan(text: string): string
  dim(text: string): string
  bold(text: string): string
}

export function colourEnabled(stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true
  return Boolean(stream.isTTY) && env.TERM !== 'dumb'
}

export function makeStyle(enabled: boolean): Style {
  const wrap = (open: number, close: number) => (text: string) => (enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text)
  return {red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), cyan: wrap(36, 39), dim: wrap(2, 22), bold: wrap(1, 22)}
}

/** Terminal column width of a string: East Asian wide characters take two columns. */
export function displayWidth(text: string): number {
  let width = 0
  for (const ch of text) {
    const code = ch.codePointAt(0)!
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x1f300 && code <= 0x1faff) ||
      (code >= 0x20000 && code <= 0x3fffd)
    width += wide ? 2 : 1
  }
  return width
}

/** Characters a Japanese line must not start with (kinsoku): closing brackets, 、。 and small kana. */
const NO_LINE_START = new Set([...'、。，．・：；？！ー）」』】〕〉》］｝’”ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ),.:;!?]}'])
/** Characters a line must not end with: opening brackets. */
const NO_LINE_END = new Set([...'（「『【〔〈《［｛‘“([{'])

/** Runs of spaces, runs of narrow characters (a latin word, a number, a path, a list) and single wide characters. */
function segments(text: string): string[] {
  const out: string[] = []
  let previous = ''
  for (const ch of text) {
    const kind = ch === ' ' ? 's' : displayWidth(ch) === 1 ? 'n' : 'w'
    if (kind !== 'w' && kind === previous) out[out.length - 1] += ch
    else out.push(ch)
    previous = kind
  }
  return out
}

/** How many characters of a too-long narrow run go on one line: after its last `,` that fits, else its last `/`, else as many as fit. */
function cutPoint(run: string, room: number): number {
  const head: string[] = []
  let used = 0
  for (const ch of run) {
    used += displayWidth(ch)
    if (used > room && head.length > 0) break
    head.push(ch)
  }
  const at = (mark: string) => head.lastIndexOf(mark)
  const cut = at(',') > 0 ? at(',') : at('/')
  return cut > 0 ? cut + 1 : head.length
}

/**
 * Wrap text to `width` columns: the first line after `indent`, the rest after `restIndent`
 * (a hanging indent). Breaks at spaces and between wide (CJK) characters, never inside a latin
 * word, and keeps Japanese line-breaking rules (no 、。） at a line start, no （「 at an end).
 */
export function wrap(text: string, width: number, indent: string, restIndent: string = indent): string[] {
  const lines: string[] = []
  let line = ''
  const room = Math.max(20, width - Math.max(displayWidth(indent), displayWidth(restIndent)))
  const breakLine = () => {
    if (line.trim()) lines.push(line.trimEnd())
    line = ''
  }
  /**
   * End the line before `next`. What may not end a line (an opening bracket) moves on with it, and
   * so does the word or character before `next` when `next` may not start a line. Returns what moved.
   */
  const breakBefore = (next: string): string => {
    const chars = [...line.trimEnd()]
    const moved: string[] = []
    // (several units when the one before is a closing mark itself, as in "のみ）？")
    while (NO_LINE_START.has(moved[0] ?? next)) {
      let unit = 1
      if (displayWidth(chars.at(-1) ?? '') === 1) while (unit < chars.length && chars.at(-1 - unit) !== ' ' && displayWidth(chars.at(-1 - unit)!) === 1) unit++
      if (chars.length <= unit || moved.length + unit + 2 >= room) break
      moved.unshift(...chars.splice(chars.length - unit))
    }
    while (chars.length > 1 && NO_LINE_END.has(chars.at(-1)!)) moved.unshift(chars.pop()!)
    line = chars.join('')
    breakLine()
    return moved.join('')
  }
  for (const seg of segments(text)) {
    if (seg[0] === ' ') {
      if (line !== '' && displayWidth(line + seg) <= room) line += seg
      else breakLine()
      continue
    }
    if (displayWidth(line + seg) <= room) {
      line += seg
      continue
    }
    // A word (narrow run) or character that does not fit starts the next line; a word longer
    // than a whole line is cut, after a comma or slash where it has one.
    let rest = breakBefore([...seg].length === 1 ? seg : '') + seg
    while (displayWidth(rest) > room) {
      const cut = cutPoint(rest, room)
      lines.push([...rest].slice(0, cut).join(''))
      rest = [...rest].slice(cut).join('')
    }
    line = rest
  }
  breakLine()
  return lines.map((l, i) => (i === 0 ? indent : restIndent) + l)
}
