// A package-lock.json for a subset of the course's dependencies, cut from the course's own lock,
// so that an edition or a bundle installs with `npm ci` exactly the versions the course is tested
// with, without asking the registry to resolve anything.
import type { PackageJson } from './package-json.ts';

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  [key: string]: unknown;
}

interface Lockfile {
  name?: string;
  version?: string;
  lockfileVersion: number;
  requires?: boolean;
  packages: Record<string, LockEntry>;
}

/** Where npm finds `name` required from the package installed at `from` ('' is the root). */
function resolve(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

export function pruneLockfile(lock: Lockfile, manifest: PackageJson): Lockfile {
  const keep = new Set<string>();
  const visit = (location: string, deps: Record<string, string>) => {
    for (const name of Object.keys(deps)) {
      const found = resolve(lock.packages, location, name);
      if (!found || keep.has(found)) continue;
      keep.add(found);
      const entry = lock.packages[found]!;
      visit(found, { ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies });
    }
  };
  visit('', { ...manifest.dependencies, ...manifest.devDependencies });
  const root = lock.packages['']!;
  const packages: Record<string, LockEntry> = {
    '': {
      name: manifest.name,
      version: manifest.version,
      ...(root.license ? { license: root.license } : {}),
      ...(manifest.dependencies ? { dependencies: manifest.dependencies } : {}),
      ...(manifest.devDependencies ? { devDependencies: manifest.devDependencies } : {}),
      ...(manifest.engines ? { engines: manifest.engines } : {}),
    },
  };
  for (const location of Object.keys(lock.packages).filter((key) => keep.has(key)).sort()) packages[location] = lock.packages[location]!;
  return { name: manifest.name, version: manifest.version, lockfileVersion: lock.lockfileVersion, requires: true, packages };
}
