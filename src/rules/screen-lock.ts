import type {Evidence} from '../evidence/schema.js'
import {commandEvidence, noSteps, unreadable} from './local-common.js'
import {osSteps, pcOs, step} from './os-steps.js'
import {LOCK_NOW, SET_SCREEN_LOCK} from './pc-steps.js'
import type {Rule, Verdict} from './rule.js'

/** Longest idle time before the screen locks that the report accepts (15 minutes). */
export const MAX_IDLE_SECONDS = 15 * 60

/** E-3.4.3: lock the screen whenever you leave the PC; an idle lock is the safety net. */
export const screenLockRule: Rule = {
  id: 'screen-lock-timeout',
  clause: 'E-3.4.3',
  severity: 'medium',
  title: {ja: '一定時間操作がないと画面がロックされるか', en: 'The screen locks itself when idle'},
  measures: {ja: 'アイドル時の画面ロックの設定と待ち時間', en: 'The idle screen-lock setting and its delay'},
  statuses: ['warning', 'pass', 'unknown'],
  evaluate(evidence: Evidence): Verdict {
    const local = evidence.local
    const title = {ja: '画面ロックの設定を確認できません', en: 'The screen-lock setting could not be read'}
    const os = pcOs(evidence)
    const manual = osSteps(os, LOCK_NOW, step('PC から離れるときは必ず画面をロックしてください。', 'Always lock the screen when you leave the PC.'))
    if (!local || local.screenLock.status !== 'read') return unreadable(title, local?.screenLock ?? null, manual)
    const {idleSeconds, lockEnabled} = local.screenLock
    const items = [...commandEvidence(local.screenLock), {source: 'local', text: `idle ${idleSeconds ?? '?'} s, lock ${lockEnabled ?? '?'}`}]
    const set = osSteps(
      os,
      SET_SCREEN_LOCK,
      step(
        `${MAX_IDLE_SECONDS / 60} 分以内に自動で画面ロックされるよう設定し、離席時は必ず手動でロックしてください。`,
        `Set the screen to lock automatically within ${MAX_IDLE_SECONDS / 60} minutes, and always lock it by hand when you leave.`,
      ),
    )
    const now = osSteps(os, LOCK_NOW)
    const fix = {ja: [...set.ja, ...now.ja], en: [...set.en, ...now.en]}
    if (lockEnabled === false || idleSeconds === 0) {
      return {status: 'warning', title: {ja: '自動の画面ロックが無効です', en: 'Automatic screen lock is off'}, evidence: items, remediation: fix}
    }
    if (idleSeconds !== null && idleSeconds > MAX_IDLE_SECONDS) {
      return {status: 'warning', title: {ja: `画面ロックまで ${Math.round(idleSeconds / 60)} 分かかります`, en: `The screen locks only after ${Math.round(idleSeconds / 60)} minutes`}, evidence: items, remediation: fix}
    }
    if (idleSeconds === null || lockEnabled === null) return unreadable(title, local.screenLock, manual)
    return {status: 'pass', title: {ja: '自動の画面ロックが有効です', en: 'Automatic screen lock is on'}, evidence: items, remediation: noSteps}
  },
}
