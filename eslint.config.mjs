// ESLint flat config for the whole workspace: typescript-eslint recommended plus Nx module boundaries.
//
// Boundaries are expressed with two tag families in each project.json:
//   type:*  — what a project is (core, adapter, runtime, nest, testing, domain, contracts, service, app)
//   scope:* — whom it belongs to (platform, one scope per service, standalone)
// See the depConstraints below for what each may import.

// Nx must never reach the network or start a daemon, whoever runs ESLint (npm script, CI, editor).
process.env.NX_DAEMON ??= 'false';
process.env.NX_NO_CLOUD ??= 'true';

// Imported after the env defaults above are in place (static imports would be hoisted above them).
const { defineConfig } = await import('eslint/config');
const { default: tseslint } = await import('typescript-eslint');
const { default: nx } = await import('@nx/eslint-plugin');
const { createProjectGraphAsync } = await import('@nx/devkit');

// @nx/enforce-module-boundaries only reads the cached project graph and silently skips itself when there is
// none. Computing it here keeps it fresh on every run; a failure aborts lint instead of skipping the rule.
const graph = await createProjectGraphAsync({ exitOnError: false });
const projects = Object.values(graph.nodes);
const withTag = (tag) => projects.filter((p) => (p.data.tags ?? []).includes(tag));
const filesOf = (...tags) => tags.flatMap(withTag).map((p) => `${p.data.root}/**/*.ts`);

// Test code: specs, plus helpers kept in a `testing/` folder inside a project's src (fixtures, child-process
// workers for crash tests). Production code must not import those helpers; nothing in an index.ts may export them.
const TEST_FILES = ['**/*.spec.ts', '**/*.test.ts', '**/__tests__/**/*.ts', '**/src/**/testing/**/*.ts'];

// Infrastructure that pure code (platform core, service domains, service contracts) must never touch.
const INFRASTRUCTURE_PACKAGES = [
  '@nestjs/*',
  'typeorm',
  'better-sqlite3',
  'kafkajs',
  'pg',
  '@eventstore/*',
  'fastify',
  'mailparser',
  'smtp-server',
  'jose',
];

// Every scope that owns a domain, contracts or service library (intake, …). Its projects may use the platform,
// their own scope, and the contracts of any scope — never another scope's domain or service.
const serviceScopes = [
  ...new Set(
    projects
      .filter((p) => ['type:domain', 'type:contracts', 'type:service'].some((t) => p.data.tags?.includes(t)))
      .flatMap((p) => p.data.tags.filter((t) => t.startsWith('scope:'))),
  ),
].sort();

/**
 * @param {{ specs: boolean }} options  test code of the platform libraries may also import the testing kit
 *   (contract suites, fixtures), and runtime tests an adapter (a durable store for crash tests). Their
 *   production code may not: the testing kit imports them, and only the Nest wiring and apps pick adapters.
 */
