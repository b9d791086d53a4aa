import { SegmentedControl } from "@mantine/core";
import { useApolloClient } from "@apollo/client/react";
import { useTranslation } from "react-i18next";
import { LOCALES, type Locale } from "../../shared/domain";
import { useSession } from "../features/auth/session";

/** Switches the language at once; the choice is remembered in the browser and for the user. */
export function LanguageSwitcher({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const { setLocale } = useSession();
  const client = useApolloClient();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t("language.label")}
      value={i18n.language}
      onChange={async (value) => {
        await setLocale(value as Locale);
        // Titles and messages come from the server in the request's language: ask again.
        await client.refetchQueries({ include: "active" }).catch(() => undefined);
      }}
      data={LOCALES.map((l) => ({
        value: l,
        label: compact ? l.toUpperCase() : t(`language.${l}`),
      }))}
    />
  );
}
