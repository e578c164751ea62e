/**
 * The camera: OrbitControls (mouse, touch; keyboard added here because
 * three's own keys pan rather than turn), limits and the initial orbit from
 * the view's camera hints, and framing: the distance that fits the visible
 * model in the canvas, recomputed on resize and on configuration changes
 * until the shopper zooms or pans themselves.
 */
import { Box3, MathUtils, type Object3D, PerspectiveCamera, Spherical, Vector3 } from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { CameraSpec } from '../rules/schema.js';

const DEG = Math.PI / 180;

export class CameraRig {
  readonly camera = new PerspectiveCamera(30, 1, 0.01, 100);
  readonly controls: OrbitControls;
  private fitDistance = 1;
  private userZoomed = false;

  /**
   * @param dom - receives pointer input (drag, pinch, wheel)
   * @param keys - receives the keyboard (the focusable, labelled wrapper)
   */
  constructor(
    private readonly dom: HTMLElement,
    private readonly keys: HTMLElement,
    private readonly spec: CameraSpec,
    reducedMotion: boolean,
    private readonly changed: () => void,
  ) {
    const c = new OrbitControls(this.camera, dom);
    // Damping glides after a drag, which needs frames after the input ends; reduced motion gets none.
    c.enableDamping = !reducedMotion;
    c.dampingFactor = 0.12;
    c.autoRotate = false;
    const [pmin, pmax] = spec.pitchLimits ?? [-5, 85];
    c.minPolarAngle = (90 - pmax) * DEG;
    c.maxPolarAngle = (90 - pmin) * DEG;
    if (spec.yawLimits) {
      c.minAzimuthAngle = spec.yawLimits[0] * DEG;
      c.maxAzimuthAngle = spec.yawLimits[1] * DEG;
    }
    c.addEventListener('change', changed);
    dom.addEventListener('wheel', this.onZoom, { passive: true });
    keys.addEventListener('keydown', this.onKey);
    this.controls = c;
  }

  private onZoom = (): void => {
    this.userZoomed = true;
  };

  /** Arrow keys turn, +/- zoom, Home reframes: one tab stop, like a slider. */
  private onKey = (e: KeyboardEvent): void => {
    const offset = this.camera.position.clone().sub(this.controls.target);
    const s = new Spherical().setFromVector3(offset);
    const step = 10 * DEG;
    switch (e.key) {
      case 'ArrowLeft': s.theta -= step; break;
      case 'ArrowRight': s.theta += step; break;
      case 'ArrowUp': s.phi -= step; break;
      case 'ArrowDown': s.phi += step; break;
      case '+': case '=': s.radius *= 0.9; this.userZoomed = true; break;
      case '-': case '_': s.radius /= 0.9; this.userZoomed = true; break;
      case 'Home': this.userZoomed = false; this.placeInitial(); this.changed(); e.preventDefault(); return;
      default: return;
    }
    e.preventDefault();
    const c = this.controls;
    s.phi = MathUtils.clamp(s.phi, c.minPolarAngle, c.maxPolarAngle);
    s.theta = MathUtils.clamp(s.theta, c.minAzimuthAngle, c.maxAzimuthAngle);
    s.radius = MathUtils.clamp(s.radius, c.minDistance, c.maxDistance);
    this.camera.position.copy(c.target).add(new Vector3().setFromSpherical(s));
    this.camera.lookAt(c.target);
    c.update();
    this.changed();
  };

  /** Fits `root`'s visible meshes into a `width` × `height` canvas, seen from the current (or initial) angle. */
  frame(root: Object3D, width: number, height: number, initial = false): void {
    const box = visibleBox(root);
    if (box.isEmpty()) return;
    this.camera.aspect = width / Math.max(1, height);
    const center = box.getCenter(new Vector3());
    const dir = initial ? this.initialDirection() : this.camera.position.clone().sub(this.controls.target).normalize();
    this.fitDistance = fitDistance(box, center, dir, this.camera.fov * DEG, this.camera.aspect) * 1.12;
    const [zmin, zmax] = this.spec.zoomLimits ?? [0.4, 2.5];
    this.controls.minDistance = this.fitDistance * zmin;
    this.controls.maxDistance = this.fitDistance * zmax;
    this.camera.near = this.fitDistance / 50;
    this.camera.far = this.fitDistance * 20;
    this.camera.updateProjectionMatrix();
    if (initial || !this.userZoomed) {
      // Keep the shopper's angle; fit the distance and the centre to the new size.
      this.controls.target.copy(center);
      this.camera.position.copy(center).addScaledVector(dir, this.fitDistance * (this.spec.zoom ?? 1));
      this.camera.lookAt(center);
    }
    this.controls.update();
  }

  private initialDirection(): Vector3 {
    return new Vector3().setFromSpherical(new Spherical(1, (90 - (this.spec.pitch ?? 15)) * DEG, (this.spec.yaw ?? 30) * DEG));
  }

  private placeInitial(): void {
    this.camera.position.copy(this.controls.target).addScaledVector(this.initialDirection(), this.fitDistance * (this.spec.zoom ?? 1));
    this.camera.lookAt(this.controls.target);
    this.controls.update();
  }

  dispose(): void {
    this.controls.removeEventListener('change', this.changed);
    this.dom.removeEventListener('wheel', this.onZoom);
    this.keys.removeEventListener('keydown', this.onKey);
    this.controls.dispose();
  }
}

/** The bounding box of what is visible (three's Box3.setFromObject counts hidden parts too). */
export function visibleBox(root: Object3D): Box3 {
  const box = new Box3();
  root.updateWorldMatrix(true, true);
  const visit = (o: Object3D): void => {
    if (!o.visible) return;
    if ('isMesh' in o && o.isMesh) box.expandByObject(o, false);
    else for (const child of o.children) visit(child);
  };
  visit(root);
  return box;
}

/**
 * The camera distance along `dir` (unit, from the centre towards the camera)
 * at which every corner of `box` falls inside the view: for each corner in
 * camera space, far enough that |x| and |y| fit the half-angles.
 */
function fitDistance(box: Box3, center: Vector3, dir: Vector3, vfov: number, aspect: number): number {
  const tanV = Math.tan(vfov / 2);
  const tanH = tanV * aspect;
  const up = Math.abs(dir.y) > 0.999 ? new Vector3(0, 0, -1) : new Vector3(0, 1, 0);
  const right = new Vector3().crossVectors(up, dir).normalize();
  const trueUp = new Vector3().crossVectors(dir, right);
  let distance = 0;
  const corner = new Vector3();
  for (let i = 0; i < 8; i++) {
    corner.set(i & 1 ? box.max.x : box.min.x, i & 2 ? box.max.y : box.min.y, i & 4 ? box.max.z : box.min.z).sub(center);
    const x = Math.abs(corner.dot(right));
    const y = Math.abs(corner.dot(trueUp));
    const z = corner.dot(dir);
    distance = Math.max(distance, z + x / tanH, z + y / tanV);
  }
  return distance;
}
