import { type ReactNode, createContext, useCallback, useContext, useMemo, useState } from 'react';

const STORAGE_KEY = 'roster.apiKey';

interface Auth {
  /** The signed-in API key, or null when signed out. */
  apiKey: string | null;
  signIn(apiKey: string): void;
  signOut(): void;
}

const AuthContext = createContext<Auth | null>(null);

/** Keeps the API key in the tab's session storage: it survives a reload, not closing the tab. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [apiKey, setApiKey] = useState(() => sessionStorage.getItem(STORAGE_KEY));
  const signIn = useCallback((key: string) => {
    sessionStorage.setItem(STORAGE_KEY, key);
    setApiKey(key);
  }, []);
  const signOut = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    setApiKey(null);
  }, []);
  const value = useMemo(() => ({ apiKey, signIn, signOut }), [apiKey, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
