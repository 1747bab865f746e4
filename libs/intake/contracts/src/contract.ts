import { Contract, contractDefiner } from '@serviceledger/platform/core';
import { IntakeTopic } from './topics';

/** One public event of the intake service: `serviceledger.intake.<event>.v<version>` on an intake topic. */
export type IntakeContract<Type extends string = string> = Contract<Type, IntakeTopic>;

export const defineIntakeContract = contractDefiner<'intake', IntakeTopic>('intake');
