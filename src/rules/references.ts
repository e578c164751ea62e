/**
 * The checks a schema cannot express: that every id named somewhere exists,
 * that values fit their module (an option of a choice module, a number on a
 * numeric module's grid), that tables are rectangular and that prices fit the
 * currency. They run on a schema-valid file and report every problem, located.
 */
import { MAX_GRID_VALUES, type Grid, gridSize, isOnGrid, isWithin, rangeMeetsGrid, reachesMax } from './grid.js';
import { decimalPlaces, decimalText, fractionDigits } from './money.js';
import { describePlace, ruleName } from './places.js';
import { problemAt } from './problems.js';
import type { Path, Problem, SourceMap } from './problems.js';
import type { ChoiceModuleSpec, Condition, ConditionValue, NumberModuleSpec, RulesFile, RuleSpec } from './schema.js';
import { didYouMean } from './suggest.js';

/** What the value checks need to know about a module. */
type ModuleInfo =
  | { kind: 'choice'; id: string; optional: boolean; options: ReadonlySet<string> }
  /** `grid` is absent when the module's own range is broken (already reported): values are then not checked against it. */
  | { kind: 'number'; id: string; optional: boolean; grid?: Grid; unit?: string };

type Scalar = string | number | null;
type TableSpec = Extract<RuleSpec, { table: unknown }>['table'];

/**
 * Checks the references and values of a schema-valid rules file.
 *
 * @param file - the file as returned by schema validation
 * @param source - file name and locator used to place each problem
 * @returns every problem found (errors and warnings), in no particular order
 */
export function checkReferences(file: RulesFile, source: SourceMap): Problem[] {
  return new ReferenceCheck(file, source).run();
}

class ReferenceCheck {
  private readonly problems: Problem[] = [];
  private readonly modules = new Map<string, ModuleInfo>();
  private digits: number | undefined;

  constructor(
    private readonly file: RulesFile,
    private readonly source: SourceMap,
  ) {}

  run(): Problem[] {
    this.checkProduct();
    for (const [id, spec] of Object.entries(this.file.modules)) {
      const info = spec.type === 'number' ? this.checkNumberModule(id, spec) : this.checkChoiceModule(id, spec);
      this.modules.set(id, info);
    }
    this.checkRules();
    this.checkPrices();
    return this.problems;
  }

  private error(path: Path, message: string, part: 'key' | 'value' = 'value'): void {
    this.problems.push(problemAt(this.source, 'error', path, message, part));
  }

  private warning(path: Path, message: string, part: 'key' | 'value' = 'value'): void {
    this.problems.push(problemAt(this.source, 'warning', path, message, part));
  }

  private checkProduct(): void {
    const { currency, basePrice } = this.file.product;
    this.digits = fractionDigits(currency);
    if (this.digits === undefined) {
      this.error(['product', 'currency'], `unknown currency "${currency}": use an ISO 4217 code such as EUR, USD or JPY`);
    }
    if (basePrice < 0) this.error(['product', 'basePrice'], `basePrice must not be negative, got ${decimalText(basePrice)}`);
    this.checkAmount(['product', 'basePrice'], basePrice);
  }

  /** Amounts become integer minor units: a third decimal in EUR would be silently rounded. */
  private checkAmount(path: Path, amount: number | undefined): void {
    if (amount === undefined || this.digits === undefined || decimalPlaces(amount) <= this.digits) return;
    const { currency } = this.file.product;
    const allowed = this.digits === 0 ? `${currency} amounts have no decimals` : `${currency} amounts have at most ${this.digits}`;
    this.error(path, `${decimalText(amount)} has too many decimals: ${allowed}`);
  }

  private checkChoiceModule(id: string, spec: ChoiceModuleSpec): ModuleInfo {
    const path = ['modules', id];
    const optionIds = Object.keys(spec.options);
    if (optionIds.length === 0) this.error([...path, 'options'], `module "${id}" has no options: add at least one`);
    const components = Object.keys(this.file.components ?? {});
    const marked: string[] = [];
    for (const [optionId, option] of Object.entries(spec.options)) {
      const optionPath = [...path, 'options', optionId];
      this.checkAmount([...optionPath, 'price'], option.price);
      option.components?.forEach((component, index) => {
        if (this.file.components?.[component] !== undefined) return;
        this.error(
          [...optionPath, 'components', index],
          `unknown component "${component}" in option "${optionId}" of module "${id}"${didYouMean(component, components)}`,
        );
      });
      if (option.default !== true) continue;
      marked.push(optionId);
      if (marked.length > 1) {
        this.error(
          [...optionPath, 'default'],
          `module "${id}" has more than one default option: ${marked.map((o) => `"${o}"`).join(' and ')} are marked "default: true"`,
          'key',
        );
      }
    }
    if (spec.default !== undefined) {
      if (!optionIds.includes(spec.default)) {
        this.error(
          [...path, 'default'],
          `default "${spec.default}" of module "${id}" is not one of its options${didYouMean(spec.default, optionIds)}`,
        );
      }
      if (marked.length > 0) {
        this.error(
          [...path, 'default'],
          `module "${id}" names its default twice: "default: ${spec.default}" on the module and "default: true" on option "${marked[0]}"; keep one`,
          'key',
        );
      }
    }
    return { kind: 'choice', id, optional: spec.optional === true, options: new Set(optionIds) };
  }

