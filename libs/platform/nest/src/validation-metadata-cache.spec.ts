import { IsInt, IsString, getMetadataStorage, validateSync } from 'class-validator';
import { cacheValidationMetadataLookups } from './validation-metadata-cache';

class Visit {
  @IsString()
  note!: unknown;
  count?: unknown;
}

const failing = (value: object) => validateSync(value).map((error) => error.property);

describe('cached validation metadata lookups', () => {
  beforeAll(() => cacheValidationMetadataLookups());

  it('validates as before, however often a class is looked up', () => {
    expect(failing(Object.assign(new Visit(), { note: 1 }))).toEqual(['note']);
    expect(failing(Object.assign(new Visit(), { note: 'ok' }))).toEqual([]);
    expect(failing(Object.assign(new Visit(), { note: 2 }))).toEqual(['note']);
  });

  it('sees a rule registered after the first lookup', () => {
    expect(failing(Object.assign(new Visit(), { note: 'ok', count: 'x' }))).toEqual([]);
    IsInt()(Visit.prototype, 'count');
    expect(failing(Object.assign(new Visit(), { note: 'ok', count: 'x' }))).toEqual(['count']);
  });

  it('hands out a copy, so a caller that changes its answer changes no later one', () => {
    const first = getMetadataStorage().getTargetValidationMetadatas(Visit, '', true, false);
    first.length = 0;
    expect(getMetadataStorage().getTargetValidationMetadatas(Visit, '', true, false).map((rule) => rule.propertyName).sort()).toEqual(['count', 'note']);
  });
});
