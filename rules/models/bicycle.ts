/**
 * The made-to-measure bicycle, side on along x (front wheel at +x): a frame
 * of merged tubes with a morph target `tall` (48 cm -> 62 cm seat tube), a
 * painted fork, wheels with slim and wide tyres, rotors, drivetrain with an
 * optional small chainring, saddle, drop bar, mudguards, racks and lights.
 */
import * as THREE from 'three';
import { box, cylinder, group, material, merged, mesh, tubeGeometry, type V3 } from './shapes.js';

const BB: V3 = [-0.08, 0.27, 0];
const REAR: V3 = [-0.5, 0.34, 0];
const FRONT: V3 = [0.5, 0.34, 0];

/** The frame's tubes for a seat tube of `size` cm: same tubes, same vertex count, so two sizes make a morph target. */
function frameTubes(size: number): THREE.BufferGeometry {
  const a = (73 * Math.PI) / 180;
  const s = size / 100;
  const seatTop: V3 = [BB[0] - s * Math.cos(a), BB[1] + s * Math.sin(a), 0];
  const headTop: V3 = [0.36 - (size - 48) * 0.0015, 0.74 + (size - 48) * (0.09 / 14), 0];
  const headBottom: V3 = [0.41, 0.6, 0];
  const tubes: THREE.BufferGeometry[] = [
    tubeGeometry(BB, seatTop, 0.016),
    tubeGeometry(BB, headBottom, 0.02),
    tubeGeometry([seatTop[0] + 0.01, seatTop[1] - 0.03, 0], [headTop[0] - 0.005, headTop[1] - 0.02, 0], 0.015),
    tubeGeometry(headBottom, headTop, 0.022),
  ];
  for (const z of [-0.04, 0.04]) {
    tubes.push(tubeGeometry([BB[0], BB[1], z * 0.5], [REAR[0], REAR[1], z], 0.009));
    tubes.push(tubeGeometry([seatTop[0] + 0.005, seatTop[1] - 0.05, z * 0.3], [REAR[0], REAR[1], z], 0.008));
  }
  tubes.push(new THREE.CylinderGeometry(0.024, 0.024, 0.075, 16).rotateX(Math.PI / 2).translate(...BB));
  return merged(tubes);
}

/** Rim, tyres and spokes, built once and shared by both wheels. */
let wheelParts: Record<'rim' | 'slim' | 'wide' | 'spokes', THREE.BufferGeometry> | undefined;

function wheel(name: string, at: V3, mats: Record<'rim' | 'rubber' | 'steel' | 'hub', THREE.Material>, rotors: THREE.Object3D[]): THREE.Group {
  const spokes: THREE.BufferGeometry[] = [];
  if (!wheelParts) for (let i = 0; i < 24; i++) {
    const t = (i / 24) * Math.PI * 2;
    const side = i % 2 ? 0.025 : -0.025;
    spokes.push(tubeGeometry([Math.cos(t + 0.3) * 0.02, Math.sin(t + 0.3) * 0.02, side], [Math.cos(t) * 0.3, Math.sin(t) * 0.3, 0], 0.0012, 4));
  }
  wheelParts ??= {
    rim: new THREE.TorusGeometry(0.305, 0.012, 6, 48),
    slim: new THREE.TorusGeometry(0.325, 0.015, 8, 48),
    wide: new THREE.TorusGeometry(0.33, 0.024, 8, 48),
    spokes: merged(spokes),
  };
  return group(name, [
    mesh(`${name}-rim`, wheelParts.rim, mats.rim),
    mesh(`tyre-slim-${name}`, wheelParts.slim, mats.rubber),
    mesh(`tyre-wide-${name}`, wheelParts.wide, mats.rubber),
    mesh(`${name}-spokes`, wheelParts.spokes, mats.steel),
    cylinder(`${name}-hub`, 0.02, 0.1, [0, 0, 0], mats.hub, 'z', 16),
    ...rotors,
  ], at);
}

