import type {Evidence} from '../evidence/schema.js'
import {noSteps} from './local-common.js'
import {exposuresNotMeasured} from './exposures-common.js'
import type {Rule, Verdict} from './rule.js'

/**
 * N-3.3.7: a DLNA media server (a TV, recorder, NAS or PC sharing media) hands its content to
 * anyone on the shared network, like a guest share. A warning, as the issue asks: media is
 * usually not work data, but anything put in those folders is readable by every device at home.
 * (The TV itself being reachable is N-3.3.9's personal-devices rule.)
 */
export const dlnaOpenRule: Rule = {
  id: 'dlna-open-content',
  clause: 'N-3.3.7',
  severity: 'medium',
  title: {ja: 'メディアサーバー（DLNA）が認証なしで中身を公開していないか', en: 'No media server (DLNA) hands out its content without authentication'},
  measures: {
    ja: 'UPnP/DLNA メディアサーバーごとに ContentDirectory のルートを 1 回 Browse（読み取りのみ、最大 20 件）',
    en: "One Browse of the root of each UPnP/DLNA media server's ContentDirectory (read-only, at most 20 entries)",
  },
  statuses: ['warning', 'pass', 'unknown'],
  evaluate(evidence: Evidence): Verdict {
    const notMeasured = exposuresNotMeasured(evidence)
    if (notMeasured) return notMeasured
    const dlna = evidence.exposures!.filter((e) => e.kind === 'dlna')
    const items = (list: typeof dlna) => list.map((e) => ({source: 'dlna', host: e.host, text: `${e.host}:${e.port} ${e.summary}`}))
    const open = dlna.filter((e) => e.anonymous === true)
    if (open.length > 0) {
      return {
        status: 'warning',
        title: {
          ja: `認証なしで中身を公開しているメディアサーバー（DLNA）があります: ${open.map((e) => e.host).join(', ')}`,
          en: `Media servers (DLNA) hand out their content without authentication: ${open.map((e) => e.host).join(', ')}`,
        },
        evidence: items(open),
        remediation: {
          ja: [
            'テレビ・レコーダー・NAS のメディアサーバー（DLNA、「ホームネットワーク」「お部屋ジャンプリンク」「メディアサーバー」など）機能を使っていなければオフにしてください。',
            '使う場合は、機器のアクセス制限で視聴を許可する機器を登録制にしてください。',
            '業務のファイルを共有メディアのフォルダーに置かないでください。',
          ],
          en: [
            'Turn the media server (DLNA, "home network", "media server") function of the TV, recorder or NAS off if it is not used.',
            "If it is used, allow only registered devices in the server's access control.",
            'Never put work files in shared media folders.',
          ],
        },
      }
    }
    const unknown = dlna.filter((e) => e.anonymous === null)
    if (unknown.length > 0) {
      return {
        status: 'unknown',
        title: {ja: 'メディアサーバー（DLNA）の公開状況を確認できませんでした', en: 'Could not tell what some media servers (DLNA) hand out'},
        evidence: items(unknown),
        remediation: {ja: ['これらの機器のメディアサーバー機能が不要ならオフにし、必要なら視聴できる機器を制限してください。'], en: ["Turn these devices' media server function off, or restrict it to registered devices."]},
      }
    }
    return {
      status: 'pass',
      title: {ja: '認証なしで中身を公開しているメディアサーバーは見つかりませんでした', en: 'No media server hands out content without authentication'},
      evidence: items(dlna),
      remediation: noSteps,
    }
  },
}
