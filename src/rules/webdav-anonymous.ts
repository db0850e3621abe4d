import type {Evidence} from '../evidence/schema.js'
import {noSteps} from './local-common.js'
import {exposuresNotMeasured} from './exposures-common.js'
import type {Rule, Verdict} from './rule.js'

/**
 * N-3.3.7: WebDAV (a NAS's web folder service) readable without credentials is an open share
 * by another name: a violation, like a guest SMB share. Only reading is tested (PROPFIND, Depth 0).
 */
export const webdavAnonymousRule: Rule = {
  id: 'webdav-anonymous',
  clause: 'N-3.3.7',
  severity: 'high',
  title: {ja: 'NAS などの WebDAV が誰でも読めるようになっていないか', en: 'No WebDAV (on a NAS or elsewhere) is readable without credentials'},
  measures: {
    ja: 'Web ポート（80, 443, 5005, 5006, 8080, 8443）に OPTIONS と Depth 0 の PROPFIND（読み取りのみ）',
    en: 'OPTIONS and a Depth-0 PROPFIND (read-only) on the web ports 80, 443, 5005, 5006, 8080, 8443',
  },
  statuses: ['violation', 'pass', 'unknown'],
  evaluate(evidence: Evidence): Verdict {
    const notMeasured = exposuresNotMeasured(evidence)
    if (notMeasured) return notMeasured
    const dav = evidence.exposures!.filter((e) => e.kind === 'webdav')
    const items = (list: typeof dav) => list.map((e) => ({source: 'webdav', host: e.host, text: e.summary}))
    const open = dav.filter((e) => e.anonymous === true)
    if (open.length > 0) {
      return {
        status: 'violation',
        title: {ja: `誰でも読める WebDAV があります: ${open.map((e) => `${e.host}:${e.port}`).join(', ')}`, en: `WebDAV readable without credentials: ${open.map((e) => `${e.host}:${e.port}`).join(', ')}`},
        evidence: items(open),
        remediation: {
          ja: [
            'NAS の WebDAV 設定で匿名（ゲスト）アクセスを無効にし、利用者ごとのパスワードを設定してください。使っていなければ WebDAV を無効にしてください。',
            'Synology: 「パッケージセンター」→「WebDAV Server」、共有フォルダーの権限で guest を「アクセスなし」にします。',
          ],
          en: [
            "Turn anonymous (guest) access off in the NAS's WebDAV settings and give each user a password; turn WebDAV off if it is not used.",
            'Synology: Package Center → WebDAV Server, and set guest to "No access" in the shared folders\' permissions.',
          ],
        },
      }
    }
    const unknown = dav.filter((e) => e.anonymous === null)
    if (unknown.length > 0) {
      return {
        status: 'unknown',
        title: {ja: 'WebDAV に匿名でアクセスできるか確認できませんでした', en: 'Could not tell whether some WebDAV servers allow anonymous access'},
        evidence: items(unknown),
        remediation: {ja: ['これらの機器の WebDAV 設定で匿名アクセスが無効か確認してください。'], en: ["Check these devices' WebDAV settings: anonymous access must be off."]},
      }
    }
    return {
      status: 'pass',
      title: {ja: '誰でも読める WebDAV は見つかりませんでした', en: 'No WebDAV readable without credentials was found'},
      evidence: items(dav),
      remediation: noSteps,
    }
  },
}
