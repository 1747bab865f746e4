import { ManualClock } from '@serviceledger/platform/core';
import { ConfigurationError, loadPlatformConfig } from '@serviceledger/platform/nest';
import { useTestApp } from '@serviceledger/platform/testing';
import { QualityMonitoringModule } from '../quality-monitoring.module';
import { qualityMonitoringService } from '../quality-monitoring.service-definition';

/**
 * G-1 (一(三)1 客戶至上原則: 以客戶滿意度為衡量服務質量的核心標準) as an installation configures it: the floor of
 * customer satisfaction's share of a scoring scheme's weight is QUALITY_SATISFACTION_FLOOR_PERCENT, here 50.
 */
describe('quality monitoring over HTTP with QUALITY_SATISFACTION_FLOOR_PERCENT=50', () => {
  const suite = useTestApp(
    {
      services: [qualityMonitoringService],
      modules: [QualityMonitoringModule],
      env: { EVENT_STORE: 'sqlite', QUALITY_SATISFACTION_FLOOR_PERCENT: '50' },
      clock: new ManualClock(new Date('2026-12-07T01:00:00Z')),
    },
    { userId: 'qm-zhao', roles: ['quality-monitor'] },
  );
  const put = (schemeId: string, weights: Record<string, number>) =>
    suite.t.app.inject({ method: 'PUT', url: `/quality-monitoring/scoring-schemes/${schemeId}`, payload: { name: schemeId, weights }, headers: suite.headers });

  it('refuses a scheme that gives customer satisfaction 40 %, which the default floor would take, and seeds the official one at half', async () => {
    const refused = await put('forty', { satisfaction: 3, nps: 1, responseCompliance: 6 });
    expect(refused.json()).toMatchObject({ status: 409, code: 'satisfaction-below-floor', detail: expect.stringContaining('at least 50 %') });
    expect((await put('half', { satisfaction: 4, nps: 1, responseCompliance: 5 })).statusCode).toBe(200);
    const seeded = await suite.t.app.inject({ method: 'GET', url: '/quality-monitoring/scoring-schemes/standard', headers: suite.headers });
    expect(seeded.json()).toMatchObject({ versions: [{ version: 1, definedBy: 'system:seed' }] });
  });

  it('will not start with a floor that is not a whole percentage from 1 to 100, naming the variable', () => {
    for (const value of ['0', '101', '30.5', 'thirty']) {
      expect(() => loadPlatformConfig({ QUALITY_SATISFACTION_FLOOR_PERCENT: value })).toThrow(ConfigurationError);
      expect(() => loadPlatformConfig({ QUALITY_SATISFACTION_FLOOR_PERCENT: value })).toThrow(/QUALITY_SATISFACTION_FLOOR_PERCENT/);
    }
    expect(loadPlatformConfig({}).QUALITY_SATISFACTION_FLOOR_PERCENT).toBe(30);
  });
});
