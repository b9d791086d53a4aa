import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "@apollo/client/react";
import { Link } from "react-router-dom";
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from "@mantine/core";
import { errorText } from "../../ui/errors";
import { useFormat } from "../../ui/format";
import { MarkReadMutation, NotificationsQuery } from "./documents";
import "../proposals/proposals.css";

const KIND_COLOR: Record<string, string> = {
  proposal_reached: "blue",
  mention: "violet",
  due_soon: "orange",
  overdue: "red",
};

/** The notification centre: what reached the user, newest first; opening one marks it read. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { data, loading, error } = useQuery(NotificationsQuery, {
    fetchPolicy: "cache-and-network",
  });
  const [markRead, marking] = useMutation(MarkReadMutation, {
    refetchQueries: ["NotificationCentre", "UnreadNotificationCount"],
  });
  const items = data?.notifications ?? [];

  return (
    <>
      <Group justify="space-between" mb="md" wrap="wrap">
        <Title order={1}>{t("proposals.notifications.title")}</Title>
        {(data?.unreadNotificationCount ?? 0) > 0 && (
          <Button
            variant="light"
            loading={marking.loading}
            onClick={() => void markRead({ variables: { ids: null } })}
          >
            {t("proposals.notifications.markAllRead")}
          </Button>
        )}
      </Group>
      {error && (
        <Alert color="red" role="alert" mb="md">
          {errorText(error, t)}
        </Alert>
      )}
      {loading && !data ? (
        <Group gap="sm" role="status">
          <Loader size="sm" />
          <Text>{t("app.loading")}</Text>
        </Group>
      ) : items.length === 0 ? (
        <Paper withBorder p="xl" ta="center">
          <Text c="dimmed">{t("proposals.notifications.empty")}</Text>
        </Paper>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {items.map((n) => (
            <li key={n.id}>
              <Paper
                withBorder
                p="sm"
                radius="md"
                className={n.read ? undefined : "notification-unread"}
              >
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <UnstyledButton
                    component={Link}
                    to={n.link}
                    onClick={() => {
                      if (!n.read) void markRead({ variables: { ids: [n.id] } });
                    }}
                    style={{ flex: 1, minWidth: 0 }}
                    className="notification-link"
                  >
                    <Group gap="xs" mb={2}>
                      <Badge size="xs" color={KIND_COLOR[n.kind]} variant="light">
                        {t(`proposals.notifications.kindLabel.${n.kind}`)}
                      </Badge>
                      {!n.read && (
                        <Badge size="xs" color="red" variant="filled">
                          {t("proposals.notifications.new")}
                        </Badge>
                      )}
                      <Text size="xs" c="dimmed">
                        {format.dateTime(n.createdAt)}
                      </Text>
                    </Group>
                    <Text size="sm" fw={n.read ? 400 : 600} style={{ overflowWrap: "anywhere" }}>
                      {n.text}
                    </Text>
                  </UnstyledButton>
                  {!n.read && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => void markRead({ variables: { ids: [n.id] } })}
                      aria-label={t("proposals.notifications.markReadOne", { text: n.text })}
                    >
                      {t("proposals.notifications.markRead")}
                    </Button>
                  )}
                </Group>
              </Paper>
            </li>
          ))}
        </Stack>
      )}
    </>
  );
}
