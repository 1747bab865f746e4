import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerRow, Page } from '../api/types';
import { useApi } from '../session/session-context';

const LOOKS_LIKE_PHONE = /^\+?[0-9 ()-]{5,30}$/;

/**
 * The customer, looked up as the agent types: a phone number is matched by the API (contacts are masked in
 * lists, so only it can compare them); anything else is matched against the organisations' names.
 */
export function CustomerLookup({ id, value, onChange }: { id?: string; value?: string; onChange?(customerId: string): void }) {
  const { t } = useTranslation();
  const api = useApi();
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
      const search = LOOKS_LIKE_PHONE.test(query)
        ? api.get<Page<CustomerRow>>('/intake/customers', { phone: query, pageSize: 20 }).then((page) => page.items)
        : api.get<Page<CustomerRow>>('/intake/customers', { pageSize: 200 }).then((page) => page.items.filter((c) => c.organisation.toLowerCase().includes(query.toLowerCase())));
      search.then(
        (items) => mine === latest.current && setFound(items),
        () => mine === latest.current && setFound([]),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [api, text]);
  const shown = chosen && !found.some((c) => c.customerId === chosen.customerId) ? [chosen, ...found] : found;
  return (
    <Select
      id={id}
      value={value}
      placeholder={t('register.customerSearch')}
      showSearch={{ filterOption: false, onSearch: setText }}
      notFoundContent={text.trim() ? t('register.customerNotFound') : null}
      options={shown.map((customer) => ({ value: customer.customerId, label: `${customer.organisation} · ${customer.tier}` }))}
      onChange={(customerId: string) => {
        setChosen(found.find((c) => c.customerId === customerId));
        onChange?.(customerId);
      }}
    />
  );
}
