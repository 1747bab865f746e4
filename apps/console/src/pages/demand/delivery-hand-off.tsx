import { Alert, Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { DemandDetail } from '../../api/types';
import { formatDateTime } from '../../format';
import { useCan } from '../../session/session-context';

/** The decider releases an assigned demand, or a coordinated one; a complex one of several departments only once coordinated. */
const RELEASABLE = ['assigned', 'coordinated'];

/**
 * A demand's hand-off to service delivery: the release, for the roles that assign demands, and once released,
 * when it was. Intake's read model does not know the service case's id (delivery opens the case on its own), so
 * the way to the case is the delivery page.
 */
export function DeliveryHandOff({ demand, onRelease }: { demand: DemandDetail; onRelease: () => void }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const released = [...demand.timeline].reverse().find((entry) => entry.entry === 'DemandReleasedToDelivery');
  if (released) {
    return (
      <Alert
        type="info"
        showIcon
        role="status"
        title={t('detail.released', { at: formatDateTime(released.at, i18n.language) })}
        description={can('delivery:read') && <Link to="/delivery">{t('detail.openDelivery')}</Link>}
      />
    );
  }
  if (!RELEASABLE.includes(demand.status) || !can('demand:assign')) return null;
  return (
    <Card title={t('detail.release')} size="small">
      <Typography.Paragraph type="secondary">{t('detail.releaseHelp')}</Typography.Paragraph>
      <Button type="primary" onClick={onRelease}>
        {t('detail.confirmRelease')}
      </Button>
    </Card>
  );
}
