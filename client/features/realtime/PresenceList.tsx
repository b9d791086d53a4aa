import { useTranslation } from "react-i18next";
import { Avatar, Group, Text } from "@mantine/core";
import { initialsOf } from "./colors";
import type { Collaborator } from "./useSharedDoc";

/** Who is in the document now: a coloured avatar with initials and the name of each person. */
export function PresenceList({
  collaborators,
  compact = false,
}: {
  collaborators: Collaborator[];
  compact?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="wrap" align="center">
      <Text size="sm" c="dimmed" id="presence-label">
        {t("collab.presence.label")}:
      </Text>
      <Group
        component="ul"
        gap={compact ? 4 : "sm"}
        wrap="wrap"
        aria-labelledby="presence-label"
        style={{ listStyle: "none", margin: 0, padding: 0 }}
      >
        {collaborators.map((c) => {
          const label = c.isSelf ? `${c.name} (${t("collab.presence.you")})` : c.name;
          return (
            <Group
              component="li"
              key={c.userId}
              gap={6}
              wrap="nowrap"
              aria-label={label}
              data-user-id={c.userId}
              title={compact ? label : undefined}
            >
              <Avatar
                size={compact ? "sm" : 28}
                radius="xl"
                variant="filled"
                color={c.color}
                aria-hidden="true"
              >
                {initialsOf(c.name)}
              </Avatar>
              {!compact && (
                <Text size="sm" fw={c.isSelf ? 600 : 400}>
                  {label}
                </Text>
              )}
            </Group>
          );
        })}
      </Group>
    </Group>
  );
}
