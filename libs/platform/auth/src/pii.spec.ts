import { ERASED } from '@serviceledger/platform/core';
import { maskPersonal } from './pii';

interface Contact {
  id: string;
  name: string;
  phone: string;
  email: string;
  otherPhones: string[];
  address?: string | null;
  channel: string;
}

const contact: Contact = {
  id: 'c-1',
  name: '張三',
  phone: '13812345678',
  email: 'alice@example.com',
  otherPhones: ['+86 138-1234-5678', '021-6543-2100'],
  address: null,
  channel: 'phone',
};
const personal = ['name', 'phone', 'email', 'otherPhones', 'address'] as const;

describe('maskPersonal', () => {
  it('masks every personal field for a principal without customer-pii:read', () => {
    expect(maskPersonal(contact, personal, { roles: ['department-member'] })).toEqual({
      id: 'c-1',
      name: '張*',
      phone: '138****5678',
      email: 'a***@example.com',
      otherPhones: ['+86 1**-****-5678', '021-****-2100'],
      address: null,
      channel: 'phone',
    });
  });

  it('keeps the first character of a name, however long and in whatever script', () => {
    const mask = (name: string) => maskPersonal({ name }, ['name'], { roles: ['analyst'] }).name;
    expect(mask('王小明')).toBe('王**');
    expect(mask('歐陽娜娜')).toBe('歐***');
    expect(mask('𠮷野家')).toBe('𠮷**');
    expect(mask('Alice Smith')).toBe('A**********');
    expect(mask('李')).toBe('李');
  });

  it('shows no more digits of a local phone number than it hides, however short', () => {
    const mask = (phone: string) => maskPersonal({ phone }, ['phone'], { roles: ['analyst'] }).phone;
    expect(mask('9123 4567')).toBe('**** 4567');
    expect(mask('12-34-56-78')).toBe('**-**-56-78');
    expect(mask('1234567')).toBe('*****67');
    expect(mask('+852 9123 4567')).toBe('+852 **** 4567');
  });

  it('shows the record as it is to a principal with customer-pii:read', () => {
    expect(maskPersonal(contact, personal, { roles: ['agent'] })).toEqual(contact);
  });

  it('shows an erased field as erased, not as a masked initial (ADR 0016)', () => {
    const erased = { ...contact, name: ERASED, email: ERASED, otherPhones: [ERASED] };
    expect(maskPersonal(erased, personal, { roles: ['analyst'] })).toMatchObject({ name: ERASED, email: ERASED, otherPhones: [ERASED] });
  });

  it('does not change the record it was given', () => {
    maskPersonal(contact, personal, { roles: ['analyst'] });
    expect(contact.phone).toBe('13812345678');
  });
});
