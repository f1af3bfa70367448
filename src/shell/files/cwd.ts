// The shell's working directory, one per node (learners start in /root, like a root login).

import { normalize } from "../../sim/node/fs";
import type { SimNode } from "../../sim/node/types";

const cwds = new WeakMap<SimNode, string>();

export const HOME = "/root";

export function getCwd(node: SimNode): string {
  return cwds.get(node) ?? HOME;
}

export function setCwd(node: SimNode, dir: string): void {
  cwds.set(node, normalize(dir));
}

/** Absolute path for a user-typed path (`~` is the home directory). */
export function resolvePath(node: SimNode, p: string): string {
  if (p === "~" || p.startsWith("~/")) return normalize(HOME + p.slice(1));
  if (p.startsWith("/")) return normalize(p);
  return normalize(`${getCwd(node)}/${p}`);
}
