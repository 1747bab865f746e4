import { App, Space, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { CommandAccepted } from '../api/types';
import { useLoad } from '../api/use-load';
import { ProblemAlert } from '../components/problem-alert';
import { useApi } from '../session/session-context';
import { AcceptanceCard } from './delivery/acceptance-card';
import type { CaseAct, ServiceCaseDetail } from './delivery/case-types';
import { CaseOverview } from './delivery/case-overview';
import { CoordinationIssuesCard } from './delivery/coordination-issues-card';
import { MilestonesCard } from './delivery/milestones-card';
import { PlanCard } from './delivery/plan-card';
import { ProgressReportsCard } from './delivery/progress-reports-card';
import { StepsCard } from './delivery/steps-card';
import { TeamCard } from './delivery/team-card';

/**
 * One service case for its department head and delivery team: the plan's versions and their review, the
 * team, milestones and steps, progress reports, coordination issues, acceptance rounds and rectification,
 * and the commands their roles may give. After each command the case is read again at the command's
 * checkpoint, so that it shows the change.
 */
export function DeliveryCasePage() {
  const { caseId = '' } = useParams();
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const [after, setAfter] = useState<string>();
  const serviceCase = useLoad((client) => client.get<ServiceCaseDetail>(`/service-delivery/cases/${caseId}`, { after }), [caseId, after]);
  const act: CaseAct = useCallback(
    async (path, body = {}) => {
      const accepted = await api.post<CommandAccepted>(`/service-delivery/cases/${caseId}/${path}`, body);
      message.success(t('delivery.done'));
      setAfter(accepted.checkpoint);
    },
    [api, caseId, message, t],
  );
  const c = serviceCase.data;
  if (!c) return <ProblemAlert error={serviceCase.error} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={2}>{t('delivery.caseTitle', { reference: c.reference })}</Typography.Title>
      <ProblemAlert error={serviceCase.error} />
      <CaseOverview serviceCase={c} act={act} />
      <PlanCard serviceCase={c} act={act} />
      <TeamCard serviceCase={c} act={act} />
      <MilestonesCard serviceCase={c} act={act} />
      <StepsCard serviceCase={c} act={act} />
      <ProgressReportsCard serviceCase={c} act={act} />
      <CoordinationIssuesCard serviceCase={c} act={act} />
      <AcceptanceCard serviceCase={c} act={act} />
    </Space>
  );
}
