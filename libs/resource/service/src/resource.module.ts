import { Module } from '@nestjs/common';

/**
 * The resource service (section 五 and 六(三) of the regulation): technical documents and the knowledge base,
 * equipment and R&D investment, partners and their agreements, and the security-incident register.
 */
@Module({
  controllers: [],
  providers: [],
})
export class ResourceModule {}
