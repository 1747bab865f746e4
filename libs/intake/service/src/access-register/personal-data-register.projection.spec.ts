import { PersonalDataAccessed, personalDataAccessStream } from '@serviceledger/intake/domain';
import { eventStream, projectionSpec } from '@serviceledger/platform/testing';
import { PersonalDataAccessRow, personalDataRegisterProjection } from './personal-data-register.projection';

const accessed = (reason: string, record = { type: 'customer', id: 'c-1' }): PersonalDataAccessed => ({
  type: 'PersonalDataAccessed',
  data: { customerId: 'c-1', fields: ['contactPerson', 'phone'], reason, record, accessedBy: 'agent-li', accessedAt: '2026-12-04T03:00:00.000Z' },
});

describe('personal data register projection (R-3.1)', () => {
  const projection = projectionSpec(personalDataRegisterProjection);

  it('registers each access: whose data, who read it, when, which record and fields, and why', async () => {
    const log = eventStream<PersonalDataAccessed>(personalDataAccessStream('c-1'));
    await projection.apply([log(accessed('回電確認故障')), log(accessed('核對聯絡人', { type: 'demand', id: 'd-1' }))]);

    expect(await projection.rows<PersonalDataAccessRow>('access')).toEqual([
      {
        customerId: 'c-1',
        position: 0,
        accessedAt: '2026-12-04T03:00:00.000Z',
        accessedBy: 'agent-li',
        accessedByName: null,
        accessedByRoles: '',
        recordType: 'customer',
        recordId: 'c-1',
        fields: 'contactPerson,phone',
        reason: '回電確認故障',
      },
      expect.objectContaining({ position: 1, recordType: 'demand', recordId: 'd-1', reason: '核對聯絡人' }),
    ]);
  });

  it('registers an access once when it is delivered again', async () => {
    const log = eventStream<PersonalDataAccessed>(personalDataAccessStream('c-1'));
    const events = [log(accessed('回電確認故障')), log(accessed('核對聯絡人'))];
    await projection.apply(events);
    await projection.apply(events);
    await projection.apply(events.slice(1));

    expect(await projection.rows('access')).toHaveLength(2);
  });

  it('keeps out every other stream', async () => {
    const other = eventStream<PersonalDataAccessed>('intake.customer-c-1');
    await projection.apply([other(accessed('不屬於存取記錄'))]);

    expect(await projection.rows('access')).toEqual([]);
  });
});
