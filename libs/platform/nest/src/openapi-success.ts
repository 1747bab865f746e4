import type { OperationObject, ParameterObject, ResponseObject, SchemaObject } from '@nestjs/swagger';

const SUCCESS_STATUS = /^[23]\d\d$/;
const JSON_MEDIA_TYPE = 'application/json';

const PAGE_ITEMS: SchemaObject = { type: 'array', items: { type: 'object' }, description: 'The records of this page, in the order asked for' };
const PAGE_SIZE: SchemaObject = { type: 'integer', minimum: 1, maximum: 200, description: 'The most records a page holds', example: 50 };

/** The shapes success responses share: what a command answers, and the two envelopes of a list. */
export const SUCCESS_SCHEMAS: Record<string, SchemaObject> = {
  CommandAccepted: {
    type: 'object',
    description:
      'What a command answers: the instance it acted on and the checkpoint to read after. Some commands say more about what they ' +
      'did, beside these: a new demand its `reference`, a new version of a definition its `version`, a received procurement its `assetIds`.',
    required: ['id'],
    properties: {
      id: { type: 'string', description: 'The id of the instance the command acted on (the new one, for a command that creates)', example: '0f8fad5b-d9cb-469f-a165-70867728950e' },
      checkpoint: { type: 'string', description: 'Pass as `?after=` to a query to read this command’s effects', example: '1742' },
    },
    additionalProperties: true,
  },
  Page: {
    type: 'object',
    description: 'A page of a list: `page` of `ceil(total / pageSize)`. A list may say more about its page beside these (the training matrix its `year` and `today`)',
    required: ['items', 'page', 'pageSize', 'total'],
    properties: {
      items: PAGE_ITEMS,
      page: { type: 'integer', minimum: 1, description: 'The page number, from 1', example: 1 },
      pageSize: PAGE_SIZE,
      total: { type: 'integer', minimum: 0, description: 'How many records match, on every page', example: 137 },
    },
    additionalProperties: true,
  },
  KeysetPage: {
    type: 'object',
    description: 'A page of a list read by cursor: while more records match, `next` is the cursor of the page after',
    required: ['items', 'pageSize'],
    properties: {
      items: PAGE_ITEMS,
      page: { type: 'integer', minimum: 1, description: 'The page number asked for with `page`; absent on a page asked for by `cursor`', example: 1 },
      pageSize: PAGE_SIZE,
      next: { type: 'string', description: 'Pass as `cursor` (same sort and filters) for the page after; absent on the last page' },
      total: { type: 'integer', minimum: 0, description: 'How many records match: only with `count=exact`', example: 137 },
    },
  },
};

/** What the success response needs to know of the route beyond what Swagger reflects. */
export interface SuccessFacts {
  /** It sends a command, so it answers CommandAccepted. */
  command: boolean;
  /** The media types it answers in, when not JSON. */
  produces: string[];
}

/**
 * Describes the operation's success response unless its route does (`@ApiOkResponse` and the like): a command's is
 * CommandAccepted; a list with `page` and `pageSize` answers a Page (a KeysetPage when it also takes a `cursor`); a
 * file its media type; any other read the thing its summary names. The readiness probe also documents its 503.
 */
export function describeSuccess(operation: OperationObject, path: string, facts: SuccessFacts): void {
  const [status, response] = Object.entries(operation.responses).find(([code]) => SUCCESS_STATUS.test(code)) ?? [];
  if (!status || !response || '$ref' in response) return;
  if (!response.description && !response.content) operation.responses[status] = successOf(operation, facts);
  else response.description ||= answerOf(operation.summary ?? '');
  if (path === '/health/ready') operation.responses['503'] = NOT_READY;
}

function successOf(operation: OperationObject, facts: SuccessFacts): ResponseObject {
  if (facts.produces.length > 0) return { description: answerOf(operation.summary ?? ''), content: Object.fromEntries(facts.produces.map((type) => [type, { schema: fileSchema(type) }])) };
  if (facts.command) {
    return {
      description: 'The command is done: the id of the instance it acted on (the new one, for a command that creates) and the checkpoint to read after',
      content: { [JSON_MEDIA_TYPE]: { schema: { $ref: '#/components/schemas/CommandAccepted' } } },
    };
  }
  const queries = new Set((operation.parameters ?? []).filter((p): p is ParameterObject => 'in' in p && p.in === 'query').map((p) => p.name));
  if (queries.has('page') && queries.has('pageSize')) {
    const envelope = queries.has('cursor') ? 'KeysetPage' : 'Page';
    return { description: `${answerOf(operation.summary ?? '')}: one page`, content: { [JSON_MEDIA_TYPE]: { schema: { $ref: `#/components/schemas/${envelope}` } } } };
  }
  return { description: answerOf(operation.summary ?? '') };
}

function fileSchema(mediaType: string): SchemaObject {
  return mediaType === 'text/csv'
    ? { type: 'string', description: 'UTF-8 with a byte-order mark; a header row, then a row per record' }
    : { type: 'string', format: 'binary' };
}

/** What a read answers, in the words of its summary: "Read a demand with its timeline" answers "A demand with its timeline". */
function answerOf(summary: string): string {
  const answer = summary.replace(/^(Read|List|Export|Download) /, '');
  return answer.charAt(0).toUpperCase() + answer.slice(1);
}

const NOT_READY: ResponseObject = {
  description:
    'Not ready: `checks` gives the state of each check (`up`, `down`, `halted`, `failed`, `unknown`, `catching up: <n> of <m> events`), `detail` the same in one line; ' +
    'take the process out of service. Why a check is not up is logged, not answered',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
};
