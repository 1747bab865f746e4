import { randomUUID } from 'node:crypto';
import { useTestApp } from '@serviceledger/platform/testing';
import { SampleNotesModule, sampleService } from './testing/sample-notes';

/** The samples of a Prometheus text exposition: each series (name and labels) with its value. */
function samples(exposition: string): Map<string, number> {
  return new Map(
    exposition
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => {
        const at = line.lastIndexOf(' ');
        return [line.slice(0, at), Number(line.slice(at + 1))];
      }),
  );
}

/**
 * Issue 15, item 12: /metrics has request counts and durations by method, route template and status, and
 * the requests in flight, beside the projection, relay and dead-letter metrics.
 */
describe('HTTP request metrics over HTTP', () => {
  const app = useTestApp({ services: [sampleService], modules: [SampleNotesModule], env: { EVENT_STORE: 'sqlite' } }, { roles: ['agent'] });

  it('counts and times requests by method, route template and status, never by raw URL, and shows those in flight', async () => {
    const ids = [randomUUID(), randomUUID()];
    for (const id of ids) expect((await app.t.app.inject({ method: 'POST', url: `/sample/notes/${id}`, payload: { title: 'a note' }, headers: app.headers })).statusCode).toBe(201);
    expect((await app.t.app.inject({ method: 'GET', url: `/sample/notes/${randomUUID()}`, headers: app.headers })).statusCode).toBe(404);
    const unknown = `/no/such/route/${randomUUID()}`;
    expect((await app.t.app.inject({ method: 'GET', url: unknown })).statusCode).toBe(404);

    const scrape = await app.t.app.inject({ method: 'GET', url: '/metrics' });
    expect(scrape.statusCode).toBe(200);
    const metrics = samples(scrape.body);

    const written = 'method="POST",route="/sample/notes/:id",status_code="201"';
    expect(metrics.get(`http_server_requests_total{${written}}`)).toBe(2);
    expect(metrics.get(`http_server_request_duration_seconds_count{${written}}`)).toBe(2);
    expect(metrics.get(`http_server_request_duration_seconds_sum{${written}}`)).toBeGreaterThan(0);
    expect(metrics.get(`http_server_request_duration_seconds_bucket{le="+Inf",${written}}`)).toBe(2);
    expect(metrics.get('http_server_requests_total{method="GET",route="/sample/notes/:id",status_code="404"}')).toBe(1);
    expect(metrics.get('http_server_requests_total{method="GET",route="unmatched",status_code="404"}')).toBe(1);
    // The scrape itself is in progress while it is answered.
    expect(metrics.get('http_server_requests_in_flight')).toBeGreaterThanOrEqual(1);
    expect(scrape.body).toMatch(/^# TYPE http_server_requests_total counter$/m);
    expect(scrape.body).toMatch(/^# TYPE http_server_request_duration_seconds histogram$/m);
    expect(scrape.body).toMatch(/^# TYPE http_server_requests_in_flight gauge$/m);

    for (const raw of [...ids, unknown]) expect(scrape.body).not.toContain(raw);
    expect(scrape.body).toMatch(/^serviceledger_projection_lag\{/m);
    expect(scrape.body).toMatch(/^process_cpu_seconds_total /m);

    // The scrape is counted once it is answered, under its own route.
    const next = samples((await app.t.app.inject({ method: 'GET', url: '/metrics' })).body);
    expect(next.get('http_server_requests_total{method="GET",route="/metrics",status_code="200"}')).toBeGreaterThanOrEqual(1);
  });
});
