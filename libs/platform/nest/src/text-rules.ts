import { ArgumentMetadata, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { ValidationTypes, getMetadataStorage } from 'class-validator';
import { FieldError, InvalidInputException, fieldErrorsOf } from './problem-details';
import { cacheValidationMetadataLookups } from './validation-metadata-cache';

/** C0 controls but tab, LF and CR, and DEL: no text field holds them, and PostgreSQL text refuses NUL. */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * The validation pipe with the rules every text field of a body or query follows: no control characters
 * (other than tab, CR and LF) at any depth, checked before validation, and no required text that is blank.
 */
export class TextRulesValidationPipe extends ValidationPipe {
  constructor(options?: ValidationPipeOptions) {
    super(options);
    cacheValidationMetadataLookups();
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // A path parameter is read by its own pipe (path-params.ts), as written: turned into a number here first,
    // `1e3` would pass for 1000.
    if (metadata.type === 'param') return value;
    const checked = metadata.type === 'body' || metadata.type === 'query';
    if (checked) refuseIfAny(controlCharactersIn(value, metadata.data ?? metadata.type));
    const transformed: unknown = await super.transform(value, metadata);
    if (checked) refuseIfAny(blankRequiredTextIn(transformed, ''));
    return transformed;
  }
}

/** Every body and query of every route: unknown fields refused, values turned into the DTO's types, errors by field. */
export function platformValidationPipe(): TextRulesValidationPipe {
  return new TextRulesValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new InvalidInputException(fieldErrorsOf(errors)),
  });
}

function refuseIfAny(errors: FieldError[]): void {
  if (errors.length > 0) throw new InvalidInputException(errors);
}

/** The fields, at any depth, whose text holds a control character; a body or query that is one text is named as it is taken. */
function controlCharactersIn(value: unknown, field: string, parent = ''): FieldError[] {
  if (typeof value === 'string') {
    const name = parent || field;
    return CONTROL_CHARACTER.test(value) ? [{ field: name, message: `${name} must not contain control characters` }] : [];
  }
  // A raw body (message/rfc822) is bytes, for its own parser to read.
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => controlCharactersIn(child, field, parent ? `${parent}.${key}` : key));
}

/** The required text properties, at any depth of a validated DTO, that are empty or only whitespace. */
function blankRequiredTextIn(value: unknown, parent: string): FieldError[] {
  // A raw body (message/rfc822) is bytes: walked as an object, each byte would be an entry.
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return [];
  const field = (key: string) => (parent ? `${parent}.${key}` : key);
  if (Array.isArray(value)) return value.flatMap((item, index) => blankRequiredTextIn(item, field(String(index))));
  const validations = getMetadataStorage().getTargetValidationMetadatas(value.constructor, '', true, false);
  const optional = new Set(validations.filter((v) => v.type === ValidationTypes.CONDITIONAL_VALIDATION).map((v) => v.propertyName));
  const validated = new Set(validations.map((v) => v.propertyName));
  return Object.entries(value).flatMap(([key, child]) => {
    if (typeof child !== 'string') return blankRequiredTextIn(child, field(key));
    const blank = validated.has(key) && !optional.has(key) && child.trim() === '';
    return blank ? [{ field: field(key), message: `${field(key)} must not be blank` }] : [];
  });
}
