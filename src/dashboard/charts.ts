/**
 * The dashboard's charts, drawn with Chart.js (loaded lazily: the numbers
 * and the at-risk table show before it arrives). One function per chart;
 * each takes a canvas and the metrics, and returns the Chart to destroy on
 * the next load.
 */
import type { Chart as ChartType, ChartConfiguration } from 'chart.js';
import type { Metrics } from '../orders/metrics.js';

const ACCENT = '#1d5fd1';
const ACCENT_SOFT = 'rgba(29, 95, 209, 0.25)';
const LATE = '#c2410c';
const MUTED = '#8a8f98';
const GOOD = '#15803d';

type ChartClass = typeof ChartType;
let loading: Promise<ChartClass> | undefined;

/** Chart.js with every controller registered, imported once on first use. */
export function chartLibrary(): Promise<ChartClass> {
  loading ??= import('chart.js/auto').then((m) => m.default as unknown as ChartClass);
  return loading;
}

const pct = (v: number | null): number | null => (v === null ? null : Math.round(v * 1000) / 10);
const weekLabel = (key: string): string => key.replace(/^\d{4}-/, '');
const shortOption = (option: string): string => (option.length > 28 ? `${option.slice(0, 27)}…` : option);

const common = {
  responsive: true,
  maintainAspectRatio: false,
  animation: false as const,
  plugins: { legend: { position: 'bottom' as const, labels: { boxWidth: 12 } } },
};

export function onTimeChart(Chart: ChartClass, canvas: HTMLCanvasElement, m: Metrics): ChartType {
  const weeks = m.byPeriod;
  const config: ChartConfiguration<'bar' | 'line'> = {
    type: 'bar',
    data: {
      labels: weeks.map((w) => weekLabel(w.key)),
      datasets: [
        {
          type: 'bar',
          label: 'On time (%)',
          data: weeks.map((w) => pct(w.onTimeRate)),
          backgroundColor: weeks.map((w) => (w.onTimeRate !== null && w.onTimeRate < 0.95 ? LATE : GOOD)),
        },
        { type: 'line', label: 'Target 95 %', data: weeks.map(() => 95), borderColor: MUTED, borderDash: [6, 4], pointRadius: 0, borderWidth: 1.5 },
      ],
    },
    options: { ...common, scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v} %` } } } },
  };
  return new Chart(canvas, config);
}

export function leadTimeChart(Chart: ChartClass, canvas: HTMLCanvasElement, m: Metrics): ChartType {
  const weeks = m.byPeriod;
  return new Chart(canvas, {
    type: 'line',
    data: {
      labels: weeks.map((w) => weekLabel(w.key)),
      datasets: [
        { label: 'Median (days)', data: weeks.map((w) => w.leadDays.median), borderColor: ACCENT, backgroundColor: ACCENT, tension: 0.25 },
        { label: 'p90 (days)', data: weeks.map((w) => w.leadDays.p90), borderColor: LATE, backgroundColor: LATE, tension: 0.25 },
        { label: 'Promised, median (days)', data: weeks.map((w) => w.promisedLeadDays.median), borderColor: MUTED, borderDash: [6, 4], pointRadius: 0 },
      ],
    },
    options: { ...common, scales: { y: { beginAtZero: true, title: { display: true, text: 'calendar days' } } } },
  });
}

export function variabilityChart(Chart: ChartClass, canvas: HTMLCanvasElement, m: Metrics): ChartType {
  const weeks = m.byPeriod;
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: weeks.map((w) => weekLabel(w.key)),
      datasets: [
        {
          type: 'bar',
          label: 'Range (earliest to latest delivery)',
          data: weeks.map((w) => (w.deviationDays.min === null ? null : ([w.deviationDays.min, w.deviationDays.max] as unknown as number))),
          backgroundColor: ACCENT_SOFT,
        },
        { type: 'line', label: 'Mean', data: weeks.map((w) => w.deviationDays.mean), borderColor: ACCENT, backgroundColor: ACCENT },
        { type: 'line', label: 'Standard deviation', data: weeks.map((w) => w.deviationDays.stdev), borderColor: LATE, backgroundColor: LATE, borderDash: [4, 3] },
      ],
    },
    options: { ...common, scales: { y: { title: { display: true, text: 'days vs promised latest (+ late)' } } } },
  });
}

export function supplierChart(Chart: ChartClass, canvas: HTMLCanvasElement, m: Metrics): ChartType {
  const parts = m.suppliers.filter((s) => s.arrivals > 0);
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: parts.map((s) => `${s.label} · ${pct(s.reliability)} %`),
      datasets: [
        { label: 'Declared latest (workdays)', data: parts.map((s) => s.declaredDays.supplierDays + s.declaredDays.spreadDays), backgroundColor: MUTED },
        { label: 'Actual median', data: parts.map((s) => s.actualDays.median), backgroundColor: ACCENT },
        { label: 'Actual p90', data: parts.map((s) => s.actualDays.p90), backgroundColor: LATE },
      ],
    },
    options: { ...common, indexAxis: 'y', scales: { x: { beginAtZero: true, title: { display: true, text: 'workdays from order' } } } },
  });
}

/**
 * The options the popularity chart shows: what shoppers chose themselves (an
 * unset optional module is no choice), configured or refused as clashing,
 * most configured first.
 */
export function popularOptions(m: Metrics): Metrics['popularity'] {
  return m.popularity
    .filter((o) => !o.option.endsWith('=null') && (o.quoted > 0 || (o.clashes ?? 0) > 0))
    .sort((a, b) => b.quoted - a.quoted || b.ordered - a.ordered || (b.clashes ?? 0) - (a.clashes ?? 0))
    .slice(0, 12);
}

export function popularityChart(Chart: ChartClass, canvas: HTMLCanvasElement, m: Metrics): ChartType {
  const top = popularOptions(m);
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: top.map((o) => shortOption(o.option)),
      datasets: [
        { label: 'Configured (quotes)', data: top.map((o) => o.quoted), backgroundColor: ACCENT_SOFT },
        { label: 'Bought (orders)', data: top.map((o) => o.ordered), backgroundColor: ACCENT },
        { label: 'Clashed (refused quotes)', data: top.map((o) => o.clashes ?? 0), backgroundColor: LATE },
      ],
    },
    options: { ...common, indexAxis: 'y', scales: { x: { beginAtZero: true } } },
  });
}

export const CHARTS = {
  'on-time': onTimeChart,
  'lead-time': leadTimeChart,
  variability: variabilityChart,
  suppliers: supplierChart,
  popularity: popularityChart,
} as const;
