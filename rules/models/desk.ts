/**
 * The standing desk at its default size (140 × 70 cm): a top group with the
 * 70 and 80 cm deep boards (oak/walnut/laminate as KHR_materials_variants),
 * a powder-coated lifting frame with two- and three-stage legs, motors,
 * keypads, drawer, cable tray and spine, glides and castors.
 */
import * as THREE from 'three';
import type { Variant } from './glb.js';
import { board, box, cylinder, group, material, merged, mesh } from './shapes.js';

export function desk(): { scene: THREE.Group; variants: Variant[] } {
  const laminate = material('white-laminate', '#f1f0eb', 0.4, 0, { vertexColors: true });
  const oak = material('oak', '#c8975e', 0.55, 0, { vertexColors: true });
  const walnut = material('walnut', '#5c3b26', 0.5, 0, { vertexColors: true });
  const paint = material('frame-paint', '#1d1d1f', 0.55, 0.25);
  const plastic = material('black-plastic', '#111113', 0.6, 0);
  const rubber = material('rubber', '#202022', 0.9, 0);
  const steel = material('steel', '#9a9ca0', 0.35, 0.9);
  const display = material('display', '#0b1f3a', 0.3, 0, { emissive: '#1e6fd9' });
  const whitePlastic = material('white-plastic', '#e9e9e6', 0.45, 0);

  // One grained board, shared: the 80 cm top is the 70 cm one stretched (the file stores the geometry once).
  const top70 = board('top-70', [1.4, 0.026, 0.7], [0, 0.727, 0], laminate, 1);
  const top80 = new THREE.Mesh(top70.geometry, laminate);
  top80.name = 'top-80';
  top80.position.set(0, 0.727, 0.05);
  top80.scale.z = 0.8 / 0.7;
  const top = group('top', [top70, top80]);

  const leg = (side: 'left' | 'right', x: number): THREE.Group => {
    const n = (s: string): string => `${s}-${side}`;
    const twoStage = group(n('legs-2stage'), [box(n('stage1-2'), [0.085, 0.36, 0.06], [0, 0.23, 0], paint), box(n('stage2-2'), [0.072, 0.32, 0.05], [0, 0.55, 0], paint)]);
    const threeStage = group(n('legs-3stage'), [
      box(n('stage1-3'), [0.09, 0.26, 0.065], [0, 0.18, 0], paint),
      box(n('stage2-3'), [0.08, 0.22, 0.056], [0, 0.42, 0], paint),
      box(n('stage3-3'), [0.07, 0.2, 0.048], [0, 0.62, 0], paint),
    ]);
    const foot = box(n('foot'), [0.08, 0.04, 0.66], [0, 0.03, 0], paint);
    const bracket = box(n('bracket'), [0.06, 0.03, 0.58], [0, 0.7, 0], paint);
    const motor = box(n('motor'), [0.1, 0.05, 0.09], [0, 0.69, 0.0], plastic);
    const glides = group(n('glides'), [cylinder(n('glide-front'), 0.018, 0.012, [0, 0.006, 0.29], rubber), cylinder(n('glide-back'), 0.018, 0.012, [0, 0.006, -0.29], rubber)]);
    const castor = (z: number, k: string): THREE.Object3D =>
      group(n(`castor-${k}`), [box(n(`castor-fork-${k}`), [0.04, 0.03, 0.04], [0, 0.0, 0], steel), cylinder(n(`castor-wheel-${k}`), 0.024, 0.022, [0, -0.02, 0], rubber, 'x')], [0, 0.0, z]);
    const castors = group(n('castors'), [castor(0.29, 'front'), castor(-0.29, 'back')]);
    return group(n('leg'), [twoStage, threeStage, foot, bracket, motor, glides, castors], [x, 0, 0]);
  };

  const crossbar = box('crossbar', [1.1, 0.05, 0.04], [0, 0.68, 0], paint);
  const motorCenter = box('motor-center', [0.22, 0.06, 0.08], [0, 0.68, -0.06], plastic);
  const frame = group('frame', [leg('left', -0.55), leg('right', 0.55), crossbar, motorCenter]);

  const keypad = group('keypad', [
    box('keypad-simple', [0.08, 0.022, 0.05], [0, 0.7, 0.35], plastic),
    group('keypad-memory', [box('keypad-memory-body', [0.15, 0.026, 0.06], [0, 0.7, 0.35], plastic), box('keypad-memory-display', [0.05, 0.004, 0.02], [-0.03, 0.7, 0.381], display)]),
    group('keypad-app', [box('keypad-app-body', [0.16, 0.02, 0.06], [0, 0.703, 0.35], whitePlastic), box('keypad-app-led', [0.1, 0.003, 0.004], [0, 0.703, 0.381], display)]),
  ], [0.45, 0, 0]);

  const drawer = group('drawer', [box('drawer-body', [0.46, 0.055, 0.42], [-0.2, 0.685, 0.08], paint), box('drawer-handle', [0.16, 0.012, 0.012], [-0.2, 0.685, 0.296], steel)]);
  const tray = box('cable-tray', [0.9, 0.09, 0.12], [0, 0.655, -0.25], paint);
  const vertebrae: THREE.BufferGeometry[] = [];
  for (let i = 0; i < 14; i++) vertebrae.push(new THREE.CylinderGeometry(0.028, 0.022, 0.036, 14).translate(0, 0.04 + i * 0.044, 0));
  const spine = mesh('cable-spine', merged(vertebrae), plastic, [0.25, 0, -0.3]);

  const variants: Variant[] = [
    { name: 'white', materials: { 'top-70': laminate, 'top-80': laminate } },
    { name: 'oak', materials: { 'top-70': oak, 'top-80': oak } },
    { name: 'walnut', materials: { 'top-70': walnut, 'top-80': walnut } },
  ];
  return { scene: group('desk', [top, frame, keypad, drawer, tray, spine]), variants };
}
