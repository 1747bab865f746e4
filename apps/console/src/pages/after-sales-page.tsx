import { App, Select, Space, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { CommandAccepted, Page } from '../api/types';
import { useLoad } from '../api/use-load';
import { ProblemAlert } from '../components/problem-alert';
import { useApi } from '../session/session-context';
import type { AfterSalesAct, AfterSalesProblemView, FollowUpVisitView } from './after-sales/after-sales-types';
import { ProblemsCard } from './after-sales/problems-card';
import { VisitsCard } from './after-sales/visits-card';

interface Lists {
  caseId?: string;
  visits: FollowUpVisitView[];
  problems: AfterSalesProblemView[];
}

/**
 * Follow-up visits and after-sales problems (P-6) for delivery teams, their heads and customer service: by
 * default the visits due in the user's departments and the problems they handle (GET my-work); with a case
 * chosen (`?case=`), every visit and problem of that case, where problems are raised and visits requested.
 * After each command the lists are read again at its checkpoint, so that they show the change.
 */
export function AfterSalesPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const caseId = params.get('case') ?? undefined;
  const [after, setAfter] = useState<string>();
  const cases = useLoad((client) => client.get<Page<{ caseId: string; reference: string }>>('/service-delivery/cases', { pageSize: 200 }), []);
  const lists = useLoad<Lists>(
    async (client) => {
      if (caseId) {
        const detail = await client.get<{ followUpVisits: FollowUpVisitView[]; afterSalesProblems: AfterSalesProblemView[] }>(`/service-delivery/cases/${caseId}`, { after });
        return { caseId, visits: detail.followUpVisits, problems: detail.afterSalesProblems };
      }
      const work = await client.get<{ followUpVisitsDue: FollowUpVisitView[]; afterSalesProblems: AfterSalesProblemView[] }>('/service-delivery/my-work', { after });
      return { visits: work.followUpVisitsDue, problems: work.afterSalesProblems };
    },
    [caseId, after],
    30000,
  );
  const references = useMemo(() => new Map((cases.data?.items ?? []).map((c) => [c.caseId, c.reference])), [cases.data]);
  const act: AfterSalesAct = useCallback(
    async (path, body = {}) => {
      const accepted = await api.post<CommandAccepted>(`/service-delivery/${path}`, body);
      message.success(t('afterSales.done'));
      setAfter(accepted.checkpoint);
    },
    [api, message, t],
  );
  // Until the chosen source answers, the other source's rows are not shown under its title.
  const shown = lists.data?.caseId === caseId ? lists.data : undefined;
  const reference = caseId && (references.get(caseId) ?? caseId);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={2}>{t('afterSales.title')}</Typography.Title>
      <Select
        aria-label={t('afterSales.chooseCase')}
        placeholder={t('afterSales.myWork')}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        value={caseId}
        onChange={(chosen?: string) => setParams(chosen ? { case: chosen } : {})}
        options={(cases.data?.items ?? []).map((c) => ({ value: c.caseId, label: c.reference }))}
        style={{ width: 320 }}
      />
      <ProblemAlert error={lists.error ?? cases.error} />
      <VisitsCard
        title={reference ? t('afterSales.visitsOf', { reference }) : t('afterSales.visitsDue')}
        visits={shown?.visits}
        references={references}
        act={act}
        caseId={caseId}
      />
      <ProblemsCard
        title={reference ? t('afterSales.problemsOf', { reference }) : t('afterSales.problemsHandled')}
        problems={shown?.problems}
        references={references}
        act={act}
        caseId={caseId}
        visits={shown?.visits}
      />
    </Space>
  );
}
