/**
 * The desktop PC: a tower seen through its glass side (+z), with the
 * mainboard on the far wall, RAM, coolers (low, tower, dual tower, 240 and
 * 360 mm liquid), dual- and triple-fan graphics cards, the power supply in
 * its shroud and a hard disk in the front cage.
 */
import * as THREE from 'three';
import { box, cylinder, fan, group, material } from './shapes.js';

export function pc(): { scene: THREE.Group } {
  const casePaint = material('case-paint', '#1c1d20', 0.45, 0.35);
  const glass = material('glass', '#dfe8ee', 0.02, 0, { opacity: 0.07 });
  const meshFront = material('mesh-front', '#0e0e10', 0.9, 0.2);
  const pcb = material('pcb', '#2c3a31', 0.55, 0.1);
  const fins = material('fins', '#c7c9cc', 0.3, 0.95);
  const black = material('black-metal', '#131316', 0.5, 0.6);
  const fanFrame = material('fan-frame', '#18181b', 0.6, 0);
  const blades = material('fan-blades', '#5a5d63', 0.45, 0);
  const ramMat = material('ram', '#8d9097', 0.3, 0.85);
  const gpuShroud = material('gpu-shroud', '#3a3c41', 0.35, 0.6);
  const accent = material('gpu-accent', '#76b900', 0.35, 0.2, { emissive: '#2a4d00' });
  const label = material('label', '#d9d9d9', 0.5, 0.1);

  const W = 0.45; // depth along x
  const H = 0.47;
  const D = 0.22; // width along z
  const shell = group('case', [
    box('case-bottom', [W, 0.012, D], [0, 0.006, 0], casePaint),
    box('case-top', [W, 0.012, D], [0, H - 0.006, 0], casePaint),
    box('case-back', [0.012, H, D], [-W / 2 + 0.006, H / 2, 0], casePaint),
    box('case-far-side', [W, H, 0.01], [0, H / 2, -D / 2 + 0.005], casePaint),
    box('psu-shroud', [W - 0.02, 0.11, D - 0.02], [0, 0.065, 0], casePaint),
    box('front-mesh', [0.02, H, D], [W / 2 - 0.01, H / 2, 0], meshFront),
    box('front-solid', [0.02, H, D], [W / 2 - 0.01, H / 2, 0], casePaint),
    box('side-glass', [W, H, 0.006], [0, H / 2, D / 2 - 0.003], glass),
    box('side-solid', [W, H, 0.01], [0, H / 2, D / 2 - 0.005], casePaint),
    cylinder('foot-front', 0.02, 0.012, [0.17, -0.006, 0], black),
    cylinder('foot-back', 0.02, 0.012, [-0.17, -0.006, 0], black),
  ]);
  const frontFans = group('front-fans', [fan('front-fan-1', 0.12, [W / 2 - 0.035, 0.2, 0], fanFrame, blades, 'x'), fan('front-fan-2', 0.12, [W / 2 - 0.035, 0.34, 0], fanFrame, blades, 'x')]);
  const rearFan = fan('rear-fan', 0.12, [-W / 2 + 0.03, 0.36, 0], fanFrame, blades, 'x');

  const board = group('mainboard', [
    box('board', [0.3, 0.305, 0.004], [-0.06, 0.29, -D / 2 + 0.015], pcb),
    box('vrm-heatsink', [0.03, 0.1, 0.02], [-0.17, 0.36, -D / 2 + 0.027], black),
    box('chipset', [0.05, 0.05, 0.01], [0.02, 0.19, -D / 2 + 0.022], fins),
  ]);

  const stick = (name: string, x: number): THREE.Mesh => box(name, [0.008, 0.135, 0.035], [x, 0.35, -D / 2 + 0.035], ramMat);
  const ram2 = group('ram-2', [stick('ram-2a', 0.02), stick('ram-2b', 0.04)]);
  const ram4 = group('ram-4', [stick('ram-4a', 0.015), stick('ram-4b', 0.028), stick('ram-4c', 0.041), stick('ram-4d', 0.054)]);

  const cpu: [number, number, number] = [-0.07, 0.35, -D / 2 + 0.02];
  const airLow = group('cooler-air-low', [box('low-fins', [0.1, 0.1, 0.035], [cpu[0], cpu[1], cpu[2] + 0.022], fins), fan('low-fan', 0.092, [cpu[0], cpu[1], cpu[2] + 0.048], fanFrame, blades, 'z')]);
  const tower = (name: string, dx: number): THREE.Group =>
    group(name, [box(`${name}-fins`, [0.05, 0.15, 0.15], [cpu[0] + dx, cpu[1], cpu[2] + 0.085], fins), box(`${name}-cap`, [0.052, 0.006, 0.152], [cpu[0] + dx, cpu[1] + 0.078, cpu[2] + 0.085], black)]);
  const airTower = group('cooler-air-tower', [tower('tower-single', 0), fan('tower-fan', 0.12, [cpu[0] + 0.035, cpu[1], cpu[2] + 0.085], fanFrame, blades, 'x')]);
  const airDual = group('cooler-air-dual', [tower('tower-a', -0.035), tower('tower-b', 0.035), fan('dual-fan-1', 0.14, [cpu[0], cpu[1], cpu[2] + 0.085], fanFrame, blades, 'x'), fan('dual-fan-2', 0.14, [cpu[0] + 0.07, cpu[1], cpu[2] + 0.085], fanFrame, blades, 'x')]);
  const pump = (name: string): THREE.Mesh => cylinder(name, 0.035, 0.03, [cpu[0], cpu[1], cpu[2] + 0.02], black, 'z', 32);
  const radiator = (name: string, fans: number): THREE.Group => {
    const len = fans * 0.12 + 0.03;
    const x0 = W / 2 - 0.05 - len / 2;
    const children: THREE.Object3D[] = [box(`${name}-radiator`, [len, 0.028, 0.125], [x0, H - 0.03, 0], black)];
    for (let i = 0; i < fans; i++) children.push(fan(`${name}-fan-${i}`, 0.12, [x0 - len / 2 + 0.075 + i * 0.12, H - 0.058, 0], fanFrame, blades, 'y'));
    return group(`${name}-top`, children);
  };
  const aio240 = group('cooler-aio-240', [pump('aio-240-pump'), radiator('aio-240', 2)]);
  const aio360 = group('cooler-aio-360', [pump('aio-360-pump'), radiator('aio-360', 3)]);

  const gpu = (name: string, length: number, fans: number): THREE.Group => {
    const x = -W / 2 + 0.02 + length / 2;
    const children: THREE.Object3D[] = [
      box(`${name}-shroud`, [length, 0.05, 0.125], [x, 0.2, -D / 2 + 0.085], gpuShroud),
      box(`${name}-backplate`, [length, 0.004, 0.125], [x, 0.227, -D / 2 + 0.085], black),
      box(`${name}-accent`, [length * 0.6, 0.01, 0.003], [x, 0.205, -D / 2 + 0.149], accent),
    ];
    for (let i = 0; i < fans; i++) children.push(fan(`${name}-fan-${i}`, 0.09, [x - length / 2 + length / (fans * 2) + (i * length) / fans, 0.172, -D / 2 + 0.085], fanFrame, blades, 'y'));
    return group(name, children);
  };

  const psu = group('psu', [box('psu-body', [0.15, 0.085, 0.15], [-W / 2 + 0.09, 0.055, 0], black), box('psu-label', [0.08, 0.04, 0.002], [-W / 2 + 0.09, 0.055, 0.076], label)]);
  const hdd = box('hdd', [0.147, 0.026, 0.102], [W / 2 - 0.1, 0.03, 0], label);

  return {
    scene: group('pc', [shell, frontFans, rearFan, board, ram2, ram4, airLow, airTower, airDual, aio240, aio360, gpu('gpu-dual', 0.22, 2), gpu('gpu-triple', 0.31, 3), psu, hdd]),
  };
}
