import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatTimeLeft, urgencyColour } from '../format';

/** Time left to a deadline, coloured as it nears the warning (orange) and the breach (red). */
export function TimeLeft({ remainingMinutes, warned, breached }: { remainingMinutes: number; warned?: boolean; breached?: boolean }) {
  const { t } = useTranslation();
  return <Tag color={urgencyColour({ remainingMinutes, warned, breached })}>{formatTimeLeft(remainingMinutes, t)}</Tag>;
}

/** Minutes from now to an instant; negative once it has passed. */
export function minutesUntil(iso: string, now = Date.now()): number {
  return Math.round((new Date(iso).getTime() - now) / 60000);
}
