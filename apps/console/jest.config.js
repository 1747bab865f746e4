/** The console's component and page tests: React in jsdom, TypeScript and JSX compiled by @swc/jest. */
module.exports = {
  displayName: 'console',
  rootDir: __dirname,
  testEnvironment: '<rootDir>/src/testing/jsdom-environment.js',
  testMatch: ['<rootDir>/src/**/*.spec.tsx'],
  moduleNameMapper: { '^@serviceledger/platform/auth/permissions$': '<rootDir>/../../libs/platform/auth/src/permissions.ts' },
  setupFilesAfterEnv: ['<rootDir>/src/testing/setup.ts'],
  transform: {
    '^.+\\.(ts|tsx)$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
};
