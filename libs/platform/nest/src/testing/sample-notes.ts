/**
 * A minimal service used to test the platform's Nest shell end to end: one aggregate, one
 * projection, one controller. Real services follow the same shape.
 */
import { Body, Controller, Get, Module, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { IsString, Length } from 'class-validator';
import { Aggregate, Command, CommandMetadata, Decider, DomainEvent, EventEnvelope, NotFoundError, RuleViolation } from '@serviceledger/platform/core';
import { IntegrationMessage, contractMessage } from '@serviceledger/platform/messaging';
import { RequirePermission } from '@serviceledger/platform/auth';
import { CommandAccepted, CommandContext } from '../command-context';
import { Commands } from '../commands';
import { ConsistentQuery } from '../query-dto';
import { ReadModels } from '../read-models.service';
import { ServiceDefinition } from '../service-definition';

type NoteCommand = Command<'WriteNote', { id: string; title: string }> | Command<'ArchiveNote', { id: string }>;
type NoteEvent = DomainEvent<'NoteWritten', { id: string; title: string }> | DomainEvent<'NoteArchived', { id: string }>;
type NoteState = { status: 'none' | 'open' | 'archived' };

export const note: Decider<NoteCommand, NoteEvent, NoteState> = {
  initialState: () => ({ status: 'none' }),
  evolve: (_, event) => ({ status: event.type === 'NoteWritten' ? 'open' : 'archived' }),
  decide(command, state) {
    if (command.type === 'WriteNote') {
      if (state.status !== 'none') throw new RuleViolation('note-exists', `Note ${command.data.id} already exists`);
      return [{ type: 'NoteWritten', data: command.data }];
    }
    if (state.status === 'none') throw new NotFoundError('Note', command.data.id);
    if (state.status === 'archived') throw new RuleViolation('note-archived', 'An archived note cannot be archived again');
    return [{ type: 'NoteArchived', data: command.data }];
  },
};

export const notes: Aggregate<NoteCommand, NoteEvent, NoteState> = {
  name: 'Note',
  streamPrefix: 'sample.note-',
  decider: note,
  idOf: (command) => command.data.id,
  creates: ['WriteNote'],
};

export const sampleService: ServiceDefinition = {
  name: 'sample',
  projections: [
    {
      name: 'sample.notes',
      version: 1,
      filter: { streamPrefixes: ['sample.note-'] },
      tables: {
        note: {
          columns: {
            id: { type: String, primary: true },
            title: { type: String },
            status: { type: String },
          },
        },
      },
      async apply(events, tables) {
        const notes = tables.table('note');
        for (const e of events) {
          const data = e.data as { id: string; title?: string };
          if (e.type === 'NoteWritten') notes.upsert({ id: data.id, title: data.title, status: 'open' });
          if (e.type === 'NoteArchived') await notes.update({ id: data.id }, { status: 'archived' });
        }
      },
    },
  ],
};

/** The sample service with its notes' titles personal (ADR 0016), each note its own data subject. */
export const personalNotesService: ServiceDefinition = {
  ...sampleService,
  personalData: { personal: [{ eventType: 'NoteWritten', fields: ['title'], subject: (data: { id: string }) => data.id }] },
};

/** The topic a relay of the sample service's notes publishes on. */
export const SAMPLE_NOTE_TOPIC = 'serviceledger.sample.note.v1';

/** A note event as a relay of the sample service sends it, under the message type given. */
export function noteMessage(event: EventEnvelope, type: string): IntegrationMessage {
  return contractMessage(event, { type, topic: SAMPLE_NOTE_TOPIC }, { source: '/serviceledger/sample', key: event.stream }, event.data);
}

class WriteNoteDto {
  @IsString()
  @Length(1, 80)
  title!: string;
}

class ReadDto extends ConsistentQuery {}

@Controller('sample/notes')
export class SampleNotesController {
  constructor(
    private readonly commands: Commands,
    private readonly readModels: ReadModels,
  ) {}

  @Post(':id')
  @RequirePermission('demand:register')
  write(@Param('id', ParseUUIDPipe) id: string, @Body() body: WriteNoteDto, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(notes, { type: 'WriteNote', data: { id, title: body.title }, metadata });
  }

  @Post(':id/archive')
  @RequirePermission('demand:register')
  archive(@Param('id', ParseUUIDPipe) id: string, @CommandContext() metadata: CommandMetadata): Promise<CommandAccepted> {
    return this.commands.execute(notes, { type: 'ArchiveNote', data: { id }, metadata });
  }

  @Get(':id')
  @RequirePermission('demand:read')
  async get(@Param('id', ParseUUIDPipe) id: string, @Query() query: ReadDto) {
    await this.readModels.after('sample.notes', query);
    const found = await this.readModels.repository('sample.notes', 'note').findOneBy({ id });
    if (!found) throw new NotFoundError('Note', id);
    return found;
  }
}

@Module({ controllers: [SampleNotesController] })
export class SampleNotesModule {}
