import { useTranslation } from "react-i18next";
import { useMutation } from "@apollo/client/react";
import { Badge, Paper, Text, UnstyledButton } from "@mantine/core";
import { graphql } from "../../gql";
import type { RoomSeminar } from "./roomTypes";

const JumpToSession = graphql(`
  mutation SeminarJumpToSession($seminarId: ID!, $sessionId: ID!) {
    moveToSession(seminarId: $seminarId, sessionId: $sessionId) {
      id
      currentSession {
        id
      }
    }
  }
`);

/** The agenda, the current session marked; the facilitator can move everyone to any session. */
export function AgendaPanel({ seminar }: { seminar: RoomSeminar }) {
  const { t } = useTranslation();
  const [jump] = useMutation(JumpToSession);
  const currentId = seminar.currentSession?.id;
  return (
    <Paper component="nav" withBorder p="sm" aria-labelledby="agenda-heading" className="agenda">
      <Text component="h2" id="agenda-heading" fw={700} size="sm" tt="uppercase" mb="xs">
        {t("seminars.page.agenda")}
      </Text>
      <ol className="agenda__list">
        {seminar.sessions.map((session, index) => {
          const current = session.id === currentId;
          const body = (
            <>
              <span className="agenda__number">{index + 1}</span>
              <span className="agenda__text">
                <span className="agenda__title">{session.title}</span>
                <span className="agenda__kind">{t(`seminars.sessionKinds.${session.kind}`)}</span>
                {current && (
                  <Badge size="sm" variant="filled" className="agenda__now">
                    {t("seminars.page.now")}
                  </Badge>
                )}
              </span>
            </>
          );
          return (
            <li
              key={session.id}
              className="agenda__item"
              data-current={current || undefined}
              aria-current={current ? "step" : undefined}
            >
              {seminar.viewerIsFacilitator && !current ? (
                <UnstyledButton
                  className="agenda__row agenda__row--button"
                  onClick={() =>
                    void jump({
                      variables: { seminarId: seminar.id, sessionId: session.id },
                    }).catch(() => undefined)
                  }
                  aria-label={t("seminars.facilitator.moveEveryoneTo", { session: session.title })}
                >
                  {body}
                </UnstyledButton>
              ) : (
                <div className="agenda__row">{body}</div>
              )}
            </li>
          );
        })}
      </ol>
    </Paper>
  );
}
