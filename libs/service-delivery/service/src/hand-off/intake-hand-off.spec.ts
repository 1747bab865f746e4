import { ModuleRef } from '@nestjs/core';
import { ContractViolation, ManualClock } from '@serviceledger/platform/core';
import { IntegrationMessage } from '@serviceledger/platform/messaging';
import { CLOCK, Commands, PLATFORM_CONFIG, PlatformConfig } from '@serviceledger/platform/nest';
import {
  DEMAND_RELEASED_TO_DELIVERY_V1,
  DEMAND_RELEASED_TO_DELIVERY_V3,
  DEMAND_WITHDRAWN_V1,
  DEMAND_WITHDRAWN_V2,
  INTAKE_DEMAND_TOPIC,
  INTAKE_SOURCE,
} from '@serviceledger/intake/contracts';
import { intakeHandOff } from './intake-hand-off';

/**
 * Defence in depth: the consumer checks every message against its contract before the hand-off sees it,
 * yet the hand-off, handed a broken one directly, still opens or cancels nothing.
 */
describe('intake hand-off, given a message that breaks its contract', () => {
  const sent: unknown[] = [];
  const commands = { execute: async (_aggregate: unknown, command: unknown) => void sent.push(command), state: async () => undefined };
  const services = new Map<unknown, unknown>([
    [Commands, commands],
    [CLOCK, new ManualClock(new Date('2026-12-01T01:00:00Z'))],
    [PLATFORM_CONFIG, Object.assign(new PlatformConfig(), { DELIVERY_FOLLOW_UP_DAYS: '7,30' })],
  ]);
  const handOff = intakeHandOff({ get: (token: unknown) => services.get(token) } as unknown as ModuleRef);

  const message = (type: string, data: object): IntegrationMessage => ({
    id: 'message-1',
    source: INTAKE_SOURCE,
    type,
    subject: 'demand-1',
    time: '2026-12-01T01:00:00.000Z',
    topic: INTAKE_DEMAND_TOPIC,
    key: 'demand-1',
    data,
    extensions: { correlationid: 'message-1', causationid: 'message-1' },
  });
  const handle = (m: IntegrationMessage) => handOff.handle(m, undefined as never);

  beforeEach(() => sent.splice(0));

  it('opens no case from a release without its reference, customer and department', async () => {
    const release = message(DEMAND_RELEASED_TO_DELIVERY_V1.type, {
      demandId: 'demand-1',
      ownerId: 'ts-lead',
      complexity: 'routine',
      occurredAt: '2026-12-01T01:00:00.000Z',
    });
    await expect(handle(release)).rejects.toThrow(
      new ContractViolation(
        DEMAND_RELEASED_TO_DELIVERY_V1.type,
        "data must have required property 'reference', data must have required property 'customerId', data must have required property 'departmentId'",
      ),
    );
    expect(sent).toEqual([]);
  });

  it('cancels nothing on a withdrawal without its reason', async () => {
    const withdrawal = message(DEMAND_WITHDRAWN_V1.type, { demandId: 'demand-1', previousStatus: 'in-delivery', occurredAt: '2026-12-01T01:00:00.000Z' });
    await expect(handle(withdrawal)).rejects.toBeInstanceOf(ContractViolation);
    expect(sent).toEqual([]);
  });

  it('cancels nothing on a withdrawal in version 2 without the status the demand had', async () => {
    const withdrawal = message(DEMAND_WITHDRAWN_V2.type, { demandId: 'demand-1', occurredAt: '2026-12-01T01:00:00.000Z' });
    await expect(handle(withdrawal)).rejects.toBeInstanceOf(ContractViolation);
    expect(sent).toEqual([]);
  });
});

describe('intake hand-off of release version 3 (R-3.1: the coordination agreed stays in intake)', () => {
  it('opens the case with the lead department and the departments that took on responsibilities, and no text of theirs', async () => {
    const sent: Array<{ type: string; data: Record<string, unknown> }> = [];
    const commands = { execute: async (_aggregate: unknown, command: { type: string; data: Record<string, unknown> }) => void sent.push(command), state: async () => undefined };
    const services = new Map<unknown, unknown>([
      [Commands, commands],
      [CLOCK, new ManualClock(new Date('2026-12-01T01:00:00Z'))],
      [PLATFORM_CONFIG, Object.assign(new PlatformConfig(), { DELIVERY_FOLLOW_UP_DAYS: '7,30' })],
    ]);
    const handOff = intakeHandOff({ get: (token: unknown) => services.get(token) } as unknown as ModuleRef);
    const data = {
      demandId: 'demand-1',
      reference: 'SR-2026-000001',
      customerId: 'customer-1',
      departmentId: 'software-development',
      ownerId: 'sd-lead',
      complexity: 'complex',
      departmentIds: ['software-development', 'tech-support'],
      leadDepartmentId: 'software-development',
      responsibleDepartmentIds: ['software-development', 'tech-support'],
      occurredAt: '2026-12-01T01:00:00.000Z',
    };
    const release: IntegrationMessage = {
      id: 'message-3',
      source: INTAKE_SOURCE,
      type: DEMAND_RELEASED_TO_DELIVERY_V3.type,
      subject: 'demand-1',
      time: data.occurredAt,
      topic: INTAKE_DEMAND_TOPIC,
      key: 'demand-1',
      data,
      extensions: { correlationid: 'message-3', causationid: 'message-3' },
    };
    await handOff.handle(release, undefined as never);
    expect(sent.map((c) => c.type)).toEqual(['OpenServiceCase']);
    expect(sent[0].data).toMatchObject({
      caseId: expect.any(String),
      departmentIds: ['software-development', 'tech-support'],
      leadDepartmentId: 'software-development',
      responsibilities: [{ departmentId: 'software-development' }, { departmentId: 'tech-support' }],
    });
  });
});
