import { Module } from '@nestjs/common';
import { SearchReindex } from './knowledge/search-reindex';
import { ArticleQueries } from './knowledge/article-queries';
import { ArticlesController } from './knowledge/articles.controller';
import { ArticlesService } from './knowledge/articles.service';
import { KnowledgeSourceConsumer } from './knowledge/knowledge-source-consumer';
import { DocumentBlobs } from './blobs/document-blobs';
import { DocumentQueries } from './documents/document-queries';
import { DocumentsController } from './documents/documents.controller';
import { DocumentsService } from './documents/documents.service';
import { KnowledgeSearch } from './knowledge/knowledge-search';
import { SecurityIncidentsController } from './security-incidents/security-incidents.controller';
import { SecurityIncidentQueries } from './security-incidents/security-incident-queries';
import { securityIncidentConfigProvider } from './security-incidents/security-incident-config';

/**
 * The resource service (section 五 and 六(三) of the regulation): technical documents and the knowledge base,
 * equipment and R&D investment, partners and their agreements, and the security-incident register.
 */
@Module({
  controllers: [SecurityIncidentsController, DocumentsController, ArticlesController],
  providers: [SecurityIncidentQueries, securityIncidentConfigProvider, DocumentBlobs, KnowledgeSearch, DocumentsService, DocumentQueries, ArticlesService, ArticleQueries, KnowledgeSourceConsumer, SearchReindex],
})
export class ResourceModule {}
