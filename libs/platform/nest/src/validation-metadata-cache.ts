import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Lookup = Storage['getTargetValidationMetadatas'];

let installed = false;

/**
 * class-validator looks up a class's rules by testing the class against every class that has any, for each object
 * of each request: 4 % of the standalone app's time under load (six services' DTOs). The rules only change when a
 * decorator registers one, so each answer is kept until then. A copy is handed out: the cache stays as found
 * (ADR 0027).
 */
export function cacheValidationMetadataLookups(): void {
  if (installed) return;
  installed = true;
  const storage = getMetadataStorage();
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const addValidationMetadata = storage.addValidationMetadata.bind(storage);
  let answers = new Map<string, ReturnType<Lookup>>();
  const classIds = new WeakMap<object, number>();
  let classes = 0;
  const idOf = (target: object) => {
    let id = classIds.get(target);
    if (id === undefined) classIds.set(target, (id = classes++));
    return id;
  };
  storage.addValidationMetadata = (metadata) => {
    answers = new Map();
    addValidationMetadata(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${idOf(target)}|${schema}|${always}|${strictGroups}|${groups?.join(',') ?? ''}`;
    let answer = answers.get(key);
    if (!answer) answers.set(key, (answer = lookup(target, schema, always, strictGroups, groups)));
    return answer.slice();
  };
}
