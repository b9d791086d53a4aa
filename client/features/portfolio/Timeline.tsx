import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { Group, Text, Tooltip } from "@mantine/core";
import { useFormat } from "../../ui/format";
import { milestoneState, todayIso, type MilestoneLike, type Rag } from "./shared";
import "./portfolio.css";

export interface TimelineProject {
  id: string;
  code: string;
  name: string;
  startDate: string;
  endDate: string;
  themeId: string;
  rag: Rag;
  milestones: (MilestoneLike & { id: string; title: string })[];
}

interface Props {
  themes: { id: string; name: string }[];
  projects: TimelineProject[];
}

const DAY = 86_400_000;
const toTime = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** Month (or quarter, for long spans) ticks between two days. */
function ticks(start: number, end: number): { at: number; label: Date }[] {
  const first = new Date(start);
  const months = (end - start) / DAY / 30;
  const step = months > 30 ? 6 : months > 14 ? 3 : 1;
  const out = [];
  const cursor = new Date(
    Date.UTC(first.getUTCFullYear(), first.getUTCMonth() - (first.getUTCMonth() % step), 1),
  );
  while (cursor.getTime() <= end) {
    if (cursor.getTime() >= start) out.push({ at: cursor.getTime(), label: new Date(cursor) });
    cursor.setUTCMonth(cursor.getUTCMonth() + step);
  }
  return out;
}

/**
 * Gantt-style timeline: a bar per project from start to end, grouped by theme; milestones as
 * diamonds coloured by state; a line at today. Every bar and diamond is a focusable link with
 * its full description as accessible name; the track scrolls horizontally on small screens.
 */
export function Timeline({ themes, projects }: Props) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  if (!projects.length)
    return (
      <Text c="dimmed" ta="center" py="xl">
        {t("portfolio.noProjects")}
      </Text>
    );
  const dates = projects.flatMap((p) => [
    p.startDate,
    p.endDate,
    ...p.milestones.map((m) => m.dueDate),
  ]);
  const today = todayIso();
  const min = toTime([...dates, today].sort()[0]!) - 15 * DAY;
  const max = toTime([...dates, today].sort().at(-1)!) + 15 * DAY;
  const pos = (day: string) => `${(((toTime(day) - min) / (max - min)) * 100).toFixed(3)}%`;
  const monthFormat = new Intl.DateTimeFormat(
    i18n.language === "en" ? "en-GB" : `${i18n.language}-BE`,
    {
      month: "short",
      year: "2-digit",
      timeZone: "UTC",
    },
  );
  const groups = themes
    .map((theme) => ({ theme, items: projects.filter((p) => p.themeId === theme.id) }))
    .filter((g) => g.items.length);

  return (
    <div>
      <div
        className="timeline-scroll"
        role="region"
        aria-label={t("portfolio.timeline.title")}
        tabIndex={0}
      >
        <div className="timeline">
          <div className="timeline-axis" aria-hidden="true">
            <div className="timeline-label" />
            <div className="timeline-track" style={{ height: 32 }}>
              {ticks(min, max).map((tick) => (
                <span
                  key={tick.at}
                  className="timeline-tick"
                  style={{ left: pos(new Date(tick.at).toISOString().slice(0, 10)) }}
                >
                  {monthFormat.format(tick.label)}
                </span>
              ))}
              <span className="timeline-today" style={{ left: pos(today) }}>
                <span className="timeline-today-label">{t("portfolio.timeline.today")}</span>
              </span>
            </div>
          </div>
          {groups.map(({ theme, items }) => (
            <div key={theme.id} role="group" aria-label={theme.name}>
              <div className="timeline-theme">
                <span>{theme.name}</span>
              </div>
              {items.map((p) => (
                <div className="timeline-row" key={p.id}>
                  <div className="timeline-label">
                    <Text size="sm" truncate>
                      <strong>{p.code}</strong> {p.name}
                    </Text>
                  </div>
                  <div className="timeline-track">
                    <span
                      className="timeline-today"
                      style={{ left: pos(today) }}
                      aria-hidden="true"
                    />
                    <Link
                      to={`/portfolio/projects/${p.id}`}
                      className="timeline-bar"
                      data-rag={p.rag}
                      style={{
                        left: pos(p.startDate),
                        width: `calc(${pos(p.endDate)} - ${pos(p.startDate)})`,
                      }}
                      aria-label={t("portfolio.timeline.barLabel", {
                        code: p.code,
                        name: p.name,
                        start: format.date(p.startDate),
                        end: format.date(p.endDate),
                        rag: t(`portfolio.rag.${p.rag}`),
                      })}
                    />
                    {p.milestones.map((m) => {
                      const state = milestoneState(m);
                      const label = t("portfolio.timeline.milestoneLabel", {
                        title: m.title,
                        due: format.date(m.dueDate),
                        state: t(`portfolio.milestoneState.${state}`),
                      });
                      return (
                        <Tooltip
                          key={m.id}
                          label={label}
                          events={{ hover: true, focus: true, touch: true }}
                          withArrow
                        >
                          <Link
                            to={`/portfolio/projects/${p.id}#milestone-${m.id}`}
                            className="timeline-diamond"
                            data-state={state}
                            style={{ left: pos(m.dueDate) }}
                            aria-label={label}
                          />
                        </Tooltip>
                      );
                    })}
                  </div>
                </div>
              ))}
            </div>
          ))}
        </div>
      </div>
      <Group gap="md" mt="xs" aria-label={t("portfolio.timeline.legend")} role="list">
        {(["onTime", "doneLate", "overdue", "planned"] as const).map((state) => (
          <Text size="xs" key={state} role="listitem">
            <span
              className="legend-swatch timeline-diamond"
              data-state={state}
              data-shape="diamond"
              style={{ position: "static", margin: "0 6px 0 0", display: "inline-block" }}
            />
            {t(`portfolio.milestoneState.${state}`)}
          </Text>
        ))}
        {(["green", "amber", "red"] as const).map((rag) => (
          <Text size="xs" key={rag} role="listitem">
            <span
              className="legend-swatch timeline-bar"
              data-rag={rag}
              style={{ position: "static", display: "inline-block", height: 10, width: 20 }}
            />
            {t(`portfolio.rag.${rag}`)}
          </Text>
        ))}
      </Group>
    </div>
  );
}
