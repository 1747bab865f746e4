import { render, screen } from '@testing-library/react';
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
      detail: '1 field(s) are invalid: contact.phone',
      errors: [{ field: 'contact.phone', message: 'phone must be digits, spaces, brackets or dashes, optionally with a leading +' }],
    });
    render(
      <I18nextProvider i18n={createI18n('zh-CN')}>
        <ProblemAlert error={error} />
      </I18nextProvider>,
    );

    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('400 · 请求无效');
    expect(alert).toHaveTextContent('1 field(s) are invalid: contact.phone');
    expect(alert).toHaveTextContent('contact.phone：phone must be digits, spaces, brackets or dashes, optionally with a leading +');
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
