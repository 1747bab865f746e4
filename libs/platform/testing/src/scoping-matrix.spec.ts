import { Controller, Get, Module, NotFoundException, Param } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@serviceledger/platform/core';
import { AuthModule, CurrentActor, LocalKeyVerifier, LocalSigningKey, RequirePermission, accessScope, canSee, issueLocalToken, loadOrCreateLocalKey } from '@serviceledger/platform/auth';
import { ScopedRead, describeScopingMatrix, scopingMatrixFailures, scopingPrincipal } from './scoping-matrix';

const HOME = { department: 'tech-support', customerId: 'acme' };
const WIDGET = { id: 'widget-1', departments: [HOME.department], customerId: HOME.customerId };

@Controller('widgets')
class ScopedWidgetsController {
  @Get()
  @RequirePermission('demand:read')
  list(@CurrentActor() actor: Actor) {
    return { items: canSee(accessScope(actor), WIDGET) ? [WIDGET] : [] };
  }

  @Get(':id')
  @RequirePermission('demand:read')
  detail(@CurrentActor() actor: Actor, @Param('id') id: string) {
    if (id !== WIDGET.id || !canSee(accessScope(actor), WIDGET)) throw new NotFoundException(`Widget ${id} was not found`);
    return WIDGET;
  }
}

@Controller('leaky-widgets')
class LeakyWidgetsController {
  @Get()
  @RequirePermission('demand:read')
  list() {
    return { items: [WIDGET] };
  }
}

let dataDir: string;
let key: LocalSigningKey;
let app: NestFastifyApplication;

const tokenFor = (principal: Actor) => issueLocalToken(key, principal);
const scopedReads: ScopedRead[] = [
  { url: '/widgets', record: WIDGET },
  { url: `/widgets/${WIDGET.id}?fields=all`, record: WIDGET },
];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'scoping-matrix-'));
  key = await loadOrCreateLocalKey(dataDir);
  @Module({
    imports: [AuthModule.forRoot({ useFactory: () => new LocalKeyVerifier(key) })],
    controllers: [ScopedWidgetsController, LeakyWidgetsController],
  })
  class WidgetModule {}
  app = await NestFactory.create<NestFastifyApplication>(WidgetModule, new FastifyAdapter(), { logger: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
});
afterAll(async () => {
  await app.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('scopingMatrixFailures', () => {

  it('names every answer that shows a record outside the scope, or hides one inside it', async () => {
    const leak = [{ url: '/leaky-widgets', record: WIDGET }];
    expect(await scopingMatrixFailures(app, scopingPrincipal('a head of another department', HOME), tokenFor, leak)).toEqual([
      'GET /leaky-widgets: expected hidden, got visible (200)',
    ]);
    expect(await scopingMatrixFailures(app, scopingPrincipal('staff without departments', HOME), tokenFor, leak)).toEqual([
      'GET /leaky-widgets: expected hidden, got visible (200)',
    ]);
    expect(await scopingMatrixFailures(app, scopingPrincipal('another customer', HOME), tokenFor, leak)).toEqual([
      'GET /leaky-widgets: expected hidden, got visible (200)',
    ]);
    expect(await scopingMatrixFailures(app, scopingPrincipal("a member of the records' department", HOME), tokenFor, leak)).toEqual([]);
    const hiding = [{ url: '/widgets', record: { ...WIDGET, id: 'widget-2' } }];
    expect(await scopingMatrixFailures(app, scopingPrincipal('a cross-department role', HOME), tokenFor, hiding)).toEqual([
      'GET /widgets: expected visible, got hidden (200)',
    ]);
  });

  it('fails loudly on a read no route answers, and on no reads at all', async () => {
    const principal = scopingPrincipal('a cross-department role', HOME);
    expect(await scopingMatrixFailures(app, principal, tokenFor, [{ url: '/gadgets', record: WIDGET }])).toEqual(['GET /gadgets: no route answers it']);
    expect(await scopingMatrixFailures(app, principal, tokenFor, [])).toEqual(['no reads, so the matrix proves nothing']);
  });
});

describeScopingMatrix(() => app, tokenFor, () => ({ home: HOME, reads: scopedReads }));
