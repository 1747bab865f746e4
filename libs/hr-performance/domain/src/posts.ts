import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';

/**
 * A post (H-1.1, 四(一)1 "制定明確的人員招聘標準,招聘具備相關專業知識、技能和良好服務意識的人員"): it belongs to
 * a department and a track (management, or professional/technical, H-3.2), names its duties (what appraisal
 * indicators are drawn from, H-2.1), and carries its recruitment standards in three parts, knowledge, skills
 * and service attitude, each required, versioned on every change. It also carries the onboarding programme of
 * the post (H-1.2, 四(一)2), which must cover the company, its culture, the service process, business knowledge
 * and communication skills, and within how many days a new employee must complete it.
 */
export const POST_TRACKS = ['management', 'professional'] as const;
export type PostTrack = (typeof POST_TRACKS)[number];

/** The topics every onboarding programme covers (四(一)2 "公司概況、企業文化、服務流程、業務知識、溝通技巧"). */
export const ONBOARDING_TOPICS = ['company', 'culture', 'service-process', 'business-knowledge', 'communication-skills'] as const;
export type OnboardingTopic = (typeof ONBOARDING_TOPICS)[number];

/** Days a new employee has for onboarding when the programme does not say (H-1.2). */
export const DEFAULT_ONBOARDING_DAYS = 30;
export const MAX_ONBOARDING_DAYS = 365;
export const MAX_DUTIES = 30;
export const MAX_PROGRAMME_ITEMS = 30;

export interface RecruitmentStandards {
  knowledge: string;
  skills: string;
  serviceAttitude: string;
}

export interface StandardsVersion extends RecruitmentStandards {
  version: number;
  publishedAt: string;
  publishedBy: string;
}

export interface ProgrammeItem {
  topic: OnboardingTopic;
  title: string;
}

export interface OnboardingProgramme {
  version: number;
  items: ProgrammeItem[];
  dueWithinDays: number;
  setAt: string;
  setBy: string;
}

export interface Post {
  postId: string;
  name: string;
  departmentId: string;
  track: PostTrack;
  duties: string[];
  /** Every version of the recruitment standards, oldest first; the last is in force. */
  standards: StandardsVersion[];
  onboarding?: OnboardingProgramme;
  definedAt: string;
}
export type PostState = Post | null;

export type DefinePost = Command<'DefinePost', { postId: string; name: string; departmentId: string; track: PostTrack; duties: string[]; standards: RecruitmentStandards }>;
export type SetOnboardingProgramme = Command<'SetOnboardingProgramme', { postId: string; items: ProgrammeItem[]; dueWithinDays?: number }>;
export type PostCommand = DefinePost | SetOnboardingProgramme;

export type PostDefined = { type: 'PostDefined'; data: { postId: string; name: string; departmentId: string; track: PostTrack; duties: string[]; definedAt: string; definedBy: string } };
export type PostRevised = { type: 'PostRevised'; data: { postId: string; name: string; duties: string[]; revisedAt: string; revisedBy: string } };
export type RecruitmentStandardsPublished = { type: 'RecruitmentStandardsPublished'; data: StandardsVersion & { postId: string } };
export type OnboardingProgrammeSet = { type: 'OnboardingProgrammeSet'; data: OnboardingProgramme & { postId: string } };
export type PostEvent = PostDefined | PostRevised | RecruitmentStandardsPublished | OnboardingProgrammeSet;

