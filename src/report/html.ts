import {Eta} from 'eta'
import type {ScanReport, Status} from '../evidence/schema.js'
import type {Lang} from '../i18n/locale.js'
import {format, ui} from '../i18n/messages.js'
import {renderNetworkMap} from './network-map.js'
import {sanitizeText} from './sanitize.js'
import {verdictOf} from './verdict.js'

const ORDER: readonly Status[] = ['violation', 'warning', 'unknown', 'manual', 'pass']

/**
 * One self-contained page: no script, no external request (the CSP forbids both), device
 * text escaped by eta (autoEscape) after the sanitiser has neutralised control characters.
 */
const TEMPLATE = `<!DOCTYPE html>
<html lang="<%= it.lang %>">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><%= it.t.reportTitle %></title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI","Hiragino Sans","Yu Gothic",sans-serif;margin:2rem;color:#202124;max-width:1100px}
.verdict{font-size:1.4rem;font-weight:bold;padding:.8rem 1rem;border-radius:8px}
.not-allowed{background:#fce8e6;color:#a50e0e}.conditional{background:#fef7e0;color:#8a5300}.allowed{background:#e6f4ea;color:#0d652d}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #dadce0;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
.badge{display:inline-block;min-width:6em;font-weight:bold}.violation{color:#d93025}.warning{color:#e37400}.pass{color:#1e8e3e}.unknown,.manual{color:#5f6368}
details{margin:.4rem 0 .8rem 1rem}summary{cursor:pointer}li{margin:.15rem 0}
</style>
</head>
<body>
<h1><%= it.t.reportTitle %></h1>
<p class="verdict <%= it.verdict.level %>"><%= it.t.verdict %>: <%= it.verdictText %></p>
<p><%= it.t.network %>: <%= it.network.interface %> <%= it.network.address %> (<%= it.network.cidr %>), <%= it.t.gateway %> <%= it.network.gateway %><br>
<%= it.t.scope %>: <%= it.scope %> · <%= it.startedAt %><br><%= it.summary %></p>
<h2><%= it.t.map %></h2>
<figure><%~ it.map %></figure>
<h2><%= it.t.findings %></h2>
<% it.findings.forEach(function (f) { %>
<section class="finding">
<div><span class="badge <%= f.status %>"><%= f.statusText %></span> <strong><%= f.clause %></strong> <%= f.title %> <small>(<%= f.clauseTitleJa %>; <%= f.ruleId %>, <%= f.severity %>)</small></div>
<details><summary><%= it.t.evidence %> (<%= f.evidence.length %>)</summary><ul>
<% f.evidence.forEach(function (e) { %><li><code><%= e.source %></code> <%= e.text %></li><% }) %>
</ul></details>
<% if (f.steps.length) { %><details open><summary><%= it.t.remediation %></summary><ol><% f.steps.forEach(function (s) { %><li><%= s %></li><% }) %></ol></details><% } %>
</section>
<% }) %>
<h2><%= it.t.hosts %></h2>
<table><thead><tr><th>IP</th><th>MAC</th><th>Vendor</th><th>Names</th><th>Ports</th></tr></thead><tbody>
<% it.hosts.forEach(function (h) { %><tr><td><%= h.ip %><%= h.tag %></td><td><%= h.mac %></td><td><%= h.vendor %></td><td><%= h.names %></td><td><%= h.ports %></td></tr><% }) %>
</tbody></table>
<footer><p><small>homeaudit <%= it.version %> · schema <%= it.schemaVersion %></small></p></footer>
</body>
</html>
`

const eta = new Eta({autoEscape: true, autoTrim: false, useWith: false})

export function renderHtml(report: ScanReport, lang: Lang): string {
  const clean = (text: string | null | undefined, max = 300) => sanitizeText(text ?? '-', max)
  const verdict = verdictOf(report.findings)
  const t = Object.fromEntries(Object.entries({...ui, map: {ja: 'ネットワーク図', en: 'Network map'}}).filter(([, v]) => 'ja' in (v as object)).map(([k, v]) => [k, (v as {ja: string; en: string})[lang]]))
  t.hosts = format(ui.hosts, lang, {count: report.hosts.length})
  const findings = [...report.findings]
    .sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status))
    .map((f) => ({
      status: f.status,
      statusText: ui.status[f.status][lang],
      clause: f.clause,
      title: clean(f.title),
      clauseTitleJa: f.clauseTitleJa,
      ruleId: f.ruleId,
      severity: f.severity,
      evidence: f.evidence.slice(0, 50).map((e) => ({source: clean(e.source, 40), text: clean(e.text)})),
      steps: f.status === 'pass' ? [] : f.remediation[lang].map((s) => clean(s, 600)),
    }))
  return eta.renderString(TEMPLATE, {
    lang,
    t,
    verdict,
    verdictText: verdict[lang],
    network: {interface: clean(report.network.interface), address: clean(report.network.address), cidr: clean(report.network.cidr), gateway: clean(report.network.gateway)},
    scope: clean(report.scope.target),
    startedAt: report.startedAt,
    summary: format(ui.summary, lang, verdict.counts),
    map: renderNetworkMap(report),
    findings,
    hosts: report.hosts.map((h) => ({
      ip: clean(h.ip),
      tag: h.isSelf ? ` (${ui.self[lang]})` : h.isGateway ? ` (${ui.router[lang]})` : '',
      mac: clean(h.mac),
      vendor: clean(h.vendor ?? (h.macRandomized ? ui.randomMac[lang] : '-')),
      names: h.names.map((n) => `${clean(n.name, 64)} [${n.source}]`).join(', ') || '-',
      ports: h.ports.map((p) => `${p.port}/${p.protocol}`).join(', ') || '-',
    })),
    version: report.tool.version,
    schemaVersion: report.schemaVersion,
  })
}
