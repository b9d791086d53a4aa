import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from "react";
import { useApolloClient } from "@apollo/client/react";
import { i18n, rememberLocale } from "../../i18n";
import { isLocale, type Locale } from "../../../shared/domain";

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  locale: Locale;
  isAdmin: boolean;
}

interface SessionValue {
  user: SessionUser | null;
  loading: boolean;
  signIn(email: string, password: string): Promise<{ ok: true } | { ok: false; message: string }>;
  signOut(): Promise<void>;
  setLocale(locale: Locale): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // fall through to the generic text
  }
  return i18n.t(response.status >= 500 ? "errors.INTERNAL_SERVER_ERROR" : "errors.badRequest");
}

function localeHeaders(): HeadersInit {
  return { "content-type": "application/json", "x-koers-locale": i18n.language };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  const [user, setUser] = useState<SessionUser | null>(null);
  const [loading, setLoading] = useState(true);

  const adoptUser = useCallback(async (next: SessionUser | null) => {
    setUser(next);
    // A signed-in user's remembered language wins over the browser's.
    if (next && isLocale(next.locale) && next.locale !== i18n.language) {
      await i18n.changeLanguage(next.locale);
      rememberLocale(next.locale);
    }
  }, []);

  useEffect(() => {
    let cancelled = false;
    fetch("/auth/me", { credentials: "same-origin" })
      .then(async (r) => (r.ok ? ((await r.json()) as { user: SessionUser }).user : null))
      .catch(() => null)
      .then(async (u) => {
        if (!cancelled) await adoptUser(u);
      })
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [adoptUser]);

  const value = useMemo<SessionValue>(
    () => ({
      user,
      loading,
      async signIn(email, password) {
        let response: Response;
        try {
          response = await fetch("/auth/login", {
            method: "POST",
            credentials: "same-origin",
            headers: localeHeaders(),
            body: JSON.stringify({ email, password }),
          });
        } catch {
          return { ok: false, message: i18n.t("errors.network") };
        }
        if (!response.ok) return { ok: false, message: await errorMessage(response) };
        const body = (await response.json()) as { user: SessionUser };
        await client.clearStore();
        await adoptUser(body.user);
        return { ok: true };
      },
      async signOut() {
        await fetch("/auth/logout", {
          method: "POST",
          credentials: "same-origin",
          headers: localeHeaders(),
        }).catch(() => undefined);
        await client.clearStore();
        setUser(null);
      },
      async setLocale(locale) {
        await i18n.changeLanguage(locale);
        rememberLocale(locale);
        if (user) {
          setUser({ ...user, locale });
          await fetch("/auth/locale", {
            method: "PUT",
            credentials: "same-origin",
            headers: localeHeaders(),
            body: JSON.stringify({ locale }),
          }).catch(() => undefined);
        }
      },
    }),
    [user, loading, client, adoptUser],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}
