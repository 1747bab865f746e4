import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerRow, Page } from '../api/types';
import { useApi, useCan } from '../session/session-context';

const LOOKS_LIKE_PHONE = /^\+?[0-9 ()-]{5,30}$/;
/** A look-up by phone reads customers' personal data: the API records each one with the reason given (R-3.1). */
export const PHONE_LOOKUP_REASON = 'Identifying a caller to register their demand';

/**
 * The customer, looked up as the agent types: a phone number is matched by the API (contacts are masked in
 * lists, so only it can compare them), for those who may read personal data, with the reason recorded for each
 * customer found; anything else, or by anyone else, by the API against part of the organisations' names
 * (a year holds thousands of customers, more than one page). A customer the agent has just registered
 * (`justRegistered`) is offered too: the list reads a read model that may not hold them yet.
 */
export function CustomerLookup({ id, value, onChange, justRegistered }: { id?: string; value?: string; onChange?(customerId: string): void; justRegistered?: CustomerRow }) {
  const { t } = useTranslation();
  const api = useApi();
  const byPhone = useCan()('customer-pii:read');
  const [text, setText] = useState('');
  const [found, setFound] = useState<CustomerRow[]>([]);
  const [chosen, setChosen] = useState<CustomerRow>();
  const latest = useRef(0);
  useEffect(() => {
    const query = text.trim();
    const mine = ++latest.current;
    if (query === '') {
      setFound([]);
      return undefined;
    }
    const timer = setTimeout(() => {
      const by = byPhone && LOOKS_LIKE_PHONE.test(query) ? { phone: query, reason: PHONE_LOOKUP_REASON } : { organisation: query };
      api.get<Page<CustomerRow>>('/intake/customers', { ...by, pageSize: 20 }).then(
        (page) => mine === latest.current && setFound(page.items),
        () => mine === latest.current && setFound([]),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [api, byPhone, text]);
  const shown = [justRegistered, chosen, ...found].filter((customer, i, all): customer is CustomerRow => !!customer && all.findIndex((c) => c?.customerId === customer.customerId) === i);
  return (
    <Select
      id={id}
      value={value}
      placeholder={t('register.customerSearch')}
      showSearch={{ filterOption: false, onSearch: setText }}
      notFoundContent={text.trim() ? t('register.customerNotFound') : null}
      options={shown.map((customer) => ({ value: customer.customerId, label: `${customer.organisation} · ${customer.tier}` }))}
      onChange={(customerId: string) => {
        setChosen(shown.find((c) => c.customerId === customerId));
        onChange?.(customerId);
      }}
    />
  );
}
