import type {Evidence} from '../evidence/schema.js'
import type {Rule, Verdict} from './rule.js'

const none = {ja: [] as string[], en: [] as string[]}

function noRouter(): Verdict {
  return {
    status: 'unknown',
    title: {ja: 'ルーターが見つからないため判定できません', en: 'No router was found to check'},
    evidence: [{source: 'discovery', text: 'no default gateway on the scanned subnet'}],
    remediation: none,
  }
}

/** SNMP answering to `public`/`private`: anyone on the LAN reads (or writes) the router's configuration. */
export const snmpDefaultCommunityRule: Rule = {
  id: 'router-snmp-default-community',
  clause: 'N-3.3.4',
  severity: 'medium',
  title: {ja: 'ルーターの SNMP が既定のコミュニティ名で応答しないか', en: "The router's SNMP does not answer a default community"},
  measures: {ja: 'SNMP v2c/v1 で public・private のみを試行', en: 'SNMP v2c/v1 tried with public and private only'},
  statuses: ['warning', 'pass', 'unknown'],
  evaluate(evidence: Evidence): Verdict {
    const snmp = evidence.router?.observations.snmp
    if (!evidence.router || !snmp) return noRouter()
    const host = evidence.router.observations.target
    const attempts = snmp.attempts.map((a) => ({source: 'snmp', host, text: `${a.version} community "${a.community}": ${a.outcome}`}))
    if (snmp.answer) {
      return {
        status: 'warning',
        title: {
          ja: `ルーターの SNMP が既定のコミュニティ名「${snmp.answer.community}」で応答します`,
          en: `The router's SNMP answers the default community "${snmp.answer.community}"`,
        },
        evidence: [...attempts, {source: 'snmp', host, text: `sysDescr: ${snmp.answer.system.sysDescr ?? '-'}`}],
        remediation: {
          ja: ['ルーターの設定画面で SNMP を無効にするか、推測されにくいコミュニティ名に変更してください。'],
          en: ["Turn SNMP off in the router's admin page, or change the community to a strong secret."],
        },
      }
    }
    // Something answered a default community, but not readably: SNMP may well be open; never pass.
    if (snmp.attempts.some((a) => /^(malformed answer|invalid answer|error status)/.test(a.outcome))) {
      return {
        status: 'unknown',
        title: {ja: 'ルーターの SNMP が既定のコミュニティ名に読み取れない応答を返しました', en: "The router's SNMP answered a default community, but its answer could not be read"},
        evidence: attempts,
        remediation: {
          ja: ['ルーターの設定画面で SNMP が無効か、コミュニティ名が推測されにくいものか確認してください。'],
          en: ["Check in the router's admin page that SNMP is off, or that its community is a strong secret."],
        },
      }
    }
    return {status: 'pass', title: {ja: 'SNMP は既定のコミュニティ名に応答しません', en: 'SNMP does not answer a default community'}, evidence: attempts, remediation: none}
  },
}

