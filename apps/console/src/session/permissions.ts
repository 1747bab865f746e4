// The one permission table of the services, bundled as it is: the console hides what a token's roles may not
// do by the same table the API enforces.
export { permissionsOf } from '@serviceledger/platform/auth/permissions';
export type { Permission } from '@serviceledger/platform/auth/permissions';
