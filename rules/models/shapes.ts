/**
 * Small builders for the procedural product models: named meshes from three's
 * geometry generators, PBR materials, and the few composite shapes (tubes
 * between two points, wood grain) the products need. Units are metres, y up.
 */
import * as THREE from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';

export type V3 = [number, number, number];

/** A PBR material; `clearcoat` makes a MeshPhysicalMaterial (paint, lacquer). */
export function material(
  name: string,
  color: string,
  roughness: number,
  metalness: number,
  extra: { clearcoat?: number; opacity?: number; vertexColors?: boolean; emissive?: string } = {},
): THREE.MeshStandardMaterial {
  const m = extra.clearcoat ? new THREE.MeshPhysicalMaterial({ clearcoat: extra.clearcoat, clearcoatRoughness: 0.15 }) : new THREE.MeshStandardMaterial();
  m.name = name;
  m.color.set(color);
  m.roughness = roughness;
  m.metalness = metalness;
  if (extra.opacity !== undefined) {
    m.transparent = true;
    m.opacity = extra.opacity;
  }
  if (extra.vertexColors) m.vertexColors = true;
  if (extra.emissive) m.emissive.set(extra.emissive);
  return m;
}

/** Drops the uv attribute: the models are untextured, and uvs would double the file size. */
function lean(g: THREE.BufferGeometry): THREE.BufferGeometry {
  g.deleteAttribute('uv');
  return g;
}

export function mesh(name: string, geometry: THREE.BufferGeometry, mat: THREE.Material, at: V3 = [0, 0, 0]): THREE.Mesh {
  const m = new THREE.Mesh(lean(geometry), mat);
  m.name = name;
  m.position.set(...at);
  return m;
}

export function box(name: string, size: V3, at: V3, mat: THREE.Material): THREE.Mesh {
  return mesh(name, new THREE.BoxGeometry(...size), mat, at);
}

/** A cylinder along `axis` (default y). */
export function cylinder(name: string, radius: number, length: number, at: V3, mat: THREE.Material, axis: 'x' | 'y' | 'z' = 'y', segments = 14): THREE.Mesh {
  const g = new THREE.CylinderGeometry(radius, radius, length, segments);
  if (axis === 'x') g.rotateZ(Math.PI / 2);
  if (axis === 'z') g.rotateX(Math.PI / 2);
  return mesh(name, g, mat, at);
}

export function group(name: string, children: THREE.Object3D[], at: V3 = [0, 0, 0]): THREE.Group {
  const g = new THREE.Group();
  g.name = name;
  g.position.set(...at);
  g.add(...children);
  return g;
}

/** A round tube from a to b (a bicycle tube, a rack strut). */
export function tubeGeometry(a: V3, b: V3, radius: number, segments = 12): THREE.BufferGeometry {
  const va = new THREE.Vector3(...a);
  const vb = new THREE.Vector3(...b);
  const length = va.distanceTo(vb);
  const g = new THREE.CylinderGeometry(radius, radius, length, segments, 1, true);
  const dir = vb.clone().sub(va).normalize();
  g.applyQuaternion(new THREE.Quaternion().setFromUnitVectors(new THREE.Vector3(0, 1, 0), dir));
  g.translate((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2);
  return g;
}

/** Merges geometries (same attributes) into one, so a frame of tubes is one mesh. */
export function merged(parts: THREE.BufferGeometry[]): THREE.BufferGeometry {
  // Generators make indexed geometry; keep the index (a third of the size) unless the parts are mixed.
  const indexed = parts.every((p) => p.index);
  const g = mergeGeometries(parts.map((p) => lean(indexed || !p.index ? p : p.toNonIndexed())));
  if (!g) throw new Error('cannot merge geometries');
  return g;
}

/**
 * A board with wood grain in its vertex colours (light streaks along x), so
 * one material colour (oak, walnut, laminate) tints a grained surface.
 */
export function board(name: string, size: V3, at: V3, mat: THREE.Material, seed = 1): THREE.Mesh {
  const g = new THREE.BoxGeometry(size[0], size[1], size[2], 4, 1, 40);
  const pos = g.getAttribute('position');
  const colors = new Float32Array(pos.count * 3);
  for (let i = 0; i < pos.count; i++) {
    const x = pos.getX(i);
    const z = pos.getZ(i);
    const wave = Math.sin(z * 90 + Math.sin(x * 4 + seed) * 1.6 + seed) * 0.5 + Math.sin(z * 230 + x * 2) * 0.35;
    const c = 0.86 + 0.1 * wave;
    colors.set([c, c * 0.985, c * 0.97], i * 3);
  }
  g.setAttribute('color', new THREE.BufferAttribute(colors, 3));
  return mesh(name, g, mat, at);
}

/** Fan geometry per diameter, shared: the exporter writes a shared geometry once. */
const fanParts = new Map<number, { ring: THREE.BufferGeometry; blades: THREE.BufferGeometry }>();

function fanGeometry(diameter: number): { ring: THREE.BufferGeometry; blades: THREE.BufferGeometry } {
  const known = fanParts.get(diameter);
  if (known) return known;
  const r = diameter / 2;
  const blades: THREE.BufferGeometry[] = [];
  for (let i = 0; i < 7; i++) {
    const b = new THREE.BoxGeometry(r * 0.72, r * 0.22, 0.004);
    b.translate(r * 0.5, 0, 0);
    b.rotateX(0.35);
    b.rotateZ((i / 7) * Math.PI * 2);
    blades.push(b);
  }
  blades.push(new THREE.CylinderGeometry(r * 0.28, r * 0.28, 0.012, 16).rotateX(Math.PI / 2));
  const parts = { ring: lean(new THREE.TorusGeometry(r * 0.92, r * 0.08, 4, 24)), blades: merged(blades) };
  fanParts.set(diameter, parts);
  return parts;
}

/** A fan: a dark ring with a hub and blades, facing +z unless rotated. */
export function fan(name: string, diameter: number, at: V3, frameMat: THREE.Material, bladeMat: THREE.Material, facing: 'x' | 'y' | 'z' = 'z'): THREE.Group {
  const { ring, blades } = fanGeometry(diameter);
  const ringMesh = new THREE.Mesh(ring, frameMat);
  ringMesh.name = `${name}-frame`;
  const bladeMesh = new THREE.Mesh(blades, bladeMat);
  bladeMesh.name = `${name}-blades`;
  const g = group(name, [ringMesh, bladeMesh], at);
  if (facing === 'x') g.rotation.y = Math.PI / 2;
  if (facing === 'y') g.rotation.x = Math.PI / 2;
  return g;
}
