import { exampleOf, sampleOfPattern } from './schema-example';

describe('examples of contract schemas', () => {
  it('samples the simple anchored patterns the contracts use, and asks for an `examples` annotation for any other', () => {
    expect(sampleOfPattern('^SR-\\d{4}-\\d{6,}$')).toBe('SR-1111-111111');
    expect(sampleOfPattern('^\\d{4}-(0[1-9]|1[0-2]|Q[1-4])$')).toBe('1111-01');
    expect(sampleOfPattern('^\\d{4}(-(0[1-9]|1[0-2]))?$')).toBe('1111-01');
    expect(() => sampleOfPattern('^[^a]+$', 'code')).toThrow('no example for code: give its pattern ^[^a]+$ an `examples` annotation');
    expect(() => sampleOfPattern('SR-\\d+', 'reference')).toThrow('no example for reference');
  });

  it('takes the schema’s own example first, and keeps the branch of a conditional the example takes', () => {
    expect(exampleOf({ type: 'string', pattern: '^x.*$', examples: ['xyz'] })).toBe('xyz');
    const webOnly = {
      type: 'object',
      properties: { channel: { enum: ['phone', 'web'] }, subChannel: { type: 'string' } },
      if: { properties: { channel: { const: 'web' } } },
      then: { required: ['subChannel'] },
      else: { not: { required: ['subChannel'] } },
    };
    expect(exampleOf(webOnly)).toEqual({ channel: 'phone' });
    const late = {
      type: 'object',
      properties: { outcome: { enum: ['missed'] }, diffMinutes: { type: 'integer' } },
      if: { properties: { outcome: { const: 'met' } } },
      then: { properties: { diffMinutes: { minimum: 0 } } },
      else: { properties: { diffMinutes: { exclusiveMaximum: 0 } } },
    };
    expect(exampleOf(late)).toEqual({ outcome: 'missed', diffMinutes: -1 });
  });
});
