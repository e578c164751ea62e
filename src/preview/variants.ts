/**
 * KHR_materials_variants, which three's GLTFLoader leaves to the caller:
 * reads the variant names and each primitive's mappings from the glTF JSON
 * and loads the mapped materials, so a variant can be applied by swapping
 * materials (no reload).
 */
import type { Material, Mesh, Object3D } from 'three';
import type { GLTF } from 'three/examples/jsm/loaders/GLTFLoader.js';

interface VariantsJson {
  variants?: Array<{ name?: string }>;
}
interface MappingsJson {
  mappings?: Array<{ material: number; variants: number[] }>;
}
interface GltfJson {
  extensions?: { KHR_materials_variants?: VariantsJson };
  meshes?: Array<{ primitives: Array<{ extensions?: { KHR_materials_variants?: MappingsJson } }> }>;
}

/** Per mesh: variant name -> the material that variant gives it. */
export type VariantMaterials = Map<Mesh, Map<string, Material>>;

export async function loadVariants(gltf: GLTF, fixVertexColors: (mesh: Mesh, m: Material) => Material): Promise<{ names: string[]; byMesh: VariantMaterials }> {
  const json = gltf.parser.json as GltfJson;
  const names = (json.extensions?.KHR_materials_variants?.variants ?? []).map((v, i) => v.name ?? `variant-${i}`);
  const byMesh: VariantMaterials = new Map();
  if (!names.length) return { names, byMesh };
  const meshes: Mesh[] = [];
  gltf.scene.traverse((o: Object3D) => {
    if ((o as Mesh).isMesh) meshes.push(o as Mesh);
  });
  for (const mesh of meshes) {
    const at = gltf.parser.associations.get(mesh);
    if (at?.meshes === undefined || at.primitives === undefined) continue;
    const mappings = json.meshes?.[at.meshes]?.primitives[at.primitives]?.extensions?.KHR_materials_variants?.mappings ?? [];
    const table = new Map<string, Material>();
    for (const mapping of mappings) {
      const material = fixVertexColors(mesh, (await gltf.parser.getDependency('material', mapping.material)) as Material);
      for (const v of mapping.variants) if (names[v] !== undefined) table.set(names[v], material);
    }
    if (table.size) byMesh.set(mesh, table);
  }
  return { names, byMesh };
}
