import type {Evidence, EvidenceItem} from '../evidence/schema.js'
import type {RouterReport} from '../evidence/router-schema.js'
import type {Verdict} from './rule.js'

/** Evidence lines that say who the router is and why. */
export function identityEvidence(router: RouterReport): EvidenceItem[] {
  const host = router.observations.target
  const items: EvidenceItem[] = [
    {source: 'identify', host, text: `router: ${router.vendor ?? 'unknown vendor'} ${router.model ?? 'unknown model'}, firmware ${router.firmware ?? 'unknown'} (confidence ${router.confidence})`},
  ]
  const seen = new Set<string>()
  for (const s of router.sources.filter((x) => x.agrees)) {
    const text = `${s.source}: ${s.value}`
    if (seen.has(text) || seen.size >= 8) continue
    seen.add(text)
    items.push({source: s.source, host, text})
  }
  for (const c of router.conflicts.slice(0, 4)) items.push({source: 'identify', host, text: `conflict: ${c}`})
  return items
}

/** The manual check when the model or its data is unknown: never a pass. */
export function routerUnknown(evidence: Evidence, what: {ja: string; en: string}): Verdict {
  const router = evidence.router
  return {
    status: 'unknown',
    title: what,
    evidence: router ? identityEvidence(router) : [{source: 'discovery', text: 'no default gateway was found on the scanned subnet'}],
    remediation: {
      ja: [
        'ルーター本体のラベル（底面・背面）で、メーカー名・型番を確認してください。',
        'ルーターの設定画面で現在のファームウェアのバージョンを確認してください。',
        'メーカーのサポートページで、その型番のサポート状況（サポート終了か）と最新ファームウェアを確認してください。',
      ],
      en: [
        "Read the vendor and model on the router's label (bottom or back).",
        "Check the current firmware version in the router's admin page.",
        "On the vendor's support page, check whether the model is still supported and which firmware is the latest.",
      ],
    },
  }
}

/**
 * How to update this router: the vendor's procedure from vendor-db when it has one, and the
 * vendor's own instructions page (`updateGuide`) by name.
 */
export function updateSteps(router: RouterReport): {ja: string[]; en: string[]} {
  const how = router.support?.updateHowTo
  const guide = router.support?.updateGuide?.url ?? null
  const vendor = router.vendor ?? null
  return {
    ja: [
      how?.ja ?? 'ルーターの設定画面からファームウェアを最新版に更新してください（自動更新があれば有効にしてください）。',
      ...(guide ? [`${vendor ?? 'メーカー'}公式の更新手順: ${guide}`] : []),
    ],
    en: [
      how?.en ?? "Update the firmware to the latest version from the router's admin page (and turn on automatic updates where available).",
      ...(guide ? [`${vendor ? `${vendor}'s` : "The vendor's"} own update instructions: ${guide}`] : []),
    ],
  }
}
