import { Injectable } from '@nestjs/common';
import { ObjectLiteral } from 'typeorm';
import { ReadModels } from '@serviceledger/platform/nest';
import { readRows } from '@serviceledger/platform/read-models';
import { KnowledgeArticle, TechnicalDocument } from '@serviceledger/resource/domain';
import { DOCUMENTS_PROJECTION, DocumentRow } from '../documents/documents.projection';
import { DocumentsService } from '../documents/documents.service';
import { ARTICLES_PROJECTION, ArticleRow } from './articles.projection';
import { ArticlesService } from './articles.service';

const BATCH = 200;

/**
 * Puts every document and article in the search index again, from the read models and the blob store: after the
 * index was lost (a read-model database restored without it) or a crash between an append and its indexing.
 * Entries never go back to an older revision, so running it beside live writes is safe.
 */
@Injectable()
export class SearchReindex {
  constructor(
    private readonly readModels: ReadModels,
    private readonly documents: DocumentsService,
    private readonly articles: ArticlesService,
  ) {}

  async rebuild(): Promise<{ documents: number; articles: number }> {
    const documents = await this.each<DocumentRow>(DOCUMENTS_PROJECTION, 'document', 'documentId', (row) => this.documents.index(JSON.parse(row.state) as TechnicalDocument));
    const articles = await this.each<ArticleRow>(ARTICLES_PROJECTION, 'article', 'articleId', (row) => this.articles.index(JSON.parse(row.state) as KnowledgeArticle));
    return { documents, articles };
  }

  private async each<Row extends ObjectLiteral>(projection: string, table: string, key: keyof Row & string, work: (row: Row) => Promise<void>): Promise<number> {
    const repository = this.readModels.repository<Row>(projection, table);
    let count = 0;
    for (let skip = 0; ; skip += BATCH) {
      const rows = await readRows(repository.createQueryBuilder('r').orderBy(`r.${key}`, 'ASC').skip(skip).take(BATCH));
      for (const row of rows) await work(row);
      count += rows.length;
      if (rows.length < BATCH) return count;
    }
  }
}
