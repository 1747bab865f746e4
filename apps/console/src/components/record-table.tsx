import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../format';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

type Row = Record<string, unknown>;

/**
 * A list read from the API, shown as the columns asked for: titled in the user's language (`fields.*`, else the
 * field's own name), instants in the user's time zone, yes or no, lists and objects summarised. For the pages
 * that show a service's records as they are; `values` says a column's values in words (a status), `links` makes
 * a column's cells links to the record's own page.
 */
export function RecordTable({
  rows,
  columns,
  rowKey,
  caption,
  values = {},
  links = {},
}: {
  rows?: Row[];
  columns: string[];
  rowKey: string;
  caption: string;
  values?: Partial<Record<string, (value: string) => string>>;
  links?: Record<string, (row: Row) => string>;
}) {
  const { t, i18n } = useTranslation();
  const show = (value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('common.none');
    if (typeof value === 'string') return ISO_INSTANT.test(value) ? formatDateTime(value, i18n.language) : value;
    if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
    if (Array.isArray(value)) return value.map(show).join(', ');
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  };
  return (
    <Table<Row>
      size="small"
      aria-label={caption}
      rowKey={(row) => String(row[rowKey])}
      dataSource={rows}
      pagination={{ pageSize: 20, showSizeChanger: false }}
      scroll={{ x: true }}
      columns={columns.map((column) => {
        const link = links[column];
        const word = values[column];
        const text = (value: unknown) => (word && typeof value === 'string' && value !== '' ? word(value) : show(value));
        return {
          title: t(`fields.${column}`, { defaultValue: column }),
          dataIndex: column,
          render: link ? (value: unknown, row: Row) => <Link to={link(row)}>{text(value)}</Link> : text,
        };
      })}
    />
  );
}
