import { Body, Controller, Get, HttpCode, Put } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CommandMetadata } from '@serviceledger/platform/core';
import { RequirePermission } from '@serviceledger/platform/auth';
import { CommandContext, Commands, IdentifierParam } from '@serviceledger/platform/nest';
import { TechnicalStandard, ensureStandardExists, technicalStandards } from '@serviceledger/service-delivery/domain';
import { PublishStandardDto } from './standard.dto';

/**
 * Technical standards, operating rules and quality requirements per business category (P-4.2, 二(四)2:
 * "嚴格遵守相關技術標準、操作規範和質量要求"): published by those who manage them, read by everyone who
 * reads delivery, so the team knows what its work is held to.
 */
@Controller('service-delivery/technical-standards')
export class TechnicalStandardsController {
  constructor(private readonly commands: Commands) {}

  @ApiOperation({ summary: 'Read a technical standard' })
  @Get(':standardId')
  @RequirePermission('delivery:read')
  async standard(@IdentifierParam('standardId') standardId: string): Promise<TechnicalStandard> {
    return ensureStandardExists(await this.commands.state(technicalStandards, standardId), standardId);
  }

  /** Publishes version 1, or the next version when the content changed; the same content again is none. */
  @ApiOperation({ summary: 'Publish a technical standard' })
  @Put(':standardId')
  @HttpCode(200)
  @RequirePermission('technical-standards:manage')
  async publish(@IdentifierParam('standardId') standardId: string, @Body() dto: PublishStandardDto, @CommandContext() metadata: CommandMetadata) {
    const { checkpoint, state } = await this.commands.decide(technicalStandards, {
      type: 'PublishTechnicalStandard',
      data: {
        standardId,
        kind: dto.kind,
        businessCategory: dto.businessCategory,
        title: dto.title,
        documents: dto.documents.map(({ reference, title }) => ({ reference, title })),
        checks: dto.checks.map(({ checkId, description }) => ({ checkId, description })),
      },
      metadata,
    });
    return { id: standardId, checkpoint, version: state?.versions.length };
  }
}
