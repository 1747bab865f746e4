import { actor, commandsOf, deciderSpec, refused } from '@serviceledger/platform/testing/decider-spec';
import { NotFoundError } from '@serviceledger/platform/core';
import { DEFAULT_ONBOARDING_DAYS, PostCommand, PostEvent, ProgrammeItem, RecruitmentStandards, currentStandards, post } from './posts';

const hr = actor('hr-li', ['hr'], ['human-resources']);
const command = commandsOf<PostCommand, { postId: string }>({ at: '2026-12-01T02:00:00.000Z', actor: hr, data: { postId: 'support-engineer' } });
const { when, stateAfter, aggregateAfter, refusal } = deciderSpec(post);

const standards: RecruitmentStandards = {
  knowledge: 'Networking and operating systems, to vocational college level',
  skills: 'Diagnoses faults on site and by phone',
  serviceAttitude: 'Patient and courteous with customers under pressure',
};
const definition = { name: 'Support engineer', departmentId: 'tech-support', track: 'professional' as const, duties: ['Resolve on-site faults', 'Report progress to customers'], standards };
const programme: ProgrammeItem[] = [
  { topic: 'company', title: 'Who we are' },
  { topic: 'culture', title: 'Customer first' },
  { topic: 'service-process', title: 'From demand to acceptance' },
  { topic: 'business-knowledge', title: 'Our products' },
  { topic: 'communication-skills', title: 'Talking to customers' },
];

describe('post and its recruitment standards (H-1.1)', () => {
  const defined = () => when([], command('DefinePost', definition));

  it('is defined in a department and a track, with its duties and version 1 of its standards in three parts', () => {
    const events = defined();
    expect(events.map((e) => e.type)).toEqual(['PostDefined', 'RecruitmentStandardsPublished']);
    const state = aggregateAfter(events);
    expect(state).toMatchObject({ postId: 'support-engineer', departmentId: 'tech-support', track: 'professional', duties: definition.duties });
    expect(currentStandards(state)).toEqual({ version: 1, ...standards, publishedAt: '2026-12-01T02:00:00.000Z', publishedBy: 'hr-li' });
  });

  it('refuses standards with an empty part, naming it', () => {
    expect(refusal([], command('DefinePost', { ...definition, standards: { ...standards, serviceAttitude: '  ' } }))).toMatchObject({
      ...refused('standard-required'),
      message: expect.stringContaining('service attitude is empty'),
    });
    expect(refusal([], command('DefinePost', { ...definition, duties: [' '] }))).toMatchObject(refused('duties-required'));
  });

  it('publishes a new version of the standards only when they change, keeping every version', () => {
    const history = defined();
    expect(when(history, command('DefinePost', definition))).toEqual([]);
    const revised = when(history, command('DefinePost', { ...definition, standards: { ...standards, skills: 'Diagnoses faults; writes clear reports' } }));
    expect(revised).toEqual([expect.objectContaining({ type: 'RecruitmentStandardsPublished', data: expect.objectContaining({ version: 2, skills: 'Diagnoses faults; writes clear reports' }) })]);
    const state = aggregateAfter([...history, ...revised]);
    expect(state.standards.map((s) => s.version)).toEqual([1, 2]);
    expect(state.standards[0].skills).toBe(standards.skills);
  });

  it('revises its name and duties, but not its department or track', () => {
    const history = defined();
    expect(when(history, command('DefinePost', { ...definition, duties: ['Resolve faults'] })).map((e: PostEvent) => e.type)).toEqual(['PostRevised']);
    expect(refusal(history, command('DefinePost', { ...definition, track: 'management' }))).toMatchObject(refused('post-identity-fixed'));
    expect(refusal(history, command('DefinePost', { ...definition, departmentId: 'software-development' }))).toMatchObject(refused('post-identity-fixed'));
  });
});

describe('onboarding programme of a post (H-1.2)', () => {
  const history = () => when([], command('DefinePost', definition));

  it('covers company, culture, service process, business knowledge and communication skills, due within 30 days unless it says otherwise', () => {
    const events = when(history(), command('SetOnboardingProgramme', { items: programme }));
    expect(events).toEqual([expect.objectContaining({ type: 'OnboardingProgrammeSet', data: expect.objectContaining({ version: 1, dueWithinDays: DEFAULT_ONBOARDING_DAYS }) })]);
    expect(stateAfter([...history(), ...events])?.onboarding).toMatchObject({ version: 1, items: programme });
    const tighter = when([...history(), ...events], command('SetOnboardingProgramme', { items: programme, dueWithinDays: 14 }));
    expect(tighter[0].data).toMatchObject({ version: 2, dueWithinDays: 14 });
  });

  it('refuses a programme that misses a topic, naming the missing topic', () => {
    const withoutCommunication = programme.filter((item) => item.topic !== 'communication-skills');
    expect(refusal(history(), command('SetOnboardingProgramme', { items: withoutCommunication }))).toMatchObject({
      ...refused('onboarding-topic-missing'),
      message: expect.stringContaining('does not cover communication-skills'),
    });
    expect(refusal(history(), command('SetOnboardingProgramme', { items: programme, dueWithinDays: 0 }))).toMatchObject(refused('onboarding-days'));
  });

  it('is set on an existing post only', () => {
    expect(refusal([], command('SetOnboardingProgramme', { items: programme }))).toBeInstanceOf(NotFoundError);
  });
});
