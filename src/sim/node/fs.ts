// The node's files that learners read and edit: /etc/containerd/config.toml, kubelet flags,
// /var/log/pods/**. Plain in-memory paths; a provider can serve a subtree dynamically.

export interface FileProvider {
  /** Paths under its prefix, absolute. */
  list(): string[];
  read(path: string): string | undefined;
  /** Where a path is a symbolic link to (ls -l prints `name -> target`). */
  link?(path: string): string | undefined;
  /** What `ls -l` shows beyond the content (a socket's type, mode and owner). */
  attrs?(path: string): FileAttrs | undefined;
  /** A pseudo filesystem (/proc): readable and listable, but not part of `paths()` (du, find, grep -r). */
  pseudo?: boolean;
}

/** What `stat` reports beyond the content: set by whoever creates the file (the kubelet's volumes). */
export interface FileAttrs {
  /** Permission bits with setuid/setgid/sticky (0o7777); file type comes from the entry itself. */
  mode?: number;
  uid?: number;
  gid?: number;
  /** Modification time, wall-clock epoch ms. */
  mtime?: number;
  /** This directory is the root of a tmpfs mount (secret, projected and downward API volumes). */
  tmpfs?: boolean;
  /** Not a regular file: a Unix socket a daemon listens on (`srw-rw----`, size 0). */
  type?: "socket";
}

/** Linux gives up after 40 links in one lookup (ELOOP). */
const MAX_LINKS = 40;

export class NodeFs {
  private files = new Map<string, string>();
  private providers: { prefix: string; provider: FileProvider }[] = [];
  private listeners = new Set<(path: string) => void>();
  /** Directories that exist while empty (a real node always has /var/log/pods). */
  private dirs = new Set<string>();
  /** Symbolic links written here (the kubelet's `..data` and per-key links in volumes). */
  private links = new Map<string, string>();
  private attrs = new Map<string, FileAttrs>();
  /**
   * Text appended to a file and not yet joined into it: a busy container log gains a line per probe,
   * and joining on each append would keep every log file as a rope of thousands of small pieces.
   */
  private appended = new Map<string, string[]>();

  /** Join a file's pending appends into one flat string. */
  private flush(p: string): void {
    const chunks = this.appended.get(p);
    if (!chunks) return;
    this.appended.delete(p);
    this.files.set(p, [this.files.get(p) ?? "", ...chunks].join(""));
  }

  mkdir(path: string): void {
    this.dirs.add(normalize(path));
  }

  write(path: string, content: string): void {
    const p = normalize(path);
    this.appended.delete(p);
    this.files.set(p, content);
    for (const l of this.listeners) l(p);
  }

  append(path: string, content: string): void {
    const p = normalize(path);
    if (!this.files.has(p)) this.files.set(p, "");
    const chunks = this.appended.get(p);
    if (!chunks) this.appended.set(p, [content]);
    else if (chunks.push(content) >= 64) this.flush(p);
    for (const l of this.listeners) l(p);
  }

  remove(path: string): boolean {
    const p = normalize(path);
    this.attrs.delete(p);
    this.appended.delete(p);
    return this.files.delete(p) || this.links.delete(p);
  }

  /** rm -rf: the path and everything under it (files, directories, links). */
  removeAll(path: string): void {
    const p = normalize(path);
    const under = (x: string) => x === p || x.startsWith(`${p}/`);
    for (const m of [this.files, this.links, this.attrs, this.appended])
      for (const k of [...m.keys()]) if (under(k)) m.delete(k);
    for (const d of [...this.dirs]) if (under(d)) this.dirs.delete(d);
  }

  /** Create a symbolic link at `path` pointing at `target` (relative targets resolve from its directory). */
  symlink(path: string, target: string): void {
    const p = normalize(path);
    this.files.delete(p);
    this.appended.delete(p);
    this.links.set(p, target);
  }

  /** Ownership, mode and time recorded for a path (merged into what was set before). */
  setAttrs(path: string, a: FileAttrs): void {
    const p = normalize(path);
    this.attrs.set(p, { ...this.attrs.get(p), ...a });
  }

  attrsOf(path: string): FileAttrs | undefined {
    const p = normalize(path);
    const own = this.attrs.get(p);
    if (own !== undefined || this.files.has(p)) return own;
    for (const { prefix, provider } of this.providers) if (p.startsWith(prefix)) return provider.attrs?.(p);
    return undefined;
  }