function depConstraints({ specs }) {
  const testing = specs ? ['type:testing'] : [];
  const testingAndAdapters = specs ? ['type:testing', 'type:adapter'] : [];
  return [
    { sourceTag: 'type:core', onlyDependOnLibsWithTags: ['type:core', ...testing], bannedExternalImports: INFRASTRUCTURE_PACKAGES },
    { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:core', ...testing], bannedExternalImports: INFRASTRUCTURE_PACKAGES },
    { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:core', ...testing], bannedExternalImports: INFRASTRUCTURE_PACKAGES },
    // An adapter implements a port: the event store's in core, the bus's and the read models' in runtime libraries.
    { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:core', 'type:runtime', ...testing] },
    // Runtime libraries build on each other (the relay, inbox and scheduler keep their tables with read-models);
    // the Nx circular-dependency check still forbids cycles between them.
    { sourceTag: 'type:runtime', onlyDependOnLibsWithTags: ['type:core', 'type:runtime', ...testingAndAdapters] },
    // The Nest platform module picks the event store and bus adapters from validated configuration (issue 2 §7).
    { sourceTag: 'type:nest', onlyDependOnLibsWithTags: ['type:core', 'type:runtime', 'type:adapter', ...testing] },
    { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:core', 'type:runtime', 'type:nest', 'type:adapter', 'type:testing'] },
    {
      sourceTag: 'type:service',
      onlyDependOnLibsWithTags: ['type:core', 'type:runtime', 'type:nest', 'type:testing', 'type:domain', 'type:contracts'],
    },
    { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['*'] },
    ...serviceScopes.map((scope) => ({
      sourceTag: scope,
      onlyDependOnLibsWithTags: ['scope:platform', scope, 'type:contracts'],
    })),
  ];
}

// Second line of defence for pure code: the Nx rule only recognises packages that are in package-lock.json,
// so an import of e.g. kafkajs or pg before it is installed would slip past it.
const PURE_FILES = filesOf('type:core', 'type:domain', 'type:contracts');
const INFRASTRUCTURE_IMPORTS = {
  group: INFRASTRUCTURE_PACKAGES.flatMap((p) => (p.endsWith('/*') ? [p] : [p, `${p}/*`])),
  message: 'Platform core, domain and contracts libraries must stay free of infrastructure (DESIGN.md §3).',
};
// Helpers in a src/**/testing/ folder are linted as test code, so production code must not reach them: neither
// by a relative path nor by a library's testing alias (e.g. @serviceledger/service-delivery/domain/testing).
const TEST_HELPER_IMPORTS = {
  regex: '^(?:\\.\\.?/(?:.*/)?|@serviceledger/[^/]+/[^/]+/)testing(?:/|$)',
  message: 'Test helpers in a testing/ folder are for specs only.',
};

function moduleBoundaries({ specs }) {
  return [
    'error',
    {
      enforceBuildableLibDependency: false,
      allow: [],
      depConstraints: depConstraints({ specs }),
      // The testing kit imports the platform libraries and their specs import the testing kit back. That cycle
      // exists only through test code: depConstraints forbid production code in those libraries to import it.
      ignoredCircularDependencies: ['tag:type:core', 'tag:type:adapter', 'tag:type:runtime', 'tag:type:nest'].map(
        (tag) => ['tag:type:testing', tag],
      ),
    },
  ];
}

export default defineConfig(
  {
    ignores: ['**/dist/', '**/node_modules/', 'data/', '**/coverage/', '.nx/', 'tmp/', '.kafka/'],
  },
  tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries({ specs: false }),
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      'no-restricted-properties': [
        'error',
        ...['describe', 'it', 'test'].map((object) => ({
          object,
          property: 'only',
          message: `${object}.only would skip the rest of the suite; remove it before committing.`,
        })),
      ],
      'no-restricted-globals': [
        'error',
        { name: 'fdescribe', message: 'fdescribe would skip the rest of the suite; use describe.' },
        { name: 'fit', message: 'fit would skip the rest of the suite; use it.' },
      ],
    },
  },
  {
    files: TEST_FILES,
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries({ specs: true }),
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  // no-restricted-imports: one configuration per kind of file, because a later block replaces the rule's options.
  {
    files: ['**/*.ts'],
    ignores: TEST_FILES,
    rules: { 'no-restricted-imports': ['error', { patterns: [TEST_HELPER_IMPORTS] }] },
  },
  {
    files: PURE_FILES,
    ignores: TEST_FILES,
    rules: { 'no-restricted-imports': ['error', { patterns: [TEST_HELPER_IMPORTS, INFRASTRUCTURE_IMPORTS] }] },
  },
  {
    files: PURE_FILES.flatMap((pure) => TEST_FILES.map((test) => [pure, test])),
    rules: { 'no-restricted-imports': ['error', { patterns: [INFRASTRUCTURE_IMPORTS] }] },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
