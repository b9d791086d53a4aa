import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { VisuallyHidden } from "@mantine/core";

/** The shared timer as every participant sees it: running until `endsAt`, or paused with time left. */
export interface TimerState {
  running: boolean;
  /** When a running timer reaches zero (server clock, ISO). */
  endsAt: string | null;
  /** Seconds left while paused (or the full duration before the start). */
  remainingSeconds: number;
}

export function secondsLeft(timer: TimerState, now: number, skewMs = 0): number {
  if (!timer.running || !timer.endsAt) return Math.max(0, Math.round(timer.remainingSeconds));
  return Math.max(0, Math.ceil((Date.parse(timer.endsAt) - (now + skewMs)) / 1000));
}

export function formatClock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
}

/**
 * A large clock. Screen readers hear it only when the minute changes (and at the end), through a
 * separate polite live region: announcing every second would drown everything else.
 */
export function SeminarTimer({ timer, serverNow }: { timer: TimerState; serverNow?: string }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  // The server's clock decides when the timer ends; this corrects a laptop clock that is off.
  const [skewMs] = useState(() => (serverNow ? Date.parse(serverNow) - Date.now() : 0));
  useEffect(() => {
    if (!timer.running) return;
    const id = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(id);
  }, [timer.running]);
  const left = secondsLeft(timer, now, skewMs);
  const minutes = Math.ceil(left / 60);
  const announcement =
    left === 0 ? t("seminars.timer.over") : t("seminars.timer.minutesLeft", { minutes });
  return (
    <div className="seminar-timer" data-running={timer.running} data-over={left === 0}>
      <span className="seminar-timer__label">{t("seminars.timer.label")}</span>
      <span className="seminar-timer__clock" aria-hidden="true">
        {formatClock(left)}
      </span>
      <span className="seminar-timer__state">
        {timer.running ? "" : left === 0 ? t("seminars.timer.over") : t("seminars.timer.paused")}
      </span>
      <VisuallyHidden aria-live="polite" aria-atomic="true">
        {announcement}
      </VisuallyHidden>
    </div>
  );
}
