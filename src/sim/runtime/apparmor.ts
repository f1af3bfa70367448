// The kernel's AppArmor policy as the node's tools and the runtime see it: the profiles loaded
// (apparmor_parser adds, replaces and removes them; containerd loads its default one), listed in
// securityfs as `name (mode)`, and the one rule kind the simulator enforces — `deny <glob> w,`.

export type AppArmorMode = "enforce" | "complain" | "kill" | "unconfined";

export interface AppArmorProfile {
  name: string;
  mode: AppArmorMode;
  /** Path globs of `deny … w` rules: writes there fail with EACCES (in enforce mode). */
  denyWrite: string[];
}

/** The profile text apparmor_parser could not compile: what it says and the line. */
export interface AppArmorParseError {
  line: number;
  error: string;
}

/**
 * The profiles in a policy text: `profile NAME [flags=(…)] {` or `/attach/path [flags=(…)] {`, with
 * `deny PATH PERMS,` rules inside; `#include` lines and comments are skipped (simplified: other rules
 * are accepted and not enforced).
 */
export function parseAppArmorPolicy(text: string): AppArmorProfile[] | AppArmorParseError {
  const out: AppArmorProfile[] = [];
  let cur: AppArmorProfile | undefined;
  let depth = 0;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "" || line.startsWith("#")) continue;
    const head = /^(?:profile\s+(\S+)(?:\s+(\/\S*))?|(\/\S*))\s*(?:flags\s*=\s*\(([^)]*)\))?\s*\{$/.exec(
      line,
    );
    if (head && depth === 0) {
      const flags = (head[4] ?? "").split(/[\s,]+/);
      const mode = (["complain", "kill", "unconfined"] as const).find((m) => flags.includes(m)) ?? "enforce";
      cur = { name: head[1] ?? head[3], mode, denyWrite: [] };
      depth = 1;
      continue;
    }
    if (line.endsWith("{")) {
      depth++;
      continue;
    }
    if (line === "}") {
      if (depth === 0) return { line: i + 1, error: "syntax error, unexpected TOK_CLOSE" };
      depth--;
      if (depth === 0 && cur) {
        out.push(cur);
        cur = undefined;
      }
      continue;
    }
    const deny = /^(?:audit\s+)?deny\s+(\/\S*)\s+([rwaklmix]+)\s*,/.exec(line);
    if (deny && cur && deny[2].includes("w")) cur.denyWrite.push(deny[1]);
  }
  if (depth > 0) return { line: lines.length, error: "syntax error, unexpected $end" };
  return out;
}

/** AppArmor globbing: `**` any path, `*` within one segment, `?` one character. */
function globRegex(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      re += ".*";
      i++;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

/** Whether a profile forbids writing `path` (only an enforcing profile denies). */
export function appArmorDeniesWrite(
  profile: Pick<AppArmorProfile, "mode" | "denyWrite">,
  path: string,
): boolean {
  return profile.mode === "enforce" && profile.denyWrite.some((g) => globRegex(g).test(path));
}

/** The kernel's loaded profiles, newest first (as securityfs lists them). */
export class AppArmorKernel {
  private profiles: AppArmorProfile[] = [];

  /** -a: false when a profile of that name is loaded already (EEXIST). */
  add(p: AppArmorProfile): boolean {
    if (this.get(p.name)) return false;
    this.profiles.unshift(p);
    return true;
  }

  /** -r: load or replace. */
  replace(p: AppArmorProfile): void {
    const i = this.profiles.findIndex((x) => x.name === p.name);
    if (i >= 0) this.profiles[i] = p;
    else this.profiles.unshift(p);
  }

  /** -R: false when no such profile is loaded (ENOENT). */
  remove(name: string): boolean {
    const n = this.profiles.length;
    this.profiles = this.profiles.filter((x) => x.name !== name);
    return this.profiles.length !== n;
  }

  get(name: string): AppArmorProfile | undefined {
    return this.profiles.find((x) => x.name === name);
  }

  list(): readonly AppArmorProfile[] {
    return this.profiles;
  }

  /** /sys/kernel/security/apparmor/profiles: one `name (mode)` line per profile. */
  profilesFile(): string {
    return this.profiles.map((p) => `${p.name} (${p.mode})\n`).join("");
  }
}
