import { validateSync } from 'class-validator';
import { IsIdentifier } from './identifier';

class Route {
  @IsIdentifier()
  departmentId!: string;

  @IsIdentifier({ each: true })
  categories!: string[];
}

const errorsOf = (departmentId: string, categories: string[]) =>
  validateSync(Object.assign(new Route(), { departmentId, categories })).flatMap((error) => Object.values(error.constraints ?? {}));

describe('IsIdentifier', () => {
  it('takes lower-case letters, digits and dashes, starting with a letter or digit, up to 64', () => {
    expect(errorsOf('tech-support', ['technical-support', 'p1'])).toEqual([]);
    expect(errorsOf('a'.repeat(64), [])).toEqual([]);
  });

  it('names the property in its message, for one identifier and for each of a list', () => {
    expect(errorsOf('Tech Support', [])).toEqual(['departmentId must be a lower-case identifier']);
    expect(errorsOf('-tech', ['ok', 'a'.repeat(65)])).toEqual([
      'departmentId must be a lower-case identifier',
      'categories must be lower-case identifiers',
    ]);
  });
});
