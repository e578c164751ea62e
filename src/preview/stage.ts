/**
 * The 3D stage, the lazy chunk's entry: a WebGL renderer with environment
 * lighting (RoomEnvironment through PMREM) and a soft shadow on an invisible
 * ground, the glTF model, the camera rig, and frames drawn on demand only
 * (a change, a drag, a resize), never in an idle loop.
 */
import {
  ACESFilmicToneMapping, DirectionalLight, type Group, type Material, type Mesh, Mesh as ThreeMesh, PCFShadowMap, PMREMGenerator,
  PlaneGeometry, Scene, ShadowMaterial, SRGBColorSpace, type Texture, WebGLRenderer,
} from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { RoomEnvironment } from 'three/examples/jsm/environments/RoomEnvironment.js';
import { CameraRig, visibleBox } from './camera-rig.js';
import { SceneConfigurator } from './configure.js';
import { disposeScene } from './dispose.js';
import type { Configuration, CreateStage, Stage, StageMemory, StageOptions } from './seam.js';
import { loadVariants } from './variants.js';

export const createStage: CreateStage = async (container, options) => {
  const stage = new ThreeStage(container, options);
  try {
    await stage.load();
  } catch (e) {
    stage.dispose();
    throw e;
  }
  return stage;
};

class ThreeStage implements Stage {
  readonly canvas: HTMLCanvasElement;
  warnings: readonly string[] = [];
  disposed = false;
  private readonly renderer: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly rig: CameraRig;
  private readonly sun = new DirectionalLight(0xffffff, 1.6);
  private readonly ground = new ThreeMesh(new PlaneGeometry(1, 1), new ShadowMaterial({ opacity: 0.22 }));
  private environment: Texture | undefined;
  private configurator: SceneConfigurator | undefined;
  private model: Group | undefined;
  private extraMaterials: Material[] = [];
  private frameRequest = 0;
  private waiting: Array<() => void> = [];
  private lost = false;
  /** A configuration has been shown (and the camera framed) at least once. */
  private shown = false;
  private readonly resize: ResizeObserver;

  constructor(
    private readonly container: HTMLElement,
    private readonly options: StageOptions,
  ) {
    // Throws when WebGL is unavailable: the element shows its 2D fallback.
    this.renderer = new WebGLRenderer({ antialias: true, alpha: true, powerPreference: 'low-power' });
    const r = this.renderer;
    r.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
    r.outputColorSpace = SRGBColorSpace;
    r.toneMapping = ACESFilmicToneMapping;
    r.shadowMap.enabled = true;
    r.shadowMap.type = PCFShadowMap;
    this.canvas = r.domElement;
    this.canvas.style.display = 'block';
    this.canvas.style.width = '100%';
    this.canvas.style.height = '100%';
    this.canvas.style.touchAction = 'none';
    container.append(this.canvas);
    this.canvas.addEventListener('webglcontextlost', this.onLost);
    this.canvas.addEventListener('webglcontextrestored', this.onRestored);
    this.environment = this.makeEnvironment();
    this.sun.castShadow = true;
    this.sun.shadow.mapSize.set(1024, 1024);
    this.sun.shadow.radius = 6;
    this.sun.shadow.bias = -0.0005;
    this.ground.rotation.x = -Math.PI / 2;
    this.ground.receiveShadow = true;
    this.scene.add(this.sun, this.sun.target, this.ground);
    // Keys come from the focusable wrapper around the container (the element's labelled stage).
    const keys = container.closest<HTMLElement>('[tabindex]') ?? container;
    this.rig = new CameraRig(container, keys, options.view.camera ?? {}, options.reducedMotion, () => void this.requestFrame());
    this.resize = new ResizeObserver(() => this.onResize());
  }

  private makeEnvironment(): Texture {
    const pmrem = new PMREMGenerator(this.renderer);
    const room = new RoomEnvironment();
    const texture = pmrem.fromScene(room, 0.04).texture;
    room.dispose();
    pmrem.dispose();
    this.scene.environment = texture;
    return texture;
  }

