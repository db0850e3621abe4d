import type {Evidence} from '../evidence/schema.js'
import {shareUrl} from '../history/diff.js'
import {noSteps} from './local-common.js'
import {osSteps} from './os-steps.js'
import {STOP_OPEN_SHARES} from './pc-steps.js'
import type {Rule, Verdict} from './rule.js'

/** Hosts with SMB open whose shares were not (or could not be) checked. */
export function uncheckedSmbHosts(evidence: Evidence): string[] {
  // A host that refuses to list its shares to an anonymous or guest visitor was checked too:
  // that refusal is the answer (the secure Windows default).
  const checked = new Set(
    evidence.fileServices.filter((s) => s.protocol === 'smb' && s.reachable && (!s.error || s.error.startsWith('share listing refused'))).map((s) => s.host),
  )
  return evidence.hosts.filter((h) => !h.isSelf && h.ports.some((p) => p.port === 445 || p.port === 139) && !checked.has(h.ip)).map((h) => h.ip)
}

/** N-3.3.7: other devices must not expose data to anyone on the network (guest/anonymous shares). */
export const openSharesRule: Rule = {
  id: 'open-shares-on-other-hosts',
  clause: 'N-3.3.7',
  severity: 'high',
  title: {ja: '他の機器に誰でも読み書きできる共有がないか', en: 'No other device exposes shares to anonymous or guest users'},
  measures: {ja: 'SMB のゲスト/匿名アクセス、匿名 FTP（読み取りのみで確認。NFS は nfs-open-export）', en: 'SMB guest/anonymous access, anonymous FTP (checked read-only; NFS exports: nfs-open-export)'},
  statuses: ['violation', 'pass', 'unknown'],
  evaluate(evidence: Evidence): Verdict {
    // NFS exports have a rule of their own (nfs-open-export), with NFS's own remedies.
    const open = evidence.shares.filter((s) => s.protocol !== 'nfs' && (s.access === 'anonymous-read' || s.access === 'anonymous-write'))
    const items = open.map((s) => ({source: s.protocol, host: s.host, text: `${shareUrl(s)}: ${s.access}${s.reason ? ` (${s.reason})` : ''}`}))
    if (open.length > 0) {
      const writable = open.filter((s) => s.access === 'anonymous-write').length
      return {
        status: 'violation',
        severity: writable > 0 ? 'critical' : 'high',
        title: {
          ja: `誰でも使える共有が ${open.length} 件あります${writable > 0 ? `（うち ${writable} 件は書き込みもできます）` : '（読み取り）'}`,
          en: `${open.length} share(s) open to anyone${writable > 0 ? `, ${writable} of them writable` : ' for reading'}`,
        },
        evidence: items,
        // The other device's OS is not known: the steps of every OS, each with its name.
        remediation: osSteps(null, STOP_OPEN_SHARES, {
          ja: [
            'NAS や家族の PC の共有でゲストアクセス・匿名アクセスを無効にし、利用者ごとのパスワードを設定してください（NAS はメーカーの設定画面で）。匿名 FTP は無効にしてください。',
          ],
          en: [
            "Turn off guest and anonymous access on the NAS and family PCs, and give each user a password (on a NAS, in the vendor's admin page). Turn anonymous FTP off.",
          ],
        }),
      }
    }
    const unchecked = uncheckedSmbHosts(evidence)
    if (unchecked.length > 0) {
      return {
        status: 'unknown',
        title: {ja: 'SMB の共有を確認できなかった機器があります', en: 'The SMB shares of some hosts could not be checked'},
        evidence: unchecked.map((ip) => {
          const why = evidence.fileServices.find((s) => s.protocol === 'smb' && s.host === ip)?.error
          return {source: 'discovery', host: ip, text: `${ip}: SMB (445/139) open, shares not checked${why ? `: ${why}` : ''}`}
        }),
        remediation: {ja: ['これらの機器の共有設定でゲストアクセスが無効か確認してください。'], en: ["Check these devices' sharing settings: guest access must be off."]},
      }
    }
    return {
      status: 'pass',
      title: {ja: '誰でも使える共有は見つかりませんでした', en: 'No share open to anonymous or guest users was found'},
      evidence: evidence.fileServices.filter((s) => s.protocol !== 'nfs').map((s) => ({source: s.protocol, host: s.host, text: `${s.protocol} on ${s.host}:${s.port}: anonymous ${s.anonymousLogin ?? '?'}`})),
      remediation: noSteps,
    }
  },
}
