/**
 * The rules editor: CodeMirror on the left (rules and checks tabs), the live
 * <bto-configurator> on the right, problems / analyses / checks underneath.
 * Checking runs in a worker, debounced, so typing never waits for it.
 */
import type { EditorView } from '@codemirror/view';
import '../element/bto-configurator.js';
import type { BtoConfigurator } from '../element/bto-configurator.js';
import { RulesChecker } from './checker.js';
import { createCodeEditor, goToLine, setText, showProblems } from './code-editor.js';
import { renderAnalyses, renderChecks, renderProblems, formatCount } from './panels.js';
import type { CheckResponse, OutlineModule } from './protocol.js';
import { checksJsonSchema, rulesJsonSchema } from './schema-docs.js';
import { EXAMPLES, type Workspace, checksNameFor, download, isChecksFile, loadExample, loadSaved, save } from './workspace.js';

/** Long enough to skip most keystrokes of a word, short enough to feel live. */
const DEBOUNCE_MS = 250;

export interface RulesEditor {
  rules: EditorView;
  checks: EditorView;
  preview: BtoConfigurator;
  /** Resolves with the next answer of the checker (tests wait on it). */
  nextResult(): Promise<CheckResponse>;
  open(w: Workspace): void;
}

const TEMPLATE = `
<header class="bar">
  <div class="brand"><span class="logo">bto</span> Rules editor</div>
  <label class="field">Start from <select class="example"><option value="">example…</option>${EXAMPLES.map((e) => `<option value="${e}">${e}.yaml</option>`).join('')}</select></label>
  <label class="button">Open…<input class="file" type="file" accept=".yaml,.yml,.json" multiple hidden></label>
  <button class="button download" type="button">Download</button>
  <span class="status" role="status" aria-live="polite"></span>
</header>
<main class="workbench">
  <section class="code-pane">
    <div class="tabs" role="tablist">
      <button role="tab" class="tab" data-file="rules" aria-selected="true"></button>
      <button role="tab" class="tab" data-file="checks" aria-selected="false"></button>
    </div>
    <div class="code rules-code"></div>
    <div class="code checks-code" hidden></div>
    <div class="drop-hint">Drop a rules or checks file to open it</div>
  </section>
  <section class="preview-pane">
    <div class="pane-title">Live preview <span class="preview-state"></span></div>
    <div class="preview-scroll"><bto-configurator no-url></bto-configurator></div>
  </section>
  <section class="report">
    <div class="tabs" role="tablist">
      <button role="tab" class="tab" data-panel="problems" aria-selected="true">Problems <span class="n"></span></button>
      <button role="tab" class="tab" data-panel="analyses" aria-selected="false">Analyses <span class="n"></span></button>
      <button role="tab" class="tab" data-panel="checks" aria-selected="false">Checks <span class="n"></span></button>
    </div>
    <div class="panel" data-panel="problems"></div>
    <div class="panel" data-panel="analyses" hidden></div>
    <div class="panel" data-panel="checks" hidden></div>
  </section>
</main>`;

