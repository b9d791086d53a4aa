import { useTranslation } from "react-i18next";
import { Badge, Group, Text } from "@mantine/core";
import type { Deadline } from "../../../shared/planImport/types";
import { useFormat } from "../../ui/format";

/**
 * A parsed deadline as the document wrote it, with the kind Koers read and the period it
 * stands for, so a reader can check the reading ("tegen januari 2028" → until 31 Jan 2028).
 */
export function DeadlineText({ deadline }: { deadline: Deadline | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!deadline)
    return (
      <Group gap={6} wrap="wrap">
        <Text size="xs" fw={600} component="span">
          {t("target.deadline")}
        </Text>
        <Badge size="sm" color="orange" variant="light" tt="none">
          {t("deadline.none")}
        </Badge>
      </Group>
    );
  const { from, until } = deadline;
  const kindText = t(`deadlineKinds.${deadline.kind}`);
  const span =
    from && until
      ? from === until
        ? format.date(from)
        : t("transfer.deadline.range", { from: format.date(from), until: format.date(until) })
      : from
        ? t("transfer.deadline.from", { date: format.date(from) })
        : until
          ? t("transfer.deadline.until", { date: format.date(until) })
          : null;
  return (
    <Group gap={6} wrap="wrap" data-deadline-kind={deadline.kind}>
      <Text size="xs" fw={600} component="span">
        {t("target.deadline")}
      </Text>
      <Badge
        size="sm"
        variant="outline"
        color={deadline.kind === "event" ? "gray" : "koers"}
        tt="none"
      >
        {kindText}
      </Badge>
      {/* "doorlopend" under "Doorlopend" says nothing new; other phrases are worth checking. */}
      {deadline.text.trim().toLocaleLowerCase() !== kindText.toLocaleLowerCase() && (
        <Text size="xs" component="span">
          {t("transfer.quote", { text: deadline.text })}
        </Text>
      )}
      {span && (
        <Text size="xs" c="dimmed" component="span">
          ({span})
        </Text>
      )}
    </Group>
  );
}
