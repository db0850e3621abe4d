import type {Lang} from './locale.js'

/** A message in both languages. Parameters are filled by `format`. */
export interface Message {
  ja: string
  en: string
}

export function format(message: Message, lang: Lang, params: Record<string, string | number> = {}): string {
  return message[lang].replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole))
}

export function both(message: Message, params: Record<string, string | number> = {}): Message {
  return {ja: format(message, 'ja', params), en: format(message, 'en', params)}
}

/** Messages of the report frame (not of rules: each rule keeps its own next to its logic). */
export const ui = {
  reportTitle: {ja: 'homeaudit テレワーク環境 診断結果', en: 'homeaudit telework network audit'},
  network: {ja: 'ネットワーク', en: 'Network'},
  verdict: {ja: '判定', en: 'Verdict'},
  selfChecks: {ja: '本人確認事項（ツールでは測定できない項目）', en: 'Self-checks (clauses the tool cannot measure)'},
  interface: {ja: 'インターフェイス', en: 'Interface'},
  address: {ja: 'アドレス', en: 'Address'},
  gateway: {ja: 'ゲートウェイ', en: 'Gateway'},
  scope: {ja: '診断範囲', en: 'Scanned'},
  hosts: {ja: '検出した機器 ({count} 台)', en: 'Hosts found ({count})'},
  findings: {ja: '診断項目', en: 'Findings'},
  evidence: {ja: '根拠', en: 'Evidence'},
  remediation: {ja: '対処', en: 'What to do'},
  self: {ja: 'この PC', en: 'this PC'},
  router: {ja: 'ルーター', en: 'router'},
  randomMac: {ja: 'ランダム MAC', en: 'random MAC'},
  unknownVendor: {ja: 'ベンダー不明', en: 'unknown vendor'},
  noPorts: {ja: '開いているポートなし', en: 'no open ports found'},
  summary: {
    ja: '違反 {violation} / 警告 {warning} / 問題なし {pass} / 不明 {unknown} / 要確認 {manual}',
    en: '{violation} violation(s), {warning} warning(s), {pass} pass, {unknown} unknown, {manual} manual',
  },
  status: {
    violation: {ja: '違反', en: 'VIOLATION'},
    warning: {ja: '警告', en: 'WARNING'},
    pass: {ja: '問題なし', en: 'PASS'},
    unknown: {ja: '不明', en: 'UNKNOWN'},
    manual: {ja: '要確認', en: 'MANUAL'},
  },
  progress: {
    interface: {ja: 'ネットワーク接続を確認しています', en: 'Reading the network connection'},
    sweep: {ja: '{target} の機器を探しています', en: 'Discovering hosts on {target}'},
    ports: {ja: '{count} 台のポートを確認しています', en: 'Checking ports on {count} hosts'},
    router: {ja: 'ルーター {ip} を識別しています', en: 'Identifying the router {ip}'},
  },
} satisfies Record<string, unknown>
