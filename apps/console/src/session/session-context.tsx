import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { ApiClient } from '../api/api-client';
import { type Session, sessionOf, storeSession, storedSession } from './session';
import type { Permission } from './permissions';

/** Why the user is on the login page: signed out, or sent back by a 401. */
export type SignedOutReason = 'signed-out' | 'unauthorized';

interface SessionState {
  session?: Session;
  signedOutReason?: SignedOutReason;
  signIn(token: string): void;
  signOut(reason?: SignedOutReason): void;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

export function SessionProvider({ children, initial }: { children: ReactNode; initial?: Session }) {
  const [session, setSession] = useState<Session | undefined>(() => initial ?? storedSession());
  const [signedOutReason, setSignedOutReason] = useState<SignedOutReason>();
  const signIn = useCallback((token: string) => {
    const next = sessionOf(token);
    storeSession(next);
    setSignedOutReason(undefined);
    setSession(next);
  }, []);
  const signOut = useCallback((reason: SignedOutReason = 'signed-out') => {
    storeSession(undefined);
    setSignedOutReason(reason);
    setSession(undefined);
  }, []);
  const value = useMemo(() => ({ session, signedOutReason, signIn, signOut }), [session, signedOutReason, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionState(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSessionState outside SessionProvider');
  return state;
}

/** The signed-in user's session; pages under the shell are rendered only with one. */
export function useSession(): Session {
  const { session } = useSessionState();
  if (!session) throw new Error('useSession without a session');
  return session;
}

export function useCan(): (permission: Permission) => boolean {
  const session = useSession();
  return useCallback((permission: Permission) => session.permissions.has(permission), [session]);
}

export function useApi(): ApiClient {
  const { session, signOut } = useSessionState();
  const token = session?.token ?? '';
  return useMemo(() => new ApiClient(token, () => signOut('unauthorized')), [token, signOut]);
}
