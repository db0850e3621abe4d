import {writeFileSync} from 'node:fs'
import type {ScanReport} from '../evidence/schema.js'
import type {Lang} from '../i18n/locale.js'
import {renderHtml} from './html.js'
import {renderMarkdown} from './markdown.js'
import {safeJson} from './sanitize.js'
import {colourEnabled} from './terminal-style.js'
import {renderTerminal} from './terminal.js'

export type ReportFormat = 'text' | 'json' | 'md' | 'html'
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'md', 'html']

export function renderReport(report: ScanReport, format: ReportFormat, lang: Lang, colour: boolean, width?: number): string {
  switch (format) {
    case 'json':
      return safeJson(report) + '\n'
    case 'md':
      return renderMarkdown(report, lang)
    case 'html':
      return renderHtml(report, lang)
    case 'text':
      return renderTerminal(report, {lang, colour, width})
  }
}

/** Print the report on stdout, or write it to `out` (mode 0600: reports describe the user's home). */
export function writeReport(report: ScanReport, options: {format: ReportFormat; lang: Lang; out?: string}): void {
  const colour = !options.out && options.format === 'text' && colourEnabled(process.stdout)
  const text = renderReport(report, options.format, options.lang, colour, process.stdout.columns)
  if (options.out) writeFileSync(options.out, text, {mode: 0o600})
  else process.stdout.write(text)
}
