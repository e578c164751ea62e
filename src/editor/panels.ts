/**
 * The lists under the editor: problems, analyses and checks. Each entry that
 * has a place in a file is a button that jumps there.
 */
import type { Problem } from '../rules/problems.js';
import type { CheckResponse, LocatedCheck, LocatedFinding } from './protocol.js';

export type Jump = (file: 'rules' | 'checks', line: number, column: number) => void;

const KIND_LABEL: Record<LocatedFinding['kind'], string> = {
  'dead-option': 'Dead option',
  'forced-module': 'Always forced',
  'rule-never-fires': 'Rule never fires',
  'rule-implied': 'Rule implied',
  'row-unusable': 'Unusable row',
  'default-unavailable': 'Default unavailable',
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text = ''): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = cls;
  e.textContent = text;
  return e;
}

function entry(jump: () => void, badge: string, badgeClass: string, message: string, where: string): HTMLElement {
  const li = el('li', 'entry');
  const b = el('button', 'entry-button');
  b.type = 'button';
  b.append(el('span', `badge ${badgeClass}`, badge), el('span', 'message', message), el('span', 'where', where));
  b.addEventListener('click', jump);
  li.append(b);
  return li;
}

function empty(text: string): HTMLElement {
  return el('p', 'empty', text);
}

export function renderProblems(list: HTMLElement, rules: readonly Problem[], checks: readonly Problem[], jump: Jump): void {
  if (rules.length + checks.length === 0) {
    list.replaceChildren(empty('No problems: the rules compile and the preview is live.'));
    return;
  }
  const ul = el('ul', 'entries');
  for (const [file, problems] of [['rules', rules], ['checks', checks]] as const)
    for (const p of problems) ul.append(entry(() => jump(file, p.line, p.column), p.severity, p.severity, p.message, `${p.file}:${p.line}:${p.column}`));
  list.replaceChildren(ul);
}

export function renderAnalyses(list: HTMLElement, res: CheckResponse, jump: Jump): void {
  if (!res.analysis) {
    list.replaceChildren(empty('Fix the errors to see the analyses.'));
    return;
  }
  const { findings, configurations, elapsedMs } = res.analysis;
  const head = el('div', 'count');
  head.append(el('strong', 'count-value', formatCount(configurations)), el('span', 'count-label', ` valid configurations · analysed in ${Math.round(elapsedMs)} ms`));
  const ul = el('ul', 'entries');
  for (const f of findings) ul.append(entry(() => jump('rules', f.line, f.column), KIND_LABEL[f.kind], `finding ${f.kind}`, f.message, `line ${f.line}`));
  list.replaceChildren(head, findings.length ? ul : empty('No findings: every option can be chosen, every rule matters.'));
}

export function renderChecks(list: HTMLElement, checks: LocatedCheck[] | undefined, hasChecks: boolean, jump: Jump): void {
  if (!hasChecks) {
    list.replaceChildren(empty('No checks file. Open the checks tab to write "try it" checks, or load a .checks.yaml file.'));
    return;
  }
  if (!checks) {
    list.replaceChildren(empty('Fix the errors to run the checks.'));
    return;
  }
  const ul = el('ul', 'entries');
  for (const c of checks) {
    const li = entry(() => jump('checks', c.line, 1), c.passed ? '✓ pass' : '✗ fail', c.passed ? 'pass' : 'fail', c.name, `line ${c.line}`);
    if (!c.passed) {
      const diff = el('dl', 'diff');
      if (c.error) diff.append(el('dd', 'error-text', c.error));
      for (const e of c.expectations.filter((x) => !x.passed))
        diff.append(el('dt', '', e.module ? `${e.kind} ${e.module}` : e.kind), el('dd', 'expected', `expected ${e.expected}`), el('dd', 'actual', `actual ${e.actual}`));
      li.append(diff);
    }
    ul.append(li);
  }
  list.replaceChildren(ul);
}

/** 1234567 -> "1,234,567"; keeps astronomically large counts exact (they are decimal strings). */
export function formatCount(count: string): string {
  return /^\d+$/.test(count) ? count.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : count;
}