export async function startEditor(root: HTMLElement, initial?: Workspace): Promise<RulesEditor> {
  root.innerHTML = TEMPLATE;
  const $ = <T extends Element>(sel: string): T => root.querySelector<T>(sel)!;
  const preview = $<BtoConfigurator>('bto-configurator');
  let work: Workspace = initial ?? loadSaved() ?? (await loadExample('desk'));
  let outline: OutlineModule[] = [];
  let waiters: Array<(r: CheckResponse) => void> = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const status = (text: string): void => void ($<HTMLElement>('.status').textContent = text);
  const checker = new RulesChecker((res, req) => {
    // An answer to text that has changed since is stale: a newer request is already on its way.
    if (req.rules === work.rules && req.checks === work.checks) show(res);
  });
  const request = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      checker.check({ rules: work.rules, rulesName: work.rulesName, checks: work.checks, checksName: work.checksName });
    }, DEBOUNCE_MS);
  };
  const changed = (): void => {
    save(work);
    status('Checking…');
    request();
  };

  const assist = (schema: typeof rulesJsonSchema) => ({ schema, outline: () => outline });
  const rules = createCodeEditor({
    parent: $('.rules-code'), text: work.rules, assist: assist(rulesJsonSchema), label: 'Rules file',
    onChange: (text) => { work.rules = text; changed(); },
  });
  const checks = createCodeEditor({
    parent: $('.checks-code'), text: work.checks, assist: assist(checksJsonSchema), label: 'Checks file',
    onChange: (text) => { work.checks = text; changed(); },
  });

  const jump = (file: 'rules' | 'checks', line: number, column: number): void => {
    selectFile(file);
    goToLine(file === 'rules' ? rules : checks, line, column);
  };

  function show(res: CheckResponse): void {
    outline = res.outline;
    showProblems(rules, res.problems);
    showProblems(checks, res.checkProblems);
    if (res.model) {
      preview.rules = res.model;
      $<HTMLElement>('.preview-state').textContent = '';
    } else $<HTMLElement>('.preview-state').textContent = '· showing the last valid version';
    renderProblems($('.panel[data-panel="problems"]'), res.problems, res.checkProblems, jump);
    renderAnalyses($('.panel[data-panel="analyses"]'), res, jump);
    renderChecks($('.panel[data-panel="checks"]'), res.checkResults, work.checks.trim() !== '', jump);
    const errors = res.problems.filter((p) => p.severity === 'error').length + res.checkProblems.filter((p) => p.severity === 'error').length;
    const failed = res.checkResults?.filter((c) => !c.passed).length ?? 0;
    setCount('problems', res.problems.length + res.checkProblems.length, errors > 0);
    setCount('analyses', res.analysis?.findings.length ?? 0, false);
    setCount('checks', res.checkResults ? `${res.checkResults.length - failed}/${res.checkResults.length}` : '', failed > 0);
    status(
      errors
        ? `${errors} error${errors === 1 ? '' : 's'}`
        : `✓ Valid · ${res.analysis ? formatCount(res.analysis.configurations) + ' configurations · ' : ''}checked in ${Math.round(res.elapsedMs)} ms`,
    );
    const done = waiters;
    waiters = [];
    for (const w of done) w(res);
  }

  function setCount(panel: string, n: number | string, bad: boolean): void {
    const span = $<HTMLElement>(`.report .tab[data-panel="${panel}"] .n`);
    span.textContent = String(n || '');
    span.classList.toggle('bad', bad);
  }

  function selectFile(file: 'rules' | 'checks'): void {
    for (const t of root.querySelectorAll<HTMLElement>('.code-pane .tab')) t.setAttribute('aria-selected', String(t.dataset.file === file));
    $<HTMLElement>('.rules-code').hidden = file !== 'rules';
    $<HTMLElement>('.checks-code').hidden = file !== 'checks';
  }

  function selectPanel(panel: string): void {
    for (const t of root.querySelectorAll<HTMLElement>('.report .tab')) t.setAttribute('aria-selected', String(t.dataset.panel === panel));
    for (const p of root.querySelectorAll<HTMLElement>('.report .panel')) p.hidden = p.dataset.panel !== panel;
  }

  function names(): void {
    $<HTMLElement>('.tab[data-file="rules"]').textContent = work.rulesName;
    $<HTMLElement>('.tab[data-file="checks"]').textContent = work.checksName;
  }

  function open(w: Workspace): void {
    work = { ...w };
    setText(rules, w.rules);
    setText(checks, w.checks);
    names();
    changed();
  }

  async function openFiles(files: Iterable<File>): Promise<void> {
    const next = { ...work };
    for (const f of files) {
      const text = await f.text();
      if (isChecksFile(f.name)) Object.assign(next, { checks: text, checksName: f.name });
      else Object.assign(next, { rules: text, rulesName: f.name, checksName: checksNameFor(f.name), checks: '' });
    }
    open(next);
  }

  for (const t of root.querySelectorAll<HTMLElement>('.code-pane .tab')) t.addEventListener('click', () => selectFile(t.dataset.file as 'rules' | 'checks'));
  for (const t of root.querySelectorAll<HTMLElement>('.report .tab')) t.addEventListener('click', () => selectPanel(t.dataset.panel!));
  $<HTMLSelectElement>('.example').addEventListener('change', async (e) => {
    const select = e.target as HTMLSelectElement;
    if (select.value) open(await loadExample(select.value));
    select.value = '';
  });
  $<HTMLInputElement>('.file').addEventListener('change', (e) => void openFiles((e.target as HTMLInputElement).files ?? []));
  $<HTMLButtonElement>('.download').addEventListener('click', () => {
    const checksVisible = !$<HTMLElement>('.checks-code').hidden;
    if (checksVisible) download(work.checksName, work.checks);
    else download(work.rulesName, work.rules);
  });
  const pane = $<HTMLElement>('.code-pane');
  pane.addEventListener('dragover', (e) => {
    e.preventDefault();
    pane.classList.add('dropping');
  });
  pane.addEventListener('dragleave', () => pane.classList.remove('dropping'));
  pane.addEventListener('drop', (e) => {
    e.preventDefault();
    pane.classList.remove('dropping');
    if (e.dataTransfer?.files.length) void openFiles(e.dataTransfer.files);
  });

  names();
  changed();
  return {
    rules,
    checks,
    preview,
    open,
    nextResult: () => new Promise((resolve) => waiters.push(resolve)),
  };
}
