import { BarChart } from '@mantine/charts';
import { Box } from '@mantine/core';
import type { AgingBuckets } from '../../api/fiados';
import { formatMoney } from '../../format';

export const AGING_BUCKETS: { key: keyof AgingBuckets; label: string; color: string }[] = [
  { key: '0_30', label: '0–30 dias', color: 'teal.6' },
  { key: '31_60', label: '31–60 dias', color: 'yellow.6' },
  { key: '61_90', label: '61–90 dias', color: 'orange.6' },
  { key: 'over_90', label: '+90 dias', color: 'red.7' },
];

/** Receivables by age as one stacked bar: where the money is stuck, at a glance. Described in words for screen readers. */
export function AgingBar({ buckets, height = 110 }: { buckets: AgingBuckets; height?: number }) {
  const row = Object.fromEntries([['faixa', 'Em aberto'], ...AGING_BUCKETS.map((b) => [b.label, buckets[b.key]])]);
  const summary = AGING_BUCKETS.map((b) => `${b.label}: ${formatMoney(buckets[b.key])}`).join('; ');
  return (
    <Box role="img" aria-label={`Saldo em aberto por idade — ${summary}`}>
      <BarChart
        h={height}
        data={[row]}
        dataKey="faixa"
        type="stacked"
        orientation="vertical"
        withLegend
        legendProps={{ verticalAlign: 'bottom' }}
        yAxisProps={{ hide: true }}
        gridAxis="none"
        valueFormatter={(value) => formatMoney(value)}
        series={AGING_BUCKETS.map((b) => ({ name: b.label, color: b.color }))}
      />
    </Box>
  );
}
