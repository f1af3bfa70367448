// The shape of one crictl subcommand (a urfave/cli Command), plus the ID prefix lookups containerd allows.
import type { FlagSpec, ParsedFlags } from "./flags";
import type { CrictlRun } from "./runner";

export interface Verb {
  name: string;
  aliases?: string[];
  usage: string;
  argsUsage?: string;
  flags: FlagSpec[];
  /** exec: everything after the container ID belongs to the command. */
  stopAtFirstArg?: boolean;
  /** Returns the exit status (default 0). Throw CrictlFatal for `FATA[...]` exits. */
  run(r: CrictlRun, p: ParsedFlags): Promise<number | undefined>;
}

/** containerd resolves unique ID prefixes (truncindex); do the same so `crictl logs 3f2a` works on any runtime. */
export function resolvePrefix(id: string, all: string[]): string {
  if (all.includes(id)) return id;
  const hits = all.filter((x) => x.startsWith(id));
  return hits.length === 1 ? hits[0] : id;
}

export async function resolveContainerId(r: CrictlRun, id: string): Promise<string> {
  if (id === "") return id;
  try {
    const { containers } = await r.node.settle(r.node.runtimeService.listContainers({}));
    return resolvePrefix(
      id,
      containers.map((c) => c.id),
    );
  } catch {
    return id;
  }
}

export async function resolvePodId(r: CrictlRun, id: string): Promise<string> {
  if (id === "") return id;
  try {
    const { items } = await r.node.settle(r.node.runtimeService.listPodSandbox({}));
    return resolvePrefix(
      id,
      items.map((p) => p.id),
    );
  } catch {
    return id;
  }
}

/** Image IDs may be given as a hex prefix with or without `sha256:`. Tags pass through to the runtime. */
export async function resolveImageRef(r: CrictlRun, ref: string): Promise<string> {
  const m = /^(sha256:)?([0-9a-f]{3,64})$/.exec(ref);
  if (!m) return ref;
  try {
    const { images } = await r.node.settle(r.node.imageService.listImages({}));
    const hits = images.filter((i) => i.id.startsWith(`sha256:${m[2]}`));
    return hits.length === 1 ? hits[0].id : ref;
  } catch {
    return ref;
  }
}
