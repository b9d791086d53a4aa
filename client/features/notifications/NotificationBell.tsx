import { useTranslation } from "react-i18next";
import { useQuery } from "@apollo/client/react";
import { ActionIcon, Badge, Box, Indicator, NavLink, Tooltip } from "@mantine/core";
import { Link } from "react-router-dom";
import { UnreadCountQuery } from "./documents";

const POLL_MS = 30_000;

function IconBell() {
  return (
    <svg
      width={18}
      height={18}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10 21h4" />
    </svg>
  );
}

/** The header's way to the notification centre, with the unread count (polled). */
export function NotificationBell() {
  const { t } = useTranslation();
  const { data } = useQuery(UnreadCountQuery, { pollInterval: POLL_MS });
  const count = data?.unreadNotificationCount ?? 0;
  const label = count
    ? t("proposals.notifications.bellUnread", { count })
    : t("proposals.notifications.bell");
  return (
    <Box visibleFrom="xs">
      <Tooltip label={label}>
        <Indicator
          label={count > 99 ? "99+" : count}
          disabled={!count}
          size={16}
          color="red"
          offset={4}
        >
          <ActionIcon
            component={Link}
            to="/notifications"
            variant="default"
            size="lg"
            aria-label={label}
          >
            <IconBell />
          </ActionIcon>
        </Indicator>
      </Tooltip>
    </Box>
  );
}

/** The notification centre in the navigation, for narrow screens where the header has no room. */
export function NotificationNavLink({ active, onClick }: { active: boolean; onClick: () => void }) {
  const { t } = useTranslation();
  const { data } = useQuery(UnreadCountQuery, { pollInterval: POLL_MS });
  const count = data?.unreadNotificationCount ?? 0;
  return (
    <Box hiddenFrom="xs">
      <NavLink
        component={Link}
        to="/notifications"
        label={t("proposals.notifications.title")}
        active={active}
        onClick={onClick}
        rightSection={
          count ? (
            <Badge
              size="sm"
              color="red"
              aria-label={t("proposals.notifications.bellUnread", { count })}
            >
              {count}
            </Badge>
          ) : null
        }
      />
    </Box>
  );
}
