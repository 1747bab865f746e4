import type { TFunction } from 'i18next';

/** The user's own time zone, as the browser knows it: every date the console shows is in it. */
export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function formatDateTime(iso: string | null | undefined, language: string, timeZone = userTimeZone()): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

export function formatDuration(minutes: number, t: TFunction): string {
  const whole = Math.round(Math.abs(minutes));
  if (whole < 60) return t('common.minutes', { count: whole });
  return t('common.hoursMinutes', { hours: Math.floor(whole / 60), minutes: whole % 60 });
}

/** "3 h 5 min left" or "overdue by 20 min". */
export function formatTimeLeft(minutes: number, t: TFunction): string {
  return minutes >= 0 ? t('common.left', { duration: formatDuration(minutes, t) }) : t('common.overdueBy', { duration: formatDuration(minutes, t) });
}

/** The colour of time left: red past the deadline, orange from the warning, green before. */
export function urgencyColour(state: { breached?: boolean; warned?: boolean; remainingMinutes: number }): 'red' | 'orange' | 'green' {
  if (state.breached || state.remainingMinutes < 0) return 'red';
  if (state.warned) return 'orange';
  return 'green';
}

/** The current month as the quality periods name it (YYYY-MM), in the user's time zone. */
export function currentPeriod(now = new Date(), timeZone = userTimeZone()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', timeZone }).formatToParts(now);
  return `${parts.find((p) => p.type === 'year')?.value}-${parts.find((p) => p.type === 'month')?.value}`;
}

/** A score (0…100) as people read it: at most two decimals (82.8138 → 82.81), in the user's language; `—` without one. */
export function formatScore(score: number | null | undefined, language: string): string {
  if (score === null || score === undefined) return '—';
  return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(score);
}

/** A score rounded to two decimals, for a chart's data. */
export const roundScore = (score: number | null): number | null => (score === null ? null : Math.round(score * 100) / 100);