  private checkNumberModule(id: string, spec: NumberModuleSpec): ModuleInfo {
    const path = ['modules', id];
    const step = spec.step ?? 1;
    const grid: Grid = { min: spec.min, max: spec.max, step };
    let broken = false;
    if (spec.min > spec.max) {
      this.error([...path, 'min'], `module "${id}": min ${spec.min} is greater than max ${spec.max}`);
      broken = true;
    }
    if (step <= 0) {
      this.error([...path, 'step'], `module "${id}": step must be greater than 0, got ${step}`);
      broken = true;
    }
    if (!broken && !reachesMax(grid)) {
      this.error(
        [...path, 'max'],
        `module "${id}": max ${spec.max} cannot be reached from min ${spec.min} in steps of ${step}; max - min must be a multiple of step`,
      );
      broken = true;
    }
    if (!broken && gridSize(grid) > MAX_GRID_VALUES) {
      const values = `${gridSize(grid)} values (${describeGrid(grid, spec.unit)})`;
      const at = spec.step === undefined ? path : [...path, 'step'];
      this.error(at, `module "${id}" would offer ${values}; at most ${MAX_GRID_VALUES} are allowed: use a larger step`, spec.step === undefined ? 'key' : 'value');
    }
    if (!broken && spec.default !== undefined) {
      if (!isWithin(grid, spec.default)) {
        this.error([...path, 'default'], `default ${spec.default} of module "${id}" is outside its range (${spec.min} to ${spec.max})`);
      } else if (!isOnGrid(grid, spec.default)) {
        this.error([...path, 'default'], `default ${spec.default} of module "${id}" is not one of its values (${describeGrid(grid, spec.unit)})`);
      }
    }
    this.checkAmount([...path, 'pricePerStep'], spec.pricePerStep);
    return { kind: 'number', id, optional: spec.optional === true, grid: broken ? undefined : grid, unit: spec.unit };
  }

  private checkRules(): void {
    const firstWithId = new Map<string, number>();
    this.file.rules?.forEach((rule, index) => {
      const path = ['rules', index];
      if (rule.id !== undefined) {
        const first = firstWithId.get(rule.id);
        if (first === undefined) firstWithId.set(rule.id, index);
        else {
          const line = this.source.locate(['rules', first, 'id']).line;
          this.error([...path, 'id'], `duplicate rule id "${rule.id}" (also used on line ${line}); rule ids must be unique`);
        }
      }
      if ('table' in rule) {
        this.checkTable(rule.table, [...path, 'table'], ruleName(this.file, index));
        return;
      }
      if (rule.require === undefined && rule.exclude === undefined) {
        this.error(path, `${ruleName(this.file, index)} has neither "require" nor "exclude", so it has no effect`);
      }
      for (const part of ['when', 'require', 'exclude'] as const) {
        const condition = rule[part];
        if (condition) this.checkCondition(condition, [...path, part]);
      }
    });
  }

  private checkPrices(): void {
    const firstWithId = new Map<string, number>();
    this.file.prices?.forEach((price, index) => {
      const path = ['prices', index];
      if (price.id !== undefined) {
        const first = firstWithId.get(price.id);
        if (first === undefined) firstWithId.set(price.id, index);
        else {
          const line = this.source.locate(['prices', first, 'id']).line;
          this.error([...path, 'id'], `duplicate price id "${price.id}" (also used on line ${line}); price ids must be unique`);
        }
      }
      this.checkAmount([...path, 'price'], price.price);
      this.checkCondition(price.when, [...path, 'when']);
    });
  }

  private checkCondition(condition: Condition, path: Path): void {
    for (const [moduleId, value] of Object.entries(condition)) {
      const info = this.modules.get(moduleId);
      if (!info) {
        const known = [...this.modules.keys()];
        this.error([...path, moduleId], `unknown module "${moduleId}" ${describePlace(path, this.file)}${didYouMean(moduleId, known)}`, 'key');
        continue;
      }
      this.checkConditionValue(info, value, [...path, moduleId]);
    }
  }

