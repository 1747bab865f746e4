import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { DocumentFile, ensureDocumentFile } from './document-files';
import { normaliseTags } from '../knowledge/tags';

/**
 * A technical document (R-1.1; 五(一)1: 技術方案, 操作手冊, 技術報告), kept centrally with its versions and reviewed:
 *
 *   draft ──submit──▶ in-review ──approve──▶ approved ──supersede──▶ superseded
 *     ▲                  │                     │   ▲
 *     └─────return───────┘                     │   └── periodic review confirmed (every reviewIntervalDays)
 *     └──────────── new version uploaded ◀─────┘
 *   any state but archived ──archive──▶ archived
 *
 * Every upload is a new version with its author, time, SHA-256 and change note; old versions stay. An approved
 * document stays released at its approved version while a newer one is drafted and reviewed. The review interval
 * sets when the owner is reminded to review the released document again. Pure: time and actor from the command.
 */
export const DOCUMENT_KINDS = ['technical-plan', 'operating-manual', 'technical-report'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_STATUSES = ['draft', 'in-review', 'approved', 'superseded', 'archived'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** Reviewed again at most every three years, at least every day. */
export const MAX_REVIEW_INTERVAL_DAYS = 1095;

export const LINK_KINDS = ['case', 'demand'] as const;
/** What a document serves: a delivery case or a demand, by id. */
export interface DocumentLink {
  kind: (typeof LINK_KINDS)[number];
  id: string;
}

export interface DocumentVersion extends DocumentFile {
  version: number;
  changeNote: string;
  uploadedAt: string;
  uploadedBy: string;
}

export interface DocumentReview {
  version: number;
  outcome: 'approved' | 'returned' | 'confirmed';
  comment: string;
  at: string;
  by: string;
}

export interface TechnicalDocument {
  documentId: string;
  kind: DocumentKind;
  title: string;
  tags: string[];
  ownerId: string;
  departmentId: string;
  reviewIntervalDays: number;
  status: DocumentStatus;
  versions: DocumentVersion[];
  /** The version readers rely on: the last approved. */
  releasedVersion?: number;
  /** When the owner is next reminded to review the released version. */
  nextReviewDue?: string;
  /** The due instant the owner was last reminded of. */
  remindedFor?: string;
  reviews: DocumentReview[];
  links: DocumentLink[];
  supersededBy?: string;
  archivedReason?: string;
  registeredAt: string;
  registeredBy: string;
  updatedAt: string;
}

export type TechnicalDocumentState = TechnicalDocument | null;

type DocumentDetails = { title: string; tags: string[]; ownerId: string; reviewIntervalDays: number };

export type RegisterTechnicalDocument = Command<
  'RegisterTechnicalDocument',
  DocumentDetails & { documentId: string; kind: DocumentKind; departmentId: string; links?: DocumentLink[]; file: DocumentFile; changeNote?: string }
>;
export type UploadDocumentVersion = Command<'UploadDocumentVersion', { documentId: string; file: DocumentFile; changeNote: string }>;
export type ChangeDocumentDetails = Command<'ChangeDocumentDetails', { documentId: string } & Partial<DocumentDetails>>;
export type SubmitDocumentForReview = Command<'SubmitDocumentForReview', { documentId: string }>;
export type ReviewDocument = Command<'ReviewDocument', { documentId: string; approve: boolean; comment: string }>;
export type ConfirmDocumentReview = Command<'ConfirmDocumentReview', { documentId: string; comment: string }>;
/** Sent by the scheduler when the released version's review falls due. */
export type RemindDocumentReview = Command<'RemindDocumentReview', { documentId: string; dueAt: string }>;
export type SupersedeDocument = Command<'SupersedeDocument', { documentId: string; replacementId: string }>;
export type ArchiveDocument = Command<'ArchiveDocument', { documentId: string; reason: string }>;
export type LinkDocument = Command<'LinkDocument', { documentId: string; link: DocumentLink }>;
export type UnlinkDocument = Command<'UnlinkDocument', { documentId: string; link: DocumentLink }>;
export type TechnicalDocumentCommand =
  | RegisterTechnicalDocument
  | UploadDocumentVersion
  | ChangeDocumentDetails
  | SubmitDocumentForReview
  | ReviewDocument
  | ConfirmDocumentReview
  | RemindDocumentReview
  | SupersedeDocument
  | ArchiveDocument
  | LinkDocument
  | UnlinkDocument;

export type TechnicalDocumentRegistered = {
  type: 'TechnicalDocumentRegistered';
  data: DocumentDetails & { documentId: string; kind: DocumentKind; departmentId: string; links: DocumentLink[]; registeredAt: string; registeredBy: string };
};
export type DocumentVersionUploaded = { type: 'DocumentVersionUploaded'; data: DocumentVersion & { documentId: string } };
export type DocumentDetailsChanged = { type: 'DocumentDetailsChanged'; data: Partial<DocumentDetails> & { documentId: string; changedAt: string; changedBy: string } };
export type DocumentSubmittedForReview = { type: 'DocumentSubmittedForReview'; data: { documentId: string; version: number; submittedAt: string; submittedBy: string } };
/** Carries what was approved (the document's details and the version's file) for the public `document.approved`. */
export type DocumentApproved = {
  type: 'DocumentApproved';
  data: {
    documentId: string;
    version: number;
    comment: string;
    approvedAt: string;
    approvedBy: string;
    nextReviewDue: string;
    approved: Pick<TechnicalDocument, 'kind' | 'title' | 'tags' | 'ownerId' | 'departmentId' | 'links'> & { file: DocumentFile };
  };
};
export type DocumentReturned = { type: 'DocumentReturned'; data: { documentId: string; version: number; comment: string; returnedAt: string; returnedBy: string } };
export type DocumentReviewConfirmed = {
  type: 'DocumentReviewConfirmed';
  data: { documentId: string; version: number; comment: string; confirmedAt: string; confirmedBy: string; nextReviewDue: string };
};
export type DocumentReviewReminded = { type: 'DocumentReviewReminded'; data: { documentId: string; ownerId: string; version: number; dueAt: string; remindedAt: string } };
export type DocumentSuperseded = { type: 'DocumentSuperseded'; data: { documentId: string; replacementId: string; supersededAt: string; supersededBy: string } };
export type DocumentArchived = { type: 'DocumentArchived'; data: { documentId: string; reason: string; archivedAt: string; archivedBy: string } };
export type DocumentLinked = { type: 'DocumentLinked'; data: { documentId: string; link: DocumentLink; linkedAt: string; linkedBy: string } };
export type DocumentUnlinked = { type: 'DocumentUnlinked'; data: { documentId: string; link: DocumentLink; unlinkedAt: string; unlinkedBy: string } };
export type TechnicalDocumentEvent =
  | TechnicalDocumentRegistered
  | DocumentVersionUploaded
  | DocumentDetailsChanged
  | DocumentSubmittedForReview
  | DocumentApproved
  | DocumentReturned
  | DocumentReviewConfirmed
  | DocumentReviewReminded
  | DocumentSuperseded
  | DocumentArchived
  | DocumentLinked
  | DocumentUnlinked;

const DAY_MS = 24 * 60 * 60 * 1000;

export const technicalDocument: Decider<TechnicalDocumentCommand, TechnicalDocumentEvent, TechnicalDocumentState> = {
  initialState: () => null,
  evolve(state, event) {
    if (event.type === 'TechnicalDocumentRegistered') {
      const { registeredAt } = event.data;
      return { ...event.data, status: 'draft', versions: [], reviews: [], updatedAt: registeredAt };
    }
    if (!state) return state;
    switch (event.type) {
      case 'DocumentVersionUploaded': {
        const { documentId: _id, ...version } = event.data;
        const status = state.status === 'approved' || state.status === 'in-review' ? 'draft' : state.status;
        return { ...state, status, versions: [...state.versions, version], updatedAt: version.uploadedAt };
      }
      case 'DocumentDetailsChanged': {
        const { documentId: _id, changedAt, changedBy: _by, ...details } = event.data;
        return { ...state, ...details, updatedAt: changedAt };
      }
      case 'DocumentSubmittedForReview':
        return { ...state, status: 'in-review', updatedAt: event.data.submittedAt };
      case 'DocumentApproved': {
        const { version, comment, approvedAt, approvedBy, nextReviewDue } = event.data;
        const reviews = [...state.reviews, { version, outcome: 'approved' as const, comment, at: approvedAt, by: approvedBy }];
        return { ...state, status: 'approved', releasedVersion: version, nextReviewDue, reviews, updatedAt: approvedAt };
      }
      case 'DocumentReturned': {
        const { version, comment, returnedAt, returnedBy } = event.data;
        const reviews = [...state.reviews, { version, outcome: 'returned' as const, comment, at: returnedAt, by: returnedBy }];
        return { ...state, status: 'draft', reviews, updatedAt: returnedAt };
      }
      case 'DocumentReviewConfirmed': {
        const { version, comment, confirmedAt, confirmedBy, nextReviewDue } = event.data;
        const reviews = [...state.reviews, { version, outcome: 'confirmed' as const, comment, at: confirmedAt, by: confirmedBy }];
        return { ...state, nextReviewDue, reviews, updatedAt: confirmedAt };
      }
      case 'DocumentReviewReminded':
        return { ...state, remindedFor: event.data.dueAt };
      case 'DocumentSuperseded':
        return { ...state, status: 'superseded', supersededBy: event.data.replacementId, updatedAt: event.data.supersededAt };
      case 'DocumentArchived':
        return { ...state, status: 'archived', archivedReason: event.data.reason, updatedAt: event.data.archivedAt };
      case 'DocumentLinked':
        return { ...state, links: [...state.links, event.data.link], updatedAt: event.data.linkedAt };
      case 'DocumentUnlinked':
        return { ...state, links: state.links.filter((l) => !sameLink(l, event.data.link)), updatedAt: event.data.unlinkedAt };
    }
  },
  decide(command, state) {
    const { at, actor } = command.metadata;
    const by = actor.userId;
    if (command.type === 'RegisterTechnicalDocument') {
      if (state) throw new RuleViolation('document-exists', `Document ${command.data.documentId} is already registered`);
      const { documentId, kind, departmentId, file } = command.data;
      const details = ensureDetails(command.data);
      const links = dedupeLinks(command.data.links ?? []);
      return [
        {
          type: 'TechnicalDocumentRegistered',
          data: { documentId, kind, title: details.title, tags: details.tags, ownerId: details.ownerId, departmentId: required(departmentId, 'department'), reviewIntervalDays: details.reviewIntervalDays, links, registeredAt: at, registeredBy: by },
        },
        { type: 'DocumentVersionUploaded', data: { documentId, version: 1, ...ensureDocumentFile(file), changeNote: command.data.changeNote?.trim() || 'First version', uploadedAt: at, uploadedBy: by } },
      ];
    }
    if (!state) throw new NotFoundError('Document', command.data.documentId);
    const { documentId } = state;
    const latest = state.versions[state.versions.length - 1];
    switch (command.type) {
      case 'UploadDocumentVersion': {
        ensureOpen(state);
        if (state.status === 'in-review') throw new RuleViolation('document-in-review', `Document ${documentId} is in review: its reviewer decides on version ${latest.version} first`);
        const file = ensureDocumentFile(command.data.file);
        return [{ type: 'DocumentVersionUploaded', data: { documentId, version: latest.version + 1, ...file, changeNote: required(command.data.changeNote, 'change note'), uploadedAt: at, uploadedBy: by } }];
      }
      case 'ChangeDocumentDetails': {
        ensureOpen(state);
        const { documentId: _id, ...changes } = command.data;
        const next = ensureDetails({ ...state, ...definedOnly(changes) });
        const changed = (Object.keys(next) as Array<keyof DocumentDetails>).filter((key) => JSON.stringify(next[key]) !== JSON.stringify(state[key]));
        if (changed.length === 0) return [];
        return [{ type: 'DocumentDetailsChanged', data: { documentId, ...Object.fromEntries(changed.map((key) => [key, next[key]])), changedAt: at, changedBy: by } }];
      }
      case 'SubmitDocumentForReview':
        ensureStatus(state, ['draft'], 'A draft is submitted for review');
        return [{ type: 'DocumentSubmittedForReview', data: { documentId, version: latest.version, submittedAt: at, submittedBy: by } }];
      case 'ReviewDocument': {
        ensureStatus(state, ['in-review'], 'A document in review is approved or returned');
        if (latest.uploadedBy === by) throw new RuleViolation('reviewer-is-author', `Version ${latest.version} of document ${documentId} is reviewed by someone other than its author`);
        const comment = command.data.comment.trim();
        if (!command.data.approve) {
          return [{ type: 'DocumentReturned', data: { documentId, version: latest.version, comment: required(comment, 'reason for returning it'), returnedAt: at, returnedBy: by } }];
        }
        const { kind, title, tags, ownerId, departmentId, links } = state;
        const file = { sha256: latest.sha256, size: latest.size, contentType: latest.contentType, fileName: latest.fileName };
        const approved = { kind, title, tags, ownerId, departmentId, links, file };
        return [{ type: 'DocumentApproved', data: { documentId, version: latest.version, comment, approvedAt: at, approvedBy: by, nextReviewDue: addDays(at, state.reviewIntervalDays), approved } }];
      }
      case 'ConfirmDocumentReview': {
        if (state.releasedVersion === undefined || state.status === 'superseded' || state.status === 'archived') {
          throw new RuleViolation('document-not-released', `Document ${documentId} has no released version to review again`);
        }
        const comment = required(command.data.comment, 'review comment');
        return [{ type: 'DocumentReviewConfirmed', data: { documentId, version: state.releasedVersion, comment, confirmedAt: at, confirmedBy: by, nextReviewDue: addDays(at, state.reviewIntervalDays) } }];
      }
      case 'RemindDocumentReview': {
        const { dueAt } = command.data;
        const stillDue = state.nextReviewDue === dueAt && state.remindedFor !== dueAt && state.releasedVersion !== undefined;
        if (!stillDue || state.status === 'superseded' || state.status === 'archived') return [];
        return [{ type: 'DocumentReviewReminded', data: { documentId, ownerId: state.ownerId, version: state.releasedVersion as number, dueAt, remindedAt: at } }];
      }
      case 'SupersedeDocument': {
        ensureStatus(state, ['approved'], 'A released document is superseded by its replacement');
        const replacementId = required(command.data.replacementId, 'replacement');
        if (replacementId === documentId) throw new RuleViolation('document-supersedes-itself', `Document ${documentId} cannot replace itself`);
        return [{ type: 'DocumentSuperseded', data: { documentId, replacementId, supersededAt: at, supersededBy: by } }];
      }
      case 'ArchiveDocument':
        if (state.status === 'archived') return [];
        return [{ type: 'DocumentArchived', data: { documentId, reason: required(command.data.reason, 'reason'), archivedAt: at, archivedBy: by } }];
      case 'LinkDocument': {
        ensureOpen(state);
        const link = ensureLink(command.data.link);
        if (state.links.some((l) => sameLink(l, link))) return [];
        return [{ type: 'DocumentLinked', data: { documentId, link, linkedAt: at, linkedBy: by } }];
      }
      case 'UnlinkDocument': {
        const link = ensureLink(command.data.link);
        if (!state.links.some((l) => sameLink(l, link))) return [];
        return [{ type: 'DocumentUnlinked', data: { documentId, link, unlinkedAt: at, unlinkedBy: by } }];
      }
    }
  },
};

/** A document's stream is `resource.document-<id>`, bounded by its own versions and reviews; it is its department's. */
export const technicalDocuments: Aggregate<TechnicalDocumentCommand, TechnicalDocumentEvent, TechnicalDocumentState> = {
  name: 'Document',
  streamPrefix: 'resource.document-',
  decider: technicalDocument,
  idOf: (command) => command.data.documentId,
  creates: ['RegisterTechnicalDocument'],
  scope: (state) => ({ departments: state ? [state.departmentId] : [] }),
};

export const documentStream = (documentId: string): string => streamOf(technicalDocuments, documentId);

/** The instant `days` days after `at`, in UTC. */
export function addDays(at: string, days: number): string {
  return new Date(Date.parse(at) + days * DAY_MS).toISOString();
}

function ensureDetails(details: DocumentDetails): DocumentDetails {
  const { reviewIntervalDays } = details;
  if (!Number.isInteger(reviewIntervalDays) || reviewIntervalDays < 1 || reviewIntervalDays > MAX_REVIEW_INTERVAL_DAYS) {
    throw new RuleViolation('review-interval-invalid', `A document is reviewed every 1 to ${MAX_REVIEW_INTERVAL_DAYS} days, not ${reviewIntervalDays}`);
  }
  return { title: required(details.title, 'title'), tags: normaliseTags(details.tags), ownerId: required(details.ownerId, 'owner'), reviewIntervalDays };
}

function ensureLink(link: DocumentLink): DocumentLink {
  return { kind: link.kind, id: required(link.id, `${link.kind} id`) };
}

function dedupeLinks(links: DocumentLink[]): DocumentLink[] {
  return links.map(ensureLink).filter((link, index, all) => all.findIndex((l) => sameLink(l, link)) === index);
}

function sameLink(a: DocumentLink, b: DocumentLink): boolean {
  return a.kind === b.kind && a.id === b.id;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function ensureOpen(state: TechnicalDocument): void {
  if (state.status === 'superseded' || state.status === 'archived') {
    throw new RuleViolation('document-closed', `Document ${state.documentId} is ${state.status}: it takes no new versions, details or links`);
  }
}

function ensureStatus(state: TechnicalDocument, allowed: DocumentStatus[], rule: string): void {
  if (!allowed.includes(state.status)) throw new RuleViolation('document-state', `${rule}; document ${state.documentId} is ${state.status}`);
}

function required(value: string | undefined, what: string): string {
  const trimmed = value?.trim();
  if (!trimmed) throw new RuleViolation('field-required', `A document needs its ${what}`);
  return trimmed;
}
