import { deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { progressReportDueAfter } from './progress-reports';
import { ServiceCaseEvent, serviceCase } from './service-case';
import {
  AFTER_SALES,
  AWAITING_ACCEPTANCE,
  CANCELLED,
  CLOSED,
  IN_DELIVERY,
  READY,
  RECTIFYING,
  acceptanceOrganised,
  command,
  deliveryStarted,
  planAdopted,
  rejected,
} from './testing/service-case-fixtures';

const { when, aggregateAfter, refusal } = deciderSpec(serviceCase);

const FIRST_DUE = '2026-03-08T09:00:00.000Z';
const driverMissing = [{ problem: 'Driver missing', solution: 'Ordered from vendor' }];
const report = (at = '2026-03-07T09:00:00.000Z', problems = driverMissing) =>
  command('SendProgressReport', { caseId: 'case-1', progress: ' Cause found; patch in test ', problems }, { at });
const missed = (dueAt = FIRST_DUE, at = FIRST_DUE) =>
  command('MarkProgressReportMissed', { caseId: 'case-1', dueAt }, { at });

const MISSED_ONCE: ServiceCaseEvent[] = [
  ...IN_DELIVERY,
  {
    type: 'ProgressReportMissed',
    data: { caseId: 'case-1', dueAt: FIRST_DUE, nextReportDueAt: '2026-03-11T09:00:00.000Z' },
  },
];

describe('progress reports (P-4.3)', () => {
  describe('SendProgressReport', () => {
    it('sends a report on time and sets the next one due an interval later', () => {
      const events = when(IN_DELIVERY, report());
      expect(events).toEqual([
        {
          type: 'ProgressReportSent',
          data: {
            caseId: 'case-1',
            reportNumber: 1,
            progress: 'Cause found; patch in test',
            problems: [{ problem: 'Driver missing', solution: 'Ordered from vendor' }],
            dueAt: FIRST_DUE,
            onTime: true,
            sentBy: 'zhang',
            sentAt: '2026-03-07T09:00:00.000Z',
            nextReportDueAt: '2026-03-10T09:00:00.000Z',
          },
        },
      ]);
      expect(aggregateAfter([...IN_DELIVERY, ...events])).toMatchObject({ reportsSent: 1, reportDueAt: '2026-03-10T09:00:00.000Z' });
    });

    it('sends a late report, marked as late against the due time it answers', () => {
      const [event] = when(IN_DELIVERY, report('2026-03-09T09:00:00.000Z', []));
      expect(event.data).toMatchObject({ dueAt: FIRST_DUE, onTime: false, problems: [] });
    });

    it('reports during rectification', () => {
      const [event] = when(RECTIFYING, report('2026-03-22T09:00:00.000Z'));
      expect(event.data).toMatchObject({ dueAt: '2026-03-24T09:00:00.000Z' });
    });

    it.each([
      ['not-reporting', READY],
      ['not-reporting', AWAITING_ACCEPTANCE],
      ['not-reporting', AFTER_SALES],
      ['case-cancelled', CANCELLED],
      ['case-closed', CLOSED],
    ])('refuses with %s', (code, given) => {
      expect(refusal(given, report())).toMatchObject(refused(code));
    });

    it.each([
      ['progress-required', command('SendProgressReport', { caseId: 'case-1', progress: ' ', problems: [] })],
      ['problem-required', report(undefined, [{ problem: '', solution: 'Ordered' }])],
      ['solution-required', report(undefined, [{ problem: 'Driver missing', solution: ' ' }])],
    ])('refuses with %s', (code, cmd) => {
      expect(refusal(IN_DELIVERY, cmd)).toMatchObject(refused(code));
    });
  });

  describe('MarkProgressReportMissed (scheduler)', () => {
    it('flags a missed report once, and owes the next one an interval after the missed due time', () => {
      expect(when(IN_DELIVERY, missed())).toEqual([MISSED_ONCE[MISSED_ONCE.length - 1]]);
      expect(aggregateAfter(MISSED_ONCE).reportDueAt).toBe('2026-03-11T09:00:00.000Z');
    });

    it('flags a report missed only once per due time', () => {
      expect(when(MISSED_ONCE, missed())).toEqual([]);
    });

    it('does nothing when the report was sent before the due time came', () => {
      const sent = [...IN_DELIVERY, ...when(IN_DELIVERY, report())];
      expect(when(sent, missed())).toEqual([]);
    });

    it('does nothing once acceptance is with the customer', () => {
      expect(when(AWAITING_ACCEPTANCE, missed('2026-03-11T09:00:00.000Z', '2026-03-12T09:00:00.000Z'))).toEqual([]);
    });

    it('refuses a due command sent before its time', () => {
      const early = missed(FIRST_DUE, '2026-03-07T09:00:00.000Z');
      expect(refusal(IN_DELIVERY, early)).toMatchObject(refused('report-not-yet-due'));
    });
  });

  describe('progressReportDueAfter (for the scheduler)', () => {
    const due = (event: ServiceCaseEvent) => progressReportDueAfter(event);

    it('plans the report due after delivery starts, a report, a miss and a rejection', () => {
      expect(due(deliveryStarted)).toBe(FIRST_DUE);
      expect(due(when(IN_DELIVERY, report())[0])).toBe('2026-03-10T09:00:00.000Z');
      expect(due(MISSED_ONCE[MISSED_ONCE.length - 1])).toBe('2026-03-11T09:00:00.000Z');
      expect(due(rejected)).toBe('2026-03-24T09:00:00.000Z');
    });

    it('cancels it when acceptance is organised or the case is cancelled', () => {
      expect(due(acceptanceOrganised(1))).toBeNull();
      expect(due(CANCELLED[CANCELLED.length - 1])).toBeNull();
      expect(aggregateAfter(AWAITING_ACCEPTANCE)).not.toHaveProperty('reportDueAt');
    });

    it('leaves it alone for any other event', () => {
      expect(due(planAdopted())).toBeUndefined();
    });
  });
});