  private checkConditionValue(info: ModuleInfo, value: ConditionValue, path: Path): void {
    if (Array.isArray(value)) {
      if (value.length === 0) this.warning(path, `an empty list matches no value of module "${info.id}"`);
      value.forEach((item, index) => this.checkValue(info, item, [...path, index], false));
    } else if (value !== null && typeof value === 'object') {
      this.checkRange(info, value, path);
    } else {
      this.checkValue(info, value, path, false);
    }
  }

  private checkRange(info: ModuleInfo, range: { min?: number; max?: number }, path: Path): void {
    if (info.kind === 'choice') {
      this.error(path, `a range {min, max} only fits a numeric module, but "${info.id}" is a choice module`);
      return;
    }
    const { min, max } = range;
    if (min !== undefined && max !== undefined && min > max) {
      this.error(path, `the range for module "${info.id}" is empty: min ${min} is greater than max ${max}`);
    } else if (info.grid && !rangeMeetsGrid(info.grid, min, max)) {
      const shown = `${min ?? '...'} to ${max ?? '...'}`;
      this.error(path, `the range ${shown} contains no value of module "${info.id}" (${describeGrid(info.grid, info.unit)})`);
    }
  }

  /** One value: a whole condition value, a list item or a table cell (`"*"` is only allowed as a whole cell). */
  private checkValue(info: ModuleInfo, value: Scalar, path: Path, cell: boolean): void {
    if (value === null) {
      if (!info.optional) {
        this.error(path, `module "${info.id}" is not optional, so it cannot be empty (null); add "optional: true" to the module to allow that`);
      }
      return;
    }
    if (value === '*') {
      if (!cell) this.error(path, `"*" (any value) can only stand alone in a table cell`);
      return;
    }
    if (info.kind === 'choice') {
      if (typeof value === 'number') {
        const quote = info.options.has(String(value)) ? `; write "${value}" in quotes` : '';
        this.error(path, `module "${info.id}" has options, not numbers: expected an option id, got ${value}${quote}`);
      } else if (!info.options.has(value)) {
        this.error(path, `unknown option "${value}" of module "${info.id}"${didYouMean(value, info.options)}`);
      }
      return;
    }
    if (typeof value === 'string') {
      this.error(path, `module "${info.id}" is numeric: expected a number, got "${value}"`);
    } else if (info.grid && !isWithin(info.grid, value)) {
      this.error(path, `${value} is outside the range of module "${info.id}" (${info.grid.min} to ${info.grid.max})`);
    } else if (info.grid && !isOnGrid(info.grid, value)) {
      this.error(path, `${value} is not one of the values of module "${info.id}" (${describeGrid(info.grid, info.unit)})`);
    }
  }

  private checkTable(table: TableSpec, path: Path, rule: string): void {
    const seen = new Set<string>();
    const columns = table.modules.map((moduleId, index): ModuleInfo | undefined => {
      const at = [...path, 'modules', index];
      if (seen.has(moduleId)) {
        this.error(at, `module "${moduleId}" appears twice in the table of ${rule}`);
        return undefined;
      }
      seen.add(moduleId);
      const info = this.modules.get(moduleId);
      if (!info) this.error(at, `unknown module "${moduleId}" in the table of ${rule}${didYouMean(moduleId, this.modules.keys())}`);
      return info;
    });
    if (table.allow !== undefined && table.forbid !== undefined) {
      this.error(path, `the table of ${rule} has both "allow" and "forbid": use one of them`, 'key');
    } else if (table.allow === undefined && table.forbid === undefined) {
      this.error(path, `the table of ${rule} has neither "allow" nor "forbid": list the allowed (or the forbidden) combinations`, 'key');
    }
    for (const kind of ['allow', 'forbid'] as const) {
      table[kind]?.forEach((row, r) => {
        const rowPath = [...path, kind, r];
        if (row.length !== columns.length) {
          this.error(
            rowPath,
            `row ${r + 1} of "${kind}" in the table of ${rule} has ${row.length} ${row.length === 1 ? 'cell' : 'cells'}, ` +
              `but the table has ${columns.length} modules (${table.modules.join(', ')})`,
          );
          return;
        }
        row.forEach((cell, c) => {
          const info = columns[c];
          if (!info) return;
          if (!Array.isArray(cell)) return this.checkValue(info, cell, [...rowPath, c], true);
          if (cell.length === 0) this.warning([...rowPath, c], `an empty list matches no value of module "${info.id}"`);
          cell.forEach((item, k) => this.checkValue(info, item, [...rowPath, c, k], false));
        });
      });
    }
  }
}

/** "100 to 200 cm in steps of 10". */
function describeGrid(grid: Grid, unit: string | undefined): string {
  return `${grid.min} to ${grid.max}${unit ? ` ${unit}` : ''} in steps of ${grid.step}`;
}
