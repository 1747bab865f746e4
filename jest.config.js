/** One jest run over the whole workspace; @swc/jest compiles TypeScript with Nest's decorator metadata. */
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

const services = {
  displayName: 'services',
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/scripts'],
  testMatch: ['**/*.spec.ts'],
  // Never collect tests, nor resolve modules, from build output or installed packages.
  testPathIgnorePatterns: ['<rootDir>/(.*/)?node_modules/', '<rootDir>/(.*/)?dist/'],
  modulePathIgnorePatterns: ['<rootDir>/(.*/)?dist/'],
  moduleNameMapper,
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
    '/node_modules/content-disposition/.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  // content-disposition (under @fastify/static, which serves /docs) ships ESM only; Node 20 requires it
  // natively, jest's module system does not, so it is compiled to CommonJS for the tests.
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
};

module.exports = {
  // The standalone app starts six services (about 7 s on two cores); a hook that walks a case from intake to
  // acceptance on it outlasted 60 s late in CI's one process on two cores. A budget, not a timing: only a test
  // that hangs waits it out. (Jest reads the timeout from here, not from a project.)
  testTimeout: 180000,
  // A process's heap keeps growing over the suites that each load Nest and the services (4.3 GB after 211 of them in
  // one process); past this, a worker is replaced between suites rather than collecting an ever larger heap.
  workerIdleMemoryLimit: '1536MB',
  // The services' suites in Node; the web console's component tests in jsdom (apps/console/jest.config.js).
  projects: [services, '<rootDir>/apps/console/jest.config.js'],
};
