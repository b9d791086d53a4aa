import { useTranslation } from "react-i18next";

export interface WordCount {
  text: string;
  count: number;
}

const MIN_EM = 0.9;
const MAX_EM = 2.8;

/** Font size in em for a word counted `count` times, between the least and most frequent. */
export function wordSize(count: number, min: number, max: number): number {
  if (max <= min) return (MIN_EM + MAX_EM) / 2;
  return MIN_EM + ((count - min) / (max - min)) * (MAX_EM - MIN_EM);
}

/**
 * Short answers of a poll, sized by how often they were given. It is a real list (most frequent
 * first), so a screen reader reads each answer with its count instead of a picture of words.
 */
export function WordCloud({ words, label }: { words: WordCount[]; label: string }) {
  const { t } = useTranslation();
  if (!words.length) return null;
  const sorted = [...words].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
  const counts = sorted.map((w) => w.count);
  const min = Math.min(...counts);
  const max = Math.max(...counts);
  return (
    <ul className="word-cloud" aria-label={label}>
      {sorted.map((word, index) => (
        <li
          key={word.text}
          className="word-cloud__word"
          data-tone={index % 4}
          style={{ fontSize: `${wordSize(word.count, min, max).toFixed(2)}em` }}
        >
          {word.text}
          <span className="word-cloud__count">
            {" "}
            {t("seminars.poll.answerCount", { count: word.count })}
          </span>
        </li>
      ))}
    </ul>
  );
}
