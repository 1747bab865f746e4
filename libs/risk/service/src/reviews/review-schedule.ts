import { ScheduleChange, ScheduleDefinition } from '@serviceledger/platform/scheduler';
import { RiskEvent, risks } from '@serviceledger/risk/domain';
import { riskSender } from '../register/risk-sender';

const reviewKey = (riskId: string, dueAt: string) => `review:${riskId}:${dueAt}`;

/**
 * K-3.1: a risk's next review falls due by its band's cadence from its last assessment; each assessment
 * (a review's included) re-plans it, and closing the risk cancels it. Overdue, the risk says so once.
 */
export const reviewSchedule: ScheduleDefinition = {
  name: 'risk.reviews',
  filter: { streamPrefixes: [risks.streamPrefix], eventTypes: ['RiskAssessed', 'RiskClosed'] },
  changes(envelope): ScheduleChange[] {
    const event = { type: envelope.type, data: envelope.data } as RiskEvent;
    switch (event.type) {
      case 'RiskAssessed': {
        const { riskId, nextReviewDue, previousReviewDue } = event.data;
        const plan: ScheduleChange = { plan: { key: reviewKey(riskId, nextReviewDue), dueAt: nextReviewDue, type: 'MarkReviewOverdue', data: { riskId, dueAt: nextReviewDue } } };
        return previousReviewDue && previousReviewDue !== nextReviewDue ? [{ cancel: reviewKey(riskId, previousReviewDue) }, plan] : [plan];
      }
      case 'RiskClosed': {
        const { riskId, pendingReviewDue } = event.data;
        return pendingReviewDue ? [{ cancel: reviewKey(riskId, pendingReviewDue) }] : [];
      }
      default:
        return [];
    }
  },
};

export const REVIEW_SCHEDULE = { definition: reviewSchedule, sender: riskSender(risks) };