/** UPnP IGD: any device on the LAN can open ports on the router without authentication. */
export const upnpIgdRule: Rule = {
  id: 'router-upnp-igd-enabled',
  clause: 'N-3.3.7',
  severity: 'medium',
  title: {ja: 'ルーターの UPnP（IGD）が無効か', en: "The router's UPnP IGD is off"},
  measures: {ja: 'SSDP 応答とデバイス記述の InternetGatewayDevice / WANIPConnection', en: 'SSDP answers and an InternetGatewayDevice / WANIPConnection in the description'},
  statuses: ['warning', 'pass', 'unknown'],
  evaluate(evidence: Evidence): Verdict {
    const obs = evidence.router?.observations
    if (!obs) return noRouter()
    const services = obs.upnp?.device?.services ?? []
    const igdService = services.find((s) => /WAN(IP|PPP)Connection/i.test(s))
    const igdSsdp = obs.ssdp.find((s) => /InternetGatewayDevice|WAN(IP|PPP)Connection/i.test(`${s.st} ${s.usn}`))
    if (igdService || igdSsdp || /InternetGatewayDevice/i.test(obs.upnp?.device?.deviceType ?? '')) {
      return {
        status: 'warning',
        title: {ja: 'ルーターの UPnP（IGD）が有効です', en: "The router's UPnP Internet Gateway Device is enabled"},
        evidence: [
          ...(igdSsdp ? [{source: 'ssdp', host: obs.target, text: `ST ${igdSsdp.st ?? '-'} from ${obs.target}, LOCATION ${igdSsdp.location ?? '-'}`}] : []),
          ...(igdService ? [{source: 'upnp', host: obs.target, text: `service ${igdService} (no authentication in UPnP IGD)`}] : []),
        ],
        remediation: {
          ja: ['UPnP が有効だと、家庭内の機器（マルウェア感染した機器を含む）が認証なしでルーターのポートを開けられます。使わない場合はルーターの設定画面で UPnP を無効にしてください。'],
          en: ['With UPnP on, any device at home (a compromised one included) can open ports on the router without authentication. Turn UPnP off in the router admin page unless you need it.'],
        },
      }
    }
    return {
      status: 'pass',
      title: {ja: 'UPnP IGD の応答はありません', en: 'No UPnP IGD answered'},
      evidence: [{source: 'ssdp', host: obs.target, text: `${obs.ssdp.length} SSDP answers; description ${obs.upnp?.error ?? (obs.upnp ? 'read' : 'not offered')}`}],
      remediation: none,
    }
  },
}

/** The admin page over plain HTTP: the admin password crosses the LAN in clear text. */
export const adminPlainHttpRule: Rule = {
  id: 'router-admin-plain-http',
  clause: 'N-3.3.4',
  severity: 'low',
  title: {ja: 'ルーターの設定画面が暗号化されているか', en: "The router's admin page is not served over plain HTTP"},
  measures: {ja: '80/8080 番の HTTP と 443/8443 番の HTTPS の応答', en: 'HTTP answers on 80/8080 and HTTPS on 443/8443'},
  statuses: ['warning', 'pass', 'unknown'],
  evaluate(evidence: Evidence): Verdict {
    const obs = evidence.router?.observations
    if (!obs) return noRouter()
    // A plain-HTTP page that only sends the browser on to HTTPS is fine.
    const plain = obs.http.filter((p) => p.scheme === 'http' && p.status !== null && !p.redirects.some((r) => r.startsWith('https:')))
    const refused = (p: (typeof obs.http)[number]) => p.redirects.find((r) => r.startsWith('refused:'))
    const items = obs.http.map((p) => ({
      source: 'http',
      host: obs.target,
      text: `${p.url} → ${p.status ?? p.error}${p.title ? ` "${p.title}"` : ''}${p.realm ? ` realm "${p.realm}"` : ''}${refused(p) ? ` (redirect ${refused(p)})` : ''}`,
    }))
    if (plain.length > 0) {
      return {
        status: 'warning',
        title: {ja: 'ルーターの設定画面が暗号化なしの HTTP で提供されています', en: "The router's admin page is served over unencrypted HTTP"},
        evidence: items,
        remediation: {
          ja: ['設定画面のパスワードが平文で流れます。HTTPS が選べる場合は HTTPS で接続し、ルーターのパスワードを強力なものにしてください。'],
          en: ['The admin password crosses the network in clear text. Use HTTPS where the router offers it, and give the router a strong password.'],
        },
      }
    }
    return {
      status: obs.http.length > 0 ? 'pass' : 'unknown',
      title: obs.http.length > 0 ? {ja: '平文 HTTP の設定画面はありません', en: 'No plain-HTTP admin page'} : {ja: '設定画面に接続できませんでした', en: 'No admin page answered'},
      evidence: items,
      remediation: none,
    }
  },
}