export function bicycle(): { scene: THREE.Group } {
  const paint = material('frame-paint', '#1f4d3a', 0.35, 0.3, { clearcoat: 1 });
  const rubber = material('tyre-rubber', '#1b1b1b', 0.85, 0);
  const rim = material('rim-black', '#1e1f22', 0.35, 0.6);
  const steel = material('steel', '#c9cbce', 0.25, 1);
  const alloy = material('alloy', '#3a3b3f', 0.4, 0.8);
  const leather = material('saddle', '#1a1a1a', 0.7, 0);
  const tape = material('bar-tape', '#141414', 0.8, 0);
  const lamp = material('lamp', '#f5f5f0', 0.2, 0, { emissive: '#fff7d6' });
  const red = material('rear-lamp', '#7a0c0c', 0.3, 0, { emissive: '#c0141a' });

  const frameMesh = mesh('frame', frameTubes(48), paint);
  frameMesh.geometry.morphAttributes.position = [frameTubes(62).getAttribute('position')];
  frameMesh.updateMorphTargets();
  frameMesh.morphTargetDictionary = { tall: 0 };

  const forkBlades = [-0.05, 0.05].map((z) => tubeGeometry([0.41, 0.6, z * 0.6], [FRONT[0], FRONT[1], z], 0.011));
  forkBlades.push(new THREE.BoxGeometry(0.05, 0.03, 0.11).translate(0.41, 0.6, 0));
  const fork = mesh('fork', merged(forkBlades), paint);

  const rotor = (name: string, r: number): THREE.Mesh => cylinder(name, r, 0.003, [0, 0, -0.055], steel, 'z', 32);
  const mats = { rim, rubber, steel, hub: alloy };
  const front = wheel('wheel-front', FRONT, mats, [rotor('rotor-front-160', 0.08), rotor('rotor-front-180', 0.09)]);
  const rear = wheel('wheel-rear', REAR, mats, [rotor('rotor-rear', 0.08), cylinder('cassette', 0.05, 0.035, [0, 0, 0.045], steel, 'z', 28)]);

  // Drivetrain on the right (+z) side.
  const crank = group('crankset', [
    mesh('chainring-big', new THREE.TorusGeometry(0.095, 0.007, 4, 48).scale(1, 1, 0.5), steel, [0, 0, 0.055]),
    mesh('chainring-small', new THREE.TorusGeometry(0.07, 0.006, 4, 40).scale(1, 1, 0.5), steel, [0, 0, 0.047]),
    mesh('spider', merged([0, 1, 2, 3].map((i) => new THREE.BoxGeometry(0.19, 0.014, 0.004).rotateZ((i * Math.PI) / 4))), alloy, [0, 0, 0.052]),
    box('crank-arm', [0.03, 0.17, 0.012], [0.0, -0.07, 0.065], alloy),
    box('pedal', [0.09, 0.015, 0.06], [0.0, -0.15, 0.09], alloy),
  ], BB);
  const chain = mesh('chain', merged([tubeGeometry([BB[0], BB[1] + 0.1, 0.055], [REAR[0], REAR[1] + 0.05, 0.05], 0.004, 6), tubeGeometry([BB[0], BB[1] - 0.1, 0.055], [REAR[0] + 0.02, REAR[1] - 0.07, 0.05], 0.004, 6)]), steel);
  const derailleur = box('derailleur', [0.03, 0.07, 0.02], [REAR[0] + 0.01, REAR[1] - 0.06, 0.07], alloy);

  // Saddle and cockpit are placed for a 55 cm frame and moved with frameSize.
  const a = (73 * Math.PI) / 180;
  const seatTop: V3 = [BB[0] - 0.55 * Math.cos(a), BB[1] + 0.55 * Math.sin(a), 0];
  const postTop: V3 = [seatTop[0] - 0.16 * Math.cos(a), seatTop[1] + 0.16 * Math.sin(a), 0];
  const saddleGeo = new THREE.SphereGeometry(1, 20, 10).scale(0.135, 0.024, 0.042);
  const saddle = group('saddle', [mesh('seatpost', tubeGeometry(seatTop, postTop, 0.0135), alloy), mesh('saddle-top', saddleGeo, leather, [postTop[0] + 0.02, postTop[1] + 0.025, 0])]);
  const headTop: V3 = [0.35, 0.785, 0];
  const bar: THREE.BufferGeometry[] = [tubeGeometry([headTop[0] + 0.1, headTop[1] + 0.04, -0.21], [headTop[0] + 0.1, headTop[1] + 0.04, 0.21], 0.012)];
  for (const z of [-0.21, 0.21]) {
    bar.push(tubeGeometry([headTop[0] + 0.1, headTop[1] + 0.04, z], [headTop[0] + 0.17, headTop[1] + 0.02, z], 0.012));
    bar.push(tubeGeometry([headTop[0] + 0.17, headTop[1] + 0.02, z], [headTop[0] + 0.16, headTop[1] - 0.08, z], 0.012));
    bar.push(tubeGeometry([headTop[0] + 0.16, headTop[1] - 0.08, z], [headTop[0] + 0.1, headTop[1] - 0.1, z], 0.012));
  }
  const cockpit = group('cockpit', [
    mesh('stem', tubeGeometry([headTop[0] - 0.01, headTop[1] + 0.02, 0], [headTop[0] + 0.1, headTop[1] + 0.04, 0], 0.014), alloy),
    mesh('handlebar', merged(bar), tape),
  ]);

  const guard = (name: string, at: V3, start: number): THREE.Mesh => {
    const g = new THREE.TorusGeometry(0.37, 0.014, 4, 32, Math.PI * 0.75).rotateZ(start);
    g.scale(1, 1, 2.2);
    return mesh(name, g, alloy, at);
  };
  const mudguards = group('mudguards', [guard('mudguard-front', FRONT, Math.PI * 0.05), guard('mudguard-rear', REAR, Math.PI * 0.25)]);
  const rackRear = mesh('rack-rear', merged([
    tubeGeometry([-0.72, 0.62, -0.07], [-0.34, 0.62, -0.07], 0.006), tubeGeometry([-0.72, 0.62, 0.07], [-0.34, 0.62, 0.07], 0.006),
    tubeGeometry([-0.6, 0.62, -0.07], [REAR[0], REAR[1], -0.07], 0.006), tubeGeometry([-0.6, 0.62, 0.07], [REAR[0], REAR[1], 0.07], 0.006),
    tubeGeometry([-0.34, 0.62, -0.07], [-0.27, 0.7, -0.02], 0.005), tubeGeometry([-0.34, 0.62, 0.07], [-0.27, 0.7, 0.02], 0.005),
  ]), steel);
  const rackFront = mesh('rack-front', merged([
    tubeGeometry([0.42, 0.52, -0.09], [0.58, 0.3, -0.09], 0.006), tubeGeometry([0.42, 0.52, 0.09], [0.58, 0.3, 0.09], 0.006),
    tubeGeometry([0.42, 0.34, -0.09], [0.62, 0.34, -0.09], 0.006), tubeGeometry([0.42, 0.34, 0.09], [0.62, 0.34, 0.09], 0.006),
  ]), steel);
  const lights = group('lights', [cylinder('front-lamp', 0.022, 0.05, [0.46, 0.62, 0], lamp, 'x', 16), box('rear-lamp', [0.02, 0.04, 0.03], [-0.42, 0.48, 0], red)]);

  return { scene: group('bicycle', [frameMesh, fork, front, rear, crank, chain, derailleur, saddle, cockpit, mudguards, rackRear, rackFront, lights]) };
}
