// A container's own small filesystem: files from the image plus what its processes write
// (simplified: no overlay layers or permissions, just paths).

export class ContainerFs {
  private files = new Map<string, string>();
  private dirs = new Set<string>(["/"]);

  constructor(seed: Record<string, string> = {}) {
    for (const [p, c] of Object.entries(seed)) this.write(p, c);
    for (const d of ["/bin", "/dev", "/etc", "/home", "/proc", "/root", "/sys", "/tmp", "/usr", "/var"])
      this.mkdirp(d);
  }

  read(path: string): string | undefined {
    return this.files.get(norm(path));
  }

  write(path: string, content: string): void {
    const p = norm(path);
    this.mkdirp(parent(p));
    this.files.set(p, content);
  }

  append(path: string, content: string): void {
    const p = norm(path);
    this.write(p, (this.files.get(p) ?? "") + content);
  }

  isFile(path: string): boolean {
    return this.files.has(norm(path));
  }

  isDir(path: string): boolean {
    return this.dirs.has(norm(path));
  }

  exists(path: string): boolean {
    return this.isFile(path) || this.isDir(path);
  }

  remove(path: string, recursive = false): boolean {
    const p = norm(path);
    if (this.files.delete(p)) return true;
    if (!this.dirs.has(p)) return false;
    const prefix = p === "/" ? "/" : `${p}/`;
    const children = [...this.files.keys(), ...this.dirs].some((f) => f.startsWith(prefix));
    if (children && !recursive) return false;
    for (const f of [...this.files.keys()]) if (f.startsWith(prefix)) this.files.delete(f);
    for (const d of [...this.dirs]) if (d.startsWith(prefix)) this.dirs.delete(d);
    this.dirs.delete(p);
    return true;
  }

  mkdirp(path: string): void {
    let p = norm(path);
    while (!this.dirs.has(p)) {
      this.dirs.add(p);
      p = parent(p);
    }
  }

  /** Immediate children names, sorted. */
  list(path: string): string[] {
    const p = norm(path);
    const prefix = p === "/" ? "/" : `${p}/`;
    const out = new Set<string>();
    for (const f of [...this.files.keys(), ...this.dirs]) {
      if (!f.startsWith(prefix) || f === p) continue;
      out.add(f.slice(prefix.length).split("/")[0]);
    }
    return [...out].filter((n) => n !== "").sort();
  }

  /** Total bytes written (for the writable layer in stats). */
  bytes(): number {
    let n = 0;
    for (const c of this.files.values()) n += c.length;
    return n;
  }
}

export function norm(path: string): string {
  const out: string[] = [];
  for (const seg of path.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  return `/${out.join("/")}`;
}

function parent(p: string): string {
  const i = p.lastIndexOf("/");
  return i <= 0 ? "/" : p.slice(0, i);
}
