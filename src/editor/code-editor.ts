/**
 * The CodeMirror 6 editor for one file (rules or checks): YAML highlighting,
 * lint diagnostics pushed from the checking worker, schema autocomplete and
 * hover docs.
 */
import { autocompletion } from '@codemirror/autocomplete';
import { yaml } from '@codemirror/lang-yaml';
import { type Diagnostic, lintGutter, setDiagnostics } from '@codemirror/lint';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import type { Problem } from '../rules/problems.js';
import { type AssistSource, completionSource, hoverDocs } from './assist.js';

export interface CodeEditorOptions {
  parent: HTMLElement;
  text: string;
  assist: AssistSource;
  /** Called after every change of the text. */
  onChange(text: string): void;
  label: string;
}

export function createCodeEditor(opts: CodeEditorOptions): EditorView {
  const extensions: Extension[] = [
    basicSetup,
    yaml(),
    lintGutter(),
    autocompletion({ override: [completionSource(opts.assist)], activateOnTyping: true }),
    hoverDocs(opts.assist),
    EditorView.contentAttributes.of({ 'aria-label': opts.label }),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) opts.onChange(u.state.doc.toString());
    }),
  ];
  return new EditorView({ parent: opts.parent, state: EditorState.create({ doc: opts.text, extensions }) });
}

/** Replaces the whole text (loading a file or an example). */
export function setText(view: EditorView, text: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

/** Shows problems as underlines from their line and column to the end of the token there. */
export function showProblems(view: EditorView, problems: readonly Problem[]): void {
  const doc = view.state.doc;
  const diagnostics: Diagnostic[] = problems.map((p) => {
    const line = doc.line(Math.min(Math.max(p.line, 1), doc.lines));
    const from = Math.min(line.from + Math.max(p.column - 1, 0), line.to);
    const token = /^[^\s,:{}[\]]+/.exec(line.text.slice(from - line.from))?.[0].length ?? 0;
    const to = Math.max(from + token, Math.min(from + 1, line.to));
    return { from, to: Math.max(to, from), severity: p.severity, message: p.message, source: 'bto check' };
  });
  view.dispatch(setDiagnostics(view.state, diagnostics));
}

/** Moves the cursor to a line (1-based) and scrolls it into view. */
export function goToLine(view: EditorView, line: number, column = 1): void {
  const l = view.state.doc.line(Math.min(Math.max(line, 1), view.state.doc.lines));
  const pos = Math.min(l.from + column - 1, l.to);
  view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
  view.focus();
}
