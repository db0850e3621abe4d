export type Lang = 'ja' | 'en'

/**
 * The report language from the OS locale: LC_ALL, LC_MESSAGES, LANG (POSIX order), then the
 * locale Node's ICU reports (on Windows and macOS it follows the user's OS settings).
 * Japanese when the locale says ja, English otherwise.
 */
export function detectLang(env: NodeJS.ProcessEnv = process.env, intlLocale?: string): Lang {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const value = env[name]
    if (value && value !== 'C' && value !== 'POSIX') return value.toLowerCase().startsWith('ja') ? 'ja' : 'en'
  }
  const locale = intlLocale ?? Intl.DateTimeFormat().resolvedOptions().locale
  return locale.toLowerCase().startsWith('ja') ? 'ja' : 'en'
}
