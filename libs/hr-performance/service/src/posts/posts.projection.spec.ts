import { PostEvent, postStream } from '@serviceledger/hr-performance/domain';
import { eventStream, projectionSpec } from '@serviceledger/platform/testing';
import { PostRow, postsProjection } from './posts.projection';

const standards = (version: number, skills: string): PostEvent => ({
  type: 'RecruitmentStandardsPublished',
  data: { postId: 'support-engineer', version, knowledge: 'Networks', skills, serviceAttitude: 'Courteous', publishedAt: '2026-12-01T02:00:00.000Z', publishedBy: 'hr-li' },
});

describe('posts projection', () => {
  const projection = projectionSpec(postsProjection);

  it('keeps a post with every version of its standards and its onboarding programme, once per event', async () => {
    const events = eventStream<PostEvent>(postStream('support-engineer'));
    const history = [
      events({ type: 'PostDefined', data: { postId: 'support-engineer', name: 'Support engineer', departmentId: 'tech-support', track: 'professional', duties: ['Fix faults'], definedAt: '2026-12-01T02:00:00.000Z', definedBy: 'hr-li' } }),
      events(standards(1, 'Diagnoses faults')),
      events(standards(2, 'Diagnoses faults; writes reports')),
      events({ type: 'OnboardingProgrammeSet', data: { postId: 'support-engineer', version: 1, items: [{ topic: 'company', title: 'Who we are' }], dueWithinDays: 30, setAt: '2026-12-01T03:00:00.000Z', setBy: 'hr-li' } }),
    ];
    await projection.apply(history);
    await projection.apply(history.slice(2));

    const [row] = await projection.rows<PostRow>('post');
    expect(row).toMatchObject({ postId: 'support-engineer', departmentId: 'tech-support', track: 'professional', standardsVersion: 2, onboardingVersion: 1 });
    const state = JSON.parse(row.state);
    expect(state.standards.map((s: { version: number; skills: string }) => [s.version, s.skills])).toEqual([
      [1, 'Diagnoses faults'],
      [2, 'Diagnoses faults; writes reports'],
    ]);
    expect(state.onboarding).toMatchObject({ version: 1, dueWithinDays: 30 });
  });
});
