/**
 * Builds the example products' GLB files from code, so the demo needs no
 * outside download and a model change is a reviewed diff.
 *
 * Usage: npx tsx rules/models/build-models.ts
 */
import { writeFileSync } from 'node:fs';
import { bicycle } from './bicycle.js';
import { desk } from './desk.js';
import { toGlb, type Variant } from './glb.js';
import { pc } from './pc.js';
import type * as THREE from 'three';

const products: Record<string, () => { scene: THREE.Group; variants?: Variant[] }> = { desk, pc, bicycle };
for (const [name, make] of Object.entries(products)) {
  const { scene, variants } = make();
  const glb = await toGlb(scene, variants);
  const file = new URL(`./${name}.glb`, import.meta.url);
  writeFileSync(file, glb);
  console.log(`${name}.glb ${(glb.length / 1024).toFixed(1)} KB`);
}
