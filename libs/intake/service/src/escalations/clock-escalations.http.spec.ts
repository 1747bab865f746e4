import { randomUUID } from 'node:crypto';
import { EventStore } from '@serviceledger/platform/core';
import { IntegrationMessage, MessageBus, eachMessage } from '@serviceledger/platform/messaging';
import { EVENT_STORE, MESSAGE_BUS } from '@serviceledger/platform/nest';
import { RequestHeaders, pollUntil, publishedMessage, readYourWrites, useTestApp } from '@serviceledger/platform/testing';
import { DEMAND_TRIAGED_V1, INTAKE_DEMAND_TOPIC } from '@serviceledger/intake/contracts';
import { demandStream } from '@serviceledger/intake/domain';
import { CLOCK_ESCALATED_V1, ClockEscalatedV1, QUALITY_MONITORING_SOURCE } from '@serviceledger/quality-monitoring/contracts';
import { IntakeModule } from '../intake.module';
import { intakeService } from '../intake.service-definition';
import { phoneEnquiry } from '../testing/phone-enquiry';

interface Entry {
  entry: string;
  visibility: string;
  actorId: string;
  details: Record<string, unknown>;
}

/**
 * SLA escalation (sla-and-metrics.md, "Warning, breach, escalation"): the steps of a policy that quality
 * monitoring publishes as `clock.escalated.v1` are honoured on the demand: its priority raised (and
 * published as a revision of its triage, which re-targets its clocks), whom to notify and the observer
 * recorded on its internal timeline, which the customer does not see. A redelivery changes nothing twice.
 */
