// 5. Command-to-query visibility: POST a note, then GET /sample/notes/:id?after=<checkpoint>; the time from sending
//    the POST until the GET has returned the row, p50 and p99, one pair at a time. The baseline is the same two
//    round trips against the bare Fastify handler: the HTTP floor.
import { measureVisibilityLatencies } from './http-client';
import { startBareServer, startPlatformServer } from './http-servers';
import { BenchOptions, BenchResult, percentile } from './harness';

export async function measureVisibility(options: BenchOptions): Promise<BenchResult[]> {
  const counts = options.quick ? { warmup: 20, samples: 100 } : { warmup: 100, samples: 1000 };
  const platform = await startPlatformServer();
  let ours: number[];
  let postOnly: number[];
  try {
    ({ latencies: ours, postLatencies: postOnly } = await measureVisibilityLatencies({ baseUrl: platform.baseUrl, token: platform.token, ...counts }));
  } finally {
    await platform.close();
  }
  const baseline = await startBareServer();
  let floor: number[];
  try {
    ({ latencies: floor } = await measureVisibilityLatencies({ baseUrl: baseline.baseUrl, token: baseline.token, ...counts }));
  } finally {
    await baseline.close();
  }
  options.log(`  visibility: POST alone p50 ${percentile(postOnly, 50).toFixed(2)} ms, p99 ${percentile(postOnly, 99).toFixed(2)} ms`);
  const label = 'the same POST + GET against the bare Fastify handler';
  return ([50, 99] as const).map((p) => ({
    metric: `command-to-query visibility p${p}`,
    unit: 'ms',
    ours: percentile(ours, p),
    baseline: percentile(floor, p),
    baselineLabel: label,
    lowerIsBetter: true,
  }));
}
