import { Body, Controller, Delete, Get, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces } from '@nestjs/swagger';
import { Actor, CommandMetadata, commandIdFrom } from '@serviceledger/platform/core';
import { CurrentActor, RequirePermission } from '@serviceledger/platform/auth';
import { CommandAccepted, CommandContext, ConsistentQuery, KeyParam, Page, PatternParam, UuidParam, WholeNumberParam } from '@serviceledger/platform/nest';
import { LINK_KINDS } from '@serviceledger/resource/domain';
import { DocumentQueries, DocumentView } from './document-queries';
import {
  ArchiveDocumentDto,
  ChangeDocumentDetailsDto,
  ConfirmDocumentReviewDto,
  DocumentLinkDto,
  DocumentListQuery,
  RegisterDocumentDto,
  ReviewDocumentDto,
  SupersedeDocumentDto,
  UploadVersionDto,
} from './document.dto';
import { DocumentsService } from './documents.service';

const LINK_KIND_PATTERN = new RegExp(`^(${LINK_KINDS.join('|')})$`);

/** Technical documents: registration with the first file, versions, review and release, periodic review, links. */
@Controller('resource/documents')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly queries: DocumentQueries,
  ) {}

  @ApiOperation({ summary: 'Register a technical document with its file' })
  @Post()
  @RequirePermission('document:manage')
  register(@Body() dto: RegisterDocumentDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    // The document's id derives from the command id, so a retried request registers one document.
    const documentId = commandIdFrom('resource-document', metadata.commandId);
    const { file, ownerId, tags, links, ...rest } = dto;
    return this.documents.register({ ...rest, documentId, ownerId: ownerId ?? metadata.actor.userId, tags: tags ?? [], links: links ?? [] }, file, metadata);
  }

  @ApiOperation({ summary: "Upload a new version of a document's file" })
  @Post(':documentId/versions')
  @RequirePermission('document:manage')
  upload(@UuidParam('documentId') documentId: string, @Body() dto: UploadVersionDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.documents.uploadVersion(documentId, dto.file, dto.changeNote, metadata);
  }

  @ApiOperation({ summary: "Change a document's title, tags or review interval" })
  @Post(':documentId/details')
  @HttpCode(200)
  @RequirePermission('document:manage')
  details(@UuidParam('documentId') documentId: string, @Body() dto: ChangeDocumentDetailsDto, @CommandContext() metadata: CommandMetadata) {
    return this.documents.act({ type: 'ChangeDocumentDetails', data: { documentId, ...dto }, metadata });
  }

  @ApiOperation({ summary: 'Submit a document version for review' })
  @Post(':documentId/submission')
  @HttpCode(200)
  @RequirePermission('document:manage')
  submit(@UuidParam('documentId') documentId: string, @CommandContext() metadata: CommandMetadata) {
    return this.documents.act({ type: 'SubmitDocumentForReview', data: { documentId }, metadata });
  }

  @ApiOperation({ summary: 'Review a document version' })
  @Post(':documentId/review')
  @HttpCode(200)
  @RequirePermission('document:manage')
  review(@UuidParam('documentId') documentId: string, @Body() dto: ReviewDocumentDto, @CommandContext() metadata: CommandMetadata) {
    return this.documents.act({ type: 'ReviewDocument', data: { documentId, approve: dto.approve, comment: dto.comment ?? '' }, metadata });
  }

  @ApiOperation({ summary: "Confirm a document's periodic review" })
  @Post(':documentId/periodic-review')
  @HttpCode(200)
  @RequirePermission('document:manage')
  confirmReview(@UuidParam('documentId') documentId: string, @Body() dto: ConfirmDocumentReviewDto, @CommandContext() metadata: CommandMetadata) {
    return this.documents.act({ type: 'ConfirmDocumentReview', data: { documentId, comment: dto.comment }, metadata });
  }

  @ApiOperation({ summary: 'Supersede a document by another' })
  @Post(':documentId/supersession')
  @HttpCode(200)
  @RequirePermission('document:manage')
  supersede(@UuidParam('documentId') documentId: string, @Body() dto: SupersedeDocumentDto, @CommandContext() metadata: CommandMetadata) {
    return this.documents.act({ type: 'SupersedeDocument', data: { documentId, replacementId: dto.replacementId }, metadata });
  }

  @ApiOperation({ summary: 'Archive a document' })
  @Post(':documentId/archive')
  @HttpCode(200)
  @RequirePermission('document:manage')
  archive(@UuidParam('documentId') documentId: string, @Body() dto: ArchiveDocumentDto, @CommandContext() metadata: CommandMetadata) {
    return this.documents.act({ type: 'ArchiveDocument', data: { documentId, reason: dto.reason }, metadata });
  }

  @ApiOperation({ summary: 'Link a document to a demand, case or asset' })
  @Post(':documentId/links')
  @HttpCode(200)
  @RequirePermission('document:manage')
  link(@UuidParam('documentId') documentId: string, @Body() dto: DocumentLinkDto, @CommandContext() metadata: CommandMetadata) {
    return this.documents.act({ type: 'LinkDocument', data: { documentId, link: { kind: dto.kind, id: dto.id } }, metadata });
  }

  @ApiOperation({ summary: "Remove a document's link" })
  @Delete(':documentId/links/:kind/:linkId')
  @ApiParam({ name: 'kind', enum: LINK_KINDS })
  @RequirePermission('document:manage')
  unlink(
    @UuidParam('documentId') documentId: string,
    @PatternParam('kind', LINK_KIND_PATTERN, `one of ${LINK_KINDS.join(', ')}`) kind: (typeof LINK_KINDS)[number],
    @KeyParam('linkId') linkId: string,
    @CommandContext() metadata: CommandMetadata,
  ) {
    return this.documents.act({ type: 'UnlinkDocument', data: { documentId, link: { kind, id: linkId } }, metadata });
  }

  @ApiOperation({ summary: 'List or search technical documents' })
  @Get()
  @RequirePermission('document:read')
  list(@CurrentActor() actor: Actor, @Query() query: DocumentListQuery): Promise<Page<DocumentView>> {
    return this.queries.list(actor, query);
  }

  @ApiOperation({ summary: 'List documents due for periodic review' })
  @Get('review-reminders')
  @RequirePermission('document:manage')
  reminders(@CurrentActor() actor: Actor, @Query() query: ConsistentQuery): Promise<DocumentView[]> {
    return this.queries.reviewReminders(actor, query);
  }

  @ApiOperation({ summary: 'Read a document' })
  @Get(':documentId')
  @RequirePermission('document:read')
  detail(@CurrentActor() actor: Actor, @UuidParam('documentId') documentId: string, @Query() query: ConsistentQuery): Promise<DocumentView> {
    return this.queries.detail(actor, documentId, query);
  }

  @ApiOperation({ summary: "Download a document version's file" })
  @Get(':documentId/versions/:version/content')
  @ApiProduces('application/octet-stream')
  @RequirePermission('document:read')
  async content(@CurrentActor() actor: Actor, @UuidParam('documentId') documentId: string, @WholeNumberParam('version') version: number): Promise<StreamableFile> {
    const { version: found, bytes } = await this.queries.content(actor, documentId, version);
    return new StreamableFile(bytes, {
      type: found.contentType,
      length: bytes.length,
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(found.fileName)}`,
    });
  }
}
