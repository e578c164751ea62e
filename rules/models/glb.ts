/**
 * Writes a three scene as a binary glTF in Node, and adds what three's
 * GLTFExporter cannot write: KHR_materials_variants (materials used only by
 * a variant are appended to the JSON chunk, with the per-primitive mappings).
 */
import * as THREE from 'three';
import { GLTFExporter } from 'three/examples/jsm/exporters/GLTFExporter.js';

/**
 * GLTFExporter reads its binary output through a FileReader, which Node
 * lacks; Blob is global since Node 18, so the shim only has to wait for it.
 */
class NodeFileReader {
  result: ArrayBuffer | string | null = null;
  onloadend: (() => void) | null = null;
  readAsArrayBuffer(blob: Blob): void {
    void blob.arrayBuffer().then((buffer) => {
      this.result = buffer;
      this.onloadend?.();
    });
  }
  readAsDataURL(blob: Blob): void {
    void blob.arrayBuffer().then((buffer) => {
      this.result = `data:${blob.type || 'application/octet-stream'};base64,${Buffer.from(buffer).toString('base64')}`;
      this.onloadend?.();
    });
  }
}
(globalThis as { FileReader?: unknown }).FileReader ??= NodeFileReader;

/** One variant: its name and, per node name, the material that node's mesh takes. */
export interface Variant {
  name: string;
  materials: Record<string, THREE.MeshStandardMaterial>;
}

interface GltfJson {
  nodes: Array<{ name?: string; mesh?: number }>;
  meshes: Array<{ primitives: Array<{ material?: number; extensions?: Record<string, unknown> }> }>;
  materials: Array<Record<string, unknown>>;
  extensionsUsed?: string[];
  extensions?: Record<string, unknown>;
}

export async function toGlb(scene: THREE.Object3D, variants: Variant[] = []): Promise<Uint8Array> {
  const out = await new GLTFExporter().parseAsync(scene, { binary: true });
  const glb = new Uint8Array(out as ArrayBuffer);
  return variants.length ? withVariants(glb, variants) : glb;
}

function materialJson(m: THREE.MeshStandardMaterial): Record<string, unknown> {
  return {
    name: m.name,
    pbrMetallicRoughness: { baseColorFactor: [m.color.r, m.color.g, m.color.b, 1], roughnessFactor: m.roughness, metallicFactor: m.metalness },
  };
}

function withVariants(glb: Uint8Array, variants: Variant[]): Uint8Array {
  const view = new DataView(glb.buffer, glb.byteOffset, glb.byteLength);
  const jsonLength = view.getUint32(12, true);
  const json = JSON.parse(new TextDecoder().decode(glb.subarray(20, 20 + jsonLength))) as GltfJson;
  const rest = glb.subarray(20 + jsonLength);
  const index = new Map<THREE.Material, number>();
  const mappings = new Map<number, Map<number, number[]>>(); // mesh -> material -> variants
  variants.forEach((variant, vi) => {
    for (const [node, mat] of Object.entries(variant.materials)) {
      const meshIndex = json.nodes.find((n) => n.name === node)?.mesh;
      if (meshIndex === undefined) throw new Error(`variant ${variant.name}: no mesh node "${node}"`);
      if (!index.has(mat)) index.set(mat, json.materials.push(materialJson(mat)) - 1);
      const byMaterial = mappings.get(meshIndex) ?? new Map<number, number[]>();
      const list = byMaterial.get(index.get(mat)!) ?? [];
      list.push(vi);
      byMaterial.set(index.get(mat)!, list);
      mappings.set(meshIndex, byMaterial);
    }
  });
  for (const [meshIndex, byMaterial] of mappings)
    for (const primitive of json.meshes[meshIndex].primitives)
      primitive.extensions = { ...primitive.extensions, KHR_materials_variants: { mappings: [...byMaterial].map(([material, vs]) => ({ material, variants: vs })) } };
  json.extensionsUsed = [...(json.extensionsUsed ?? []), 'KHR_materials_variants'];
  json.extensions = { ...json.extensions, KHR_materials_variants: { variants: variants.map((v) => ({ name: v.name })) } };
  let text = JSON.stringify(json);
  while (text.length % 4) text += ' ';
  const jsonBytes = new TextEncoder().encode(text);
  const total = 12 + 8 + jsonBytes.length + rest.length;
  const result = new Uint8Array(total);
  const out = new DataView(result.buffer);
  result.set(glb.subarray(0, 12));
  out.setUint32(8, total, true);
  out.setUint32(12, jsonBytes.length, true);
  out.setUint32(16, 0x4e4f534a, true);
  result.set(jsonBytes, 20);
  result.set(rest, 20 + jsonBytes.length);
  return result;
}
