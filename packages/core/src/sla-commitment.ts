/**
 * Published commitments (服务承诺): a first-reply target as a sentence for customers, e.g.
 * "我们将在 2 个工作小时内回复您" / "We will reply within 2 business hours". Pure.
 *
 * Units: under a minute as seconds, under an hour as minutes, whole (or half) hours as hours;
 * targets around the clock that are whole days as days. Business targets never say "days": a
 * business day is as long as the calendar's opening hours, so 24 business hours are not one day.
 */
import type { SlaTarget } from './sla.js';

export const COMMITMENT_LANGUAGES = ['zh-CN', 'en'] as const;
export type CommitmentLanguage = (typeof COMMITMENT_LANGUAGES)[number];

type Unit = 'second' | 'minute' | 'hour' | 'day';

/** The target as an amount of one unit. */
export function durationOf(target: SlaTarget): { amount: number; unit: Unit } {
  const m = target.minutes;
  if (m < 1) return { amount: Math.max(1, Math.round(m * 60)), unit: 'second' };
  if (!target.business && m % 1440 === 0) return { amount: m / 1440, unit: 'day' };
  if (m >= 60 && m % 30 === 0) return { amount: m / 60, unit: 'hour' };
  return { amount: Math.round(m * 100) / 100, unit: 'minute' };
}

const ZH_UNIT: Record<Unit, string> = { second: '秒', minute: '分钟', hour: '小时', day: '天' };

/** "2 个工作小时内", "工作时间 30 分钟内", "3 天内" / "within 2 business hours", "within 3 days". */
export function durationText(target: SlaTarget, lang: CommitmentLanguage): string {
  const { amount, unit } = durationOf(target);
  if (lang === 'zh-CN') {
    if (!target.business) return `${amount} ${ZH_UNIT[unit]}内`;
    return unit === 'hour' ? `${amount} 个工作小时内` : `工作时间 ${amount} ${ZH_UNIT[unit]}内`;
  }
  const noun = amount === 1 ? unit : `${unit}s`;
  return `within ${amount} ${target.business ? 'business ' : ''}${noun}`;
}

/** The sentence a customer sees for a first-reply target. */
export function replyCommitment(target: SlaTarget, lang: CommitmentLanguage): string {
  const d = durationText(target, lang);
  if (lang === 'zh-CN') return `我们将在${/^\d/.test(d) ? ' ' : ''}${d}回复您`;
  return `We will reply ${d}`;
}

/** A requested language as one we write: zh* → zh-CN, everything else English. */
export function commitmentLanguage(lang: string | null | undefined): CommitmentLanguage {
  return lang && /^zh/i.test(lang) ? 'zh-CN' : 'en';
}
