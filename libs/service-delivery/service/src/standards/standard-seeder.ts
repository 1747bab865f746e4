import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Seed, Seeds } from '@serviceledger/platform/nest';
import {
  PublishTechnicalStandard,
  StandardContent,
  TechnicalStandardPublished,
  TechnicalStandardState,
  technicalStandards,
} from '@serviceledger/service-delivery/domain';

/**
 * One standard for each business category intake routes by default (technical support, software
 * development, system maintenance: 二(二)1), so delivery can declare what it follows from the start.
 * Each is seeded only while it does not exist: an administrator's version is never overwritten.
 */
export const SEED_STANDARDS: StandardContent[] = [
  {
    standardId: 'remote-support',
    kind: 'operating-rule',
    businessCategory: 'technical-support',
    title: '遠程技術支持操作規範 Remote technical support procedure',
    documents: [{ reference: 'SL-OPS-TS-01', title: '遠程技術支持操作規範' }],
    checks: [
      { checkId: 'customer-consent', description: 'The customer consented to the remote session before it began' },
      { checkId: 'session-recorded', description: 'The session was recorded and the record is filed with the case' },
      { checkId: 'fix-verified', description: 'The customer confirmed the fix works in their environment' },
    ],
  },
  {
    standardId: 'software-delivery',
    kind: 'technical-standard',
    businessCategory: 'software-development',
    title: '軟件開發交付技術標準 Software delivery standard',
    documents: [
      { reference: 'GB/T 8567-2006', title: '計算機軟件文檔編制規範' },
      { reference: 'GB/T 25000.51-2016', title: '系統與軟件質量要求和評價 就緒可用軟件產品的質量要求' },
    ],
    checks: [
      { checkId: 'code-reviewed', description: 'Every change was reviewed by a second developer' },
      { checkId: 'tests-passed', description: 'The automated tests passed on the delivered build' },
      { checkId: 'documents-delivered', description: 'User and release documents were delivered with the build' },
    ],
  },
  {
    standardId: 'maintenance-change',
    kind: 'operating-rule',
    businessCategory: 'system-maintenance',
    title: '系統維護變更操作規範 System maintenance change procedure',
    documents: [
      { reference: 'GB/T 22239-2019', title: '信息安全技術 網絡安全等級保護基本要求' },
      { reference: 'SL-OPS-SM-01', title: '變更與回退操作規範' },
    ],
    checks: [
      { checkId: 'change-approved', description: 'The change was approved by the customer before the window' },
      { checkId: 'backup-taken', description: 'A backup was taken and its restore tested before the change' },
      { checkId: 'service-verified', description: 'The service was verified working after the change' },
    ],
  },
];

export const STANDARD_SEEDS: Seed<PublishTechnicalStandard, TechnicalStandardPublished, TechnicalStandardState>[] = SEED_STANDARDS.map((content) => ({
  aggregate: technicalStandards,
  id: content.standardId,
  isEmpty: (standard) => standard === null,
  commands: [{ key: `technical-standard:${content.standardId}`, command: { type: 'PublishTechnicalStandard', data: content } }],
}));

/** Sows the seeded standards at start-up. */
@Injectable()
export class StandardSeeder implements OnApplicationBootstrap {
  constructor(private readonly seeds: Seeds) {}

  onApplicationBootstrap(): Promise<void> {
    return this.seeds.sow('service-delivery', STANDARD_SEEDS);
  }
}
