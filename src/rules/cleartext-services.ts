import type {Evidence} from '../evidence/schema.js'
import {noSteps} from './local-common.js'
import type {Rule, Verdict} from './rule.js'

/** N-3.3.7: FTP and Telnet send passwords and data in clear text to anyone on the LAN. */
export const cleartextServicesRule: Rule = {
  id: 'cleartext-services',
  clause: 'N-3.3.7',
  severity: 'medium',
  title: {ja: '平文の FTP・Telnet が動いていないか', en: 'No clear-text FTP or Telnet on the network'},
  measures: {ja: '21/tcp（FTP、バナーで確認）と 23/tcp（Telnet）', en: '21/tcp (FTP, confirmed by its banner) and 23/tcp (Telnet)'},
  statuses: ['warning', 'pass'],
  evaluate(evidence: Evidence): Verdict {
    const ftp = evidence.fileServices.filter((s) => s.protocol === 'ftp' && s.reachable && s.banner !== null)
    const telnet = evidence.hosts.filter((h) => !h.isSelf && h.ports.some((p) => p.port === 23))
    if (ftp.length + telnet.length === 0) {
      return {status: 'pass', title: {ja: '平文の FTP・Telnet はありません', en: 'No clear-text FTP or Telnet found'}, evidence: [], remediation: noSteps}
    }
    return {
      status: 'warning',
      title: {ja: '平文でパスワードが流れるサービス（FTP/Telnet）があります', en: 'Services that send passwords in clear text (FTP/Telnet) are running'},
      evidence: [
        ...ftp.map((s) => ({source: 'ftp', host: s.host, text: `FTP on ${s.host}:${s.port}: "${s.banner}"`})),
        ...telnet.map((h) => {
          const probed = (evidence.exposures ?? []).find((e) => e.kind === 'telnet' && e.host === h.ip && e.error === null)
          return probed ? {source: 'telnet', host: h.ip, text: probed.summary} : {source: 'discovery', host: h.ip, text: `Telnet (23/tcp) open on ${h.ip}`}
        }),
      ],
      remediation: {
        ja: ['使っていなければ FTP・Telnet を無効にし、必要なら SFTP や SSH など暗号化された方式に切り替えてください。'],
        en: ['Turn FTP and Telnet off unless needed; use encrypted alternatives (SFTP, SSH) instead.'],
      },
    }
  },
}
