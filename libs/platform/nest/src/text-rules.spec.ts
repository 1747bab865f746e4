import { platformValidationPipe } from './text-rules';

describe('the text rules of the platform validation pipe', () => {
  it("leave a raw body's bytes (message/rfc822) to their own parser, without walking them as fields", async () => {
    // Walked as an object, a body of megabytes is as many entries: an enumerable probe shows whether it is walked.
    const raw = Buffer.from('From: a@example.com\r\n\r\nhello');
    Object.defineProperty(raw, 'probe', {
      enumerable: true,
      get: () => {
        throw new Error('the pipe walked the bytes');
      },
    });
    await expect(platformValidationPipe().transform(raw, { type: 'body', metatype: Buffer })).resolves.toBe(raw);
  });
});
