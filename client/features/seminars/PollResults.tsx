import { useTranslation } from "react-i18next";
import { Group, Text } from "@mantine/core";
import { useFormat } from "../../ui/format";
import type { RoomPoll } from "./roomTypes";
import { WordCloud } from "./WordCloud";

function Bars({
  rows,
  total,
  label,
}: {
  rows: { key: string; label: string; count: number }[];
  total: number;
  label: string;
}) {
  const { t } = useTranslation();
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <ul className="poll-bars" aria-label={label}>
      {rows.map((row) => {
        const share = total ? Math.round((row.count / total) * 100) : 0;
        return (
          <li key={row.key} className="poll-bars__row">
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text fw={600} className="poll-bars__label">
                {row.label}
              </Text>
              <Text fw={700} className="poll-bars__count">
                {t("seminars.poll.countShare", { count: row.count, share })}
              </Text>
            </Group>
            <div className="bar" aria-hidden="true">
              <div className="bar__fill" style={{ width: `${(row.count / max) * 100}%` }} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** A poll's results: bars for choices and scales, a word cloud for short texts. */
export function PollResults({ poll }: { poll: RoomPoll }) {
  const { t } = useTranslation();
  const format = useFormat();
  const results = poll.results;
  if (!results) return null;
  const label = t("seminars.poll.resultsOf", { question: poll.question });
  return (
    <div className="poll-results" data-testid="poll-results">
      <Text size="sm" mb="xs">
        {t("seminars.poll.respondents", { count: results.respondents })}
      </Text>
      {(poll.kind === "single" || poll.kind === "multiple") && (
        <Bars
          label={label}
          total={results.respondents}
          rows={results.options.map((o) => ({
            key: o.option.id,
            label: o.option.label,
            count: o.count,
          }))}
        />
      )}
      {poll.kind === "scale" && (
        <>
          {results.average !== null && results.average !== undefined && (
            <Text fw={700} size="lg" mb="xs">
              {t("seminars.poll.average", { value: format.number(results.average) })}
            </Text>
          )}
          <Bars
            label={label}
            total={results.respondents}
            rows={results.scale.map((s) => ({
              key: String(s.value),
              label: String(s.value),
              count: s.count,
            }))}
          />
        </>
      )}
      {poll.kind === "text" &&
        (results.words.length ? (
          <WordCloud
            label={label}
            words={results.words.map((w) => ({ text: w.word, count: w.count }))}
          />
        ) : (
          <Text c="dimmed">{t("seminars.poll.noAnswers")}</Text>
        ))}
    </div>
  );
}
