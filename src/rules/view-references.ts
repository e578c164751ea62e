/**
 * Checks the `view` section against the rest of the rules file: every module
 * and option it names exists, numeric effects sit on numeric modules, each
 * effect says what it changes. Node, material, morph and variant names live
 * in the glTF file, which only the preview loads: it warns about those.
 */
import { type Path, type Problem, type SourceMap, problemAt } from './problems.js';
import type { MaterialEffectSpec, NumberEffectSpec, RulesFile } from './schema.js';
import { didYouMean } from './suggest.js';

export function checkViewReferences(file: RulesFile, source: SourceMap): Problem[] {
  const problems: Problem[] = [];
  const error = (path: Path, message: string, part: 'key' | 'value' = 'value'): void => {
    problems.push(problemAt(source, 'error', path, message, part));
  };
  const warn = (path: Path, message: string): void => {
    problems.push(problemAt(source, 'warning', path, message));
  };
  const view = file.view;
  if (!view) return problems;
  const modules = Object.keys(file.modules);
  for (const [id, spec] of Object.entries(view.modules ?? {})) {
    const at: Path = ['view', 'modules', id];
    const module = file.modules[id];
    if (!module) {
      error(at, `the view names module "${id}", which the file does not define${didYouMean(id, modules)}`, 'key');
      continue;
    }
    if (module.type === 'number') {
      if (spec.options) error([...at, 'options'], `module "${id}" is numeric: describe its effect under "number", not "options"`, 'key');
      spec.number?.forEach((effect, i) => checkNumber(effect, [...at, 'number', i], error));
      continue;
    }
    if (spec.number) error([...at, 'number'], `module "${id}" chooses options: describe each under "options", not "number"`, 'key');
    const optionIds = Object.keys(module.options);
    for (const [option, look] of Object.entries(spec.options ?? {})) {
      const path: Path = [...at, 'options', option];
      if (!optionIds.includes(option)) error(path, `module "${id}" has no option "${option}"${didYouMean(option, optionIds)}`, 'key');
      if (!look.show && !look.hide && !look.materials && !look.variant) warn(path, `option "${option}" changes nothing in the preview`);
      look.materials?.forEach((m, i) => checkMaterial(m, [...path, 'materials', i], error));
    }
  }
  return problems;
}

type Report = (path: Path, message: string) => void;

function checkMaterial(m: MaterialEffectSpec, path: Path, error: Report): void {
  if (!m.nodes && m.material === undefined) error(path, 'a material change needs `nodes` or `material` (which meshes change)');
  if (m.use === undefined && m.color === undefined && m.roughness === undefined && m.metalness === undefined)
    error(path, 'a material change needs `use`, `color`, `roughness` or `metalness` (what they become)');
  if (m.color !== undefined && !/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(m.color)) error([...path, 'color'], `"${m.color}" is not a hex colour like "#1d1d1f"`);
}

function checkNumber(effect: NumberEffectSpec, path: Path, error: Report): void {
  const kinds = [effect.scale, effect.position, effect.morph].filter((x) => x !== undefined).length;
  if (kinds === 0) error(path, 'a numeric effect needs `scale`, `position` or `morph`');
  if (effect.morph !== undefined && !effect.weight) error(path, '`morph` needs `weight`: [[value, weight], ...]');
  if (effect.weight && effect.morph === undefined) error([...path, 'weight'], '`weight` drives a morph target: name it with `morph`');
  if (effect.axis === 'xyz' && effect.position) error([...path, 'position'], '`position` needs one axis (x, y or z), not "xyz"');
}
