// Accepted, delivered, deferred and bounced per minute over the last hour: outcomes as
// stacked bars, acceptance as a line over them, so a gap between the two is visible.
import { useMemo } from 'react';
import type { MinuteStats } from '../../../engine/api/contract';
import { Chart } from '../../components/chart';
import type { ChartPalette } from '../../lib/chart-palette';

function minuteLabel(minute: number): string {
  return new Date(minute).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });
}

export function MinuteChart({ minutes, palette }: { minutes: MinuteStats[]; palette: ChartPalette }) {
  const option = useMemo(() => {
    const bar = (name: string, field: keyof MinuteStats, color: string) => ({
      name, type: 'bar', stack: 'outcomes', data: minutes.map((minute) => minute[field]), itemStyle: { color }, barMaxWidth: 14,
    });
    return {
      animation: false,
      textStyle: { color: palette.text },
      grid: { left: 44, right: 16, top: 36, bottom: 28 },
      legend: { top: 0, textStyle: { color: palette.muted } },
      tooltip: { trigger: 'axis', backgroundColor: palette.surface, borderColor: palette.grid, textStyle: { color: palette.text } },
      xAxis: { type: 'category', data: minutes.map((minute) => minuteLabel(minute.minute)), axisLabel: { color: palette.muted }, axisLine: { lineStyle: { color: palette.grid } } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: palette.muted }, splitLine: { lineStyle: { color: palette.grid } } },
      series: [
        bar('Delivered', 'delivered', palette.delivered),
        bar('Deferred', 'deferred', palette.deferred),
        bar('Bounced', 'bounced', palette.bounced),
        { name: 'Accepted', type: 'line', data: minutes.map((minute) => minute.accepted), itemStyle: { color: palette.accepted }, showSymbol: false, smooth: false },
      ],
    };
  }, [minutes, palette]);
  const latest = minutes.at(-1);
  const label = latest
    ? `Per minute over the last hour. This minute: ${latest.accepted} accepted, ${latest.delivered} delivered, ${latest.deferred} deferred, ${latest.bounced} bounced.`
    : 'Per minute over the last hour: no data yet.';
  return <Chart option={option} label={label} height={260} testId="minute-chart" />;
}
