import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import {
  PublishTechnicalStandard,
  StandardContent,
  TechnicalStandardPublished,
  latestStandardVersion,
  standardRequirements,
  technicalStandard,
  technicalStandardStream,
} from './technical-standard';

const AT = '2026-03-02T09:00:00.000Z';
const LATER = '2026-04-01T09:00:00.000Z';
const head = actor('ts-lead', ['department-head'], ['tech-support']);
const command = commandsOf<PublishTechnicalStandard>({ at: AT, actor: head });
const { when, stateAfter, refusal } = deciderSpec(technicalStandard);

const remoteSupport: StandardContent = {
  standardId: 'remote-support',
  kind: 'operating-rule',
  businessCategory: 'technical-support',
  title: '遠程支持操作規範 Remote support procedure',
  documents: [{ reference: 'OPS-TS-001', title: 'Remote support procedure' }],
  checks: [
    { checkId: 'customer-consent', description: 'The customer consented to the remote session' },
    { checkId: 'session-logged', description: 'The session log is attached' },
  ],
};
const revised: StandardContent = {
  ...remoteSupport,
  documents: [...remoteSupport.documents, { reference: 'GB/T 22239-2019', title: '信息安全技術 網絡安全等級保護基本要求' }],
  checks: [...remoteSupport.checks, { checkId: 'access-revoked', description: 'Temporary access was revoked afterwards' }],
};
const V1: TechnicalStandardPublished[] = when([], command('PublishTechnicalStandard', remoteSupport));
const V2: TechnicalStandardPublished[] = [...V1, ...when(V1, command('PublishTechnicalStandard', revised, { at: LATER }))];

describe('technical standards and operating rules (P-4.2: 嚴格遵守相關技術標準、操作規範和質量要求)', () => {
  it('names its stream after the standard', () => {
    expect(technicalStandardStream('remote-support')).toBe('service-delivery.technical-standard-remote-support');
  });

  it('publishes version 1 for its business category, with its documents and checks, who published it and when', () => {
    expect(V1).toEqual([
      { type: 'TechnicalStandardPublished', data: { ...remoteSupport, version: 1, publishedAt: AT, publishedBy: 'ts-lead' } },
    ]);
    expect(stateAfter(V1)).toMatchObject({ standardId: 'remote-support', kind: 'operating-rule', businessCategory: 'technical-support' });
  });

  it('makes each change a new version and keeps the earlier ones; the same content again is none', () => {
    expect(V2[1].data).toMatchObject({ version: 2, publishedAt: LATER, checks: revised.checks, documents: revised.documents });
    const standard = stateAfter(V2)!;
    expect(latestStandardVersion(standard).version).toBe(2);
    expect(when(V2, command('PublishTechnicalStandard', revised))).toEqual([]);
  });

  it('gives the checks of the version named, as work that follows it is held to them', () => {
    const standard = stateAfter(V2)!;
    expect(standardRequirements(standard, 1)).toEqual({
      standardId: 'remote-support',
      version: 1,
      title: remoteSupport.title,
      checks: remoteSupport.checks,
    });
    expect(standardRequirements(standard, 2).checks.map((c) => c.checkId)).toEqual(['customer-consent', 'session-logged', 'access-revoked']);
    expect(() => standardRequirements(standard, 3)).toThrow(expect.objectContaining(refused('unknown-standard-version')));
  });

  it('trims the text it keeps', () => {
    const [event] = when([], command('PublishTechnicalStandard', { ...remoteSupport, title: ' Remote support ', checks: [{ checkId: 'a', description: ' Logged ' }] }));
    expect(event.data).toMatchObject({ title: 'Remote support', checks: [{ checkId: 'a', description: 'Logged' }] });
  });

  it('refuses to move a standard to another business category or kind', () => {
    expect(refusal(V1, command('PublishTechnicalStandard', { ...remoteSupport, businessCategory: 'system-maintenance' }))).toMatchObject(
      refused('standard-scope-fixed'),
    );
    expect(refusal(V1, command('PublishTechnicalStandard', { ...remoteSupport, kind: 'technical-standard' }))).toMatchObject(
      refused('standard-scope-fixed'),
    );
  });

  it.each<[string, Partial<StandardContent>]>([
    ['invalid-standard-id', { standardId: 'Remote Support' }],
    ['invalid-standard-kind', { kind: 'guideline' as StandardContent['kind'] }],
    ['business-category-required', { businessCategory: ' ' }],
    ['standard-title-required', { title: '' }],
    ['documents-required', { documents: [] }],
    ['document-incomplete', { documents: [{ reference: 'OPS-1', title: ' ' }] }],
    ['checks-required', { checks: [] }],
    ['invalid-check-id', { checks: [{ checkId: 'Consent!', description: 'Consent' }] }],
    ['check-description-required', { checks: [{ checkId: 'consent', description: '' }] }],
    ['duplicate-check-id', { checks: [remoteSupport.checks[0], remoteSupport.checks[0]] }],
  ])('refuses with %s', (code, change) => {
    expect(refusal([], command('PublishTechnicalStandard', { ...remoteSupport, ...change }))).toMatchObject(refused(code));
  });
});
