import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { Contract, JsonSchema } from './contract';

/**
 * A draft 2020-12 validator for the services' contract schemas. Strict, except `strictRequired`: a
 * schema's `if`/`then` may list in `required` properties declared at its top level, which is standard
 * JSON Schema but trips that ajv-only check. `allErrors`, so that a refusal names every broken field.
 */
export function createJsonSchemaValidator(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
  addFormats(ajv);
  return ajv;
}

/** A payload that does not match its contract's schema, or a type no contract of the catalogue defines. */
export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';
  constructor(
    readonly type: string,
    /** What is wrong, as ajv words it (`data must have required property 'reference', …`). */
    readonly errors: string,
  ) {
    super(`${type}: ${errors}`);
  }
}

export type ContractCheck = { status: 'valid' } | { status: 'unknown' } | { status: 'invalid'; violation: ContractViolation };

// One validator per process; each contract version's schema is compiled once, on its first use.
let ajv: Ajv2020 | undefined;
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

function validatorOf(schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    ajv ??= createJsonSchemaValidator();
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** Why `data` breaks `contract`, or undefined when it keeps it. */
export function contractViolation(contract: Pick<Contract, 'type' | 'schema'>, data: unknown): ContractViolation | undefined {
  const validate = validatorOf(contract.schema);
  if (validate(data)) return undefined;
  return new ContractViolation(contract.type, ajv!.errorsText(validate.errors, { dataVar: 'data' }));
}

/** Throws the `ContractViolation` of `data` that breaks `contract`. */
export function assertContract(contract: Pick<Contract, 'type' | 'schema'>, data: unknown): void {
  const violation = contractViolation(contract, data);
  if (violation) throw violation;
}

/**
 * The contracts a consumer reads or a relay publishes, by CloudEvents type: each message is checked
 * against its own contract version's schema. Every schema compiles when the catalogue is made, so a
 * broken one stops the process at start-up rather than at its first message.
 */
export class ContractCatalogue {
  private readonly byType = new Map<string, Contract>();

  constructor(contracts: readonly Contract[]) {
    for (const contract of contracts) {
      validatorOf(contract.schema);
      this.byType.set(contract.type, contract);
    }
  }

  check(message: { type: string; data: unknown }): ContractCheck {
    const contract = this.byType.get(message.type);
    if (!contract) return { status: 'unknown' };
    const violation = contractViolation(contract, message.data);
    return violation ? { status: 'invalid', violation } : { status: 'valid' };
  }
}
