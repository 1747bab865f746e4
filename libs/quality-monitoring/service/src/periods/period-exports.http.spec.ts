import { ManualClock } from '@serviceledger/platform/core';
import { TestApp, startTestApp } from '@serviceledger/platform/testing';
import { QualityMonitoringModule } from '../quality-monitoring.module';
import { qualityMonitoringService } from '../quality-monitoring.service-definition';

const start = (env: Record<string, string> = {}) =>
  startTestApp({
    services: [qualityMonitoringService],
    modules: [QualityMonitoringModule],
    env: { EVENT_STORE: 'sqlite', ...env },
    clock: new ManualClock(new Date('2026-12-07T01:00:00Z')),
  });

/** Issue 14: the scorecards export goes through the platform's CSV export (items 10, 11); it and the recomputation are expensive reads (item 6). */
describe('quality monitoring’s expensive reads over HTTP', () => {
  describe('the scorecards export', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await start();
    });
    afterAll(() => t.close());

    it('streams as a CSV download that no cache keeps', async () => {
      const csv = await t.app.inject({ method: 'GET', url: '/quality-monitoring/scorecards.csv?period=2026-12', headers: await t.headersFor({ roles: ['quality-monitor'] }) });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers).toMatchObject({
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="scorecards.csv"',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'transfer-encoding': 'chunked',
      });
      expect(csv.headers['content-length']).toBeUndefined();
      expect(csv.body).toMatch(/^\uFEFFperiod,view,schemeId,schemeVersion,departmentId,rank,score,/);
    });
  });

  describe('with RATE_LIMIT_EXPENSIVE_READS=2', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await start({ RATE_LIMIT_EXPENSIVE_READS: '2' });
    });
    afterAll(() => t.close());

    it("answers a principal's third recomputation or export 429 with Retry-After, and leaves the scorecards alone", async () => {
      const monitor = await t.headersFor({ userId: 'qm-zhao', roles: ['quality-monitor'] });
      const read = async (url: string, headers = monitor) => t.app.inject({ method: 'GET', url, headers });
      for (let n = 0; n < 2; n++) expect((await read('/quality-monitoring/periods/2026-12/recomputation')).statusCode).toBe(200);
      for (const url of ['/quality-monitoring/periods/2026-12/recomputation', '/quality-monitoring/scorecards.csv']) {
        const refused = await read(url);
        expect([url, refused.statusCode]).toEqual([url, 429]);
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
        expect(refused.json()).toMatchObject({ status: 429, type: expect.stringContaining('too-many-requests') });
      }
      expect((await read('/quality-monitoring/periods/2026-12/scorecards')).statusCode).toBe(200);
      const other = await t.headersFor({ userId: 'qm-sun', roles: ['quality-monitor'] });
      expect((await read('/quality-monitoring/periods/2026-12/recomputation', other)).statusCode).toBe(200);
    });
  });
});
