import { SegmentedControl } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { LOCALES, type Locale } from "../../shared/domain";
import { useSession } from "../features/auth/session";

/** Switches the language at once; the choice is remembered in the browser and for the user. */
export function LanguageSwitcher({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const { setLocale } = useSession();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t("language.label")}
      value={i18n.language}
      onChange={(value) => void setLocale(value as Locale)}
      data={LOCALES.map((l) => ({
        value: l,
        label: compact ? l.toUpperCase() : t(`language.${l}`),
      }))}
    />
  );
}
