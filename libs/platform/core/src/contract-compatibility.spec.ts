import { breakingChanges, compareWithSnapshot, contractSnapshot } from './contract-compatibility';
import { JsonSchema } from './contract';

const assigned: JsonSchema = {
  $id: 'urn:serviceledger:intake:demand.assigned:v1',
  title: 'demand.assigned v1',
  description: 'A demand was assigned.',
  type: 'object',
  additionalProperties: false,
  required: ['demandId', 'departmentId', 'priority'],
  properties: {
    demandId: { type: 'string', minLength: 1 },
    departmentId: { type: 'string', minLength: 1 },
    priority: { enum: ['P1', 'P2', 'P3'] },
    note: { type: 'string' },
    responsibilities: { type: 'array', items: { type: 'object', required: ['departmentId'], properties: { departmentId: { type: 'string' } } } },
  },
};
const changed = (change: (schema: any) => void): JsonSchema => {
  const copy = structuredClone(assigned);
  change(copy);
  return copy;
};

describe('the contract compatibility gate (ADR 0012)', () => {
  it('passes a version that gains an optional field or changes only its wording', () => {
    expect(breakingChanges(assigned, changed((s) => (s.properties.waitedOn = { type: 'string' })))).toEqual([]);
    expect(breakingChanges(assigned, changed((s) => (s.properties.responsibilities.items.properties.role = { type: 'string' })))).toEqual([]);
    expect(breakingChanges(assigned, changed((s) => (s.description = 'A demand was given to a department.')))).toEqual([]);
  });

  it('fails a version that breaks a consumer, naming the field and what changed', () => {
    expect(breakingChanges(assigned, changed((s) => delete s.properties.note))).toEqual(['field data.note removed']);
    expect(
      breakingChanges(assigned, changed((s) => {
        delete s.properties.departmentId;
        s.required = ['demandId', 'priority'];
      })),
    ).toEqual(['field data.departmentId removed']);
    expect(breakingChanges(assigned, changed((s) => (s.properties.demandId = { type: 'integer', minimum: 1 })))).toEqual([
      'data.demandId retyped from "string" to "integer"',
      'data.demandId lost the constraint minLength: 1',
      'data.demandId gained the constraint minimum: 1',
    ]);
    expect(
      breakingChanges(assigned, changed((s) => {
        s.properties.reason = { type: 'string' };
        s.required.push('reason');
      })),
    ).toEqual(['required field data.reason added']);
    expect(breakingChanges(assigned, changed((s) => s.required.push('note')))).toEqual(['field data.note became required']);
    expect(breakingChanges(assigned, changed((s) => (s.required = ['demandId', 'departmentId'])))).toEqual(['field data.priority is no longer required']);
    expect(breakingChanges(assigned, changed((s) => (s.properties.priority.enum = ['P1', 'P2'])))).toEqual(['data.priority: enum value(s) "P3" removed']);
    expect(breakingChanges(assigned, changed((s) => (s.properties.priority.enum = ['P1', 'P2', 'P3', 'P4'])))).toEqual([
      'data.priority: enum value(s) "P4" added (a consumer handles only the values it was promised)',
    ]);
    expect(breakingChanges(assigned, changed((s) => (s.properties.responsibilities.items.properties.departmentId.type = 'number')))).toEqual([
      'data.responsibilities(items).departmentId retyped from "string" to "number"',
    ]);
    expect(breakingChanges(assigned, changed((s) => (s.properties.note.maxLength = 200)))).toEqual(['data.note gained the constraint maxLength: 200']);
  });

  it('compares a catalogue with its snapshot: a recorded version dropped breaks; a new version or a grown one is to record', () => {
    const v1 = { type: 'serviceledger.intake.demand.assigned.v1', schema: assigned };
    const snapshot = contractSnapshot([v1]);
    expect(compareWithSnapshot(snapshot, [v1])).toEqual({ breaking: [], unrecorded: [] });
    expect(compareWithSnapshot(snapshot, [])).toEqual({
      breaking: ['serviceledger.intake.demand.assigned.v1: the published version is gone from the catalogue (consumers still read its messages)'],
      unrecorded: [],
    });
    const grown = { ...v1, schema: changed((s) => (s.properties.waitedOn = { type: 'string' })) };
    const v2 = { type: 'serviceledger.intake.demand.assigned.v2', schema: changed((s) => delete s.properties.note) };
    expect(compareWithSnapshot(snapshot, [grown, v2])).toEqual({
      breaking: [],
      unrecorded: ['serviceledger.intake.demand.assigned.v1: grown compatibly', 'serviceledger.intake.demand.assigned.v2: a new version'],
    });
  });
});
