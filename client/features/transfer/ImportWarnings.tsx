import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Badge, Button, Group, Paper, Text } from "@mantine/core";
import type { ImportWarning } from "../../../shared/planImport/types";
import { IconAlert } from "../../ui/icons";

/** How many warnings show before "Show all". */
const FIRST = 6;

/**
 * The passages the parser quotes in its (English) message: document text, so they read
 * the same in every language. The sentence around them is ours, per warning code.
 */
export function quotedPassages(message: string): string[] {
  return [...message.matchAll(/"([^"]+)"/g)].map((m) => m[1]!).slice(0, 2);
}

export function ImportWarnings({
  warnings,
  fileName,
}: {
  warnings: ImportWarning[];
  fileName: string;
}) {
  const { t } = useTranslation();
  const [isAll, setAll] = useState(false);
  const shown = isAll ? warnings : warnings.slice(0, FIRST);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-warnings-heading">
      <Group gap="xs" mb={4} wrap="nowrap">
        <IconAlert size={18} color="var(--mantine-color-orange-7)" />
        <Text component="h2" fw={650} size="lg" id="import-warnings-heading" m={0}>
          {t("transfer.warnings.title", { count: warnings.length })}
        </Text>
      </Group>
      {warnings.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("transfer.warnings.none")}
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" mb="sm">
            {t("transfer.warnings.intro")}
            {/* Word and PDF have pages, not lines: the numbers count the text read from them. */}
            {/\.(docx|pdf)$/i.test(fileName) && ` ${t("transfer.warnings.linesOfText")}`}
          </Text>
          <ul className="import-warnings" id="import-warnings-list">
            {shown.map((warning, index) => {
              const passages = quotedPassages(warning.message);
              return (
                <li key={`${warning.line}-${index}`} data-code={warning.code}>
                  <Badge
                    variant="light"
                    color="orange"
                    radius="sm"
                    tt="none"
                    className="import-warnings__line"
                  >
                    {t("transfer.warnings.line", { line: warning.line })}
                  </Badge>
                  <div>
                    <Text size="sm">{t(`transfer.warnings.codes.${warning.code}`)}</Text>
                    {passages.length > 0 && (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {passages.map((text) => t("transfer.quote", { text })).join(" / ")}
                      </Text>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
          {warnings.length > FIRST && (
            <Button
              variant="subtle"
              size="compact-sm"
              mt="sm"
              aria-controls="import-warnings-list"
              aria-expanded={isAll}
              onClick={() => setAll(!isAll)}
            >
              {isAll
                ? t("transfer.warnings.fewer")
                : t("transfer.warnings.all", { count: warnings.length })}
            </Button>
          )}
        </>
      )}
    </Paper>
  );
}
