import { ScheduleChange, ScheduleDefinition } from '@serviceledger/platform/scheduler';
import { RiskEvent, risks } from '@serviceledger/risk/domain';
import { riskSender } from '../register/risk-sender';

const actionKey = (riskId: string, responseNumber: number, actionNumber: number) => `action:${riskId}:${responseNumber}:${actionNumber}`;

/**
 * K-2.1: each action of a response falls overdue at its due time unless completed; an acceptance with an
 * expiry date returns to review at it. A due command that no longer applies (a superseded response, an
 * acceptance re-approved) is ignored by the decider.
 */
export const responseSchedule: ScheduleDefinition = {
  name: 'risk.response-deadlines',
  filter: { streamPrefixes: [risks.streamPrefix], eventTypes: ['RiskResponseChosen', 'ResponseActionCompleted'] },
  changes(envelope): ScheduleChange[] {
    const event = { type: envelope.type, data: envelope.data } as RiskEvent;
    switch (event.type) {
      case 'RiskResponseChosen': {
        const { riskId, responseNumber, actions, expiresOn } = event.data;
        const due: ScheduleChange[] = actions.map(({ actionNumber, dueAt }) => ({
          plan: { key: actionKey(riskId, responseNumber, actionNumber), dueAt, type: 'MarkResponseActionOverdue', data: { riskId, responseNumber, actionNumber, dueAt } },
        }));
        return expiresOn ? [...due, { plan: { key: `expiry:${riskId}:${responseNumber}`, dueAt: expiresOn, type: 'ExpireAcceptance', data: { riskId, responseNumber, expiresOn } } }] : due;
      }
      case 'ResponseActionCompleted': {
        const { riskId, responseNumber, actionNumber } = event.data;
        return [{ cancel: actionKey(riskId, responseNumber, actionNumber) }];
      }
      default:
        return [];
    }
  },
};

export const RESPONSE_SCHEDULE = { definition: responseSchedule, sender: riskSender(risks) };
