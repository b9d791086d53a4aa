import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { SimpleGrid } from "@mantine/core";
import { useFormat } from "../../ui/format";

export interface QuarterFigures {
  period: string;
  proposalsSubmitted: number;
  onTimePercent: number | null;
  satisfactionPercent: number | null;
}

interface Props {
  quarters: QuarterFigures[];
  labels: { proposals: string; onTime: string; satisfaction: string };
}

/**
 * The KPIs per quarter of the year: proposals as bars, the two percentages as lines.
 * Loaded on demand (React.lazy); the table next to it carries the same figures as text,
 * so the SVG is decorative.
 */
export default function KpiCharts({ quarters, labels }: Props) {
  const format = useFormat();
  const axis = { fill: "var(--mantine-color-dimmed)", fontSize: 12 };
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} aria-hidden="true">
      <div style={{ width: "100%", height: 240 }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={quarters} margin={{ top: 16, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--mantine-color-default-border)" />
            <XAxis dataKey="period" tickFormatter={(p: string) => format.period(p)} tick={axis} />
            <YAxis allowDecimals={false} tick={axis} width={40} />
            <Tooltip labelFormatter={(p) => format.period(String(p))} />
            <Legend />
            <Bar
              dataKey="proposalsSubmitted"
              name={labels.proposals}
              fill="var(--mantine-color-blue-6)"
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div style={{ width: "100%", height: 240 }}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={quarters} margin={{ top: 16, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--mantine-color-default-border)" />
            <XAxis dataKey="period" tickFormatter={(p: string) => format.period(p)} tick={axis} />
            <YAxis
              domain={[0, 100]}
              tickFormatter={(v: number) => `${v}%`}
              tick={axis}
              width={48}
            />
            <Tooltip
              labelFormatter={(p) => format.period(String(p))}
              formatter={(v) => `${format.number(Number(v))}%`}
            />
            <Legend />
            <Line
              dataKey="onTimePercent"
              name={labels.onTime}
              stroke="var(--mantine-color-green-7)"
              strokeWidth={2}
              connectNulls
              isAnimationActive={false}
            />
            <Line
              dataKey="satisfactionPercent"
              name={labels.satisfaction}
              stroke="var(--mantine-color-grape-6)"
              strokeWidth={2}
              strokeDasharray="6 3"
              connectNulls
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </SimpleGrid>
  );
}