  async load(): Promise<void> {
    const { modelUrl, modelData } = this.options;
    const loader = new GLTFLoader();
    const gltf = modelData ? await loader.parseAsync(await modelData, new URL('.', modelUrl).href) : await loader.loadAsync(modelUrl);
    if (this.disposed) {
      disposeScene(gltf.scene);
      return;
    }
    const vertexColored = new Map<Material, Material>();
    const fix = (mesh: Mesh, m: Material): Material => {
      if (!mesh.geometry.hasAttribute('color') || m.vertexColors) return m;
      let clone = vertexColored.get(m);
      if (!clone) {
        clone = m.clone();
        clone.vertexColors = true;
        vertexColored.set(m, clone);
      }
      return clone;
    };
    const variants = await loadVariants(gltf, fix);
    const materials = (await gltf.parser.getDependencies('material')) as Material[];
    this.extraMaterials = [...materials, ...vertexColored.values()];
    gltf.scene.traverse((o) => {
      if ((o as Mesh).isMesh) o.castShadow = o.receiveShadow = true;
    });
    this.model = gltf.scene;
    this.scene.add(gltf.scene);
    this.configurator = new SceneConfigurator(gltf.scene, this.options.view, variants, materials);
    this.warnings = this.configurator.warnings;
    this.resize.observe(this.container);
  }

  show(configuration: Configuration): Promise<void> {
    if (this.disposed || !this.configurator || !this.model) return Promise.resolve();
    const first = !this.shown;
    this.configurator.apply(configuration);
    this.shown = true;
    this.place(first);
    return this.requestFrame();
  }

  /** Fits camera, ground and shadow camera to the visible model. */
  private place(initial: boolean): void {
    const { width, height } = this.size();
    this.renderer.setSize(width, height, false);
    const model = this.model!;
    this.rig.frame(model, width, height, initial);
    const box = visibleBox(model);
    if (box.isEmpty()) return;
    const size = box.getSize(this.ground.position).length();
    const cx = (box.min.x + box.max.x) / 2;
    const cz = (box.min.z + box.max.z) / 2;
    this.ground.position.set(cx, box.min.y, cz);
    this.ground.scale.set(size * 4, size * 4, 1);
    this.sun.position.set(cx + size * 0.4, box.min.y + size * 1.6, cz + size * 0.6);
    this.sun.target.position.set(cx, box.min.y, cz);
    const cam = this.sun.shadow.camera;
    cam.left = cam.bottom = -size;
    cam.right = cam.top = size;
    cam.near = 0.01;
    cam.far = size * 4;
    cam.updateProjectionMatrix();
  }

  private size(): { width: number; height: number } {
    return { width: Math.max(1, this.container.clientWidth), height: Math.max(1, this.container.clientHeight) };
  }

  private onResize(): void {
    if (!this.shown) return;
    this.place(false);
    void this.requestFrame();
  }

  /** Schedules one frame (coalesced); resolves after it is drawn. */
  private requestFrame(): Promise<void> {
    const done = new Promise<void>((resolve) => this.waiting.push(resolve));
    if (!this.frameRequest && !this.disposed) this.frameRequest = requestAnimationFrame(this.frame);
    return done;
  }

  private frame = (): void => {
    this.frameRequest = 0;
    if (this.disposed) return;
    // With damping, the controls keep moving for a few frames after a drag; only then is another frame needed.
    const moving = this.rig.controls.update();
    this.draw();
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
    if (moving) this.frameRequest = requestAnimationFrame(this.frame);
  };

  private draw(): void {
    if (this.lost || this.disposed) return;
    this.renderer.render(this.scene, this.rig.camera);
  }

  snapshot(): string {
    // Drawn and read in the same task: the drawing buffer is still intact without preserveDrawingBuffer.
    this.draw();
    return this.canvas.toDataURL('image/png');
  }

  snapshotBlob(): Promise<Blob | null> {
    this.draw();
    return new Promise((resolve) => this.canvas.toBlob(resolve, 'image/png'));
  }

  memory(): StageMemory {
    const { geometries, textures } = this.renderer.info.memory;
    return { geometries, textures };
  }

  private onLost = (e: Event): void => {
    e.preventDefault(); // allows the browser to restore the context
    this.lost = true;
    this.options.onLost();
  };

  private onRestored = (): void => {
    this.lost = false;
    // The environment lived in a render target: its pixels died with the context.
    this.environment?.dispose();
    this.environment = this.makeEnvironment();
    void this.requestFrame().then(() => this.options.onRestored());
  };

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    cancelAnimationFrame(this.frameRequest);
    for (const resolve of this.waiting) resolve();
    this.waiting = [];
    this.resize.disconnect();
    this.rig.dispose();
    this.canvas.removeEventListener('webglcontextlost', this.onLost);
    this.canvas.removeEventListener('webglcontextrestored', this.onRestored);
    disposeScene(this.scene, [...this.extraMaterials, ...(this.configurator?.derivedMaterials ?? [])]);
    this.environment?.dispose();
    this.scene.environment = null;
    this.sun.shadow.dispose();
    this.renderer.dispose();
    this.renderer.forceContextLoss();
    this.canvas.remove();
  }
}
