import type {CredentialCheck, HttpObservation} from '../../evidence/router-schema.js'
import type {ScanScope} from '../../scope/scope-guard.js'
import {httpFetch} from '../net/http-fetch.js'

export const MAX_CREDENTIAL_ATTEMPTS = 3

/**
 * Try the vendor's documented factory logins on the router's HTTP Basic-auth admin page.
 * Opt-in only. At most three attempts; each is recorded with the user name and the outcome,
 * never the password. Form-based logins differ per vendor and are not attempted.
 */
export async function checkDefaultCredentials(
  scope: ScanScope,
  pages: readonly HttpObservation[],
  credentials: ReadonlyArray<{username: string; password: string}>,
  timeoutMs: number,
): Promise<CredentialCheck> {
  const target = pages.find((p) => p.status === 401 && p.realm !== null)
  if (!target) {
    return {requested: true, target: null, attempts: [], note: 'no admin page asks for HTTP Basic authentication; a login form has to be checked by hand'}
  }
  if (credentials.length === 0) {
    return {requested: true, target: target.url, attempts: [], note: 'vendor-db lists no factory login for this model'}
  }
  const attempts: CredentialCheck['attempts'] = []
  for (const cred of credentials.slice(0, MAX_CREDENTIAL_ATTEMPTS)) {
    const authorization = `Basic ${Buffer.from(`${cred.username}:${cred.password}`, 'utf8').toString('base64')}`
    const res = await httpFetch(scope, target.url, {timeoutMs, maxRedirects: 0, maxBytes: 64 * 1024, headers: {Authorization: authorization}})
    const outcome = res.error ? 'error' : res.status === 401 || res.status === 403 ? 'rejected' : res.status !== null && res.status < 400 ? 'accepted' : 'error'
    attempts.push({url: target.url, username: cred.username, outcome, status: res.status})
    if (outcome === 'accepted') break
  }
  return {requested: true, target: target.url, attempts, note: null}
}
