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
import { AgreementsController, PartnerMeetingsController, PartnersController } from './partners/partners.controller';
import { PartnerQueries } from './partners/partner-queries';
import { PartnerRecords } from './partners/partner-records';
import { AssetsController } from './equipment/assets.controller';
import { EquipmentQueries } from './equipment/equipment-queries';
import { EquipmentService } from './equipment/equipment.service';
import { ProcurementsController } from './equipment/procurements.controller';
import { RdInvestmentController } from './rd-investment/rd-investment.controller';
import { RdInvestmentQueries } from './rd-investment/rd-investment-queries';
import { BusinessDemandConsumer } from './rd-investment/business-demand-consumer';

/**
 * The resource service (section 五 and 六(三) of the regulation): technical documents and the knowledge base,
 * equipment and R&D investment, partners and their agreements, and the security-incident register.
 */
@Module({
  controllers: [SecurityIncidentsController, PartnersController, AgreementsController, PartnerMeetingsController, ProcurementsController, AssetsController, RdInvestmentController, DocumentsController, ArticlesController],
  providers: [SecurityIncidentQueries, securityIncidentConfigProvider, PartnerQueries, PartnerRecords, EquipmentQueries, EquipmentService, RdInvestmentQueries, DocumentBlobs, KnowledgeSearch, DocumentsService, DocumentQueries, ArticlesService, ArticleQueries, KnowledgeSourceConsumer, BusinessDemandConsumer, SearchReindex],
})
export class ResourceModule {}
