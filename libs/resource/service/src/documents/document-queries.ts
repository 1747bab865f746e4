import { Inject, Injectable } from '@nestjs/common';
import { Actor, Clock, NotFoundError } from '@serviceledger/platform/core';
import { departmentColumn, scopedQuery } from '@serviceledger/platform/auth';
import { CLOCK, Page, ReadAfter, ReadModels } from '@serviceledger/platform/nest';
import { readRows } from '@serviceledger/platform/read-models';
import { DocumentVersion, TechnicalDocument } from '@serviceledger/resource/domain';
import { DocumentBlobs } from '../blobs/document-blobs';
import { KnowledgeSearch } from '../knowledge/knowledge-search';
import { DOCUMENTS_PROJECTION, DocumentRow } from './documents.projection';
import { DocumentListQuery } from './document.dto';

/** A document as its readers see it: the folded document, and whether its periodic review is due. */
export type DocumentView = TechnicalDocument & { reviewDue: boolean };

/** A version's file, read back from the blob store as it was uploaded. */
export interface DocumentContent {
  version: DocumentVersion;
  bytes: Buffer;
}

/** Technical documents, scoped to their departments like every other department record. */
@Injectable()
export class DocumentQueries {
  constructor(
    private readonly readModels: ReadModels,
    private readonly search: KnowledgeSearch,
    private readonly blobs: DocumentBlobs,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** By kind, status, department, owner and tag; with `q`, the documents whose title, tags or latest text hold its words, best first. */
  async list(actor: Actor, query: DocumentListQuery): Promise<Page<DocumentView>> {
    await this.readModels.after(DOCUMENTS_PROJECTION, query);
    const builder = this.scoped(actor);
    if (query.kind) builder.andWhere('d.kind = :kind', { kind: query.kind });
    if (query.status) builder.andWhere('d.status = :status', { status: query.status });
    if (query.department) builder.andWhere('d.departmentId = :department', { department: query.department });
    if (query.owner) builder.andWhere('d.ownerId = :owner', { owner: query.owner });
    if (query.tag) builder.andWhere('d.tags LIKE :tag', { tag: `%${JSON.stringify(query.tag)}%` });
    const start = (query.page - 1) * query.pageSize;
    if (query.q) {
      const hits = await this.search.find('document', query.q);
      if (hits.length === 0) return { items: [], page: query.page, pageSize: query.pageSize, total: 0 };
      const rank = new Map(hits.map((id, index) => [id, index]));
      const rows = (await readRows(builder.andWhere('d.documentId IN (:...hits)', { hits }))).sort((a, b) => (rank.get(a.documentId) ?? 0) - (rank.get(b.documentId) ?? 0));
      return { items: rows.slice(start, start + query.pageSize).map((row) => this.view(row)), page: query.page, pageSize: query.pageSize, total: rows.length };
    }
    const [rows, total] = await builder.orderBy('d.updatedAt', 'DESC').addOrderBy('d.documentId', 'ASC').skip(start).take(query.pageSize).getManyAndCount();
    return { items: rows.map((row) => this.view(row)), page: query.page, pageSize: query.pageSize, total };
  }

  /** The caller's documents whose periodic review they were reminded of and have not yet confirmed. */
  async reviewReminders(actor: Actor, after: ReadAfter | undefined): Promise<DocumentView[]> {
    await this.readModels.after(DOCUMENTS_PROJECTION, after);
    const rows = await readRows(
      this.scoped(actor)
        .andWhere('d.ownerId = :owner', { owner: actor.userId })
        .andWhere('d.remindedFor = d.nextReviewDue')
        .andWhere('d.status NOT IN (:...closed)', { closed: ['superseded', 'archived'] })
        .orderBy('d.nextReviewDue', 'ASC')
        .addOrderBy('d.documentId', 'ASC'),
    );
    return rows.map((row) => this.view(row));
  }

  async detail(actor: Actor, documentId: string, after: ReadAfter | undefined): Promise<DocumentView> {
    await this.readModels.after(DOCUMENTS_PROJECTION, after);
    return this.view(await this.row(actor, documentId));
  }

  /** A version's file as uploaded: 404 for a document out of sight, or a version it does not have. */
  async content(actor: Actor, documentId: string, version: number): Promise<DocumentContent> {
    const document = JSON.parse((await this.row(actor, documentId)).state) as TechnicalDocument;
    const found = document.versions.find((v) => v.version === version);
    if (!found) throw new NotFoundError('Document version', `${documentId} v${version}`);
    const bytes = await this.blobs.get(found.sha256);
    if (!bytes) throw new NotFoundError('Document content', found.sha256);
    return { version: found, bytes };
  }

  private async row(actor: Actor, documentId: string): Promise<DocumentRow> {
    const row = await this.scoped(actor).andWhere('d.documentId = :documentId', { documentId }).getOne();
    if (!row) throw new NotFoundError('Document', documentId);
    return row;
  }

  private view(row: DocumentRow): DocumentView {
    const document = JSON.parse(row.state) as TechnicalDocument;
    const open = document.status !== 'superseded' && document.status !== 'archived';
    const reviewDue = open && !!document.nextReviewDue && document.nextReviewDue <= this.clock.now().toISOString();
    return { ...document, reviewDue };
  }

  /** A document is its department's; customers see none. */
  private scoped(actor: Actor) {
    return scopedQuery(actor, this.readModels.repository<DocumentRow>(DOCUMENTS_PROJECTION, 'document'), 'd', { departments: [departmentColumn('d.departmentId')] });
  }
}
