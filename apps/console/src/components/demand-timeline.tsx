import { Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../api/types';
import { formatDateTime } from '../format';

/** What an entry says in words: a reply's or message's body, a note's text, a wait's reason, a subject. */
function textOf(details: Record<string, unknown>): string | undefined {
  for (const key of ['body', 'text', 'reason', 'note', 'result', 'step', 'subject']) {
    if (typeof details[key] === 'string' && details[key] !== '') return details[key] as string;
  }
  return undefined;
}

/** A demand's timeline: replies, customer messages and mail, notes, waits and every decision, oldest first. */
export function DemandTimeline({ entries }: { entries: TimelineEntry[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Timeline
      items={entries.map((entry) => {
        const text = textOf(entry.details);
        const channel = typeof entry.details.channel === 'string' ? entry.details.channel : undefined;
        return {
          key: entry.position,
          color: entry.visibility === 'internal' ? 'gray' : 'blue',
          content: (
            <>
              <Typography.Text strong>{t(`entry.${entry.entry}`, { defaultValue: entry.entry })}</Typography.Text>{' '}
              {channel && <Tag>{t(`channel.${channel}`, { defaultValue: channel })}</Tag>}
              {entry.visibility === 'internal' && <Tag>{t('detail.internal')}</Tag>}
              <Typography.Text type="secondary">
                {formatDateTime(entry.at, i18n.language)} · {entry.actorId}
              </Typography.Text>
              {text && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{text}</Typography.Paragraph>}
            </>
          ),
        };
      })}
    />
  );
}
