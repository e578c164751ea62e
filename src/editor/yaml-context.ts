/**
 * Where the cursor is in a YAML file, as a data path, read from the text
 * alone by indentation and brackets. A real parse would fail exactly while
 * the user is typing (half a line is rarely valid YAML), which is when
 * autocomplete is wanted.
 */

/** A path step; '#' is a list item whose index is not needed. */
export type Step = string | number;

export interface YamlContext {
  path: Step[];
  /** Typing a mapping key, or a value (a scalar, or an item of a flow list). */
  position: 'key' | 'value';
  /** The partial word before the cursor and where it starts. */
  word: string;
  from: number;
}

interface LineInfo {
  indent: number;
  dash: boolean;
  /** Indentation of the content (after "- "). */
  content: number;
  key?: string;
}

const KEY = /^(["']?)([^"'#:{}[\],\s][^"'#:{}[\],]*?)\1\s*:(\s|$)/;

function lineInfo(line: string): LineInfo | undefined {
  const m = /^(\s*)(-\s+)?(.*)$/.exec(line)!;
  const rest = m[3];
  if (rest === '' || rest.startsWith('#')) return undefined;
  const indent = m[1].length;
  const dash = m[2] !== undefined;
  const key = KEY.exec(rest)?.[2]?.trim();
  return { indent, dash, content: indent + (m[2]?.length ?? 0), key };
}

/** The context at `offset` in `text`. */
export function yamlContext(text: string, offset: number): YamlContext {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const word = /[\w.$-]*$/.exec(before)![0];
  const from = offset - word.length;
  const here = /^(\s*)(-\s+)?(.*)$/.exec(before)!;
  const indent = here[1].length;
  const dash = here[2] !== undefined;
  const content = indent + (here[2]?.length ?? 0);

  // Parents from the block structure above the line.
  const path: Step[] = [];
  let threshold = content;
  const lines = text.slice(0, lineStart).split('\n');
  for (let i = lines.length - 1; i >= 0 && threshold > 0; i--) {
    const info = lineInfo(lines[i]);
    if (!info) continue;
    if (info.dash && info.indent < threshold) {
      if (info.key && info.content < threshold) path.unshift(info.key);
      path.unshift('#');
      threshold = info.indent;
    } else if (!info.dash && info.key && info.indent < threshold) {
      path.unshift(info.key);
      threshold = info.indent;
    }
  }
  if (dash) path.push('#');

  // Within the line: a block key, then any flow collections ({...} [...]).
  const body = here[3];
  const key = KEY.exec(body);
  if (!key) {
    if (body.trimStart().startsWith('[') || body.trimStart().startsWith('{')) return flow(body, path, word, from);
    // A bare word on its own line is a key being typed (in a mapping) or an item (after "- ").
    return { path, position: dash && !body.includes(':') && path.length > 0 && !looksLikeMapItem(lines, indent) ? 'value' : 'key', word, from };
  }
  path.push(key[2].trim());
  const value = body.slice(key[0].length);
  if (value.trimStart().startsWith('{') || value.trimStart().startsWith('[')) return flow(value, path, word, from);
  return { path, position: 'value', word, from };
}

/** True when the list the cursor line belongs to holds mappings (its items have "key:"). */
function looksLikeMapItem(lines: string[], indent: number): boolean {
  for (let i = lines.length - 1; i >= 0; i--) {
    const info = lineInfo(lines[i]);
    if (!info) continue;
    if (info.indent < indent) return false;
    if (info.dash && info.indent === indent) return info.key !== undefined;
  }
  return false;
}

/** Follows the brackets of a flow collection up to the cursor. */
function flow(textBefore: string, base: Step[], word: string, from: number): YamlContext {
  const stack: Array<{ kind: '{' | '['; index: number; key?: string; afterColon: boolean }> = [];
  let token = '';
  for (const ch of textBefore) {
    const top = stack[stack.length - 1];
    if (ch === '{' || ch === '[') {
      stack.push({ kind: ch, index: 0, afterColon: false });
      token = '';
    } else if (ch === '}' || ch === ']') {
      stack.pop();
      token = '';
    } else if (ch === ',' && top) {
      top.index++;
      top.key = undefined;
      top.afterColon = false;
      token = '';
    } else if (ch === ':' && top?.kind === '{') {
      top.key = token.trim().replace(/^["']|["']$/g, '');
      top.afterColon = true;
      token = '';
    } else token += ch;
  }
  const path = [...base];
  let position: 'key' | 'value' = 'value';
  stack.forEach((frame, i) => {
    const last = i === stack.length - 1;
    if (frame.kind === '[') path.push(frame.index);
    else if (frame.afterColon && frame.key !== undefined) path.push(frame.key);
    else if (last) position = 'key';
  });
  return { path, position, word, from };
}
