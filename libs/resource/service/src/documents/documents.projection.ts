import { AGGREGATE_STATES, ProjectionDefinition, TableSpec, aggregateStatesTable, foldEvent } from '@serviceledger/platform/read-models';
import { TechnicalDocument, TechnicalDocumentState, technicalDocument, technicalDocuments } from '@serviceledger/resource/domain';

export const DOCUMENTS_PROJECTION = 'resource.documents';

export interface DocumentRow {
  documentId: string;
  kind: string;
  title: string;
  /** The tags as a JSON array, for `tag` filters (`LIKE '%"<tag>"%'`). */
  tags: string;
  ownerId: string;
  departmentId: string;
  status: string;
  latestVersion: number;
  releasedVersion: number | null;
  nextReviewDue: string | null;
  /** The due instant the owner was last reminded of: equal to nextReviewDue while that review is outstanding. */
  remindedFor: string | null;
  registeredAt: string;
  updatedAt: string;
  /** The folded document (JSON): versions, reviews, links. */
  state: string;
}

const nullableString = { type: String, nullable: true } as const;

/** Technical documents by kind, status, department and owner, with their versions and reviews. */
export const documentsProjection: ProjectionDefinition = {
  name: DOCUMENTS_PROJECTION,
  version: 1,
  filter: { streamPrefixes: [technicalDocuments.streamPrefix] },
  tables: {
    document: {
      columns: {
        documentId: { type: String, primary: true, name: 'document_id' },
        kind: { type: String },
        title: { type: 'text' },
        tags: { type: 'text' },
        ownerId: { type: String, name: 'owner_id' },
        departmentId: { type: String, name: 'department_id' },
        status: { type: String },
        latestVersion: { type: Number, name: 'latest_version' },
        releasedVersion: { type: Number, nullable: true, name: 'released_version' },
        nextReviewDue: { ...nullableString, name: 'next_review_due' },
        remindedFor: { ...nullableString, name: 'reminded_for' },
        registeredAt: { type: String, name: 'registered_at' },
        updatedAt: { type: String, name: 'updated_at' },
        state: { type: 'text' },
      },
      indices: [{ columns: ['departmentId', 'status'] }, { columns: ['ownerId'] }, { columns: ['nextReviewDue'] }],
    } satisfies TableSpec<DocumentRow>,
    [AGGREGATE_STATES]: aggregateStatesTable,
  },
  async apply(events, tables) {
    for (const event of events) {
      const folded = await foldEvent<never, TechnicalDocumentState>(tables, event, technicalDocument);
      if (folded?.after) tables.table<DocumentRow>('document').upsert(documentRow(folded.after));
    }
  },
};

/** The row is the document as the decider keeps it, with query columns drawn from it. */
export function documentRow(document: TechnicalDocument): DocumentRow {
  return {
    documentId: document.documentId,
    kind: document.kind,
    title: document.title,
    tags: JSON.stringify(document.tags),
    ownerId: document.ownerId,
    departmentId: document.departmentId,
    status: document.status,
    latestVersion: document.versions.length,
    releasedVersion: document.releasedVersion ?? null,
    nextReviewDue: document.nextReviewDue ?? null,
    remindedFor: document.remindedFor ?? null,
    registeredAt: document.registeredAt,
    updatedAt: document.updatedAt,
    state: JSON.stringify(document),
  };
}
