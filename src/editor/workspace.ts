/**
 * The files being edited and where they live between visits: local storage
 * (work in progress survives a reload), the bundled examples, files opened
 * or dropped by the user, and downloads.
 */
export interface Workspace {
  rulesName: string;
  rules: string;
  checksName: string;
  checks: string;
}

const KEY = 'bto-editor:workspace@1';

export const EXAMPLES = ['desk', 'pc', 'bicycle'] as const;

export function loadSaved(storage: Storage = localStorage): Workspace | undefined {
  try {
    const raw = storage.getItem(KEY);
    if (!raw) return undefined;
    const w = JSON.parse(raw) as Partial<Workspace>;
    if (typeof w.rules !== 'string' || typeof w.rulesName !== 'string') return undefined;
    return { rulesName: w.rulesName, rules: w.rules, checksName: w.checksName ?? checksNameFor(w.rulesName), checks: w.checks ?? '' };
  } catch {
    // A corrupt or blocked storage must not keep the editor from starting.
    return undefined;
  }
}

export function save(w: Workspace, storage: Storage = localStorage): void {
  try {
    storage.setItem(KEY, JSON.stringify(w));
  } catch {
    // Quota exceeded or private mode: the work is still in the editor; downloading keeps it.
  }
}

/** The example's rules file and its checks, from /rules/ (the checks may be missing). */
export async function loadExample(name: string, base = '/rules/'): Promise<Workspace> {
  const [rules, checks] = await Promise.all([fetchText(`${base}${name}.yaml`), fetchText(`${base}${name}.checks.yaml`).catch(() => '')]);
  return { rulesName: `${name}.yaml`, rules, checksName: `${name}.checks.yaml`, checks };
}

export function checksNameFor(rulesName: string): string {
  return rulesName.replace(/(\.(ya?ml|json))?$/i, '.checks.yaml');
}

/** True when a file's name marks it as a checks file rather than a rules file. */
export function isChecksFile(name: string): boolean {
  return /\.checks\.(ya?ml|json)$/i.test(name);
}

export function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function fetchText(url: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.text();
}
