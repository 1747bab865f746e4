// The load driver of bench/embedded-default.ts, in a worker thread so that it runs beside the app and not on its
// event loop. Plain JavaScript: it needs no compilation in the worker.
//
//   mode 'closed':     `concurrency` keep-alive connections, each sending the next request after the previous answer,
//                      for warmupMs (not counted) then durationMs, or until `total` requests were answered.
//   mode 'open':       `ratePerSecond` requests a second whatever the answers, for durationMs (commands offered).
//   mode 'visibility': `samples` times, one at a time: POST a demand, then GET it with ?after=<checkpoint>.
// Requests: `request` ({ method, path, body }), with `{id}` in the path taken in turn from `ids`.
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { performance } = require('node:perf_hooks');

const { baseUrl, token, mode } = workerData;
const url = new URL(baseUrl);
const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(1, workerData.concurrency ?? 64) });
const headers = { authorization: `Bearer ${token}` };

function send(method, path, body) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve) => {
    const req = http.request(
      { agent, host: url.hostname, port: url.port, method, path, headers: payload === undefined ? headers : { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (error) => resolve({ status: 0, text: String(error) }));
      },
    );
    req.on('error', (error) => resolve({ status: 0, text: String(error) }));
    req.end(payload);
  });
}

let turn = 0;
function next() {
  const { method, path, body } = workerData.request;
  const ids = workerData.ids ?? [];
  return send(method, ids.length ? path.replace('{id}', ids[turn++ % ids.length]) : path, body);
}

async function closed() {
  const stats = { requests: 0, errors: 0, firstError: undefined, latencies: [], lastBody: undefined };
  let counting = workerData.warmupMs === 0;
  let stopAt = performance.now() + (workerData.warmupMs || workerData.durationMs || 1e9);
  let sent = 0;
  async function client() {
    while (performance.now() < stopAt && (workerData.total === undefined || sent < workerData.total)) {
      sent++;
      const start = performance.now();
      const response = await next();
      if (!counting) continue;
      if (response.status >= 200 && response.status < 300) {
        stats.requests++;
        stats.latencies.push(performance.now() - start);
        stats.lastBody = response.text;
      } else {
        stats.errors++;
        stats.firstError ??= `${response.status} ${response.text.slice(0, 300)}`;
      }
    }
  }
  if (!counting) {
    await Promise.all(Array.from({ length: workerData.concurrency }, client));
    counting = true;
    stopAt = performance.now() + (workerData.durationMs || 1e9);
  }
  const start = performance.now();
  await Promise.all(Array.from({ length: workerData.concurrency }, client));
  return { ...stats, elapsedMs: performance.now() - start };
}

async function open() {
  const stats = { requests: 0, errors: 0, firstError: undefined, offered: 0 };
  const start = performance.now();
  const pending = [];
  while (performance.now() - start < workerData.durationMs) {
    const due = Math.floor(((performance.now() - start) * workerData.ratePerSecond) / 1000);
    while (stats.offered < due) {
      stats.offered++;
      pending.push(
        next().then((response) => {
          if (response.status >= 200 && response.status < 300) stats.requests++;
          else {
            stats.errors++;
            stats.firstError ??= `${response.status} ${response.text.slice(0, 300)}`;
          }
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(pending);
  return { ...stats, elapsedMs: performance.now() - start };
}

async function visibility() {
  const stats = { latencies: [], errors: 0, firstError: undefined };
  for (let i = 0; i < workerData.samples; i++) {
    const start = performance.now();
    const posted = await send('POST', '/intake/demands', workerData.request.body);
    let read = posted;
    if (posted.status === 201) {
      const { id, checkpoint } = JSON.parse(posted.text);
      read = await send('GET', `/intake/demands/${id}?after=${encodeURIComponent(checkpoint)}`);
    }
    if (read.status === 200) stats.latencies.push(performance.now() - start);
    else {
      stats.errors++;
      stats.firstError ??= `${read.status} ${read.text.slice(0, 300)}`;
    }
  }
  return stats;
}

({ closed, open, visibility })[mode]().then(
  (result) => {
    agent.destroy();
    parentPort.postMessage(result);
  },
  (error) => {
    agent.destroy();
    parentPort.postMessage({ failed: String(error && error.stack ? error.stack : error) });
  },
);
