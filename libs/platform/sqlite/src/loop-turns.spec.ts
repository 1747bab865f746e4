import { createServer, connect, AddressInfo } from 'node:net';
import { LoopTurns } from './loop-turns';

const busyFor = (ms: number) => {
  const until = Date.now() + ms;
  while (Date.now() < until);
};

describe('LoopTurns', () => {
  it('hands out one turn of the loop at a time, so I/O that arrives is read between two turns', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    let turnsDone = 0;
    const heardAfter = new Promise<number>((resolve) => server.on('connection', (socket) => socket.once('data', () => resolve(turnsDone))));
    const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
    await new Promise((resolve) => client.once('connect', resolve));

    const turns = new LoopTurns();
    // Twenty subscriptions with 20 ms of work each, all waiting at once: 400 ms of work.
    const work = Array.from({ length: 20 }, () =>
      turns.next().then(() => {
        busyFor(20);
        turnsDone++;
      }),
    );
    client.write('ping');

    // Read within a turn or two, not after all twenty (setImmediate alone runs every waiting one in one turn).
    expect(await heardAfter).toBeLessThanOrEqual(2);
    await Promise.all(work);
    expect(turnsDone).toBe(20);
    client.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
});
