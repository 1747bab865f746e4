import { RequestHeaders, TestApp, startTestApp } from '@serviceledger/platform/testing';
import { HrPerformanceModule } from '../hr-performance.module';
import { hrPerformanceService } from '../hr-performance.service-definition';

/** The HR performance service alone in a test app; the options are `startTestApp`'s (clock, env). */
export function startHrApp(options: Omit<Parameters<typeof startTestApp>[0], 'services' | 'modules'> = {}): Promise<TestApp> {
  return startTestApp({ ...options, services: [hrPerformanceService], modules: [HrPerformanceModule] });
}

/**
 * Writes and reads on an HR test app that read their own writes: a successful write's checkpoint goes with
 * every later read as `after`. `app` and `defaultHeaders` are read at each request (specs set them in `beforeAll`).
 */
export function hrRequests(app: () => TestApp, defaultHeaders: () => RequestHeaders) {
  let checkpoint: string | undefined;
  const send = async (method: 'POST' | 'PUT', url: string, payload: object, headers: RequestHeaders = defaultHeaders()) => {
    const response = await app().app.inject({ method, url, payload, headers });
    if (response.statusCode < 300) checkpoint = response.json().checkpoint ?? checkpoint;
    return response;
  };
  const get = (url: string, headers: RequestHeaders = defaultHeaders()) =>
    app().app.inject({ method: 'GET', url: `${url}${url.includes('?') ? '&' : '?'}after=${checkpoint}`, headers });
  return { send, get };
}

/** The people the HR specs act as: HR, the heads of technical support and system maintenance, an analyst and a technician. */
export async function hrPeople(t: TestApp): Promise<Record<'hr' | 'tsHead' | 'smHead' | 'analyst' | 'wang', RequestHeaders>> {
  return {
    hr: await t.headersFor({ userId: 'hr-li', roles: ['hr'], departments: ['human-resources'] }),
    tsHead: await t.headersFor({ userId: 'ts-lead', roles: ['department-head'], departments: ['tech-support'] }),
    smHead: await t.headersFor({ userId: 'sm-lead', roles: ['department-head'], departments: ['system-maintenance'] }),
    analyst: await t.headersFor({ userId: 'an-zhou', roles: ['analyst'], departments: [] }),
    wang: await t.headersFor({ userId: 'tech-wang', roles: ['technician'], departments: ['tech-support'] }),
  };
}

type Send = ReturnType<typeof hrRequests>['send'];

/** The five onboarding topics every post's programme covers. */
export const ONBOARDING_TOPICS = ['company', 'culture', 'service-process', 'business-knowledge', 'communication-skills'];

/** A candidate who meets every part of the post's recruitment standards. */
export const MET = { knowledge: true, skills: true, serviceAttitude: true };

/**
 * The support-engineer post in technical support with its onboarding programme, and the employees hired on it;
 * answers the hiring responses.
 */
export async function hireSupportEngineers(
  send: Send,
  employees: { employeeId: string; name: string }[],
  hire: { level: string; hiredOn: string; topicTitle?: (topic: string) => string },
) {
  const standards = { knowledge: 'Networks', skills: 'Diagnosis', serviceAttitude: 'Courteous' };
  const title = hire.topicTitle ?? ((topic: string) => topic);
  await send('PUT', '/hr-performance/posts/support-engineer', { name: 'Support engineer', departmentId: 'tech-support', track: 'professional', duties: ['Resolve faults'], standards });
  await send('PUT', '/hr-performance/posts/support-engineer/onboarding-programme', { items: ONBOARDING_TOPICS.map((topic) => ({ topic, title: title(topic) })) });
  const hired = [];
  for (const { employeeId, name } of employees) {
    hired.push(await send('POST', '/hr-performance/employees', { employeeId, name, postId: 'support-engineer', level: hire.level, hiredOn: hire.hiredOn, assessment: MET }));
  }
  return hired;
}
