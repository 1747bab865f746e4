import { EventEnvelope, NewEvent } from '../envelope';

/**
 * Where one event type keeps personal data (R-3.1): the dotted paths of its personal fields in `data`
 * (`contact.email`, `changes.phone`; `items[].description` for a field of each item of a list, whose
 * other fields, such as the items' ids, stay plain) and whose data it is. `subject` names the data subject from the
 * event's data; `'stream'` when the event does not name it and its subject is that of its stream's
 * first event (a message on a demand belongs to the demand's customer).
 */
export interface PersonalDataDeclaration {
  eventType: string;
  fields: readonly string[];
  subject: ((data: never) => string | undefined) | 'stream';
}

/** An event type that erases its subject: appending it first destroys the subject's data key. */
export interface ErasureDeclaration {
  eventType: string;
  subject: (data: never) => string;
}

/** What a service declares about personal data, next to its deciders. */
export interface PersonalDataDeclarations {
  personal: readonly PersonalDataDeclaration[];
  erasures?: readonly ErasureDeclaration[];
}

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

  /** The subject an erasure event erases, if it is one. */
  erasedBy(event: NewEvent): string | undefined {
    const erasure = this.erasures.get(event.type);
    return erasure && (erasure.subject as (data: unknown) => string)(event.data);
  }

  /** The subject named by the event itself; undefined when it has no personal data or names none. */
  subjectNamedBy(event: Pick<EventEnvelope, 'type' | 'data'>): string | undefined {
    const declaration = this.personal.get(event.type);
    if (!declaration || declaration.subject === 'stream') return undefined;
    return (declaration.subject as (data: unknown) => string | undefined)(event.data);
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
