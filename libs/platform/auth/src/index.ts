export { ROLES, CROSS_DEPARTMENT_ROLES, isRole, isCrossDepartment } from './roles';
export type { Role } from './roles';
export { PERMISSIONS, ROLE_PERMISSIONS, permissionsOf, hasPermission } from './permissions';
export type { Permission } from './permissions';

export { AuthenticationError } from './authentication-error';
export type { AuthenticationFailure } from './authentication-error';
export { TOKEN_VERIFIER } from './token-verifier';
export type { TokenVerifier } from './token-verifier';
export { DEFAULT_CLAIM_MAPPING } from './claims';
export type { ClaimMapping } from './claims';
export {
  LOCAL_ISSUER,
  LOCAL_AUDIENCE,
  localKeyPath,
  loadOrCreateLocalKey,
  localSigningKey,
  issueLocalToken,
} from './local-signing-key';
export type { LocalSigningKey } from './local-signing-key';
export { LocalKeyVerifier } from './local-key-verifier';
export { OidcVerifier } from './oidc-verifier';
export type { OidcVerifierOptions } from './oidc-verifier';
export { authConfigFromEnv, createTokenVerifier } from './auth-config';
export { DEFAULT_TOKEN_LIFETIME_LIMITS } from './token-lifetime';
export type { TokenLifetimeLimits } from './token-lifetime';
export type { AuthConfig } from './auth-config';

export { AuthModule } from './auth.module';
export type { AuthModuleOptions } from './auth.module';
export { AuthGuard } from './auth.guard';
export { Public, RequirePermission, routeAccess } from './route-access';
export type { RouteAccess, RouteHandler } from './route-access';
export { CurrentActor } from './current-actor.decorator';
export type { AuthenticatedRequest } from './authenticated-request';

export { EVERY_DEPARTMENT, accessScope, canSee } from './scoping';
export type { AccessScope, ScopedRecord } from './scoping';
export { departmentColumn, departmentLinks, scopedQuery } from './scoped-query';
export type { DepartmentSource, ScopeColumns } from './scoped-query';
export { maskPersonal, masked, revealsPersonalData } from './pii';
export type { PersonalDataAccess, PersonalField } from './pii';
