/**
 * A problem found in a rules file, located so that an editor, the CLI and the
 * widget's error overlay can all point at the same spot. Every stage of
 * loading (syntax, schema, references, later the engine checks) reports in
 * this one shape so that they can be merged and shown together.
 */

/** A step from the root of the data to a value: a mapping key or a list index (0-based). */
export type Path = Array<string | number>;

/** A 1-based line and column in the source text. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Maps a data path to a position in the source. `part: 'key'` asks for the
 * key of the last step (where a missing or unknown field should be pointed at).
 */
export type Locate = (path: Path, part?: 'key' | 'value') => Position;

/** Where the data came from: the file name reported in problems and its locator. */
export interface SourceMap {
  file: string;
  locate: Locate;
}

export interface Problem {
  severity: 'error' | 'warning';
  /** A plain sentence a product manager understands. */
  message: string;
  file: string;
  line: number;
  column: number;
  /** Path to the value concerned, for tools that want more than a position. */
  path: Array<string | number>;
}

/**
 * Builds a located problem.
 *
 * @param source - the file name and locator of the text being checked
 * @param part - point at the key of the last path step instead of its value
 */
export function problemAt(
  source: SourceMap,
  severity: Problem['severity'],
  path: Path,
  message: string,
  part: 'key' | 'value' = 'value',
): Problem {
  const { line, column } = source.locate(path, part);
  return { severity, message, file: source.file, line, column, path: [...path] };
}

/**
 * Formats a problem the way compilers do (`file:line:col: error: message`),
 * which editors and CI logs turn into clickable links.
 */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`;
}

/** Orders problems by file, line and column; errors before warnings at the same spot. */
export function compareProblems(a: Problem, b: Problem): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  if (a.severity !== b.severity) return a.severity === 'error' ? -1 : 1;
  return 0;
}

/** Returns the problems sorted by position (a new array; the sort is stable). */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(compareProblems);
}

/**
 * Drops repeats of the same message at the same spot, which a value shared
 * through a YAML anchor produces once per place that uses it.
 */
export function withoutRepeats(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}\0${p.line}\0${p.column}\0${p.severity}\0${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** True when at least one problem is an error (warnings alone do not stop loading). */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
