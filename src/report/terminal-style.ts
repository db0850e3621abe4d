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

/**
 * Wrap text to `width` columns: the first line after `indent`, the rest after `restIndent`
 * (a hanging indent). Breaks at spaces, or anywhere in CJK text.
 */
export function wrap(text: string, width: number, indent: string, restIndent: string = indent): string[] {
  const lines: string[] = []
  let line = ''
  const room = Math.max(20, width - Math.max(displayWidth(indent), displayWidth(restIndent)))
  const breakLine = () => {
    if (line.trim()) lines.push(line.trimEnd())
    line = ''
  }
  for (const token of text.split(/(?<= )/)) {
    if (displayWidth(line + token) <= room) {
      line += token
      continue
    }
    // CJK text has no spaces: fill the current line character by character. A latin word
    // that does not fit starts a new line (and is cut only when longer than a whole line).
    const cjk = displayWidth(token) > [...token].length
    if (!cjk) breakLine()
    for (const ch of token) {
      if (displayWidth(line + ch) > room) breakLine()
      if (line === '' && ch === ' ') continue
      line += ch
    }
  }
  breakLine()
  return lines.map((l, i) => (i === 0 ? indent : restIndent) + l)
}
