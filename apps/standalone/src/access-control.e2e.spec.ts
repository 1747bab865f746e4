import { SignJWT } from 'jose';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '@serviceledger/platform/core';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, issueLocalToken, loadOrCreateLocalKey } from '@serviceledger/platform/auth';
import { RequestHeaders, TestApp, eventually, startTestApp } from '@serviceledger/platform/testing';
import { phoneEnquiry } from '@serviceledger/intake/service/testing';
import { STANDALONE_MODULES, STANDALONE_SERVICES } from './services';

/**
 * Issue 14, items 7–9 ("Access control"), over HTTP on the standalone app as `npm start` runs it, on
 * SQLite: the explanation of a department's figures is scoped like every other read, a meeting speaks
 * only for its recorder's departments and an action is completed by its owner or a head of its
 * department, and a token dated in the future or valid for too long is refused. Monday 2 November
 * 2026, 09:00 in Shanghai; tokens are dated by the real clock, as the verifier reads them.
 */
describe('access control on the standalone app (issue 14, items 7–9)', () => {
  const clock = new ManualClock(new Date('2026-11-02T01:00:00Z'));
  let t: TestApp;
  let agent: RequestHeaders;
  let monitor: RequestHeaders;
  let hr: RequestHeaders;
  let tsMember: RequestHeaders;
  let tsHead: RequestHeaders;
  let sdMember: RequestHeaders;
  let techDemand: string;
  let devDemand: string;
  let techOwner: string;
  let devOwner: string;

  const get = (url: string, headers: RequestHeaders) => t.app.inject({ method: 'GET', url, headers });
  const post = (url: string, payload: object, headers: RequestHeaders) => t.app.inject({ method: 'POST', url, payload, headers });
  const explanation = (departmentId: string, headers: RequestHeaders) => get(`/quality-monitoring/periods/2026-11/departments/${departmentId}/explanation`, headers);

  beforeAll(async () => {
    t = await startTestApp({ services: STANDALONE_SERVICES, modules: STANDALONE_MODULES, env: { EVENT_STORE: 'sqlite' }, clock });
    agent = await t.headersFor({ userId: 'agent-li', roles: ['agent'], departments: ['customer-service'] });
    monitor = await t.headersFor({ userId: 'qm-zhao', roles: ['quality-monitor'], departments: [] });
    hr = await t.headersFor({ userId: 'hr-sun', roles: ['hr'], departments: [] });
    tsMember = await t.headersFor({ userId: 'ts-member', roles: ['department-member'], departments: ['tech-support'] });
    tsHead = await t.headersFor({ userId: 'ts-head', roles: ['department-head'], departments: ['tech-support'] });
    sdMember = await t.headersFor({ userId: 'sd-member', roles: ['department-member'], departments: ['software-development'] });

    const customerId = (await post('/intake/customers', { organisation: '深圳某某科技有限公司', contactPerson: '王小明', phone: '+86 138 0013 8000', tier: 'gold' }, agent)).json().id;
    const assigned = async (businessCategory: string, subject: string): Promise<{ demandId: string; ownerId: string }> => {
      const demandId = (await post('/intake/demands', phoneEnquiry(customerId, { businessCategory, subject }), agent)).json().id as string;
      expect((await post(`/intake/demands/${demandId}/triage`, {}, agent)).statusCode).toBe(200);
      const assignment = await post(`/intake/demands/${demandId}/assignment`, {}, agent);
      expect(assignment.statusCode).toBe(200);
      const detail = (await get(`/intake/demands/${demandId}?after=${assignment.json().checkpoint}`, agent)).json();
      return { demandId, ownerId: detail.ownerId };
    };
    ({ demandId: techDemand, ownerId: techOwner } = await assigned('technical-support', '打印機無法連線'));
    ({ demandId: devDemand, ownerId: devOwner } = await assigned('software-development', '報表導出錯誤'));
    // Quality monitoring counts both once it has consumed intake's events.
    await eventually(async () => {
      expect((await explanation('tech-support', monitor)).body).toContain(techDemand);
      expect((await explanation('software-development', monitor)).body).toContain(devDemand);
    });
  });
  afterAll(() => t.close());

  describe('item 7: the facts behind a department’s figures', () => {
    it('answers 404 outside the principal’s departments, as for a department without figures, and shows each department its own', async () => {
      for (const headers of [tsMember, tsHead]) {
        const refused = await explanation('software-development', headers);
        expect(refused.statusCode).toBe(404);
        expect(refused.json()).toMatchObject({ status: 404, detail: 'Department software-development was not found' });
        expect(refused.body).not.toContain(devDemand);
        expect((await explanation('no-such-department', headers)).json()).toMatchObject({ status: 404, detail: 'Department no-such-department was not found' });
      }
      const own = await explanation('tech-support', tsMember);
      expect(own.statusCode).toBe(200);
      expect(own.body).toContain(techDemand);
      expect(own.body).not.toContain(devDemand);
      expect((await explanation('software-development', sdMember)).body).toContain(devDemand);
      expect((await explanation('tech-support', sdMember)).statusCode).toBe(404);
    });

    it('gives a head the people of their own departments only, and HR everyone', async () => {
      const persons = async (headers: RequestHeaders) =>
        ((await get('/quality-monitoring/periods/2026-11/persons', headers)).json().persons as Array<{ personId: string }>).map((p) => p.personId);
      expect(techOwner).not.toBe(devOwner);
      const ofHead = await persons(tsHead);
      expect(ofHead).toContain(techOwner);
      expect(ofHead).not.toContain(devOwner);
      expect(await persons(hr)).toEqual(expect.arrayContaining([techOwner, devOwner]));
    });
  });

  describe('item 8: meetings', () => {
    const report = (departmentId: string) => ({ departmentId, progress: '進展順利', problems: '無', solutions: '無' });
    const action = (ownerId: string, departmentId: string) => ({ description: '跟進客戶', ownerId, departmentId, dueAt: '2026-11-06T10:00:00Z' });
    const complete = (meetingId: string, actionNumber: number, headers: RequestHeaders) =>
      post(`/service-delivery/project-meetings/${meetingId}/actions/${actionNumber}/completion`, { outcome: '已完成' }, headers);

    it('lets a member report, and assign work, only for their own departments, and an action be completed by its owner or a head of its department', async () => {
      const joint = {
        kind: 'weekly',
        heldAt: '2026-11-02T00:30:00Z',
        attendees: ['ts-member', 'sd-member', 'sd-wang'],
        reports: [report('tech-support'), report('software-development')],
        decisions: ['先修復報表導出'],
        actions: [action('sd-wang', 'software-development'), action('ts-chen', 'tech-support')],
      };
      expect((await post('/service-delivery/project-meetings', joint, tsMember)).json()).toMatchObject({
        status: 409,
        code: 'report-for-other-department',
        detail: 'ts-member reports for their own departments only, not for software-development (C-1.1)',
      });
      // Customer service speaks for every department.
      const recorded = await post('/service-delivery/project-meetings', joint, agent);
      expect(recorded.statusCode).toBe(201);
      const meetingId = recorded.json().id as string;

      // Neither a colleague at the meeting nor a head of another department completes sd-wang's action.
      for (const headers of [tsMember, tsHead, sdMember]) {
        expect((await complete(meetingId, 1, headers)).json()).toMatchObject({ status: 409, code: 'not-action-owner' });
      }
      const byOwner = await complete(meetingId, 1, await t.headersFor({ userId: 'sd-wang', roles: ['technician'], departments: ['software-development'] }));
      expect(byOwner.statusCode).toBe(200);
      // The head of tech-support completes ts-chen's action for them.
      const byHead = await complete(meetingId, 2, tsHead);
      expect(byHead.statusCode).toBe(200);
      const minutes = (await get(`/service-delivery/meetings/${meetingId}?after=${byHead.json().checkpoint}`, agent)).json();
      expect(minutes.actions.map((a: { ownerId: string; completedBy: string }) => [a.ownerId, a.completedBy])).toEqual([
        ['sd-wang', 'sd-wang'],
        ['ts-chen', 'ts-head'],
      ]);
    });
  });

  describe('item 9: the times a token carries', () => {
    const nowInSeconds = () => Math.floor(Date.now() / 1000);
    /** A token signed with the installation's own key, dated as given (epoch seconds). */
    const dated = async (times: { issuedAt: number; notBefore?: number; expiresAt: number }) => {
      const token = new SignJWT({ roles: ['agent'], departments: ['customer-service'] })
        .setProtectedHeader({ alg: 'ES256', kid: (await loadOrCreateLocalKey(t.dataDir)).kid })
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setSubject('agent-li')
        .setIssuedAt(times.issuedAt)
        .setExpirationTime(times.expiresAt);
      if (times.notBefore !== undefined) token.setNotBefore(times.notBefore);
      return token.sign((await loadOrCreateLocalKey(t.dataDir)).privateKey);
    };
    const answerTo = (token: string) => get('/intake/demands', { authorization: `Bearer ${token}` });

    it('refuses with 401 a token issued or valid only beyond a minute from now, or valid for longer than 12 hours', async () => {
      const now = nowInSeconds();
      const refused: Array<[string, Parameters<typeof dated>[0], string]> = [
        ['issued in two minutes', { issuedAt: now + 120, expiresAt: now + 3720 }, 'not-yet-valid'],
        ['valid from two minutes on', { issuedAt: now, notBefore: now + 120, expiresAt: now + 3600 }, 'not-yet-valid'],
        ['valid for 13 hours', { issuedAt: now, expiresAt: now + 13 * 3600 }, 'lifetime-too-long'],
        ['issued 13 hours ago and valid for another hour', { issuedAt: now - 13 * 3600, expiresAt: now + 3600 }, 'lifetime-too-long'],
      ];
      for (const [, times, reason] of refused) {
        const response = await answerTo(await dated(times));
        expect(response.statusCode).toBe(401);
        expect(response.headers['www-authenticate']).toBe(`Bearer realm="serviceledger", error="invalid_token", error_description="${reason}"`);
      }
      expect((await answerTo(await dated({ issuedAt: now + 30, notBefore: now + 30, expiresAt: now + 3600 }))).statusCode).toBe(200);
      expect((await answerTo(await issueLocalToken(await loadOrCreateLocalKey(t.dataDir), { userId: 'agent-li', roles: ['agent'], departments: [] }, '8h'))).statusCode).toBe(200);
    });

    it('takes the maximum lifetime from TOKEN_MAX_LIFETIME_SECONDS, and refuses to start with one that is not a number of seconds', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'sl-token-limits-'));
      try {
        await expect(startTestApp({ services: [], modules: [], env: { EVENT_STORE: 'sqlite', TOKEN_MAX_LIFETIME_SECONDS: '12h' }, dataDir })).rejects.toThrow(
          'TOKEN_MAX_LIFETIME_SECONDS="12h": a whole number of seconds from 60 to 2592000',
        );
        const strict = await startTestApp({ services: [], modules: [], env: { EVENT_STORE: 'sqlite', TOKEN_MAX_LIFETIME_SECONDS: '3600' }, dataDir });
        try {
          const key = await loadOrCreateLocalKey(dataDir);
          const projectionsWith = async (ttl: string) =>
            strict.app.inject({
              method: 'GET',
              url: '/operations/projections',
              headers: { authorization: `Bearer ${await issueLocalToken(key, { userId: 'root', roles: ['administrator'], departments: [] }, ttl)}` },
            });
          const refused = await projectionsWith('2h');
          expect(refused.statusCode).toBe(401);
          expect(refused.headers['www-authenticate']).toContain('error_description="lifetime-too-long"');
          expect((await projectionsWith('1h')).statusCode).toBe(200);
        } finally {
          await strict.close();
        }
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
});
