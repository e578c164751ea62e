/**
 * Applies a configuration to a loaded model without reloading it: node
 * visibility, variants, material changes, numeric scaling/moving and morph
 * targets, all recomputed from the model's original state each time, so the
 * order of changes never matters and nothing accumulates.
 *
 * Materials made for a look (a tinted clone) are cached by look: 200
 * changes between two colours make two materials, not two hundred.
 */
import { type Material, type Mesh, MeshStandardMaterial, type Object3D, type Vector3 } from 'three';
import type { MaterialEffectSpec, NumberEffectSpec, ViewSpec } from '../rules/schema.js';
import type { Configuration } from './seam.js';
import type { VariantMaterials } from './variants.js';

interface Original {
  visible: boolean;
  scale: Vector3;
  position: Vector3;
}

export class SceneConfigurator {
  private readonly nodes = new Map<string, Object3D>();
  private readonly meshes: Mesh[] = [];
  private readonly original = new Map<Object3D, Original>();
  private readonly originalMaterial = new Map<Mesh, Material>();
  private readonly modelMaterials = new Map<string, Material>();
  /** Derived materials by source material and look; freed by `dispose`. */
  private readonly looks = new Map<string, Material>();
  readonly warnings: string[] = [];

  constructor(
    root: Object3D,
    private readonly view: ViewSpec,
    private readonly variants: { names: string[]; byMesh: VariantMaterials },
    materials: Material[],
  ) {
    root.traverse((o) => {
      if (o.name && !this.nodes.has(o.name)) this.nodes.set(o.name, o);
      this.original.set(o, { visible: o.visible, scale: o.scale.clone(), position: o.position.clone() });
      if ((o as Mesh).isMesh) {
        const mesh = o as Mesh;
        this.meshes.push(mesh);
        this.originalMaterial.set(mesh, mesh.material as Material);
      }
    });
    for (const m of materials) if (m.name && !this.modelMaterials.has(m.name)) this.modelMaterials.set(m.name, m);
    this.checkNames();
  }

  /** Every material the configurator made (for disposal). */
  get derivedMaterials(): Material[] {
    return [...this.looks.values()];
  }

  apply(configuration: Configuration): void {
    for (const [o, orig] of this.original) {
      o.visible = orig.visible;
      o.scale.copy(orig.scale);
      o.position.copy(orig.position);
    }
    const material = new Map<Mesh, Material>(this.originalMaterial);
    const hidden = new Set<Object3D>();
    for (const [moduleId, look] of Object.entries(this.view.modules ?? {})) {
      const value = configuration[moduleId];
      if (look.options) {
        const chosen = value === null || value === undefined ? undefined : look.options[String(value)];
        const shown = new Set(chosen?.show ?? []);
        for (const option of Object.values(look.options)) for (const name of option.show ?? []) if (!shown.has(name)) this.hideNamed(name, hidden);
        for (const name of chosen?.hide ?? []) this.hideNamed(name, hidden);
        if (chosen?.variant) for (const [mesh, table] of this.variants.byMesh) {
          const m = table.get(chosen.variant);
          if (m) material.set(mesh, m);
        }
        for (const effect of chosen?.materials ?? []) this.paint(effect, material);
      }
      if (look.number && typeof value === 'number') for (const effect of look.number) this.drive(effect, value);
    }
    for (const o of hidden) o.visible = false;
    for (const mesh of this.meshes) mesh.material = material.get(mesh)!;
  }

  private hideNamed(name: string, hidden: Set<Object3D>): void {
    const node = this.nodes.get(name);
    if (node) hidden.add(node);
  }

  private meshesUnder(names: readonly string[] | undefined): Mesh[] {
    if (!names) return this.meshes;
    const out: Mesh[] = [];
    for (const name of names)
      this.nodes.get(name)?.traverse((o) => {
        if ((o as Mesh).isMesh) out.push(o as Mesh);
      });
    return out;
  }

  private paint(effect: MaterialEffectSpec, material: Map<Mesh, Material>): void {
    for (const mesh of this.meshesUnder(effect.nodes)) {
      const current = material.get(mesh)!;
      if (effect.material !== undefined && current.name !== effect.material) continue;
      material.set(mesh, this.look(mesh, current, effect));
    }
  }

