// 4. Commands/s over HTTP: POST /sample/notes/:id (a new note each time) to the sample-notes service in the platform
//    shell on the embedded default, against a bare Fastify handler that only returns JSON, both over loopback HTTP
//    with the same bounded number of concurrent keep-alive connections, driven from a worker thread.
import { driveLoad } from './http-client';
import { startBareServer, startPlatformServer } from './http-servers';
import { BenchOptions, BenchResult, median } from './harness';

const CONCURRENCY = 16;

export async function measureHttpCommands(options: BenchOptions): Promise<BenchResult> {
  const timing = options.quick ? { warmupMs: 500, durationMs: 1000 } : { warmupMs: 2000, durationMs: 4000 };
  const rounds = options.quick ? 1 : 2;
  const ours: number[] = [];
  const bare: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const platform = await startPlatformServer();
    try {
      ours.push(await driveLoad({ baseUrl: platform.baseUrl, token: platform.token, concurrency: CONCURRENCY, ...timing }));
    } finally {
      await platform.close();
    }
    const baseline = await startBareServer();
    try {
      bare.push(await driveLoad({ baseUrl: baseline.baseUrl, token: baseline.token, concurrency: CONCURRENCY, ...timing }));
    } finally {
      await baseline.close();
    }
  }
  return {
    metric: `HTTP commands, ${CONCURRENCY} concurrent`,
    unit: 'commands/s',
    ours: median(ours),
    baseline: median(bare),
    baselineLabel: `bare Fastify handler returning JSON, same requests, same ${CONCURRENCY} keep-alive connections`,
  };
}
