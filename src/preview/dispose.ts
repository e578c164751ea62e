/**
 * Frees what a scene holds on the GPU: every geometry, material and texture
 * reachable from it, plus materials not currently on a mesh (variants,
 * looks made by the configurator), each once.
 */
import type { Material, Mesh, Object3D, Texture } from 'three';

export function disposeScene(root: Object3D, moreMaterials: Material[] = []): void {
  const materials = new Set<Material>(moreMaterials);
  root.traverse((o) => {
    const mesh = o as Mesh;
    if (!mesh.isMesh) return;
    mesh.geometry.dispose();
    for (const m of Array.isArray(mesh.material) ? mesh.material : [mesh.material]) materials.add(m);
  });
  const textures = new Set<Texture>();
  for (const m of materials) {
    for (const value of Object.values(m)) if ((value as Texture | null)?.isTexture) textures.add(value as Texture);
    m.dispose();
  }
  for (const t of textures) t.dispose();
}
