import { ensureReachable, normaliseEmail, normalisePhone } from './contact-details';

describe('contact details', () => {
  it('compare e-mail addresses without case or surrounding blanks', () => {
    expect(normaliseEmail('  Li.Wei@Example.COM ')).toBe('li.wei@example.com');
  });

  it('keep only the leading plus and the digits of a phone number', () => {
    expect(normalisePhone(' +86 (10) 1234-5678 ')).toBe('+861012345678');
    expect(normalisePhone('010.1234 5678')).toBe('01012345678');
  });

  it('write a phone number in international form wherever its written form says the country', () => {
    for (const written of ['+8613800138000', '+86 138 0013 8000', '0086 138 0013 8000', '008613800138000', '13800138000', '138 0013 8000', '138-0013-8000', ' (138) 0013 8000 ']) {
      expect(normalisePhone(written)).toBe('+8613800138000');
    }
    expect(normalisePhone('00852 9123 4567')).toBe('+85291234567');
    expect(normalisePhone('+852 9123 4567')).toBe('+85291234567');
  });

  it('leave a number without a country code as written unless it is a mainland mobile', () => {
    expect(normalisePhone('9123 4567')).toBe('91234567');
    expect(normalisePhone('23800138000')).toBe('23800138000');
    expect(normalisePhone('138001380001')).toBe('138001380001');
    expect(normalisePhone('1380013800')).toBe('1380013800');
  });

  it('are idempotent, so a number stored normalised is found by its normalised form', () => {
    for (const written of ['+86 138 0013 8000', '0086 10 1234 5678', '13800138000', '010 1234 5678', '9123 4567']) {
      expect(normalisePhone(normalisePhone(written))).toBe(normalisePhone(written));
    }
  });

  it('are reachable by phone or by e-mail', () => {
    expect(() => ensureReachable('Customer c-1', '+861012345678', undefined)).not.toThrow();
    expect(() => ensureReachable('Customer c-1', undefined, 'a@b.cn')).not.toThrow();
  });

  it('refuse a contact with neither phone nor e-mail', () => {
    expect(() => ensureReachable('Customer c-1', undefined, undefined)).toThrow(
      expect.objectContaining({ name: 'RuleViolation', code: 'contact-unreachable' }),
    );
  });
});
