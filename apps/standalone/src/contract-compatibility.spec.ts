import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Contract, JsonSchema, compareWithSnapshot } from '@serviceledger/platform/core';
import { CONTRACT_SNAPSHOT_FILE, publishedContracts, readContractSnapshot } from './contract-snapshot';

type ObjectSchema = JsonSchema & { properties: Record<string, JsonSchema & { enum?: unknown[] }>; required: string[] };

/**
 * Issue 23 item 2, the contract compatibility gate: every published contract version is recorded in
 * docs/asyncapi/contracts.snapshot.json, and none may change in a way that breaks its consumers (ADR 0012).
 */
describe('the contract compatibility gate', () => {
  it('finds every published contract version recorded, and none changed in a way that breaks a consumer', () => {
    const report = compareWithSnapshot(readContractSnapshot(), publishedContracts());
    // A breaking change needs a new version (docs/kafka.md). Unrecorded versions: record them with
    //   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register apps/standalone/src/record-contracts.ts
    expect(report).toEqual({ breaking: [], unrecorded: [] });
    expect(Object.keys(readContractSnapshot())).toHaveLength(publishedContracts().length);
  });

  describe('on a scratch copy of the snapshot and the catalogue', () => {
    let dir: string;
    let snapshotFile: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'sl-contract-gate-'));
      snapshotFile = join(dir, 'contracts.snapshot.json');
      copyFileSync(CONTRACT_SNAPSHOT_FILE, snapshotFile);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    /** The catalogue with one published schema changed, and what the gate says of it. */
    const gateAfter = (type: string, change: (schema: ObjectSchema) => void, extra: Contract[] = []) => {
      const catalogue = structuredClone(publishedContracts()).map((contract) => {
        if (contract.type === type) change(contract.schema as ObjectSchema);
        return contract;
      });
      return compareWithSnapshot(readContractSnapshot(snapshotFile), [...catalogue, ...extra]);
    };
    const withEnum = publishedContracts().find((c) => Object.values((c.schema as ObjectSchema).properties).some((p) => Array.isArray(p.enum) && p.enum.length > 1))!;
    const enumField = Object.entries((withEnum.schema as ObjectSchema).properties).find(([, p]) => Array.isArray(p.enum) && p.enum.length > 1)![0];
    const [target] = publishedContracts();
    const field = (target.schema as ObjectSchema).required[0];

    it('fails when a published version loses a field, retypes one, requires a new one or drops an enum value', () => {
      expect(gateAfter(target.type, (s) => delete s.properties[field]).breaking).toEqual([`${target.type}: field data.${field} removed`]);
      expect(gateAfter(target.type, (s) => (s.properties[field] = { type: 'boolean' })).breaking).toContain(`${target.type}: data.${field} retyped from "string" to "boolean"`);
      expect(
        gateAfter(target.type, (s) => {
          s.properties['approvedBy'] = { type: 'string' };
          s.required.push('approvedBy');
        }).breaking,
      ).toEqual([`${target.type}: required field data.approvedBy added`]);
      const dropped = (withEnum.schema as ObjectSchema).properties[enumField].enum!.at(-1);
      expect(gateAfter(withEnum.type, (s) => (s.properties[enumField] = { ...s.properties[enumField], enum: s.properties[enumField].enum!.slice(0, -1) })).breaking).toEqual([
        `${withEnum.type}: data.${enumField}: enum value(s) ${JSON.stringify(dropped)} removed`,
      ]);
    });

    it('passes a new optional field and a new version, and lists them to record', () => {
      const next: Contract = { ...target, type: target.type.replace(/\.v\d+$/, '.v99'), version: 99 };
      const report = gateAfter(target.type, (s) => (s.properties['channelNote'] = { type: 'string' }), [next]);
      expect(report.breaking).toEqual([]);
      expect(report.unrecorded.sort()).toEqual([`${next.type}: a new version`, `${target.type}: grown compatibly`].sort());
    });
  });
});
