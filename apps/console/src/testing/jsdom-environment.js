/**
 * Jest's jsdom environment, with room in jsdom's selector cache for antd's style rules.
 *
 * jsdom computes a style (testing-library asks for one of every element a role query meets) by matching each
 * rule of the page's style sheets with nwsapi, which keeps at most 1000 compiled selectors, least recently used
 * first out. antd injects more rules than that, so every computation scanned past the cache and compiled each
 * selector again: 80% of a page test's time, minutes a suite on CI. Loaded here with a larger cache before jsdom
 * requires it, nwsapi matches exactly as before (measured: the after-sales walk-through, 60 s to 15 s).
 */
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const environmentPath = require.resolve('jest-environment-jsdom');
const jsdomPath = require.resolve('jsdom', { paths: [path.dirname(environmentPath)] });
const nwsapiPath = require.resolve('nwsapi', { paths: [path.dirname(jsdomPath)] });

const cacheLimit = 'CACHE_LIMIT = 1000,';
const source = fs.readFileSync(nwsapiPath, 'utf8');
if (!source.includes(cacheLimit)) {
  throw new Error(`${nwsapiPath} no longer reads "${cacheLimit}": see apps/console/src/testing/jsdom-environment.js`);
}
const nwsapi = new Module(nwsapiPath, module);
nwsapi.filename = nwsapiPath;
nwsapi.paths = Module._nodeModulePaths(path.dirname(nwsapiPath));
nwsapi._compile(source.replace(cacheLimit, 'CACHE_LIMIT = 100000,'), nwsapiPath);
nwsapi.loaded = true;
require.cache[nwsapiPath] = nwsapi;

module.exports = require(environmentPath).TestEnvironment;