describe('SLA escalation steps on a demand over HTTP', () => {
  const suite = useTestApp({ services: [intakeService], modules: [IntakeModule] }, { userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] });
  const { get, ok } = readYourWrites(() => suite.t.app, () => suite.headers);
  const published: IntegrationMessage[] = [];
  let customerId: string;
  let customer: RequestHeaders;

  const bus = () => suite.t.app.get<MessageBus>(MESSAGE_BUS);
  const escalated = (demandId: string, step: ClockEscalatedV1['step'], metric: ClockEscalatedV1['metric'] = 'resolution') => {
    const now = new Date().toISOString();
    const data: ClockEscalatedV1 = {
      clockId: `${demandId}.${metric}.1`,
      caseId: demandId,
      metric,
      cycle: '1',
      step,
      dueAt: now,
      thresholdMinutes: 480 + step.offsetMinutes,
      targetMinutes: 480,
      occurredAt: now,
    };
    return publishedMessage(CLOCK_ESCALATED_V1, { source: QUALITY_MONITORING_SOURCE, key: demandId }, data, now);
  };
  const eventsOf = async (demandId: string) => (await suite.t.app.get<EventStore>(EVENT_STORE).readStream(demandStream(demandId))).map((e) => e.type);
  const timelineOf = async (demandId: string, headers = suite.headers): Promise<Entry[]> => (await get(`/intake/demands/${demandId}`, headers)).json().timeline;

  beforeAll(async () => {
    await bus().subscribe({ group: 'clock-escalations-spec', topics: [INTAKE_DEMAND_TOPIC] }, eachMessage(async (message) => {
      published.push(message);
    }));
    customerId = (await ok('/intake/customers', { organisation: '深圳某某科技有限公司', contactPerson: '王小明', phone: '+86 138 0013 8000', tier: 'gold' })).id;
    customer = await suite.t.headersFor({ userId: 'wang', roles: ['customer'], customerId });
  });

  it('raises a triaged demand’s priority, publishes it as its triage revised, and records whom to notify and the observer for staff only', async () => {
    // Impact 2 × urgency 2: P3, triaged and assigned to technical support.
    const { id } = await ok('/intake/demands', phoneEnquiry(customerId));
    await ok(`/intake/demands/${id}/triage`);
    await ok(`/intake/demands/${id}/assignment`);
    const assigned = (await get(`/intake/demands/${id}`, suite.headers)).json();
    expect(assigned).toMatchObject({ priority: 'P3', status: 'assigned' });

    const raise = escalated(id, { offsetMinutes: 0, action: 'raise-priority', levels: 1 });
    await bus().publish([
      raise,
      escalated(id, { offsetMinutes: 60, action: 'notify-department-head' }),
      escalated(id, { offsetMinutes: 60, action: 'add-observer', observerId: 'qm-zhao' }),
    ]);
    const timeline = await pollUntil(
      () => timelineOf(id),
      (entries) => entries.filter((e) => e.entry === 'DemandPriorityEscalated' || e.entry === 'DemandEscalationRecorded').length === 3,
      'the escalation steps on the timeline',
    );
    expect((await get(`/intake/demands/${id}`, suite.headers)).json()).toMatchObject({ priority: 'P2', status: 'assigned', departmentId: assigned.departmentId });

    const steps = timeline.filter((e) => e.entry === 'DemandPriorityEscalated' || e.entry === 'DemandEscalationRecorded');
    for (const entry of steps) expect(entry).toMatchObject({ visibility: 'internal', actorId: 'intake' });
    expect(steps[0].details).toMatchObject({ previousPriority: 'P3', priority: 'P2', levels: 1, source: { metric: 'resolution', offsetMinutes: 0 } });
    expect(steps[1].details).toMatchObject({ action: 'notify-department-head', notify: { role: 'department-head', departmentId: assigned.departmentId } });
    expect(steps[1].details.note).toContain('no messaging system: no notice was sent');
    expect(steps[2].details).toMatchObject({ action: 'add-observer', observerId: 'qm-zhao' });
    expect(steps[2].details.note).toContain('no notice was sent');

    // The customer sees none of it.
    const theirs = await timelineOf(id, customer);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.map((e) => e.entry)).not.toContain('DemandPriorityEscalated');
    expect(theirs.map((e) => e.entry)).not.toContain('DemandEscalationRecorded');

    // Published as the triage revised: quality monitoring re-targets the clocks to P2 (the SLA policy match).
    const triaged = await pollUntil(
      async () => published.filter((m) => m.key === id && m.type === DEMAND_TRIAGED_V1.type),
      (found) => found.length === 2,
      `the triage messages of ${id}`,
    );
    expect(triaged[1].data).toMatchObject({ demandId: id, priority: 'P2', businessCategory: 'technical-support', overridden: ['priority'], decidedBy: 'intake' });

    // A redelivery (the same message id) changes nothing twice.
    const before = await eventsOf(id);
    await bus().publish([raise]);
    await bus().publish([{ ...raise }]);
    expect(await eventsOf(id)).toEqual(before);
    expect((await get(`/intake/demands/${id}`, suite.headers)).json().priority).toBe('P2');
  });

  it('keeps P1 (publishing nothing that could escalate again) and leaves clocks that are not a demand’s alone', async () => {
    const { id } = await ok('/intake/demands', phoneEnquiry(customerId, { impact: 1, urgency: 1 }));
    await ok(`/intake/demands/${id}/triage`);
    await bus().publish([escalated(id, { offsetMinutes: 0, action: 'raise-priority', levels: 2 }), escalated(randomUUID(), { offsetMinutes: 0, action: 'raise-priority', levels: 1 })]);
    const timeline = await pollUntil(() => timelineOf(id), (entries) => entries.some((e) => e.entry === 'DemandEscalationRecorded'), 'the step recorded');
    expect(timeline.find((e) => e.entry === 'DemandEscalationRecorded')?.details).toMatchObject({ action: 'raise-priority', priority: 'P1', keptBecause: 'highest-priority' });
    expect((await get(`/intake/demands/${id}`, suite.headers)).json().priority).toBe('P1');
    expect(published.filter((m) => m.key === id && m.type === DEMAND_TRIAGED_V1.type)).toHaveLength(1);
  });
});
