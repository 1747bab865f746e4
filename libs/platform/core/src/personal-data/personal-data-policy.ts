import { EventEnvelope, NewEvent } from '../envelope';

/**
 * Whose data an event's personal fields are. A function names the data subject from the event's data, or
 * answers `null` when this event's fields are no data subject's (the minutes of a department's own meeting:
 * stored plain); `'stream'` when the event does not name it and its subject is that of its stream's first
 * event (a message on a demand belongs to the demand's customer); `{ ofStream }` when it is that of another
 * stream's first event, named from the event's data (a case's plan belongs to the customer its case was
 * opened for), or `null` for none.
 */
export type PersonalDataSubject =
  | ((data: never) => string | null | undefined)
  | 'stream'
  | { ofStream: (data: never) => string | null };

/**
 * Where one event type keeps personal data (R-3.1): the dotted paths of its personal fields in `data`
 * (`contact.email`, `changes.phone`; `items[].description` for a field of each item of a list, whose
 * other fields, such as the items' ids, stay plain; `goals[]` for each item of a list of texts) and whose data it is.
 */
export interface PersonalDataDeclaration {
  eventType: string;
  fields: readonly string[];
  subject: PersonalDataSubject;
}

/**
 * An event type that erases its subject: appending it first destroys the subject's data key. It may name
 * several subjects: a customer and the demands filed from their address before they were known.
 */
export interface ErasureDeclaration {
  eventType: string;
  subject: (data: never) => string | readonly string[];
}

/** What a service declares about personal data, next to its deciders. */
export interface PersonalDataDeclarations {
  personal: readonly PersonalDataDeclaration[];
  erasures?: readonly ErasureDeclaration[];
}

/** Where one event's subject is found, its declaration applied to its data. */
export type SubjectRule = { named: string | null } | { ofOwnStream: true } | { ofStream: string | null };

/** Every service's declarations, looked up by event type. */
export class PersonalDataPolicy {
  private readonly personal = new Map<string, PersonalDataDeclaration>();
  private readonly erasures = new Map<string, ErasureDeclaration>();

  constructor(declarations: readonly PersonalDataDeclarations[]) {
    for (const { personal, erasures = [] } of declarations) {
      for (const d of personal) this.personal.set(d.eventType, d);
      for (const e of erasures) this.erasures.set(e.eventType, e);
    }
  }

  get isEmpty(): boolean {
    return this.personal.size === 0 && this.erasures.size === 0;
  }

  declarationOf(type: string): PersonalDataDeclaration | undefined {
    return this.personal.get(type);
  }

  /** The subjects an erasure event erases: none when it is not one. */
  erasedBy(event: NewEvent): readonly string[] {
    const erasure = this.erasures.get(event.type);
    if (!erasure) return [];
    const erased = (erasure.subject as (data: unknown) => string | readonly string[])(event.data);
    return typeof erased === 'string' ? [erased] : erased;
  }

  /**
   * Where the event's subject is found: named by the event itself (`null`: nobody's), in its stream, or in
   * the other stream it names; undefined when it has no personal data or names no subject.
   */
  subjectRuleOf(event: Pick<EventEnvelope, 'type' | 'data'>): SubjectRule | undefined {
    const declaration = this.personal.get(event.type);
    if (!declaration) return undefined;
    const { subject } = declaration;
    if (subject === 'stream') return { ofOwnStream: true };
    if (typeof subject === 'function') {
      const named = (subject as (data: unknown) => string | null | undefined)(event.data);
      return named === undefined ? undefined : { named };
    }
    return { ofStream: (subject.ofStream as (data: unknown) => string | null)(event.data) };
  }
}

/** Applies `replace` to the value at each dotted path that is set in `data`, on a copy. */
export function mapFields(data: unknown, paths: readonly string[], replace: (value: unknown) => unknown): unknown {
  if (!isRecord(data)) return data;
  let copy: Record<string, unknown> = data;
  for (const path of paths) copy = mapPath(copy, path.split('.'), replace);
  return copy;
}

/** The values set at the dotted paths. */
export function fieldValues(data: unknown, paths: readonly string[]): unknown[] {
  const values: unknown[] = [];
  mapFields(data, paths, (value) => values.push(value));
  return values;
}

function mapPath(record: Record<string, unknown>, [head, ...rest]: string[], replace: (value: unknown) => unknown): Record<string, unknown> {
  if (head.endsWith('[]')) return mapItems(record, head.slice(0, -2), rest, replace);
  const value = record[head];
  if (value === undefined || value === null) return record;
  if (rest.length === 0) return { ...record, [head]: replace(value) };
  if (!isRecord(value)) return record;
  return { ...record, [head]: mapPath(value, rest, replace) };
}

/** `name[]`: the path goes on in each item of the list at `name`; `name[]` alone names each item. */
function mapItems(record: Record<string, unknown>, name: string, rest: string[], replace: (value: unknown) => unknown): Record<string, unknown> {
  const list = record[name];
  if (!Array.isArray(list)) return record;
  const items = list.map((item) => {
    if (rest.length === 0) return item === undefined || item === null ? item : replace(item);
    return isRecord(item) ? mapPath(item, rest, replace) : item;
  });
  return { ...record, [name]: items };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
