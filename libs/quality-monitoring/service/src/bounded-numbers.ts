import { ValidationArguments, registerDecorator } from 'class-validator';

export interface NumberRange {
  min: number;
  max: number;
}

/**
 * Validates a request property that is an object of numbers by name (weights, reference minutes,
 * indicator values): the value of every name `rangeOf` knows is a finite number within its range, or
 * null where `nullable`. Names it does not know are left to the decider, which refuses them by name.
 * class-validator's own decorators see only the object, not its values.
 */
export function IsBoundedNumbers(rangeOf: (name: string) => NumberRange | undefined, options: { nullable?: boolean } = {}): PropertyDecorator {
  const problemOf = (value: unknown, property: string): string | undefined => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${property} must be an object of numbers by name`;
    for (const [name, number] of Object.entries(value)) {
      const range = rangeOf(name);
      if (!range || (number === null && options.nullable)) continue;
      if (typeof number !== 'number' || !(number >= range.min && number <= range.max)) {
        return `${property}.${name} must be a number from ${range.min} to ${range.max}`;
      }
    }
    return undefined;
  };
  return (target, propertyKey) =>
    registerDecorator({
      name: 'isBoundedNumbers',
      target: target.constructor,
      propertyName: propertyKey as string,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => problemOf(value, args.property) === undefined,
        defaultMessage: (args: ValidationArguments) => problemOf(args.value, args.property) ?? '',
      },
    });
}