export const post: Decider<PostCommand, PostEvent, PostState> = {
  initialState: () => null,
  evolve(state, event) {
    if (event.type === 'PostDefined') {
      const { postId, name, departmentId, track, duties, definedAt } = event.data;
      return { postId, name, departmentId, track, duties, standards: [], definedAt };
    }
    if (!state) return state;
    switch (event.type) {
      case 'PostRevised':
        return { ...state, name: event.data.name, duties: event.data.duties };
      case 'RecruitmentStandardsPublished': {
        const { version, knowledge, skills, serviceAttitude, publishedAt, publishedBy } = event.data;
        return { ...state, standards: [...state.standards, { version, knowledge, skills, serviceAttitude, publishedAt, publishedBy }] };
      }
      case 'OnboardingProgrammeSet': {
        const { version, items, dueWithinDays, setAt, setBy } = event.data;
        return { ...state, onboarding: { version, items, dueWithinDays, setAt, setBy } };
      }
    }
  },
  decide(command, state) {
    const { at, actor } = command.metadata;
    if (command.type === 'DefinePost') {
      const { postId, departmentId, track } = command.data;
      const name = required(command.data.name, 'name');
      const duties = command.data.duties.map((duty) => duty.trim()).filter(Boolean);
      if (duties.length === 0) throw new RuleViolation('duties-required', `Post ${postId} needs at least one duty`);
      const standards = recruitmentStandards(command.data.standards);
      const current = state?.standards.at(-1);
      const publish = (version: number): RecruitmentStandardsPublished => ({
        type: 'RecruitmentStandardsPublished',
        data: { postId, version, ...standards, publishedAt: at, publishedBy: actor.userId },
      });
      if (!state) {
        return [{ type: 'PostDefined', data: { postId, name, departmentId, track, duties, definedAt: at, definedBy: actor.userId } }, publish(1)];
      }
      if (state.departmentId !== departmentId || state.track !== track) {
        throw new RuleViolation('post-identity-fixed', `Post ${postId} is a ${state.track} post of ${state.departmentId}; a post of another department or track is another post`);
      }
      const events: PostEvent[] = [];
      if (state.name !== name || JSON.stringify(state.duties) !== JSON.stringify(duties)) {
        events.push({ type: 'PostRevised', data: { postId, name, duties, revisedAt: at, revisedBy: actor.userId } });
      }
      if (!current || !sameStandards(current, standards)) events.push(publish((current?.version ?? 0) + 1));
      return events;
    }
    if (!state) throw new NotFoundError('Post', command.data.postId);
    const items = command.data.items.map(({ topic, title }) => ({ topic, title: title.trim() }));
    const unknown = items.filter((item) => !ONBOARDING_TOPICS.includes(item.topic)).map((item) => item.topic);
    if (unknown.length > 0) throw new RuleViolation('onboarding-topic-unknown', `${unknown.join(', ')} is no onboarding topic (${ONBOARDING_TOPICS.join(', ')})`);
    if (items.some((item) => !item.title)) throw new RuleViolation('field-required', 'Every item of an onboarding programme needs its title');
    const missing = ONBOARDING_TOPICS.filter((topic) => !items.some((item) => item.topic === topic));
    if (missing.length > 0) {
      throw new RuleViolation('onboarding-topic-missing', `The onboarding programme of post ${state.postId} does not cover ${missing.join(', ')} (H-1.2: company, culture, service process, business knowledge and communication skills)`);
    }
    const dueWithinDays = command.data.dueWithinDays ?? DEFAULT_ONBOARDING_DAYS;
    if (!Number.isInteger(dueWithinDays) || dueWithinDays < 1 || dueWithinDays > MAX_ONBOARDING_DAYS) {
      throw new RuleViolation('onboarding-days', `Onboarding is due within 1 to ${MAX_ONBOARDING_DAYS} days, not ${dueWithinDays}`);
    }
    const current = state.onboarding;
    if (current && current.dueWithinDays === dueWithinDays && JSON.stringify(current.items) === JSON.stringify(items)) return [];
    return [{ type: 'OnboardingProgrammeSet', data: { postId: state.postId, version: (current?.version ?? 0) + 1, items, dueWithinDays, setAt: at, setBy: actor.userId } }];
  },
};

/** A post's stream is `hr-performance.post-<postId>`: HR's edits of it, a few a year. HR acts on every department's posts: the route's permission suffices. */
export const posts: Aggregate<PostCommand, PostEvent, PostState> = {
  name: 'Post',
  streamPrefix: 'hr-performance.post-',
  decider: post,
  idOf: (command) => command.data.postId,
  creates: ['DefinePost'],
};

export const postStream = (postId: string): string => streamOf(posts, postId);

/** The recruitment standards in force: the last version. */
export function currentStandards(state: Post): StandardsVersion | undefined {
  return state.standards.at(-1);
}

function recruitmentStandards(standards: RecruitmentStandards): RecruitmentStandards {
  const parts: Array<[keyof RecruitmentStandards, string]> = [
    ['knowledge', 'knowledge'],
    ['skills', 'skills'],
    ['serviceAttitude', 'service attitude'],
  ];
  const empty = parts.filter(([field]) => !standards[field]?.trim()).map(([, name]) => name);
  if (empty.length > 0) {
    throw new RuleViolation('standard-required', `Recruitment standards state knowledge, skills and service attitude (H-1.1); ${empty.join(', ')} is empty`);
  }
  return { knowledge: standards.knowledge.trim(), skills: standards.skills.trim(), serviceAttitude: standards.serviceAttitude.trim() };
}

function sameStandards(a: RecruitmentStandards, b: RecruitmentStandards): boolean {
  return a.knowledge === b.knowledge && a.skills === b.skills && a.serviceAttitude === b.serviceAttitude;
}

function required(value: string, what: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw new RuleViolation('field-required', `A post needs its ${what}`);
  return trimmed;
}
