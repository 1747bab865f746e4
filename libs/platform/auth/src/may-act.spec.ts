import { Actor, NotFoundError } from '@serviceledger/platform/core';
import { mayActGuard } from './may-act';

interface Job {
  departments: string[];
  customerId: string;
}

const ensureMayAct = mayActGuard<Job>('Job', (job) => ({ departments: job.departments, customerId: job.customerId }));
const job: Job = { departments: ['tech-support'], customerId: 'acme' };

const actor = (roles: string[], departments: string[] = [], customerId?: string): Actor => ({
  userId: 'u-1',
  roles,
  departments,
  ...(customerId && { customerId }),
});

describe('mayActGuard', () => {
  it('returns the record to whoever may see it', () => {
    expect(ensureMayAct(actor(['analyst']), job, 'j-1')).toBe(job);
    expect(ensureMayAct(actor(['department-head'], ['system-maintenance', 'tech-support']), job, 'j-1')).toBe(job);
    expect(ensureMayAct(actor(['customer'], [], 'acme'), job, 'j-1')).toBe(job);
  });

  it('answers 404, as a read would, for a record outside the scope and for one that does not exist', () => {
    const outside = [actor(['department-member'], ['software-development']), actor(['customer'], [], 'globex'), actor(['department-member'])];
    for (const who of outside) expect(() => ensureMayAct(who, job, 'j-1')).toThrow(new NotFoundError('Job', 'j-1'));
    expect(() => ensureMayAct(actor(['analyst']), null, 'j-2')).toThrow(new NotFoundError('Job', 'j-2'));
  });
});
