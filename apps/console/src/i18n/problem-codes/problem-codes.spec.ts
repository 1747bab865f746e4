// A .spec.ts, not .spec.tsx: it runs in the services' Node project, where it can read the libraries' sources.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { problemCodesEn } from './en';
import { problemCodesZhCN } from './zh-CN';
import { problemCodesZhTW } from './zh-TW';

const ROOT = join(__dirname, '../../../../..');
const CODE = `'([a-z0-9-]+)'`;

/** Calls that raise a coded RuleViolation with the code as a literal: the constructor and the helpers that pass it on. */
const RAISERS = [
  new RegExp(`new RuleViolation\\(\\s*${CODE}`, 'g'),
  new RegExp(`\\b(?:requireText|requireEntries|clauses)\\(\\s*[^,]+,\\s*${CODE}`, 'g'),
  new RegExp(`\\brefuse\\(\\s*${CODE}`, 'g'),
  new RegExp(`\\bensureWholeNumber\\(\\s*(?:[^,]+,\\s*){3}${CODE}`, 'g'),
  // quality-monitoring's policy: a dimension's unknown value is refused with the code it is given.
  new RegExp(`\\bcode: ${CODE} \\}`, 'g'),
];

/** Codes composed at run time, each template with every value it takes. */
const TEMPLATES: Record<string, string[]> = {
  'visit-${state.status}': ['visit-completed', 'visit-cancelled'],
  'case-${state.status}': ['case-closed', 'case-cancelled'],
  'demand-${state.status}': ['demand-closed', 'demand-withdrawn'],
  'unknown-problem-${what}': ['unknown-problem-nature', 'unknown-problem-complexity', 'unknown-problem-measure'],
  'duplicate-${kind}-id': ['duplicate-milestone-id', 'duplicate-step-id', 'duplicate-criterion-id'],
};

/** Where a RuleViolation's code is a parameter: the helpers RAISERS reads at their call sites. */
const PASSED_THROUGH = [
  'libs/quality-monitoring/domain/src/policy.ts: known.code',
  'libs/resource/domain/src/partners/agreement.ts: code',
  'libs/resource/domain/src/partners/partner-terms.ts: code',
  'libs/resource/domain/src/partners/partner-terms.ts: code',
  'libs/service-delivery/domain/src/plan-content.ts: code',
  'libs/service-delivery/domain/src/required-text.ts: code',
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'testing' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

function scan() {
  const codes = new Set<string>();
  const templates = new Set<string>();
  const passedThrough: string[] = [];
  for (const file of sources(join(ROOT, 'libs'))) {
    const text = readFileSync(file, 'utf8');
    for (const raiser of RAISERS) for (const [, code] of text.matchAll(raiser)) codes.add(code);
    for (const [, template] of text.matchAll(/\b(?:new RuleViolation|refuse)\(\s*`([^`]+)`/g)) templates.add(template);
    for (const [, argument] of text.matchAll(/new RuleViolation\(\s*([A-Za-z_][\w.]*)\s*,/g)) {
      passedThrough.push(`${relative(ROOT, file)}: ${argument}`);
    }
  }
  for (const template of templates) for (const code of TEMPLATES[template] ?? []) codes.add(code);
  return { codes: [...codes].sort(), templates: [...templates].sort(), passedThrough: passedThrough.sort() };
}

describe('the problem-code catalogues', () => {
  const found = scan();
  const catalogues = { en: problemCodesEn, 'zh-TW': problemCodesZhTW, 'zh-CN': problemCodesZhCN };

  it('reads every code the libraries raise (a scanner that finds few is broken)', () => {
    expect(found.codes.length).toBeGreaterThanOrEqual(500);
    expect(found.codes).toEqual(expect.arrayContaining(['demand-closed', 'coordination-required', 'standards-not-met']));
  });

  it('knows every code composed at run time and every helper that passes a code on', () => {
    expect(found.templates).toEqual(Object.keys(TEMPLATES).sort());
    expect(found.passedThrough).toEqual(PASSED_THROUGH);
  });

  it.each(Object.entries(catalogues))('%s says every code raised, and no other, in one sentence', (_, catalogue) => {
    expect(Object.keys(catalogue).sort()).toEqual(found.codes);
    for (const sentence of Object.values(catalogue)) expect(sentence).toMatch(/^\S.*\S$/);
  });
});
