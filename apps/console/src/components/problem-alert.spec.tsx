import { render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { ProblemError } from '../api/problem';
import { createI18n } from '../i18n';
import { ProblemAlert } from './problem-alert';

describe('an API error on screen', () => {
  it('says the status in the user language, the server detail, and each invalid field', () => {
    const error = new ProblemError({
      type: 'https://serviceledger.dev/problems/invalid-input',
      title: 'Invalid input',
      status: 400,
      detail: '1 field is invalid: contact.phone',
      errors: [{ field: 'contact.phone', message: 'phone must be digits, spaces, brackets or dashes, optionally with a leading +' }],
    });
    render(
      <I18nextProvider i18n={createI18n('zh-CN')}>
        <ProblemAlert error={error} />
      </I18nextProvider>,
    );

    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('400 · 请求无效');
    expect(alert).toHaveTextContent('1 field is invalid: contact.phone');
    expect(alert).toHaveTextContent('contact.phone：phone must be digits, spaces, brackets or dashes, optionally with a leading +');
  });

  const closed = () =>
    new ProblemError({
      type: 'https://serviceledger.dev/problems/rule-violation',
      title: 'Not allowed in the current state',
      status: 409,
      detail: 'Demand D-2026-0042 is closed and can no longer be assigned',
      code: 'demand-closed',
    });

  function show(error: ProblemError, language: 'zh-TW' | 'en') {
    render(
      <I18nextProvider i18n={createI18n(language)}>
        <ProblemAlert error={error} />
      </I18nextProvider>,
    );
    return screen.getByRole('alert');
  }

  it('says what a known rule refuses in the user language, the server detail beneath it in secondary text', () => {
    const alert = show(closed(), 'zh-TW');

    expect(alert).toHaveTextContent('409 · 目前無法執行');
    const sentence = within(alert).getByText('需求已關閉，不可再更改。');
    const detail = within(alert).getByText('Demand D-2026-0042 is closed and can no longer be assigned');
    expect(detail).toHaveClass('ant-typography-secondary');
    expect(sentence.compareDocumentPosition(detail) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('says the rule in English to an English reader', () => {
    const alert = show(closed(), 'en');

    expect(within(alert).getByText('The demand is closed and can no longer be changed.')).toBeInTheDocument();
    expect(alert).toHaveTextContent('Demand D-2026-0042 is closed and can no longer be assigned');
  });

  it('shows the server detail alone for a code the console does not know', () => {
    const error = new ProblemError({ title: 'Not allowed in the current state', status: 409, detail: 'A rule added since', code: 'rule-added-since' });
    const alert = show(error, 'zh-TW');

    const detail = within(alert).getByText('A rule added since');
    expect(detail).not.toHaveClass('ant-typography-secondary');
    expect(alert.textContent).not.toContain('rule-added-since');
  });

  it('names a failure to reach the server', () => {
    render(
      <I18nextProvider i18n={createI18n('en')}>
        <ProblemAlert error={new TypeError('Failed to fetch')} />
      </I18nextProvider>,
    );

    expect(screen.getByRole('alert')).toHaveTextContent('The server could not be reached.');
  });
});
