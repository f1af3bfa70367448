// k8s: spf13/pflag as cobra uses it in kubectl — `-n x`, `-nx`, `-n=x`, `--namespace=x`, `-Aw`, `--`,
// and its error words (`unknown flag: --foo`, `flag needs an argument: 'n' in -n`).

export type FlagType = "bool" | "string" | "int" | "strings";

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
}

export interface ParsedFlags {
  /** Flag values by long name (bool → "true"/"false"; strings → joined by "\u0000"). */
  values: Map<string, string[]>;
  positional: string[];
  /** Arguments after `--`. */
  dashArgs?: string[];
}

/** Flags every kubectl verb accepts (kubectl's persistent flags). */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: "namespace", short: "n", type: "string" },
  { name: "kubeconfig", type: "string" },
  { name: "context", type: "string" },
  { name: "cluster", type: "string" },
  { name: "user", type: "string" },
  { name: "as", type: "string" },
  { name: "as-group", type: "strings" },
  { name: "as-uid", type: "string" },
  { name: "server", short: "s", type: "string" },
  { name: "request-timeout", type: "string" },
  { name: "v", short: "v", type: "int" },
  { name: "help", short: "h", type: "bool" },
];

export class FlagError extends Error {}

export function parseFlags(args: string[], specs: FlagSpec[]): ParsedFlags {
  const all = [...GLOBAL_FLAGS, ...specs];
  const byName = new Map(all.map((s) => [s.name, s]));
  const byShort = new Map(all.filter((s) => s.short).map((s) => [s.short!, s]));
  const values = new Map<string, string[]>();
  const positional: string[] = [];
  const set = (s: FlagSpec, v: string) => {
    if (s.type === "int" && !/^-?\d+$/.test(v)) {
      throw new FlagError(
        `invalid argument "${v}" for "${s.short ? `-${s.short}, ` : ""}--${s.name}" flag: strconv.ParseInt: parsing "${v}": invalid syntax`,
      );
    }
    if (
      s.type === "bool" &&
      !["true", "false", "1", "0", "t", "f", "TRUE", "FALSE", "True", "False"].includes(v)
    ) {
      throw new FlagError(
        `invalid argument "${v}" for "${s.short ? `-${s.short}, ` : ""}--${s.name}" flag: strconv.ParseBool: parsing "${v}": invalid syntax`,
      );
    }
    const norm = s.type === "bool" ? String(["true", "1", "t", "TRUE", "True"].includes(v)) : v;
    const prev = values.get(s.name) ?? [];
    values.set(s.name, s.type === "strings" ? [...prev, ...(norm === "" ? [] : [norm])] : [norm]);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") return { values, positional, dashArgs: args.slice(i + 1) };
    if (a.startsWith("--") && a.length > 2) {
      const eq = a.indexOf("=");
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      const s = byName.get(name);
      if (!s) throw new FlagError(`unknown flag: --${name}`);
      if (eq !== -1) set(s, a.slice(eq + 1));
      else if (s.type === "bool") set(s, "true");
      else if (i + 1 < args.length) set(s, args[++i]);
      else throw new FlagError(`flag needs an argument: --${name}`);
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      // Shorthand cluster: -Aw, -oyaml, -o=yaml, -n x.
      for (let k = 1; k < a.length; k++) {
        const c = a[k];
        const s = byShort.get(c);
        if (!s) throw new FlagError(`unknown shorthand flag: '${c}' in ${a}`);
        if (s.type === "bool") {
          if (a[k + 1] === "=") {
            set(s, a.slice(k + 2));
            break;
          }
          set(s, "true");
          continue;
        }
        const rest = a.slice(k + 1);
        if (rest.startsWith("=")) set(s, rest.slice(1));
        else if (rest !== "") set(s, rest);
        else if (i + 1 < args.length) set(s, args[++i]);
        else throw new FlagError(`flag needs an argument: '${c}' in ${a}`);
        break;
      }
      continue;
    }
    positional.push(a);
  }
  return { values, positional };
}

export class Flags {
  constructor(readonly parsed: ParsedFlags) {}
  str(name: string): string | undefined {
    return this.parsed.values.get(name)?.[0];
  }
  bool(name: string): boolean {
    return this.parsed.values.get(name)?.[0] === "true";
  }
  int(name: string): number | undefined {
    const v = this.str(name);
    return v === undefined ? undefined : Number.parseInt(v, 10);
  }
  list(name: string): string[] {
    return this.parsed.values.get(name) ?? [];
  }
  has(name: string): boolean {
    return this.parsed.values.has(name);
  }
  get args(): string[] {
    return this.parsed.positional;
  }
}
