/** The rules editor: type a broken rule, see it located, fix it, see the live widget follow. */
import { expect } from '@esm-bundle/chai';
import { forEachDiagnostic } from '@codemirror/lint';
import type { EditorView } from '@codemirror/view';
import { type RulesEditor, startEditor } from '../../src/editor/rules-editor.js';
import { option } from './element-fixture.js';

interface Seen {
  from: number;
  message: string;
  severity: string;
}

function diagnostics(view: EditorView): Seen[] {
  const out: Seen[] = [];
  forEachDiagnostic(view.state, (d, from) => out.push({ from, message: d.message, severity: d.severity }));
  return out;
}

/** Types text at the end of a line, one character per transaction, as a person would. */
async function typeAt(view: EditorView, pos: number, text: string): Promise<void> {
  for (const ch of text) {
    view.dispatch({ changes: { from: pos, insert: ch }, selection: { anchor: pos + 1 }, userEvent: 'input.type' });
    pos++;
  }
}

describe('rules editor', () => {
  let editor: RulesEditor;
  let root: HTMLElement;

  before(async () => {
    localStorage.clear();
    root = document.createElement('div');
    root.style.cssText = 'height: 800px; width: 1200px; display: block;';
    document.body.append(root);
    const [rules, checks] = await Promise.all(['/rules/desk.yaml', '/rules/desk.checks.yaml'].map(async (u) => (await fetch(u)).text()));
    editor = await startEditor(root, { rulesName: 'desk.yaml', rules, checksName: 'desk.checks.yaml', checks });
    await editor.nextResult();
    await editor.preview.loadComplete;
  });

  after(() => root.remove());

  it('starts clean: the example compiles, the analyses and checks ran', async () => {
    expect(diagnostics(editor.rules)).to.deep.equal([]);
    expect(option(editor.preview, 'frameColour', 'silver').getAttribute('aria-disabled')).to.not.equal('true');
    expect(root.querySelector('.count-value')!.textContent).to.equal('5,022');
    expect(root.querySelectorAll('.panel[data-panel="checks"] .badge.pass').length).to.equal(9);
  });

  it('underlines a broken rule at its line and column, then follows the fix in the widget', async () => {
    const doc = editor.rules.state.doc;
    const rulesLine = doc.line(doc.toString().split('\n').indexOf('rules:') + 1);
    // A rule that names an option that does not exist (a typo a product manager makes).
    let result = editor.nextResult();
    await typeAt(editor.rules, rulesLine.to, '\n  - id: no-silver\n    exclude: { frameColour: silvr }');
    let res = await result;
    const typoLine = rulesLine.number + 2;
    const error = res.problems.find((p) => p.severity === 'error');
    expect(error, JSON.stringify(res.problems)).to.include({ line: typoLine, column: 29 });
    expect(error!.message).to.match(/silvr/);
    const seen = diagnostics(editor.rules).filter((d) => d.severity === 'error');
    expect(seen).to.have.length(1);
    expect(editor.rules.state.doc.lineAt(seen[0].from).number).to.equal(typoLine);
    expect(seen[0].from - editor.rules.state.doc.line(typoLine).from).to.equal(28);
    expect(seen[0].message).to.match(/silvr/);
    expect(root.querySelector('.panel[data-panel="problems"] .where')!.textContent).to.equal(`desk.yaml:${typoLine}:29`);

    // Fix the typo: "silvr" -> "silver". The widget now marks silver unavailable.
    result = editor.nextResult();
    const typo = editor.rules.state.doc.line(typoLine);
    await typeAt(editor.rules, typo.from + typo.text.indexOf('silvr') + 4, 'e');
    res = await result;
    expect(res.problems.filter((p) => p.severity === 'error')).to.deep.equal([]);
    await editor.preview.updateComplete;
    await new Promise((r) => setTimeout(r, 100));
    await editor.preview.loadComplete;
    expect(option(editor.preview, 'frameColour', 'silver').getAttribute('aria-disabled')).to.equal('true');
    // The analyses now report silver as a dead option.
    expect(res.analysis!.findings.some((f) => f.kind === 'dead-option' && f.value === 'silver')).to.equal(true);
  });

  it('keeps the work in progress across a reload', () => {
    const saved = JSON.parse(localStorage.getItem('bto-editor:workspace@1')!) as { rules: string };
    expect(saved.rules).to.include('exclude: { frameColour: silver }');
  });
});
