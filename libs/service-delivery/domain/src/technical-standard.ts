import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { requireText } from './required-text';

/**
 * Technical standards, operating rules and quality requirements (P-4.2, 二(四)2: "在實施過程中，要嚴格遵守
 * 相關技術標準、操作規範和質量要求"), one stream per standard, each for one business category. Every
 * publication whose content differs is a new version: the documents it rests on and the checks that
 * work following it must pass. A milestone or step that declares a standard is held to the checks of
 * the version it names (milestones.ts), and a spot check may score against them (quality monitoring).
 */

export const STANDARD_KINDS = ['technical-standard', 'operating-rule', 'quality-requirement'] as const;
export type StandardKind = (typeof STANDARD_KINDS)[number];

/** The document a standard rests on: a national or company standard, a manual, a procedure. */
export interface StandardDocument {
  /** Its number or location, e.g. "GB/T 22239-2019" or a document-library id. */
  reference: string;
  title: string;
}

/** What work that follows the standard must show evidence for. */
export interface RequiredCheck {
  checkId: string;
  description: string;
}

export interface StandardContent {
  standardId: string;
  kind: StandardKind;
  businessCategory: string;
  title: string;
  documents: StandardDocument[];
  checks: RequiredCheck[];
}

export interface TechnicalStandardVersion extends StandardContent {
  version: number;
  publishedAt: string;
  publishedBy: string;
}

export interface TechnicalStandard {
  standardId: string;
  kind: StandardKind;
  businessCategory: string;
  versions: TechnicalStandardVersion[];
}
export type TechnicalStandardState = TechnicalStandard | null;

/** A standard as work declares it: one version, with the checks that version requires. */
export interface StandardRequirements {
  standardId: string;
  version: number;
  title: string;
  checks: RequiredCheck[];
}

/** A standard a milestone, or one of its steps, declared it follows (milestones.ts). */
export interface DeclaredStandard extends StandardRequirements {
  milestoneId: string;
  /** Absent when the milestone itself declared it. */
  stepId?: string;
}

/** The evidence recorded for one check when the work that follows its standard is completed. */
export interface CheckEvidence {
  standardId: string;
  version: number;
  checkId: string;
  evidence: string;
}

export type PublishTechnicalStandard = Command<'PublishTechnicalStandard', StandardContent>;
export type TechnicalStandardPublished = { type: 'TechnicalStandardPublished'; data: TechnicalStandardVersion };

/** A standard's or a check's id: a lower-case identifier, as it names the standard's stream. */
export const STANDARD_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

export const technicalStandard: Decider<PublishTechnicalStandard, TechnicalStandardPublished, TechnicalStandardState> = {
  initialState: () => null,
  evolve(state, event) {
    const { standardId, kind, businessCategory } = event.data;
    return { standardId, kind, businessCategory, versions: [...(state?.versions ?? []), event.data] };
  },
  decide(command, state) {
    const content = validContent(command.data);
    if (state) {
      if (content.kind !== state.kind || content.businessCategory !== state.businessCategory) {
        throw new RuleViolation(
          'standard-scope-fixed',
          `Standard ${state.standardId} is a ${state.kind} of business category ${state.businessCategory}; a new version cannot change either (define another standard)`,
        );
      }
      if (sameContent(latestStandardVersion(state), content)) return [];
    }
    const version = (state?.versions.length ?? 0) + 1;
    return [
      {
        type: 'TechnicalStandardPublished',
        data: { ...content, version, publishedAt: command.metadata.at, publishedBy: command.metadata.actor.userId },
      },
    ];
  },
};

/** Standards belong to the whole installation: the route's permission decides who publishes them. */
export const technicalStandards: Aggregate<PublishTechnicalStandard, TechnicalStandardPublished, TechnicalStandardState> = {
  name: 'Technical standard',
  streamPrefix: 'service-delivery.technical-standard-',
  decider: technicalStandard,
  idOf: (command) => command.data.standardId,
  creates: ['PublishTechnicalStandard'],
};

export const technicalStandardStream = (standardId: string): string => streamOf(technicalStandards, standardId);

export function latestStandardVersion(standard: TechnicalStandard): TechnicalStandardVersion {
  return standard.versions[standard.versions.length - 1];
}

/** The checks one version requires, as a milestone or step that follows it is held to them. */
export function standardRequirements(standard: TechnicalStandard, version: number): StandardRequirements {
  const found = standard.versions.find((v) => v.version === version);
  if (!found) {
    throw new RuleViolation(
      'unknown-standard-version',
      `Standard ${standard.standardId} has versions 1 … ${standard.versions.length}, not ${version} (P-4.2)`,
    );
  }
  return { standardId: found.standardId, version: found.version, title: found.title, checks: found.checks.map((c) => ({ ...c })) };
}

export function ensureStandardExists(standard: TechnicalStandardState, standardId: string): TechnicalStandard {
  if (!standard) throw new NotFoundError(technicalStandards.name, standardId);
  return standard;
}

function validContent(data: StandardContent): StandardContent {
  const { standardId, kind } = data;
  if (typeof standardId !== 'string' || !STANDARD_ID_PATTERN.test(standardId)) {
    throw new RuleViolation('invalid-standard-id', 'A standard id is a lower-case identifier of up to 64 letters, digits and dashes');
  }
  if (!STANDARD_KINDS.includes(kind)) {
    throw new RuleViolation('invalid-standard-kind', `A standard is one of ${STANDARD_KINDS.join(', ')}, not ${kind}`);
  }
  const businessCategory = requireText(
    data.businessCategory,
    'business-category-required',
    `Standard ${standardId} names the business category it applies to (P-2.1, P-4.2)`,
  );
  const title = requireText(data.title, 'standard-title-required', `Standard ${standardId} needs a title`);
  const documents = (data.documents ?? []).map((d) => ({
    reference: requireText(d.reference, 'document-incomplete', `Each document of standard ${standardId} has a reference and a title`),
    title: requireText(d.title, 'document-incomplete', `Each document of standard ${standardId} has a reference and a title`),
  }));
  if (documents.length === 0) {
    throw new RuleViolation('documents-required', `Standard ${standardId} names the documents it rests on (P-4.2)`);
  }
  const checks = (data.checks ?? []).map((c) => {
    if (typeof c.checkId !== 'string' || !STANDARD_ID_PATTERN.test(c.checkId)) {
      throw new RuleViolation('invalid-check-id', `A check of standard ${standardId} has a lower-case identifier, not ${c.checkId}`);
    }
    return {
      checkId: c.checkId,
      description: requireText(c.description, 'check-description-required', `Check ${c.checkId} of standard ${standardId} says what is checked`),
    };
  });
  if (checks.length === 0) {
    throw new RuleViolation('checks-required', `Standard ${standardId} lists the checks that work following it must pass (P-4.2)`);
  }
  const repeated = checks.find((c, i) => checks.findIndex((o) => o.checkId === c.checkId) !== i);
  if (repeated) throw new RuleViolation('duplicate-check-id', `Standard ${standardId} lists check ${repeated.checkId} twice`);
  return { standardId, kind, businessCategory, title, documents, checks };
}

function sameContent(a: StandardContent, b: StandardContent): boolean {
  return (
    a.title === b.title &&
    JSON.stringify(a.documents) === JSON.stringify(b.documents) &&
    JSON.stringify(a.checks) === JSON.stringify(b.checks)
  );
}
