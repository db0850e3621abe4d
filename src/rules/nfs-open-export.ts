import type {Evidence} from '../evidence/schema.js'
import {shareUrl} from '../history/diff.js'
import {noSteps} from './local-common.js'
import type {Rule, Verdict} from './rule.js'

const groupsOf = (evidence: Record<string, unknown>) => (Array.isArray(evidence.groups) ? (evidence.groups as string[]) : [])

/**
 * N-3.3.7: an NFS export to everyone (`*`) or to the whole LAN lets any device on the network
 * mount it: NFS with AUTH_SYS asks for no password and believes the user ID the client claims.
 * The export list comes from the MOUNT service (src/gather/probes/nfs/). Whether an export is
 * read-only is not in that list, so the finding says "read at least".
 */
export const nfsOpenExportRule: Rule = {
  id: 'nfs-open-export',
  clause: 'N-3.3.7',
  severity: 'high',
  title: {ja: '他の機器に誰でもマウントできる NFS エクスポートがないか', en: 'No other device exports NFS to everyone'},
  measures: {
    ja: 'NFS のエクスポート一覧（portmapper と MOUNT の EXPORT、読み取りのみ）で、接続許可が「*」や LAN 全体になっているもの',
    en: 'NFS export lists (portmapper and MOUNT EXPORT, read-only): exports allowed to `*` or to the whole LAN',
  },
  statuses: ['violation', 'pass', 'unknown'],
  evaluate(evidence: Evidence): Verdict {
    const nfs = evidence.fileServices.filter((s) => s.protocol === 'nfs')
    const open = evidence.shares.filter((s) => s.protocol === 'nfs' && (s.access === 'anonymous-read' || s.access === 'anonymous-write'))
    if (open.length > 0) {
      return {
        status: 'violation',
        title: {
          ja: `誰でもマウントできる NFS エクスポートが ${open.length} 件あります`,
          en: `${open.length} NFS export(s) can be mounted by any device on the network`,
        },
        evidence: open.map((s) => ({source: 'nfs', host: s.host, text: `${shareUrl(s)}: ${s.reason ?? `allowed to ${groupsOf(s.evidence).join(', ') || 'everyone'}`}`})),
        remediation: {
          ja: [
            'NAS や PC の NFS 設定で、各エクスポートの接続を許可する相手を「*」やネットワーク全体（例: 192.168.1.0/24）ではなく、使う機器の IP アドレスだけにしてください。',
            'NFS を使っていなければ無効にしてください（Synology: コントロールパネル →「ファイルサービス」→「NFS」、Linux: /etc/exports を直して「exportfs -ra」）。',
            'NFS（AUTH_SYS）はパスワードを使わず、接続してきた機器が名乗るユーザー ID を信用します。読み取り専用（ro）と root_squash にし、可能なら Kerberos（sec=krb5p）を使ってください。',
          ],
          en: [
            "In the NAS's or PC's NFS settings, allow each export only to the IP addresses of the devices that use it, never `*` or a whole network (such as 192.168.1.0/24).",
            'Turn NFS off if nothing uses it (Synology: Control Panel → File Services → NFS; Linux: edit /etc/exports, then run "exportfs -ra").',
            'NFS with AUTH_SYS asks for no password and believes the user ID the client claims: make exports read-only (ro) with root_squash, and use Kerberos (sec=krb5p) where possible.',
          ],
        },
      }
    }
    const unknown = nfs.filter((s) => s.anonymousLogin === null)
    if (unknown.length > 0) {
      return {
        status: 'unknown',
        title: {ja: 'NFS のエクスポート一覧を読めなかった機器があります', en: 'The NFS export list of some devices could not be read'},
        evidence: unknown.map((s) => ({source: 'nfs', host: s.host, text: `NFS on ${s.host}:${s.port}: ${s.error ?? 'export list unknown'}`})),
        remediation: {
          ja: ['これらの機器の NFS 設定で、エクスポートが「*」や LAN 全体に許可されていないか確認してください（NFSv4 だけのサーバーは一覧を返しません）。'],
          en: ["Check these devices' NFS settings: no export may be allowed to `*` or the whole LAN (NFSv4-only servers give no export list)."],
        },
      }
    }
    const listed = evidence.shares.filter((s) => s.protocol === 'nfs')
    return {
      status: 'pass',
      title: nfs.length
        ? {ja: '誰でもマウントできる NFS エクスポートは見つかりませんでした', en: 'No NFS export open to every device was found'}
        : {ja: 'NFS サーバーは見つかりませんでした', en: 'No NFS server was found'},
      evidence: [
        ...nfs.map((s) => ({source: 'nfs', host: s.host, text: `NFS on ${s.host}:${s.port}: ${listed.filter((e) => e.host === s.host).length} export(s) listed to this PC`})),
        ...listed.map((s) => ({source: 'nfs', host: s.host, text: `${shareUrl(s)}: allowed to ${groupsOf(s.evidence).join(', ')}`})),
      ],
      remediation: noSteps,
    }
  },
}
