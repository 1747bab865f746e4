import { ManualClock } from '@serviceledger/platform/core';
import { RequestHeaders, TestApp } from '@serviceledger/platform/testing';
import { hireSupportEngineers, hrPeople, hrRequests, startHrApp } from '../testing/hr-test-app';

/**
 * A promotion decided ahead of its effective date (H-3.2): the employee record and the career agree that the
 * level in effect today is the old one, and both list the promotion as scheduled, until its date comes.
 */
describe('a promotion effective later', () => {
  const clock = new ManualClock(new Date('2026-12-08T02:00:00.000Z'));
  let t: TestApp;
  let people: Awaited<ReturnType<typeof hrPeople>>;
  const { send, get } = hrRequests(
    () => t,
    () => people.hr,
  );
  const employee = async (headers?: RequestHeaders) => (await get('/hr-performance/employees/ts-lead', headers)).json();
  const career = async (headers?: RequestHeaders) => (await get('/hr-performance/careers/ts-lead', headers)).json();

  beforeAll(async () => {
    t = await startHrApp({ clock });
    people = await hrPeople(t);
    await hireSupportEngineers(send, [{ employeeId: 'ts-lead', name: '李主管' }], { level: 'P3', hiredOn: '2024-03-01' });
    const levels = ['P1', 'P2', 'P3', 'P4'].map((level) => ({ level, name: level, criteria: { requiredTraining: [], minMonthsInLevel: 0 } }));
    expect((await send('PUT', '/hr-performance/promotion-tracks/professional', { name: '專業技術通道', levels })).statusCode).toBe(200);
    expect((await send('POST', '/hr-performance/promotions', { employeeId: 'ts-lead', trackId: 'professional', toLevel: 'P4', effectiveOn: '2027-01-01' })).statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it('keeps today’s level on the record and the career, both listing the promotion as scheduled', async () => {
    expect(await employee()).toMatchObject({ level: 'P3', levelSince: '2024-03-01', scheduled: [expect.objectContaining({ level: 'P4', from: '2027-01-01' })] });
    expect(await employee(people.tsHead)).toMatchObject({ level: 'P3', scheduled: [expect.objectContaining({ level: 'P4' })] });
    expect(await career()).toMatchObject({ asOf: '2026-12-08', level: 'P3', levelSince: '2024-03-01', promotions: [], scheduled: [expect.objectContaining({ kind: 'promotion', fromLevel: 'P3', toLevel: 'P4', effectiveOn: '2027-01-01' })] });
    const list = (await get('/hr-performance/employees')).json();
    expect(list.items).toEqual([expect.objectContaining({ employeeId: 'ts-lead', level: 'P3' })]);
  });

  it('reads the new level from its effective date on, with nothing happening then', async () => {
    clock.set('2027-01-01T01:00:00.000Z');
    expect(await employee()).toMatchObject({ level: 'P4', levelSince: '2027-01-01', scheduled: [] });
    expect(await career()).toMatchObject({ asOf: '2027-01-01', level: 'P4', levelSince: '2027-01-01', promotions: [expect.objectContaining({ toLevel: 'P4' })], scheduled: [] });
  });
});