  /** The path with every symbolic link along it followed; undefined for a loop. */
  resolve(path: string): string | undefined {
    let parts = normalize(path).split("/").slice(1);
    let done = "";
    for (let hops = 0; parts.length > 0; ) {
      const next = `${done}/${parts[0]}`;
      const target = this.links.get(next);
      if (target === undefined) {
        done = next;
        parts = parts.slice(1);
        continue;
      }
      if (++hops > MAX_LINKS) return undefined;
      const base = target.startsWith("/") ? "" : done;
      parts = [...normalize(`${base}/${target}`).split("/").slice(1), ...parts.slice(1)].filter(Boolean);
      done = "";
    }
    return done || "/";
  }

  /** A path that only exists through a symbolic link (only looked for when the plain lookup missed). */
  private viaLink(p: string): string | undefined {
    if (this.links.size === 0) return undefined;
    // No link on the way (the usual case for a file that is simply missing): nothing to follow.
    let linked = false;
    for (let i = p.indexOf("/", 1); ; i = p.indexOf("/", i + 1)) {
      if (this.links.has(i === -1 ? p : p.slice(0, i))) {
        linked = true;
        break;
      }
      if (i === -1) break;
    }
    if (!linked) return undefined;
    const r = this.resolve(p);
    return r === undefined || r === p ? undefined : r;
  }

  read(path: string): string | undefined {
    const p = normalize(path);
    this.flush(p);
    const own = this.files.get(p);
    if (own !== undefined) return own;
    for (const { prefix, provider } of this.providers) if (p.startsWith(prefix)) return provider.read(p);
    const r = this.viaLink(p);
    return r === undefined ? undefined : this.read(r);
  }

  /** The target of a symbolic link, or undefined for a regular file or a missing path. */
  link(path: string): string | undefined {
    const p = normalize(path);
    if (this.files.has(p)) return undefined;
    const own = this.links.get(p);
    if (own !== undefined) return own;
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
    const r = this.viaLink(p);
    return r === undefined ? false : this.isDir(r);
  }

  /** Immediate children (names; directories end with "/"). */
  readdir(path: string): string[] {
    const p = normalize(path);
    const r = this.links.has(p) || !this.dirs.has(p) ? this.viaLink(p) : undefined;
    if (r !== undefined) return this.readdir(r);
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
    for (const l of this.links.keys()) add(l);
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
    for (const { provider } of this.providers)
      if (!provider.pseudo) for (const p of provider.list()) all.add(p);
    return [...all].sort();
  }

  /**
   * Files of a pseudo filesystem (/proc, /sys/fs/cgroup) below `dir`, when `dir` lies inside one:
   * `find /sys/fs/cgroup` walks it while `find /` and `grep -r /` leave it out.
   */
  pseudoPathsUnder(dir: string): string[] {
    const p = normalize(dir);
    const under = `${p}/`;
    const out: string[] = [];
    for (const { prefix, provider } of this.providers)
      if (provider.pseudo && (p === prefix || p.startsWith(`${prefix}/`)))
        for (const f of provider.list()) if (f.startsWith(under)) out.push(f);
    return out;
  }

  mount(prefix: string, provider: FileProvider): void {
    this.providers.push({ prefix: normalize(prefix), provider });
  }

  onWrite(listener: (path: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * Absolute, no "//", no trailing slash and no "." or ".." segment (a name that merely starts with a
 * dot, like the kubelet's `..data`, is fine).
 */
function isClean(path: string): boolean {
  const n = path.length;
  if (path.charCodeAt(0) !== 47 || n < 2 || path.charCodeAt(n - 1) === 47 || path.includes("//"))
    return false;
  for (let i = path.indexOf("/."); i !== -1; i = path.indexOf("/.", i + 1)) {
    const a = i + 2 < n ? path.charCodeAt(i + 2) : 47;
    if (a === 47) return false; // "/./" or a final "/."
    if (a === 46 && (i + 3 >= n || path.charCodeAt(i + 3) === 47)) return false; // "/../" or a final "/.."
  }
  return true;
}

export function normalize(path: string): string {
  // Fast path: file reads and log appends pass clean absolute paths thousands of times a minute.
  if (isClean(path)) return path;
  const parts: string[] = [];
  for (const seg of path.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return `/${parts.join("/")}`;
}
