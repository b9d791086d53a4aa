import { useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useSubscription } from "@apollo/client/react";
import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Group,
  Loader,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { getFragmentData } from "../../gql";
import { errorText } from "../../ui/errors";
import { useFormat } from "../../ui/format";
import { useSession } from "../auth/session";
import { AgendaPanel } from "./AgendaPanel";
import { BoardPanel } from "./BoardPanel";
import { CreatePollForm } from "./CreatePollForm";
import { FacilitatorToolbar } from "./FacilitatorToolbar";
import { OutcomeLinks, OutcomePanel } from "./OutcomePanel";
import { PollPanel } from "./PollPanel";
import { SeminarEventsSubscription, SeminarRoomFragment, SeminarRoomQuery } from "./roomQueries";
import type { RoomSeminar } from "./roomTypes";
import { SeminarTimer, type TimerState } from "./SeminarTimer";
import "./seminars.css";

function timerState(timer: RoomSeminar["timer"]): TimerState | null {
  if (timer.endsAt) return { running: true, endsAt: timer.endsAt, remainingSeconds: 0 };
  if (timer.pausedRemainingMs !== null)
    return { running: false, endsAt: null, remainingSeconds: timer.pausedRemainingMs / 1000 };
  return null;
}

/**
 * The seminar room: agenda, shared timer, the current session's boards and polls. Everyone
 * follows the facilitator live (subscription `seminarEvents`). `?projector=1` shows it in large
 * type and high contrast, without the application's chrome, for the projector.
 */
export default function SeminarRoomPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id = "" } = useParams();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const projector = params.get("projector") === "1";
  const { data, loading, error } = useQuery(SeminarRoomQuery, { variables: { id } });
  // Events carry the whole room; Apollo's normalised cache merges them into the query above.
  useSubscription(SeminarEventsSubscription, { variables: { seminarId: id }, skip: !data });
  const seminar = getFragmentData(SeminarRoomFragment, data?.seminar);
  const me = useMemo(() => ({ id: user?.id ?? "", name: user?.name ?? "?" }), [user]);

  const people = useMemo(() => {
    const map = new Map<string, string>();
    if (seminar) {
      map.set(seminar.facilitator.id, seminar.facilitator.name);
      for (const p of seminar.participants) map.set(p.id, p.name);
    }
    return map;
  }, [seminar]);

  // Bring everyone to the top of the new session when the facilitator moves on.
  const currentId = seminar?.currentSession?.id;
  const sessionHeading = useRef<HTMLHeadingElement>(null);
  const seenSession = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!currentId) return;
    if (seenSession.current && seenSession.current !== currentId) {
      sessionHeading.current?.focus({ preventScroll: true });
      sessionHeading.current?.scrollIntoView({ block: "start" });
    }
    seenSession.current = currentId;
  }, [currentId]);

  const setProjector = (on: boolean) => {
    const next = new URLSearchParams(params);
    if (on) next.set("projector", "1");
    else next.delete("projector");
    setParams(next, { replace: true });
  };
  useEffect(() => {
    if (!projector) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && !document.querySelector("[role=dialog], [role=menu]"))
        setProjector(false);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  if (loading && !seminar)
    return (
      <Group gap="sm" role="status">
        <Loader size="sm" />
        <Text>{t("app.loading")}</Text>
      </Group>
    );
  if (error || !seminar)
    return (
      <Alert color="red" role="alert">
        {error ? errorText(error, t) : t("errors.NOT_FOUND")}
      </Alert>
    );

  const session = seminar.sessions.find((s) => s.id === currentId) ?? seminar.sessions[0];
  const timer = timerState(seminar.timer);
  const isFacilitator = seminar.viewerIsFacilitator;
  const canTakePart = seminar.viewerIsParticipant;
  const sessionIndex = session ? seminar.sessions.indexOf(session) : -1;

  return (
    <div
      className={projector ? "seminar-room seminar-room--projector" : "seminar-room"}
      data-projector={projector || undefined}
    >
      <Stack gap="md">
        {!projector && (
          <Breadcrumbs>
            <Anchor component={Link} to="/seminars">
              {t("seminars.page.back")}
            </Anchor>
            <Text>{seminar.title}</Text>
          </Breadcrumbs>
        )}
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <div style={{ minWidth: 0, flex: "1 1 260px" }}>
            <Title order={1} className="seminar-room__title">
              {seminar.title}
            </Title>
            <Text className="seminar-room__meta">
              {t("seminars.page.meta", {
                date: format.date(seminar.date),
                facilitator: seminar.facilitator.name,
                count: seminar.participants.length,
              })}
            </Text>
          </div>
          <Group gap="sm" align="center">
            {timer && (
              // Remounted with each reading of the server's clock, to correct this one's skew.
              <SeminarTimer
                key={seminar.timer.serverNow}
                timer={timer}
                serverNow={seminar.timer.serverNow}
              />
            )}
            <Button
              variant={projector ? "white" : "default"}
              onClick={() => setProjector(!projector)}
              aria-pressed={projector}
              className="seminar-room__projector-toggle"
            >
              {projector ? t("seminars.page.leaveProjector") : t("seminars.page.projector")}
            </Button>
          </Group>
        </Group>
        {isFacilitator && <FacilitatorToolbar seminar={seminar} />}
        <div className="seminar-room__layout">
          <AgendaPanel seminar={seminar} />
          <section className="seminar-room__session" aria-labelledby="session-heading">
            <VisuallyHidden aria-live="polite">
              {session ? t("seminars.page.nowIn", { session: session.title }) : ""}
            </VisuallyHidden>
            {session ? (
              <Stack gap="md">
                <div>
                  <Text className="seminar-room__step">
                    {t("seminars.page.sessionOf", {
                      n: sessionIndex + 1,
                      total: seminar.sessions.length,
                    })}{" "}
                    · {t(`seminars.sessionKinds.${session.kind}`)}
                  </Text>
                  <h2
                    id="session-heading"
                    ref={sessionHeading}
                    tabIndex={-1}
                    className="seminar-room__session-title"
                  >
                    {session.title}
                  </h2>
                </div>
                {session.boards.map((board) => (
                  <BoardPanel
                    key={board.id}
                    board={board}
                    me={me}
                    people={people}
                    dotsPerParticipant={seminar.dotsPerParticipant}
                    canVote={canTakePart}
                    sessionTitle={session.title}
                  />
                ))}
                {session.polls.map((poll) => (
                  <PollPanel
                    key={poll.id}
                    poll={poll}
                    isFacilitator={isFacilitator}
                    canAnswer={canTakePart}
                  />
                ))}
                {isFacilitator && !projector && (
                  <CreatePollForm seminarId={seminar.id} sessionId={session.id} />
                )}
                {session.boards.length === 0 && session.polls.length === 0 && !isFacilitator && (
                  <Text c="dimmed">{t("seminars.page.emptySession")}</Text>
                )}
                {isFacilitator && session.kind === "outcome" && !projector && (
                  <OutcomePanel seminar={seminar} />
                )}
                {(session.kind === "outcome" || seminar.outcomes.length > 0) && (
                  <OutcomeLinks seminar={seminar} />
                )}
              </Stack>
            ) : (
              <Text c="dimmed">{t("seminars.page.noSessions")}</Text>
            )}
          </section>
        </div>
      </Stack>
    </div>
  );
}
