import { Controller, Get, HttpCode, Module, NotFoundException, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@serviceledger/platform/core';
import { AuthModule, CurrentActor, LocalKeyVerifier, LocalSigningKey, RequirePermission, accessScope, canSee, issueLocalToken, loadOrCreateLocalKey } from '@serviceledger/platform/auth';
import { ScopedCommand, ScopedRead, describeScopingMatrix, scopedCommandFailures, scopingMatrixFailures, scopingPrincipal } from './scoping-matrix';

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

  @Post(':id/polish')
  @HttpCode(200)
  @RequirePermission('demand:note')
  polish(@CurrentActor() actor: Actor, @Param('id') id: string) {
    if (id !== WIDGET.id || !canSee(accessScope(actor), WIDGET)) throw new NotFoundException(`Widget ${id} was not found`);
    return { id };
  }
}

@Controller('leaky-widgets')
class LeakyWidgetsController {
  @Get()
  @RequirePermission('demand:read')
  list() {
    return { items: [WIDGET] };
  }

  @Post(':id/polish')
  @HttpCode(200)
  @RequirePermission('demand:note')
  polish(@Param('id') id: string) {
    return { id };
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
const polishing = (path: string): ScopedCommand => ({
  name: `polishes ${path}`,
  request: () => ({ method: 'POST', url: `${path}/${WIDGET.id}/polish`, payload: {} }),
  allows: (principal) => canSee(accessScope(principal), WIDGET),
});

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

  it('names every command done outside its rule, or refused inside it', async () => {
    const leaky = [polishing('/leaky-widgets')];
    expect(await scopedCommandFailures(app, scopingPrincipal('a head of another department', HOME), tokenFor, leaky)).toEqual([
      `polishes /leaky-widgets: expected refused, got accepted (200 {"id":"${WIDGET.id}"})`,
    ]);
    expect(await scopedCommandFailures(app, scopingPrincipal("a member of the records' department", HOME), tokenFor, leaky)).toEqual([]);
    // Customers lack the permission: the guard answers 403 before the command could leak.
    expect(await scopedCommandFailures(app, scopingPrincipal('another customer', HOME), tokenFor, leaky)).toEqual([]);
    const tooStrict = [{ ...polishing('/widgets'), allows: () => true }];
    expect(await scopedCommandFailures(app, scopingPrincipal('staff without departments', HOME), tokenFor, tooStrict)).toEqual([
      expect.stringMatching(/^polishes \/widgets: expected accepted, got refused \(404 .*Widget widget-1 was not found/),
    ]);
    const nowhere = [{ ...polishing('/gadgets'), request: () => ({ method: 'POST' as const, url: '/gadgets/1/polish', payload: {} }) }];
    expect(await scopedCommandFailures(app, scopingPrincipal('a cross-department role', HOME), tokenFor, nowhere)).toEqual([
      'polishes /gadgets: no route answers POST /gadgets/1/polish',
    ]);
  });

  it('fails loudly on a read no route answers, and on no reads at all', async () => {
    const principal = scopingPrincipal('a cross-department role', HOME);
    expect(await scopingMatrixFailures(app, principal, tokenFor, [{ url: '/gadgets', record: WIDGET }])).toEqual(['GET /gadgets: no route answers it']);
    expect(await scopingMatrixFailures(app, principal, tokenFor, [])).toEqual(['no reads, so the matrix proves nothing']);
  });
});

describeScopingMatrix(() => app, tokenFor, () => ({ home: HOME, reads: scopedReads, commands: [polishing('/widgets')] }));
