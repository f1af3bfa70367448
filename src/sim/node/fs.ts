// The node's files that learners read and edit: /etc/containerd/config.toml, kubelet flags,
// /var/log/pods/**. Plain in-memory paths; a provider can serve a subtree dynamically.

export interface FileProvider {
  /** Paths under its prefix, absolute. */
  list(): string[];
  read(path: string): string | undefined;
  /** Where a path is a symbolic link to (ls -l prints `name -> target`). */
  link?(path: string): string | undefined;
}

export class NodeFs {
  private files = new Map<string, string>();
  private providers: { prefix: string; provider: FileProvider }[] = [];
  private listeners = new Set<(path: string) => void>();
  /** Directories that exist while empty (a real node always has /var/log/pods). */
  private dirs = new Set<string>();

  mkdir(path: string): void {
    this.dirs.add(normalize(path));
  }

  write(path: string, content: string): void {
    this.files.set(normalize(path), content);
    for (const l of this.listeners) l(normalize(path));
  }

  append(path: string, content: string): void {
    const p = normalize(path);
    this.files.set(p, (this.files.get(p) ?? "") + content);
    for (const l of this.listeners) l(p);
  }

  remove(path: string): boolean {
    return this.files.delete(normalize(path));
  }

  read(path: string): string | undefined {
    const p = normalize(path);
    const own = this.files.get(p);
    if (own !== undefined) return own;
    for (const { prefix, provider } of this.providers) if (p.startsWith(prefix)) return provider.read(p);
    return undefined;
  }

  /** The target of a symbolic link, or undefined for a regular file or a missing path. */
  link(path: string): string | undefined {
    const p = normalize(path);
    if (this.files.has(p)) return undefined;
    for (const { prefix, provider } of this.providers) if (p.startsWith(prefix)) return provider.link?.(p);
    return undefined;
  }

  exists(path: string): boolean {
    return this.read(path) !== undefined || this.isDir(path);
  }

  isDir(path: string): boolean {
    const p = normalize(path);
    if (p === "/" || this.dirs.has(p)) return true;
    const dir = `${p}/`;
    // A mount point or an explicit directory is one even while empty (an empty /var/log/containers).
    for (const d of this.dirs) if (d.startsWith(dir)) return true;
    for (const { prefix, provider } of this.providers) {
      if (prefix === p || prefix.startsWith(dir)) return true;
      if (p.startsWith(`${prefix}/`) && provider.list().some((f) => f.startsWith(dir))) return true;
    }
    for (const f of this.files.keys()) if (f.startsWith(dir)) return true;
    return false;
  }

  /** Immediate children (names; directories end with "/"). */
  readdir(path: string): string[] {
    const p = normalize(path);
    const dir = p === "/" ? "/" : `${p}/`;
    const out = new Set<string>();
    const add = (f: string) => {
      if (!f.startsWith(dir)) return;
      const rest = f.slice(dir.length);
      const slash = rest.indexOf("/");
      out.add(slash === -1 ? rest : `${rest.slice(0, slash)}/`);
    };
    for (const root of this.dirs)
      if (root.startsWith(dir)) out.add(`${root.slice(dir.length).split("/")[0]}/`);
    for (const f of this.files.keys()) add(f);
    for (const { prefix, provider } of this.providers) {
      if (prefix.startsWith(dir)) out.add(`${prefix.slice(dir.length).split("/")[0]}/`);
      // Only a provider whose subtree is being listed is asked for its files.
      if (p === prefix || p.startsWith(`${prefix}/`)) for (const f of provider.list()) add(f);
    }
    out.delete("/");
    return [...out].sort();
  }

  paths(): string[] {
    const all = new Set(this.files.keys());
    for (const { provider } of this.providers) for (const p of provider.list()) all.add(p);
    return [...all].sort();
  }

  mount(prefix: string, provider: FileProvider): void {
    this.providers.push({ prefix: normalize(prefix), provider });
  }

  onWrite(listener: (path: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** A path already in normal form: absolute, no empty, "." or ".." segments, no trailing slash. */
const NEEDS_WORK = /\/\.{0,2}(\/|$)/;

export function normalize(path: string): string {
  // Fast path: file reads and log appends pass clean absolute paths thousands of times a minute.
  if (path.charCodeAt(0) === 47 && !NEEDS_WORK.test(path)) return path;
  const parts: string[] = [];
  for (const seg of path.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return `/${parts.join("/")}`;
}
