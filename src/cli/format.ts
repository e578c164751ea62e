/** Human-readable CLI output. */
import type { CompiledModel } from '../rules/model.js';
import type { Evaluation, Price, Resolution } from '../rules/results.js';

export function formatMoney(amount: number, model: CompiledModel): string {
  const d = model.product.fractionDigits;
  return new Intl.NumberFormat('en', { style: 'currency', currency: model.product.currency, minimumFractionDigits: d }).format(
    amount / 10 ** d,
  );
}

export function formatPrice(price: Price, model: CompiledModel): string {
  const rows = price.lines.map((l) => `  ${l.label.padEnd(40)} ${formatMoney(l.amount, model).padStart(14)}`);
  return [...rows, `  ${'Total'.padEnd(40)} ${formatMoney(price.amount, model).padStart(14)}`].join('\n');
}

export function formatEvaluation(ev: Evaluation, model: CompiledModel): string {
  const out: string[] = [`${model.product.name}: ${ev.valid ? 'valid' : 'INVALID'}, ${ev.complete ? 'complete' : 'incomplete'}`];
  for (const m of model.modules) {
    const st = ev.modules[m.id];
    const head = `${m.label} (${m.id})${st.selected !== undefined ? ` = ${String(st.selected)}` : st.forced !== undefined ? ` forced to ${String(st.forced)}` : ''}`;
    out.push(head);
    if (m.kind === 'number') {
      out.push(st.range ? `  allowed ${st.range.min}-${st.range.max}${m.unit ? ` ${m.unit}` : ''} (step ${m.step})` : '  nothing allowed');
      continue;
    }
    for (const v of m.values) {
      const o = st.options[String(v.id)];
      const mark = o.available ? '+' : '-';
      out.push(`  ${mark} ${String(v.id).padEnd(14)} ${v.label}${o.because ? `  — ${o.because.text}` : ''}`);
    }
  }
  out.push('Price', formatPrice(ev.price, model));
  return out.join('\n');
}

export function formatResolution(r: Resolution, model: CompiledModel): string {
  const out = ['New selection: ' + Object.entries(r.selection).map(([k, v]) => `${k}=${String(v)}`).join(' ')];
  if (r.changes.length) {
    out.push('Changes:');
    for (const c of r.changes) out.push(`  ${c.module}: ${String(c.from)} -> ${String(c.to)}${c.wasSelected ? ' (your choice)' : ''}`);
  } else out.push('No other changes.');
  out.push('Configuration: ' + Object.entries(r.configuration).map(([k, v]) => `${k}=${String(v)}`).join(' '));
  out.push('Price', formatPrice(r.price, model));
  return out.join('\n');
}
