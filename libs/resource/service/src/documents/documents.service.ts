import { Injectable } from '@nestjs/common';
import { CommandMetadata, NotFoundError } from '@serviceledger/platform/core';
import { accessScope, canSee } from '@serviceledger/platform/auth';
import { CommandAccepted, Commands, InvalidInputException } from '@serviceledger/platform/nest';
import {
  DocumentFile,
  RegisterTechnicalDocument,
  TechnicalDocument,
  TechnicalDocumentCommand,
  UploadDocumentVersion,
  technicalDocument,
  technicalDocuments,
} from '@serviceledger/resource/domain';
import { sha256Of } from '../blobs/blob-store';
import { DocumentBlobs } from '../blobs/document-blobs';
import { KnowledgeSearch } from '../knowledge/knowledge-search';
import { decodeBase64, ensureAcceptableContent, textOf } from './document-content';
import { DocumentFileDto } from './document.dto';

/**
 * Technical documents' commands (R-1.1). An upload is checked (size 413, type 415) and decided on first, the
 * decider run on the document as it stands, so nothing is stored for a file or a command that is refused; then
 * its bytes go to the blob store, the command appends the version with their hash, and the search index takes the
 * latest version's text. A retried request (same Idempotency-Key) finds the command already handled and indexes again.
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly commands: Commands,
    private readonly blobs: DocumentBlobs,
    private readonly search: KnowledgeSearch,
  ) {}

  /** A department's member registers documents for their own departments: another department is the 404 of one they cannot see. */
  async register(data: Omit<RegisterTechnicalDocument['data'], 'file'>, upload: DocumentFileDto, metadata: CommandMetadata): Promise<CommandAccepted> {
    if (!canSee(accessScope(metadata.actor), { departments: [data.departmentId] })) throw new NotFoundError('Department', data.departmentId);
    const { file, bytes } = acceptedFile(upload);
    return this.withFile({ type: 'RegisterTechnicalDocument', data: { ...data, file }, metadata }, bytes, null);
  }

  async uploadVersion(documentId: string, upload: DocumentFileDto, changeNote: string, metadata: CommandMetadata): Promise<CommandAccepted> {
    const { file, bytes } = acceptedFile(upload);
    const state = await this.commands.stateFor(technicalDocuments, documentId, metadata.actor);
    const command: UploadDocumentVersion = { type: 'UploadDocumentVersion', data: { documentId, file, changeNote }, metadata };
    return this.withFile(command, bytes, state);
  }

  /** Any other command on a document; the index follows its title and tags. */
  async act(command: TechnicalDocumentCommand): Promise<CommandAccepted> {
    const { id, checkpoint, state } = await this.commands.decide(technicalDocuments, command);
    if (state) await this.index(state);
    return { id, checkpoint };
  }

  private async withFile(command: RegisterTechnicalDocument | UploadDocumentVersion, bytes: Buffer, state: TechnicalDocument | null): Promise<CommandAccepted> {
    technicalDocument.decide(command, state);
    await this.blobs.put(bytes);
    const { id, checkpoint, state: after } = await this.commands.decide(technicalDocuments, command);
    if (after) await this.index(after);
    return { id, checkpoint };
  }

  /** Puts the document's title, tags and latest version's text in the search index. */
  async index(document: TechnicalDocument): Promise<void> {
    const latest = document.versions[document.versions.length - 1];
    const bytes = await this.blobs.get(latest.sha256);
    const text = bytes ? (textOf(latest.contentType, bytes) ?? '') : '';
    await this.search.put({ kind: 'document', id: document.documentId, revision: document.updatedAt, title: document.title, tags: document.tags, text });
  }
}

/** The uploaded file checked (base64 400, size 413, type 415) and described by its hash; its bytes beside. */
function acceptedFile(upload: DocumentFileDto): { file: DocumentFile; bytes: Buffer } {
  const bytes = decodeBase64(upload.contentBase64);
  if (!bytes || bytes.length === 0) throw new InvalidInputException([{ field: 'file.contentBase64', message: 'file.contentBase64 must be the non-empty content in base64' }]);
  const contentType = ensureAcceptableContent(upload.contentType, bytes);
  return { file: { sha256: sha256Of(bytes), size: bytes.length, contentType, fileName: upload.fileName }, bytes };
}
