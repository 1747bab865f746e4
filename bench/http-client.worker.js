// The HTTP load driver, in a worker thread so that it runs on the second core and not on the server's event loop.
// Plain JavaScript: it needs no compilation in the worker. Used by bench/http-client.ts.
//
//   mode 'load':       `concurrency` keep-alive connections, each sending its next request after the previous answer,
//                      for warmupMs (not counted) then durationMs. The request is a POST of a new note, or of
//                      `post.body` to `post.path`, or a GET of one of `get.paths` in turn. Answers
//                      { requests, errors, elapsedMs, latencies } (ms per counted request).
//   mode 'fill':       `total` requests (as in 'load') by `concurrency` clients, none counted apart.
//   mode 'visibility': a command then the query that waits for it: POST (a new note, or `post`), then GET the
//                      answer's id (`/sample/notes/<id>`, or `readPath` with `{id}` replaced) with ?after=<checkpoint>,
//                      checked by the read's `id` (or `readIdField`);
//                      the time from sending the POST until the GET has returned. By `concurrency` clients in a closed
//                      loop, either `samples` pairs after `warmup` pairs or for warmupMs then durationMs; or, with
//                      `ratePerSecond`, pairs started at that rate whatever the answers (an open loop) for warmupMs then
//                      durationMs. Answers
//                      { latencies, postLatencies, errors, started, elapsedMs }.
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { randomUUID } = require('node:crypto');
const { performance } = require('node:perf_hooks');

const { baseUrl, token, mode } = workerData;
const url = new URL(baseUrl);
const sockets = workerData.ratePerSecond ? 512 : Math.max(1, workerData.concurrency ?? 1);
const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
const headers = { authorization: `Bearer ${token}` };
const body = JSON.stringify({ title: 'A benchmark note' });

function request(method, path, payload) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: payload === undefined ? headers : { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const postBody = workerData.post ? JSON.stringify(workerData.post.body) : undefined;
/** The command: resolves with the response and the id it created. */
function postCommand() {
  if (workerData.post) return request('POST', workerData.post.path, postBody).then((r) => ({ ...r, id: undefined }));
  const id = randomUUID();
  return request('POST', `/sample/notes/${id}`, body).then((r) => ({ ...r, id }));
}
let nextPath = 0;
const sendLoad = workerData.get
  ? () => request('GET', workerData.get.paths[nextPath++ % workerData.get.paths.length])
  : postCommand;

/** `total` requests by `concurrency` clients, as fast as they answer (filling a store); answers { requests, errors, elapsedMs }. */
async function fill() {
  let sent = 0;
  let errors = 0;
  let firstError;
  const start = performance.now();
  async function client() {
    while (sent < workerData.total) {
      sent++;
      const response = await sendLoad();
      if (response.status < 200 || response.status >= 300) {
        errors++;
        firstError ??= `${response.status} ${response.text.slice(0, 200)}`;
      }
    }
  }
  await Promise.all(Array.from({ length: workerData.concurrency }, client));
  return { requests: sent - errors, errors, firstError, elapsedMs: performance.now() - start, latencies: [] };
}

async function load() {
  let requests = 0;
  let errors = 0;
  let firstError;
  let counting = false;
  const latencies = [];
  let stopAt = performance.now() + workerData.warmupMs;
  async function client() {
    while (performance.now() < stopAt) {
      const start = performance.now();
      const response = await sendLoad();
      if (!counting) continue;
      if (response.status >= 200 && response.status < 300) {
        requests++;
        latencies.push(performance.now() - start);
      } else {
        errors++;
        firstError ??= `${response.status} ${response.text.slice(0, 200)}`;
      }
    }
  }
  await Promise.all(Array.from({ length: workerData.concurrency }, client));
  counting = true;
  const start = performance.now();
  stopAt = start + workerData.durationMs;
  await Promise.all(Array.from({ length: workerData.concurrency }, client));
  return { requests, errors, firstError, elapsedMs: performance.now() - start, latencies };
}

/** One command and the query that waits for it; undefined when it failed (counted in `failures`). */
async function pair(failures) {
  const start = performance.now();
  const posted = await postCommand();
  const postDone = performance.now();
  let ok = posted.status >= 200 && posted.status < 300;
  let read = posted;
  if (ok) {
    const answer = JSON.parse(posted.text);
    const id = posted.id ?? answer.id;
    const path = workerData.readPath ? workerData.readPath.replace('{id}', id) : `/sample/notes/${id}`;
    read = await request('GET', `${path}?after=${encodeURIComponent(answer.checkpoint ?? '')}`);
    ok = read.status === 200 && JSON.parse(read.text)[workerData.readIdField ?? 'id'] === id;
  }
  if (ok) return { latency: performance.now() - start, post: postDone - start };
  failures.count++;
  failures.first ??= `${read.status} ${read.text.slice(0, 200)}`;
  return undefined;
}

async function visibility() {
  const latencies = [];
  const postLatencies = [];
  const failures = { count: 0, first: undefined };
  const record = (result) => {
    if (!result) return;
    latencies.push(result.latency);
    postLatencies.push(result.post);
  };
  if (workerData.ratePerSecond) return openLoop(record, failures, latencies, postLatencies);
  const start = performance.now();
  let sent = 0;
  // By count (`warmup`, then `samples`), or by time (`warmupMs`, then `durationMs`).
  const byTime = workerData.durationMs !== undefined;
  const countedFrom = start + (workerData.warmupMs ?? 0);
  const end = countedFrom + (workerData.durationMs ?? 0);
  const total = (workerData.warmup ?? 0) + (workerData.samples ?? 0);
  async function client() {
    while (byTime ? performance.now() < end : sent < total) {
      const counted = byTime ? performance.now() >= countedFrom : sent >= workerData.warmup;
      sent++;
      const result = await pair(failures);
      if (counted) record(result);
    }
  }
  await Promise.all(Array.from({ length: workerData.concurrency ?? 1 }, client));
  return {
    latencies,
    postLatencies,
    errors: failures.count,
    firstError: failures.first,
    started: latencies.length + failures.count,
    elapsedMs: performance.now() - (byTime ? countedFrom : start),
  };
}

/** Pairs started every 1/rate s whatever the answers, so a slow server meets the load it was offered, not less. */
async function openLoop(record, failures, latencies, postLatencies) {
  const interval = 1000 / workerData.ratePerSecond;
  const warmupEnd = performance.now() + workerData.warmupMs;
  const end = warmupEnd + workerData.durationMs;
  const inFlight = new Set();
  let started = 0;
  let next = performance.now();
  while (performance.now() < end) {
    const counted = performance.now() >= warmupEnd;
    if (counted) started++;
    const p = pair(failures).then((result) => counted && record(result));
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    next += interval;
    const wait = next - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await Promise.all(inFlight);
  return { latencies, postLatencies, errors: failures.count, firstError: failures.first, started, elapsedMs: workerData.durationMs };
}

(mode === 'load' ? load() : mode === 'fill' ? fill() : visibility()).then(
  (result) => {
    agent.destroy();
    parentPort.postMessage(result);
  },
  (error) => {
    agent.destroy();
    parentPort.postMessage({ failed: String(error && error.stack ? error.stack : error) });
  },
);
