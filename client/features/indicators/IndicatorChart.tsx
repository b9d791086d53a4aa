import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { useFormat } from "../../ui/format";

export interface ChartPoint {
  period: string;
  value: number | null;
}

interface Props {
  points: ChartPoint[];
  target: number | null | undefined;
  targetLabel: string;
  unit: string | null | undefined;
  seriesLabel: string;
}

/**
 * The values of one indicator over the periods, against its target as a reference line.
 * Loaded on demand (React.lazy): recharts is only downloaded on pages that draw a chart.
 * The figure around it carries the text alternative; the SVG itself is decorative.
 */
export default function IndicatorChart({ points, target, targetLabel, unit, seriesLabel }: Props) {
  const format = useFormat();
  const values = points.flatMap((p) => (p.value === null ? [] : [p.value]));
  const all = target === null || target === undefined ? values : [...values, target];
  const min = Math.min(0, ...all);
  const max = Math.max(...all, 1);
  const pad = (max - min) * 0.1;

  return (
    <div aria-hidden="true" style={{ width: "100%", height: 280 }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          data={points}
          margin={{ top: 16, right: 24, bottom: 8, left: 8 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="var(--mantine-color-default-border)" />
          <XAxis
            dataKey="period"
            tickFormatter={(p: string) => format.period(p)}
            tick={{ fill: "var(--mantine-color-dimmed)", fontSize: 12 }}
          />
          <YAxis
            domain={[Math.floor(min - (min < 0 ? pad : 0)), Math.ceil(max + pad)]}
            tickFormatter={(v: number) => format.number(v)}
            tick={{ fill: "var(--mantine-color-dimmed)", fontSize: 12 }}
            width={56}
          />
          <Tooltip
            formatter={(v) => [format.number(Number(v), unit), seriesLabel]}
            labelFormatter={(p) => format.period(String(p))}
          />
          {target !== null && target !== undefined && (
            <ReferenceLine
              y={target}
              stroke="var(--chart-target)"
              strokeDasharray="6 4"
              strokeWidth={2}
              label={{
                value: targetLabel,
                position: "insideTopRight",
                fill: "var(--chart-target)",
                fontSize: 12,
              }}
            />
          )}
          <Line
            type="monotone"
            dataKey="value"
            name={seriesLabel}
            stroke="var(--chart-line)"
            strokeWidth={3}
            dot={{ r: 5, fill: "var(--chart-line)" }}
            activeDot={{ r: 7 }}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
