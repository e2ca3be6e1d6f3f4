import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  /** Sampled CPU time, in microseconds. */
  totalMicros: number;
  /** Self time by package (or `node:internal`, `(garbage collector)`…), largest first. */
  packages: [string, number][];
  /** Self time by function, largest first. */
  selfByFunction: [string, number][];
  /** Time with the function on the stack (counted once per sample), largest first. */
  totalByFunction: [string, number][];
}

/** `node_modules/.pnpm/@whatwg-node+server@0.11.0/node_modules/@whatwg-node/server/…` -> `@whatwg-node/server` */
function packageOf(url: string): string {
  if (!url) return '(native / vm)';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(url);
  if (match?.[1]) return match[1];
  if (url.startsWith('node:')) return 'node:internal';
  const workspace = /\/(packages|bench)\/([^/]+)\//.exec(url);
  if (workspace) return `@roster/${workspace[2]}`;
  return url;
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^.*node_modules\/(?!.*node_modules\/)/, '').replace(/^file:\/\/.*\/work\/main\//, '');
  return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
}

function sorted(map: Map<string, number>): [string, number][] {
  return [...map.entries()].sort((a, b) => b[1] - a[1]);
}

/** Folds a V8 `.cpuprofile` (from `node --cpu-prof`) into self and total time per package and function. */
export function summariseProfile(file: string): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const packages = new Map<string, number>();
  let totalMicros = 0;
  profile.samples.forEach((id, i) => {
    const micros = profile.timeDeltas[i + 1] ?? 0;
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === '(idle)') return;
    totalMicros += micros;
    const name = frameName(node);
    self.set(name, (self.get(name) ?? 0) + micros);
    const pkg = node.callFrame.url ? packageOf(node.callFrame.url) : node.callFrame.functionName;
    packages.set(pkg, (packages.get(pkg) ?? 0) + micros);
    const seen = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      const frame = byId.get(current);
      if (!frame || frame.callFrame.functionName === '(root)') continue;
      const key = frameName(frame);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + micros);
    }
  });
  return { totalMicros, packages: sorted(packages), selfByFunction: sorted(self), totalByFunction: sorted(total) };
}