  /** The material `current` becomes under `effect`, made once per (material, look). */
  private look(mesh: Mesh, current: Material, effect: MaterialEffectSpec): Material {
    const vertexColors = mesh.geometry.hasAttribute('color');
    const key = `${current.uuid}|${effect.use ?? ''}|${effect.color ?? ''}|${effect.roughness ?? ''}|${effect.metalness ?? ''}|${vertexColors}`;
    const known = this.looks.get(key);
    if (known) return known;
    const source = effect.use !== undefined ? (this.modelMaterials.get(effect.use) ?? current) : current;
    const made = source.clone();
    made.name = source.name;
    if (vertexColors) made.vertexColors = true;
    if (made instanceof MeshStandardMaterial) {
      if (effect.color !== undefined) made.color.set(effect.color);
      if (effect.roughness !== undefined) made.roughness = effect.roughness;
      if (effect.metalness !== undefined) made.metalness = effect.metalness;
    }
    this.looks.set(key, made);
    return made;
  }

  private drive(effect: NumberEffectSpec, value: number): void {
    const axes = effect.axis === 'xyz' ? (['x', 'y', 'z'] as const) : ([effect.axis ?? 'x'] as const);
    for (const name of effect.nodes) {
      const node = this.nodes.get(name);
      if (!node) continue;
      if (effect.scale) for (const a of axes) node.scale[a] = this.original.get(node)!.scale[a] * interpolate(effect.scale, value);
      if (effect.position && effect.axis !== 'xyz') node.position[axes[0]] = interpolate(effect.position, value);
      if (effect.morph !== undefined && effect.weight)
        node.traverse((o) => {
          const mesh = o as Mesh;
          const i = mesh.morphTargetDictionary?.[effect.morph!];
          if (i !== undefined && mesh.morphTargetInfluences) mesh.morphTargetInfluences[i] = interpolate(effect.weight!, value);
        });
    }
  }

  /** Names in the view that the model lacks: the rules file was checked, the model only now. */
  private checkNames(): void {
    const materialNames = new Set([...this.modelMaterials.keys(), ...[...this.originalMaterial.values()].map((m) => m.name)]);
    const morphs = new Set(this.meshes.flatMap((m) => Object.keys(m.morphTargetDictionary ?? {})));
    const missing = (kind: string, name: string, known: { has(n: string): boolean }): void => {
      if (!known.has(name)) this.warnings.push(`the model has no ${kind} "${name}"`);
    };
    for (const look of Object.values(this.view.modules ?? {})) {
      for (const option of Object.values(look.options ?? {})) {
        for (const n of [...(option.show ?? []), ...(option.hide ?? [])]) missing('node', n, this.nodes);
        if (option.variant !== undefined) missing('variant', option.variant, new Set(this.variants.names));
        for (const e of option.materials ?? []) {
          for (const n of e.nodes ?? []) missing('node', n, this.nodes);
          if (e.material !== undefined) missing('material', e.material, materialNames);
          if (e.use !== undefined) missing('material', e.use, materialNames);
        }
      }
      for (const e of look.number ?? []) {
        for (const n of e.nodes) missing('node', n, this.nodes);
        if (e.morph !== undefined) missing('morph target', e.morph, morphs);
      }
    }
    this.warnings.splice(0, this.warnings.length, ...new Set(this.warnings));
  }
}

/** Piecewise-linear through the [value, result] points, clamped at both ends. */
export function interpolate(points: ReadonlyArray<readonly [number, number]>, value: number): number {
  const sorted = [...points].sort((a, b) => a[0] - b[0]);
  if (value <= sorted[0][0]) return sorted[0][1];
  for (let i = 1; i < sorted.length; i++) {
    const [x1, y1] = sorted[i];
    if (value <= x1) {
      const [x0, y0] = sorted[i - 1];
      return x1 === x0 ? y1 : y0 + ((y1 - y0) * (value - x0)) / (x1 - x0);
    }
  }
  return sorted[sorted.length - 1][1];
}
