import type {Finding, Host, ScanReport} from '../evidence/schema.js'
import {sanitizeText} from './sanitize.js'

export type Risk = 'violation' | 'warning' | 'unknown' | 'ok'

const COLOURS: Record<Risk, string> = {violation: '#d93025', warning: '#f29900', unknown: '#80868b', ok: '#1e8e3e'}

/** Escape for SVG/HTML text and attribute values. */
export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'})[c]!)
}

/** The worst status of the findings whose evidence names this host. */
export function hostRisk(host: Host, findings: readonly Finding[], routerIp: string | null): Risk {
  const about = findings.filter((f) => f.evidence.some((e) => e.host === host.ip) || (host.ip === routerIp && f.ruleId.startsWith('router-')))
  if (about.some((f) => f.status === 'violation')) return 'violation'
  if (about.some((f) => f.status === 'warning')) return 'warning'
  if (about.some((f) => f.status === 'unknown')) return 'unknown'
  return 'ok'
}

function label(host: Host): string {
  const name = host.names[0]?.name ?? host.vendor ?? (host.macRandomized ? 'random MAC' : '')
  return sanitizeText(name, 24)
}

/**
 * The home network as an inline SVG: the router on top, the work PC and every other device
 * below it inside one box — the shared segment, red when the segment rule is violated.
 */
export function renderNetworkMap(report: ScanReport): string {
  const router = report.hosts.find((h) => h.isGateway) ?? null
  const self = report.hosts.find((h) => h.isSelf) ?? null
  const others = report.hosts.filter((h) => !h.isGateway && !h.isSelf).slice(0, 40)
  const devices = [...(self ? [self] : []), ...others]
  const perRow = 6
  const width = Math.max(640, Math.min(devices.length, perRow) * 150 + 60)
  const rows = Math.max(1, Math.ceil(devices.length / perRow))
  const height = 190 + rows * 110
  const segmentRisk = report.findings.find((f) => f.ruleId === 'segment-shared-with-other-hosts')?.status === 'violation'
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="network map" font-family="sans-serif" font-size="12">`,
    `<rect x="20" y="120" width="${width - 40}" height="${height - 140}" rx="12" fill="none" stroke="${segmentRisk ? COLOURS.violation : COLOURS.ok}" stroke-width="2" stroke-dasharray="6 4"/>`,
    `<text x="30" y="140" fill="${segmentRisk ? COLOURS.violation : '#3c4043'}">${xmlEscape(report.scope.target)}${segmentRisk ? ' — shared segment' : ''}</text>`,
  ]
  const routerX = width / 2
  if (router) {
    const risk = hostRisk(router, report.findings, router.ip)
    parts.push(
      `<rect x="${routerX - 70}" y="20" width="140" height="56" rx="8" fill="${COLOURS[risk]}" fill-opacity="0.15" stroke="${COLOURS[risk]}" stroke-width="2"/>`,
      `<text x="${routerX}" y="42" text-anchor="middle" font-weight="bold">router ${xmlEscape(router.ip)}</text>`,
      `<text x="${routerX}" y="62" text-anchor="middle">${xmlEscape(sanitizeText(report.router?.model ?? label(router), 24))}</text>`,
    )
  }
  devices.forEach((host, i) => {
    const x = 40 + (i % perRow) * 150
    const y = 160 + Math.floor(i / perRow) * 110
    const risk = host.isSelf ? 'ok' : hostRisk(host, report.findings, router?.ip ?? null)
    if (router) parts.push(`<line x1="${routerX}" y1="76" x2="${x + 65}" y2="${y}" stroke="#bdc1c6"/>`)
    parts.push(
      `<rect x="${x}" y="${y}" width="130" height="70" rx="8" fill="${COLOURS[risk]}" fill-opacity="${host.isSelf ? 0.3 : 0.15}" stroke="${COLOURS[risk]}" stroke-width="${host.isSelf ? 3 : 2}"/>`,
      `<text x="${x + 65}" y="${y + 22}" text-anchor="middle" font-weight="bold">${host.isSelf ? 'this PC' : xmlEscape(host.ip)}</text>`,
      `<text x="${x + 65}" y="${y + 40}" text-anchor="middle">${xmlEscape(label(host))}</text>`,
      `<text x="${x + 65}" y="${y + 58}" text-anchor="middle" fill="#5f6368">${xmlEscape(host.ports.map((p) => p.port).slice(0, 5).join(','))}</text>`,
    )
  })
  parts.push('</svg>')
  return parts.join('\n')
}
