import { EntitySchema } from 'typeorm';

export interface InboxRow {
  consumer: string;
  messageId: string;
  processedAt: Date;
}

/** Message ids each consumer has processed, written in the transaction of the message's effects. */
export const InboxTable = new EntitySchema<InboxRow>({
  name: 'platform_inbox',
  columns: {
    consumer: { type: String, primary: true, length: 200 },
    messageId: { type: String, primary: true, name: 'message_id', length: 100 },
    processedAt: { type: Date, name: 'processed_at' },
  },
});

export interface DeadLetterRow {
  id: string;
  consumer: string;
  messageId: string;
  topic: string;
  message: string;
  error: string;
  attempts: number;
  failedAt: Date;
}

/** Messages a consumer gave up on, with the error; `replayDeadLetters` tries them again. */
export const DeadLetterTable = new EntitySchema<DeadLetterRow>({
  name: 'platform_dead_letter',
  columns: {
    id: { type: String, primary: true, length: 250 },
    consumer: { type: String, length: 200 },
    messageId: { type: String, name: 'message_id', length: 100 },
    topic: { type: String, length: 200 },
    message: { type: 'text' },
    error: { type: 'text' },
    attempts: { type: Number },
    failedAt: { type: Date, name: 'failed_at' },
  },
  indices: [{ columns: ['consumer'] }],
});
