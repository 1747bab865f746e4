import { actor, commandsOf, deciderSpec } from '@serviceledger/platform/testing/decider-spec';
import { DemandCommand, DemandEvent, demand } from './demand';
import { EscalateDemand, EscalationSource } from './demand-escalation';
import { AT, registered } from './testing/demand-fixtures';

/** Intake's consumer of quality monitoring's clock.escalated: a service actor, holding no role. */
const intake = actor('intake', [], []);
const LATER = '2026-03-02T13:00:00.000Z';
const command = commandsOf<DemandCommand, { demandId: string }>({ at: LATER, actor: intake, data: { demandId: 'd-1' } });
const { when, stateAfter } = deciderSpec(demand);

const source: EscalationSource = { clockId: 'd-1.resolution.1', metric: 'resolution', offsetMinutes: 0, dueAt: '2026-03-02T12:30:00.000Z' };
const step = (data: Omit<EscalateDemand['data'], 'demandId' | 'source'>, from: EscalationSource = source) =>
  command('EscalateDemand', { ...data, source: from });

const triaged = (priority: 'P1' | 'P2' | 'P3' | 'P4' = 'P3'): DemandEvent => ({
  type: 'DemandTriaged',
  data: {
    demandId: 'd-1',
    complexity: 'routine',
    priority,
    businessCategory: 'technical-support',
    suggestion: { complexity: 'routine', priority, businessCategory: 'technical-support', matchedRuleIds: [], ruleSetVersion: 1 },
    overridden: [],
    decidedBy: 'agent-1',
  },
});
const assigned: DemandEvent = {
  type: 'DemandAssigned',
  data: { demandId: 'd-1', departmentId: 'tech-support', ownerId: 'zhang', assignedBy: 'agent-1' },
};
const ASSIGNED = [registered(), triaged(), assigned];

describe('an SLA escalation step on a demand (sla-and-metrics.md, "Warning, breach, escalation")', () => {
  describe('raise-priority', () => {
    it('raises a triaged demand’s priority by the step’s levels, keeping its triage for the revision it is published as', () => {
      const events = when(ASSIGNED, step({ action: 'raise-priority', levels: 2 }));
      expect(events).toEqual([
        {
          type: 'DemandPriorityEscalated',
          data: {
            demandId: 'd-1',
            previousPriority: 'P3',
            priority: 'P1',
            levels: 2,
            complexity: 'routine',
            businessCategory: 'technical-support',
            source,
            note: 'Escalation (resolution clock at its deadline): priority raised by 2 from P3 to P1.',
            escalatedAt: LATER,
          },
        },
      ]);
      expect(stateAfter([...ASSIGNED, ...events])).toMatchObject({ priority: 'P1', status: 'assigned', assignment: { departmentId: 'tech-support' } });
    });

    it('raises one level when the step names none, and stops at P1 however many it names', () => {
      expect(when(ASSIGNED, step({ action: 'raise-priority' }))[0]).toMatchObject({ type: 'DemandPriorityEscalated', data: { priority: 'P2', levels: 1 } });
      const onP2 = [registered(), triaged('P2'), assigned];
      expect(when(onP2, step({ action: 'raise-priority', levels: 3 }))[0]).toMatchObject({ data: { previousPriority: 'P2', priority: 'P1' } });
    });

    it('keeps P1, recording why and publishing nothing to escalate again', () => {
      const onP1 = [registered(), triaged('P1'), assigned];
      const [event] = when(onP1, step({ action: 'raise-priority', levels: 1 }));
      expect(event).toEqual({
        type: 'DemandEscalationRecorded',
        data: expect.objectContaining({ action: 'raise-priority', levels: 1, priority: 'P1', keptBecause: 'highest-priority', source, recordedAt: LATER }),
      });
      expect(stateAfter([...onP1, event])?.priority).toBe('P1');
    });

    it('keeps the priority of a demand not triaged yet (triage sets it, and only triage publishes one), saying so', () => {
      const [event] = when([registered()], step({ action: 'raise-priority', levels: 1 }));
      expect(event).toMatchObject({ type: 'DemandEscalationRecorded', data: { priority: 'P3', keptBecause: 'not-triaged' } });
      expect((event.data as { note: string }).note).toContain('not triaged yet');
    });

    it('keeps the priority of a demand no longer open', () => {
      const resolved: DemandEvent = { type: 'DemandResolved', data: { demandId: 'd-1', resolution: 'Driver rolled back', resolvedAt: AT } };
      const [event] = when([...ASSIGNED, resolved], step({ action: 'raise-priority', levels: 1 }));
      expect(event).toMatchObject({ type: 'DemandEscalationRecorded', data: { priority: 'P3', keptBecause: 'demand-not-open' } });
    });
  });

  describe('notify-department-head and add-observer', () => {
    it('records whom to notify: the head of the department the demand is assigned to, saying no notice was sent', () => {
      const late: EscalationSource = { ...source, offsetMinutes: 60 };
      const [event] = when(ASSIGNED, step({ action: 'notify-department-head' }, late));
      expect(event).toEqual({
        type: 'DemandEscalationRecorded',
        data: {
          demandId: 'd-1',
          action: 'notify-department-head',
          notify: { role: 'department-head', departmentId: 'tech-support' },
          source: late,
          note:
            'Escalation (resolution clock 60 business minutes after its deadline): notify the department head of tech-support. ' +
            'ServiceLedger has no messaging system: no notice was sent; tell them yourself.',
          recordedAt: LATER,
        },
      });
      // A record for staff: the demand is as it was.
      expect(stateAfter([...ASSIGNED, event])).toEqual(stateAfter(ASSIGNED));
    });

    it('names customer service’s head for a demand not yet assigned (customer service triages and assigns)', () => {
      const [event] = when([registered()], step({ action: 'notify-department-head' }, { ...source, offsetMinutes: -30 }));
      expect(event.data).toMatchObject({ notify: { role: 'department-head', departmentId: 'customer-service' } });
      expect((event.data as { note: string }).note).toContain('30 business minutes before its deadline');
    });

    it('records the observer the step names, saying no notice was sent', () => {
      const [event] = when(ASSIGNED, step({ action: 'add-observer', observerId: 'qm-zhao' }));
      expect(event).toMatchObject({ type: 'DemandEscalationRecorded', data: { action: 'add-observer', observerId: 'qm-zhao' } });
      expect((event.data as { note: string }).note).toBe(
        'Escalation (resolution clock at its deadline): add qm-zhao as an observer. ServiceLedger has no messaging system: no notice was sent; tell them yourself.',
      );
    });

    it('records a step even on a closed demand: history, like an internal note', () => {
      const closed: DemandEvent[] = [
        ...ASSIGNED,
        { type: 'DemandResolved', data: { demandId: 'd-1', resolution: 'Driver rolled back', resolvedAt: AT } },
        { type: 'DemandClosed', data: { demandId: 'd-1', reason: 'Customer confirmed' } },
      ];
      expect(when(closed, step({ action: 'add-observer', observerId: 'qm-zhao' }))[0].type).toBe('DemandEscalationRecorded');
    });
  });
});
