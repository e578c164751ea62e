/**
 * Reads a checks file (YAML or JSON) and locates every problem in it, with
 * the same parser and problem shape as the rules file, so editors and the
 * CLI point at checks errors exactly as at rules errors.
 */
import type { z } from 'zod/mini';
import { parseRulesText } from '../rules/parse.js';
import { describeValue, formatPath } from '../rules/places.js';
import { type Path, type Problem, type SourceMap, hasErrors, problemAt, sortProblems } from '../rules/problems.js';
import { type ChecksFile, checksFileSchema } from './schema.js';

export interface LoadedChecks {
  /** Present when the file has no error. */
  file?: ChecksFile;
  problems: Problem[];
  /** 1-based line of each check, in order (for reports that point back at the file). */
  lines: number[];
}

/** Parses and validates the text of a checks file. */
export function loadChecks(text: string, fileName: string): LoadedChecks {
  const parsed = parseRulesText(text, fileName);
  if (!parsed.wellFormed) return { problems: sortProblems(parsed.problems), lines: [] };
  const problems = [...parsed.problems];
  const result = checksFileSchema.safeParse(parsed.data);
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(issueProblem(issue, parsed.data, parsed));
    return { problems: sortProblems(problems), lines: [] };
  }
  const lines = result.data.checks.map((_, i) => parsed.locate(['checks', i]).line);
  return { file: hasErrors(problems) ? undefined : result.data, problems: sortProblems(problems), lines };
}

/** zod/mini ships no messages (size budget), so the sentences are written here, by issue code. */
function issueProblem(issue: z.core.$ZodIssue, data: unknown, source: SourceMap): Problem {
  const path: Path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
  const where = formatPath(path) || 'the file';
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0];
      const known = 'name, selection, available, unavailable, forced, price, valid, complete';
      const hint = path.length === 0 ? 'expected "checks" (and optionally "rules")' : `a check has: ${known}`;
      return problemAt(source, 'error', [...path, key], `unknown field "${key}" in ${where}: ${hint}`, 'key');
    }
    case 'invalid_type': {
      // zod does not report the input by default: look the value up to tell "missing" from "wrong".
      const parent = valueOf(data, path.slice(0, -1));
      const present = parent !== null && typeof parent === 'object' && Object.hasOwn(parent, path[path.length - 1]);
      if (!present) {
        const field = String(path[path.length - 1]);
        return problemAt(source, 'error', path, `missing required field "${field}" in ${formatPath(path.slice(0, -1)) || 'the file'}`, 'key');
      }
      return problemAt(source, 'error', path, `${where} must be ${article(issue.expected)}, not ${describeValue(valueOf(data, path))}`);
    }
    case 'too_small':
      return problemAt(source, 'error', path, `${where} must not be empty`);
    case 'invalid_union':
      return problemAt(source, 'error', path, `${where}: expected an option id, a number, null or a list of those, not ${describeValue(issue.input ?? valueOf(data, path))}`);
    default:
      return problemAt(source, 'error', path, `${where}: this value is not valid here`);
  }
}

function article(type: string): string {
  const words: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a text', number: 'a number', boolean: 'true or false' };
  return words[type] ?? type;
}

function valueOf(data: unknown, path: Path): unknown {
  let node = data;
  for (const step of path) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[step] : undefined;
  return node;
}
