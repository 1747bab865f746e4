// The HTTP load driver, in a worker thread so that it runs on the second core and not on the server's event loop.
// Plain JavaScript: it needs no compilation in the worker. Used by bench/http-client.ts.
//
//   mode 'load':       `concurrency` keep-alive connections, each POSTing a new note (or `post.body` to `post.path`)
//                      after the previous answer, for warmupMs (not counted) then durationMs; answers
//                      { requests, errors, elapsedMs }.
//   mode 'visibility': `samples` times, POST a note then GET it with ?after=<checkpoint>; the time from sending the
//                      POST until the GET has returned the row. Answers { latencies, postLatencies, errors }.
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { randomUUID } = require('node:crypto');
const { performance } = require('node:perf_hooks');

const { baseUrl, token, mode } = workerData;
const url = new URL(baseUrl);
const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(1, workerData.concurrency ?? 1) });
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

const postNote = (id) => request('POST', `/sample/notes/${id}`, body);
const postLoad = workerData.post ? () => request('POST', workerData.post.path, JSON.stringify(workerData.post.body)) : () => postNote(randomUUID());

async function load() {
  let requests = 0;
  let errors = 0;
  let firstError;
  let counting = false;
  let stopAt = performance.now() + workerData.warmupMs;
  async function client() {
    while (performance.now() < stopAt) {
      const response = await postLoad();
      if (!counting) continue;
      if (response.status >= 200 && response.status < 300) requests++;
      else {
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
  return { requests, errors, firstError, elapsedMs: performance.now() - start };
}

async function visibility() {
  const latencies = [];
  const postLatencies = [];
  let errors = 0;
  let firstError;
  for (let i = 0; i < workerData.warmup + workerData.samples; i++) {
    const id = randomUUID();
    const start = performance.now();
    const posted = await postNote(id);
    const postDone = performance.now();
    let ok = posted.status >= 200 && posted.status < 300;
    let read = posted;
    if (ok) {
      const { checkpoint } = JSON.parse(posted.text);
      read = await request('GET', `/sample/notes/${id}?after=${encodeURIComponent(checkpoint ?? '')}`);
      ok = read.status === 200 && JSON.parse(read.text).id === id;
    }
    const end = performance.now();
    if (!ok) {
      errors++;
      firstError ??= `${read.status} ${read.text.slice(0, 200)}`;
    } else if (i >= workerData.warmup) {
      latencies.push(end - start);
      postLatencies.push(postDone - start);
    }
  }
  return { latencies, postLatencies, errors, firstError };
}

(mode === 'load' ? load() : visibility()).then(
  (result) => {
    agent.destroy();
    parentPort.postMessage(result);
  },
  (error) => {
    agent.destroy();
    parentPort.postMessage({ failed: String(error && error.stack ? error.stack : error) });
  },
);
