// Recipients waiting per stream, split by state: how deep each queue is and why.
import { useMemo } from 'react';
import type { StateCounts, Stream } from '../../../engine/api/contract';
import { Chart } from '../../components/chart';
import type { ChartPalette } from '../../lib/chart-palette';
import { STREAM_LABELS, STREAMS } from '../../lib/labels';

export function QueueDepthChart({ queue, palette }: { queue: Record<Stream, StateCounts>; palette: ChartPalette }) {
  const option = useMemo(() => {
    const series = ([['Queued', 'queued', palette.accepted], ['Sending', 'sending', palette.delivered], ['Deferred', 'deferred', palette.deferred], ['Held', 'held', palette.held]] as const)
      .map(([name, state, color]) => ({ name, type: 'bar', stack: 'depth', data: STREAMS.map((stream) => queue[stream][state]), itemStyle: { color }, barMaxWidth: 26 }));
    return {
      animation: false,
      textStyle: { color: palette.text },
      grid: { left: 100, right: 16, top: 32, bottom: 24 },
      legend: { top: 0, textStyle: { color: palette.muted } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, backgroundColor: palette.surface, borderColor: palette.grid, textStyle: { color: palette.text } },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { color: palette.muted }, splitLine: { lineStyle: { color: palette.grid } } },
      yAxis: { type: 'category', data: STREAMS.map((stream) => STREAM_LABELS[stream]), axisLabel: { color: palette.text }, axisLine: { lineStyle: { color: palette.grid } } },
      series,
    };
  }, [queue, palette]);
  const waiting = (stream: Stream) => queue[stream].queued + queue[stream].sending + queue[stream].deferred + queue[stream].held;
  return (
    <Chart
      option={option}
      label={`Waiting recipients: transactional ${waiting('transactional')}, bulk ${waiting('bulk')}.`}
      height={160}
      testId="queue-depth-chart"
    />
  );
}
