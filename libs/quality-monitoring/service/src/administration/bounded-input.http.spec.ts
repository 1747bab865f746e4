import { EventStore } from '@serviceledger/platform/core';
import { EVENT_STORE, MAX_PAGE } from '@serviceledger/platform/nest';
import { RequestHeaders, TestApp, startTestApp } from '@serviceledger/platform/testing';
import { ICS_LIMITS, MAX_TARGET_MINUTES } from '@serviceledger/quality-monitoring/domain';
import { QualityMonitoringModule } from '../quality-monitoring.module';
import { qualityMonitoringService } from '../quality-monitoring.service-definition';
import { SEED_CALENDAR_ID } from './seed';

/**
 * Issue 14, item 5: input beyond its bounds is refused at once with 400 naming the field, appends
 * nothing and leaves the process answering. On the embedded store, as `npm start` runs it.
 */
describe('bounded input over HTTP', () => {
  let t: TestApp;
  let monitor: RequestHeaders;

  const imports = `/quality-monitoring/calendars/${SEED_CALENDAR_ID}/holiday-imports`;
  const ics = (...events: string[][]) =>
    ['BEGIN:VCALENDAR', 'VERSION:2.0', ...events.flat(), 'END:VCALENDAR', ''].join('\r\n');
  const allDay = (date: string, ...properties: string[]) => ['BEGIN:VEVENT', `DTSTART;VALUE=DATE:${date}`, ...properties, 'END:VEVENT'];
  const head = () => t.app.get<EventStore>(EVENT_STORE).headCheckpoint();

  /** Sends the request, and checks that it is refused with 400 naming the field, that nothing was appended and that the app still answers. */
  async function refusedNaming(field: string, request: Parameters<TestApp['app']['inject']>[0] & object) {
    const before = await head();
    const calendarBefore = (await t.app.inject({ method: 'GET', url: `/quality-monitoring/calendars/${SEED_CALENDAR_ID}`, headers: monitor })).json();
    const response = await t.app.inject({ headers: monitor, ...request });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json();
    expect(problem).toMatchObject({ status: 400, title: 'Invalid input', errors: [expect.objectContaining({ field })] });
    expect(await head()).toBe(before);
    const after = await t.app.inject({ method: 'GET', url: `/quality-monitoring/calendars/${SEED_CALENDAR_ID}`, headers: monitor });
    expect(after.statusCode).toBe(200);
    expect(after.json()).toEqual(calendarBefore);
    return problem as { detail: string; errors: { field: string; message: string }[] };
  }

  beforeAll(async () => {
    t = await startTestApp({ services: [qualityMonitoringService], modules: [QualityMonitoringModule], env: { EVENT_STORE: 'sqlite' } });
    monitor = await t.headersFor({ userId: 'qm-zhao', roles: ['quality-monitor'], departments: [] });
  });
  afterAll(() => t.close());

  describe('a holiday import', () => {
    it.each([
      ['P300000000D', 'text/calendar'],
      ['P300000000D', 'JSON'],
      ['P9999999999W', 'text/calendar'],
      ['P9999999999W', 'JSON'],
    ])('refuses an all-day event of DURATION:%s sent as %s, before expanding a day', async (duration, as) => {
      const file = ics(allDay('20260101', `DURATION:${duration}`, 'SUMMARY:Forever'));
      const request =
        as === 'JSON'
          ? { method: 'POST' as const, url: imports, payload: { ics: file } }
          : { method: 'POST' as const, url: imports, payload: file, headers: { ...monitor, 'content-type': 'text/calendar; charset=utf-8' } };
      const problem = await refusedNaming('ics', request);
      expect(problem.errors[0].message).toBe(`iCalendar line 5: DURATION ${duration} takes the event past 9999-12-31, the last date a calendar holds`);
    });

    it(`refuses more than ${ICS_LIMITS.events} events, or more than ${ICS_LIMITS.days} days together`, async () => {
      const dates = Array.from({ length: ICS_LIMITS.events + 1 }, (_, i) => new Date(Date.UTC(2030, 0, 1 + i)).toISOString().slice(0, 10).replace(/-/g, ''));
      const tooMany = await refusedNaming('ics', { method: 'POST', url: imports, payload: { ics: ics(...dates.map((date) => allDay(date))) } });
      expect(tooMany.errors[0].message).toMatch(/more than 2000 events/);
      const years = Array.from({ length: 11 }, (_, i) => allDay(`${2030 + i}0101`, 'DURATION:P366D'));
      const tooLong = await refusedNaming('ics', { method: 'POST', url: imports, payload: { ics: ics(...years) } });
      expect(tooLong.errors[0].message).toMatch(/span 4026 days together, more than the 3660/);
    });

    it('refuses too many make-up-day markers, a marker too long and a source too long, naming each', async () => {
      const file = ics(allDay('20300101', 'SUMMARY:元旦'));
      const markers = Array.from({ length: ICS_LIMITS.markers + 1 }, (_, i) => `marker-${i}`);
      await refusedNaming('makeUpDayMarkers', { method: 'POST', url: imports, payload: { ics: file, makeUpDayMarkers: markers } });
      await refusedNaming('makeUpDayMarkers', { method: 'POST', url: imports, payload: { ics: file, makeUpDayMarkers: ['补'.repeat(51)] } });
      await refusedNaming('source', { method: 'POST', url: `${imports}?source=${'s'.repeat(201)}`, payload: file, headers: { ...monitor, 'content-type': 'text/calendar' } });
    });

    it('still imports a file within its bounds', async () => {
      const imported = await t.app.inject({ method: 'POST', url: imports, payload: { ics: ics(allDay('20300101', 'SUMMARY:元旦')) }, headers: monitor });
      expect(imported.statusCode).toBe(200);
    });
  });

  it('refuses a scoring-scheme weight of 1e308, which would make every score null, naming the weights', async () => {
    const problem = await refusedNaming('weights', {
      method: 'PUT',
      url: '/quality-monitoring/scoring-schemes/heavy',
      payload: { name: 'Heavy', weights: { satisfaction: 1e308, responseCompliance: 1 } },
    });
    expect(problem.errors[0].message).toBe('weights.satisfaction must be a number from 0 to 1000');
  });

  it(`refuses an SLA target beyond ${MAX_TARGET_MINUTES} minutes, naming the target`, async () => {
    const policy = { kind: 'SLA', name: 'Forever', targets: { resolution: MAX_TARGET_MINUTES + 1 }, calendarId: SEED_CALENDAR_ID };
    const problem = await refusedNaming('targets.resolution', { method: 'PUT', url: '/quality-monitoring/policies/forever', payload: policy });
    expect(problem.errors[0].message).toBe(`resolution must be at most ${MAX_TARGET_MINUTES} business minutes`);
    const longest = await t.app.inject({ method: 'PUT', url: '/quality-monitoring/policies/longest', payload: { ...policy, targets: { resolution: MAX_TARGET_MINUTES } }, headers: monitor });
    expect(longest.statusCode).toBe(200);
  });

  it('refuses a page number beyond the last possible page, which answered 500, naming the page', async () => {
    for (const page of ['1e300', '99999999999999999999', String(MAX_PAGE + 1)]) {
      await refusedNaming('page', { method: 'GET', url: `/quality-monitoring/findings?page=${page}` });
    }
    expect((await t.app.inject({ method: 'GET', url: `/quality-monitoring/findings?page=${MAX_PAGE}`, headers: monitor })).statusCode).toBe(200);
  });
});
