/**
 * The products a service sells: every rules file in a folder with its ops
 * file beside it (`desk.yaml` + `desk.ops.yaml`), loaded and checked once at
 * start. A product with errors is reported and left out; the others serve.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadOps } from '../promise/load-ops.js';
import type { OpsFile } from '../promise/ops-schema.js';
import type { Engine } from '../rules/engine.js';
import { loadRules } from '../rules/load.js';
import type { CompiledModel } from '../rules/model.js';
import { type Problem, formatProblem } from '../rules/problems.js';

export interface Product {
  model: CompiledModel;
  engine: Engine;
  /** The ops file as written: the baseline that the store's bookings add to. */
  ops: OpsFile;
}

export interface Catalog {
  /** Product id -> product. */
  products: Map<string, Product>;
  /** One line per problem (file:line:col: severity: message) or per skipped file. */
  problems: string[];
}

/** Loads `dir/*.yaml` (not the `*.ops.yaml` and `*.checks.yaml` beside them) with their ops files. */
export async function loadCatalog(dir: string): Promise<Catalog> {
  const products = new Map<string, Product>();
  const problems: string[] = [];
  const files = (await readdir(dir)).filter((f) => /\.ya?ml$/i.test(f) && !/\.(ops|checks)\.ya?ml$/i.test(f)).sort();
  for (const file of files) {
    const rulesPath = join(dir, file);
    const opsPath = rulesPath.replace(/\.ya?ml$/i, '.ops.yaml');
    const rules = loadRules(await readFile(rulesPath, 'utf8'), rulesPath);
    problems.push(...rules.problems.map(formatProblem));
    if (!rules.model || !rules.engine) {
      problems.push(`${rulesPath}: skipped: the rules file has errors`);
      continue;
    }
    let opsText: string;
    try {
      opsText = await readFile(opsPath, 'utf8');
    } catch {
      problems.push(`${rulesPath}: skipped: no ops file ${opsPath} beside it`);
      continue;
    }
    const loaded = loadOps(opsText, opsPath, rules.model);
    problems.push(...loaded.problems.map((p: Problem) => formatProblem(p)));
    if (!loaded.ops) {
      problems.push(`${rulesPath}: skipped: the ops file has errors`);
      continue;
    }
    const id = rules.model.product.id;
    if (products.has(id)) {
      problems.push(`${rulesPath}: skipped: product "${id}" is already defined by another file`);
      continue;
    }
    products.set(id, { model: rules.model, engine: rules.engine, ops: loaded.ops });
  }
  return { products, problems };
}
