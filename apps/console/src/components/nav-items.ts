import type { Permission } from '../session/permissions';

/** The console's pages, each shown only to roles holding the permission its first API call needs. */
export const NAV_ITEMS: readonly { path: string; label: string; permission?: Permission }[] = [
  { path: '/', label: 'nav.myWork' },
  { path: '/demands', label: 'nav.demands', permission: 'demand:read' },
  { path: '/demands/new', label: 'nav.registerDemand', permission: 'demand:register' },
  { path: '/complaints', label: 'nav.complaints', permission: 'demand:read' },
  { path: '/delivery', label: 'nav.delivery', permission: 'delivery:read' },
  { path: '/after-sales', label: 'nav.afterSales', permission: 'delivery:read' },
  { path: '/quality', label: 'nav.quality', permission: 'quality:read' },
  { path: '/hr', label: 'nav.hr', permission: 'hr:read' },
  { path: '/resource', label: 'nav.resource', permission: 'document:read' },
  { path: '/risk', label: 'nav.risk', permission: 'risk:read' },
];
