import { Module } from '@nestjs/common';
import { SecurityIncidentsController } from './security-incidents/security-incidents.controller';
import { SecurityIncidentQueries } from './security-incidents/security-incident-queries';
import { securityIncidentConfigProvider } from './security-incidents/security-incident-config';

/**
 * The resource service (section 五 and 六(三) of the regulation): technical documents and the knowledge base,
 * equipment and R&D investment, partners and their agreements, and the security-incident register.
 */
@Module({
  controllers: [SecurityIncidentsController],
  providers: [SecurityIncidentQueries, securityIncidentConfigProvider],
})
export class ResourceModule {}
