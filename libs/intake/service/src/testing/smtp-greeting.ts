import { connect } from 'node:net';

/** The first line an SMTP client reads on connecting (the greeting, or the refusal), and the means to hang up. */
export function greeting(port: number): Promise<{ line: string; close(): void }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('error', reject);
    socket.once('data', (data) => resolve({ line: data.toString('latin1'), close: () => socket.destroy() }));
  });
}
