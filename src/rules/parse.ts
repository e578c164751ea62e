/**
 * Reads the text of a rules file (YAML, or JSON, which YAML 1.2 reads too)
 * into plain data while keeping the syntax tree, so that every later check
 * can point at the line and column of the value it complains about.
 */
import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { describePlace } from './places.js';
import type { Locate, Path, Position, Problem } from './problems.js';

export interface ParsedRules {
  /** The file name used in problems. */
  file: string;
  /** The plain data (what JSON.parse would give); null for an empty file. */
  data: unknown;
  /** Maps a data path to the closest position in the text. */
  locate: Locate;
  /** Syntax errors, duplicate keys and YAML warnings, located. */
  problems: Problem[];
  /**
   * False when the text has syntax errors: `data` is then a best guess and
   * checking it further would mostly report consequences of the typo.
   */
  wellFormed: boolean;
}

/** Aliases (`*anchor`) beyond this are refused: a small file must not expand into gigabytes. */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses the text of a rules file.
 *
 * @param text - YAML or JSON text
 * @param file - the name shown in problems (a path or URL; never opened)
 */
export function parseRulesText(text: string, file: string): ParsedRules {
  const lineCounter = new LineCounter();
  // uniqueKeys is off because the duplicate check below names what is
  // duplicated ("duplicate module id"), which yaml's own message cannot.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, merge: true });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const locate: Locate = (path, part = 'value') => at(offsetOf(doc, path, part));

  const problems: Problem[] = [];
  for (const error of doc.errors) {
    problems.push({ severity: 'error', message: syntaxMessage(error.code, error.message), file, ...at(error.pos[0]), path: [] });
  }
  for (const warning of doc.warnings) {
    problems.push({ severity: 'warning', message: warning.message, file, ...at(warning.pos[0]), path: [] });
  }
  let wellFormed = doc.errors.length === 0;

  let data: unknown = null;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? null;
  } catch (error) {
    wellFormed = false;
    const reason = error instanceof Error ? error.message : String(error);
    problems.push({ severity: 'error', message: `the file cannot be read: ${reason}`, file, line: 1, column: 1, path: [] });
  }

  if (doc.contents) {
    for (const duplicate of findDuplicateKeys(doc.contents, [])) {
      const first = at(duplicate.first);
      problems.push({
        severity: 'error',
        message: `${duplicateMessage(duplicate.path, data)} (first written on line ${first.line}; keep one)`,
        file,
        // The repeated key itself: locate() finds the last occurrence, which need not be the second one.
        ...at(duplicate.offset),
        path: duplicate.path,
      });
    }
  }
  return { file, data, locate, problems, wellFormed };
}

/** Plainer words for the syntax errors people make most often. */
function syntaxMessage(code: string, message: string): string {
  const hint: Record<string, string> = {
    TAB_AS_INDENT: 'indent with spaces, not tabs',
    MULTIPLE_DOCS: 'the file holds more than one document ("---"); a rules file is one document',
  };
  const text = message.replace(/\s+at line \d+, column \d+.*$/s, '').trim();
  return hint[code] ?? `YAML syntax: ${text}`;
}

interface DuplicateKey {
  /** Path to the duplicated key (parent path + key). */
  path: Path;
  /** Offset of the repeated key. */
  offset: number;
  /** Offset of its first occurrence. */
  first: number;
}

/** Finds keys written twice in the same mapping, anywhere in the tree. */
function findDuplicateKeys(node: unknown, path: Path): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  if (isMap(node)) {
    const seen = new Map<string, number>();
    for (const pair of node.items) {
      const key = keyText(pair);
      if (key === undefined) continue;
      const offset = pairKeyOffset(pair) ?? 0;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, offset);
      else found.push({ path: [...path, key], offset, first });
      found.push(...findDuplicateKeys(pair.value, [...path, key]));
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => found.push(...findDuplicateKeys(item, [...path, index])));
  }
  return found;
}

function duplicateMessage(path: Path, data: unknown): string {
  const key = String(path[path.length - 1]);
  const parent = path.slice(0, -1);
  if (parent.length === 1 && parent[0] === 'modules') return `duplicate module id "${key}"`;
  if (parent.length === 1 && parent[0] === 'components') return `duplicate component id "${key}"`;
  if (parent.length === 3 && parent[0] === 'modules' && parent[2] === 'options') {
    return `duplicate option id "${key}" in module "${String(parent[1])}"`;
  }
  return `duplicate key "${key}" ${describePlace(parent, data)}`;
}

/** The key of a pair as the data sees it (yaml turns scalar keys into strings); undefined for complex keys. */
function keyText(pair: Pair): string | undefined {
  if (!isScalar(pair.key)) return undefined;
  const { value } = pair.key;
  // A merge key (`<<`) is held as a symbol.
  return typeof value === 'symbol' ? value.description : String(value);
}

function pairKeyOffset(pair: Pair): number | undefined {
  return isScalar(pair.key) || isMap(pair.key) || isSeq(pair.key) ? pair.key.range?.[0] : undefined;
}

/**
 * The offset of the node at `path`, or of the deepest existing node on the
 * way there. With part 'key', the key of the last step taken (a missing field
 * is reported on its parent's key, an unknown field on its own key).
 */
function offsetOf(doc: Document, path: Path, part: 'key' | 'value'): number {
  let node: unknown = doc.contents;
  let keyOffset: number | undefined;
  let complete = true;
  for (const step of path) {
    const target = resolveAlias(doc, node);
    let next: { node: unknown; keyOffset?: number } | undefined;
    if (isMap(target)) {
      const pair = findPair(doc, target, String(step));
      if (pair) next = { node: pair.value, keyOffset: pairKeyOffset(pair) };
    } else if (isSeq(target) && typeof step === 'number' && step >= 0 && step < target.items.length) {
      next = { node: target.items[step] };
    }
    if (!next) {
      complete = false;
      break;
    }
    node = next.node;
    keyOffset = next.keyOffset;
  }
  const valueOffset = nodeOffset(resolveAlias(doc, node) ?? node);
  const preferKey = part === 'key' || !complete || valueOffset === undefined;
  // An empty value (`label:` with nothing after it) has no text of its own: its key is the best spot.
  if (preferKey || isEmptyScalar(node)) return keyOffset ?? valueOffset ?? 0;
  return valueOffset;
}

/**
 * The pair for `key` in a mapping: the last one when the key is repeated
 * (as in the data), else one brought in by a `<<: *anchor` merge key.
 */
function findPair(doc: Document, map: YAMLMap, key: string, depth = 0): Pair | undefined {
  const own = map.items.findLast((item) => keyText(item) === key);
  if (own || depth > 10) return own;
  for (const item of map.items) {
    if (keyText(item) !== '<<') continue;
    const sources = isSeq(item.value) ? item.value.items : [item.value];
    for (const source of sources) {
      const merged = resolveAlias(doc, source);
      const pair = isMap(merged) ? findPair(doc, merged, key, depth + 1) : undefined;
      if (pair) return pair;
    }
  }
  return undefined;
}

function resolveAlias(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

function nodeOffset(node: unknown): number | undefined {
  if (isScalar(node) || isMap(node) || isSeq(node) || isAlias(node)) return (node as Node).range?.[0];
  if (isPair(node)) return pairKeyOffset(node);
  return undefined;
}

function isEmptyScalar(node: unknown): boolean {
  return isScalar(node) && node.value === null && node.source === '';
}
