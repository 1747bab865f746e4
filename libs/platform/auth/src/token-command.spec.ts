import { decodeJwt } from 'jose';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LocalKeyVerifier } from './local-key-verifier';
import { loadOrCreateLocalKey } from './local-signing-key';
import { tokenCommand } from './token-command';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'auth-token-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

const verify = async (token: string) => new LocalKeyVerifier(await loadOrCreateLocalKey(dataDir)).verify(token);

describe('npm run token', () => {
  it('prints a token the embedded default accepts, for the principal described', async () => {
    const token = await tokenCommand(
      ['--user', 'alice', '--roles', 'agent,quality-monitor', '--departments', 'tech-support', '--name', 'Alice Chen'],
      { DATA_DIR: dataDir },
    );
    await expect(verify(token)).resolves.toEqual({
      userId: 'alice',
      displayName: 'Alice Chen',
      roles: ['agent', 'quality-monitor'],
      departments: ['tech-support'],
    });
  });

  it('issues a customer token carrying the customer’s organisation', async () => {
    const token = await tokenCommand(['--user', 'c-1', '--roles', 'customer', '--customer', 'acme'], { DATA_DIR: dataDir });
    await expect(verify(token)).resolves.toEqual({ userId: 'c-1', roles: ['customer'], departments: [], customerId: 'acme' });
  });

  it('honours --ttl', async () => {
    const token = await tokenCommand(['--user', 'a', '--roles', 'hr', '--ttl=-1m'], { DATA_DIR: dataDir });
    await expect(verify(token)).rejects.toThrow('(expired)');
  });

  it('refuses a --ttl above the maximum lifetime the services accept, and issues the longest accepted', async () => {
    await expect(tokenCommand(['--user', 'a', '--roles', 'hr', '--ttl', '30d'], { DATA_DIR: dataDir })).rejects.toThrow(
      '--ttl 30d is longer than the services accept: at most 43200 seconds (TOKEN_MAX_LIFETIME_SECONDS), e.g. --ttl 43200s',
    );
    const env = { DATA_DIR: dataDir, TOKEN_MAX_LIFETIME_SECONDS: '3600' };
    await expect(tokenCommand(['--user', 'a', '--roles', 'hr', '--ttl', '2h'], env)).rejects.toThrow('at most 3600 seconds');
    await expect(verify(await tokenCommand(['--user', 'a', '--roles', 'hr', '--ttl', '1h'], env))).resolves.toMatchObject({ userId: 'a' });
  });

  it('issues an 8-hour token by default, or one of the maximum lifetime when that is shorter', async () => {
    const lifetime = (token: string) => {
      const { iat, exp } = decodeJwt(token);
      return (exp as number) - (iat as number);
    };
    expect(lifetime(await tokenCommand(['--user', 'a', '--roles', 'hr'], { DATA_DIR: dataDir }))).toBe(8 * 3600);
    expect(lifetime(await tokenCommand(['--user', 'a', '--roles', 'hr'], { DATA_DIR: dataDir, TOKEN_MAX_LIFETIME_SECONDS: '3600' }))).toBe(3600);
  });

  it('refuses an unknown role, listing the known ones', async () => {
    await expect(tokenCommand(['--user', 'a', '--roles', 'agent,admin'], { DATA_DIR: dataDir })).rejects.toThrow(
      /^--roles needs one or more of: customer, agent, .* \(unknown: admin\)$/,
    );
  });

  it('refuses a customer without an organisation, and a token without a user', async () => {
    await expect(tokenCommand(['--user', 'c-1', '--roles', 'customer'], { DATA_DIR: dataDir })).rejects.toThrow(
      '--roles customer needs --customer <customerId>',
    );
    await expect(tokenCommand(['--roles', 'agent'], { DATA_DIR: dataDir })).rejects.toThrow('--user is required');
  });

  it('refuses to sign when the services are configured for an OIDC provider', async () => {
    await expect(
      tokenCommand(['--user', 'a', '--roles', 'hr'], { OIDC_ISSUER: 'https://sso.example.com', OIDC_AUDIENCE: 'x' }),
    ).rejects.toThrow('OIDC_ISSUER is set');
  });

  it('runs as scripts/token.ts, printing only the token, or why it refuses', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-r', '@swc-node/register', 'scripts/token.ts', '--user', 'alice', '--roles', 'agent', '--departments', 'tech-support'],
      { cwd: join(__dirname, '../../../..'), env: { ...process.env, DATA_DIR: dataDir } },
    );
    await expect(verify(stdout.trim())).resolves.toMatchObject({ userId: 'alice', roles: ['agent'] });
    const refused = promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'scripts/token.ts', '--user', 'alice', '--roles', 'agent', '--ttl', '30d'], {
      cwd: join(__dirname, '../../../..'),
      env: { ...process.env, DATA_DIR: dataDir },
    });
    await expect(refused).rejects.toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('--ttl 30d is longer than the services accept') });
  });
});
