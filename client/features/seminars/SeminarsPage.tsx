import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "@apollo/client/react";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { Link } from "react-router-dom";
import { graphql } from "../../gql";
import type { SeminarsPageQuery as SeminarsPageData } from "../../gql/graphql";
import { errorText } from "../../ui/errors";
import { useFormat } from "../../ui/format";
import { CreateSeminarModal } from "./CreateSeminarModal";
import "./seminars.css";

export const SeminarsPageQuery = graphql(`
  query SeminarsPage {
    viewer {
      id
      planningUnits {
        id
        code
        name
      }
    }
    seminars {
      id
      title
      date
      viewerIsFacilitator
      orgUnit {
        id
        code
      }
      facilitator {
        id
        name
      }
      participants {
        id
      }
      sessions {
        id
      }
      currentSession {
        id
        title
      }
    }
  }
`);

type SeminarItem = SeminarsPageData["seminars"][number];

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function SeminarList({
  items,
  headingId,
  title,
  empty,
}: {
  items: SeminarItem[];
  headingId: string;
  title: string;
  empty: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby={headingId}>
      <Title order={2} id={headingId} size="h3" mb="sm">
        {title}
      </Title>
      {items.length === 0 ? (
        <Paper withBorder p="lg">
          <Text c="dimmed">{empty}</Text>
        </Paper>
      ) : (
        <ul className="plain-list seminar-list">
          {items.map((s) => (
            <li key={s.id}>
              <Paper withBorder p="md" className="seminar-card">
                <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                  <div style={{ minWidth: 0 }}>
                    <Anchor component={Link} to={`/seminars/${s.id}`} fw={650} size="lg">
                      {s.title}
                    </Anchor>
                    <Text size="sm" c="dimmed">
                      {t("seminars.page.listMeta", {
                        date: format.date(s.date),
                        facilitator: s.facilitator.name,
                        count: s.participants.length,
                        sessions: s.sessions.length,
                      })}
                    </Text>
                    {s.currentSession && (
                      <Text size="sm">
                        {t("seminars.page.currentSession", { session: s.currentSession.title })}
                      </Text>
                    )}
                  </div>
                  <Group gap={6}>
                    <Badge variant="outline" color="gray">
                      {s.orgUnit.code}
                    </Badge>
                    {s.viewerIsFacilitator && (
                      <Badge variant="light">{t("seminars.page.youFacilitate")}</Badge>
                    )}
                  </Group>
                </Group>
              </Paper>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Seminars the viewer facilitates or takes part in, upcoming first; facilitators plan new ones. */
export function SeminarsPage() {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(SeminarsPageQuery);
  const [creating, setCreating] = useState(false);
  const units = data?.viewer?.planningUnits ?? [];
  const now = today();
  const all = data?.seminars ?? [];
  const upcoming = all.filter((s) => s.date >= now).sort((a, b) => a.date.localeCompare(b.date));
  const past = all.filter((s) => s.date < now).sort((a, b) => b.date.localeCompare(a.date));

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={1}>{t("seminars.page.title")}</Title>
        {units.length > 0 && (
          <Button onClick={() => setCreating(true)}>{t("seminars.form.open")}</Button>
        )}
      </Group>
      <Text>{t("seminars.page.intro")}</Text>
      {error && (
        <Alert color="red" role="alert">
          {errorText(error, t)}
        </Alert>
      )}
      {loading && !data ? (
        <Group gap="sm" role="status">
          <Loader size="sm" />
          <Text>{t("app.loading")}</Text>
        </Group>
      ) : (
        <>
          <SeminarList
            items={upcoming}
            headingId="upcoming-seminars"
            title={t("seminars.page.upcoming")}
            empty={t("seminars.page.noUpcoming")}
          />
          <SeminarList
            items={past}
            headingId="past-seminars"
            title={t("seminars.page.past")}
            empty={t("seminars.page.noPast")}
          />
        </>
      )}
      {creating && <CreateSeminarModal onClose={() => setCreating(false)} units={units} />}
    </Stack>
  );
}
