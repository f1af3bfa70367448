// urfave/cli v2 flag parsing as crictl uses it: `--name value`, `--name=value`, `-n value`, combined short
// booleans (`-aq`, UseShortOptionHandling), repeatable string-slice flags, `--` ends the flags.

export type FlagKind = "bool" | "string" | "int" | "slice";

export interface FlagSpec {
  name: string;
  aliases?: string[];
  kind: FlagKind;
  usage: string;
  /** Default shown in help and used when unset. */
  value?: string | number | boolean;
  /** Name of the value placeholder in help (`value` by default). */
  placeholder?: string;
}

export interface ParsedFlags {
  args: string[];
  bools: Map<string, boolean>;
  strings: Map<string, string>;
  slices: Map<string, string[]>;
  set: Set<string>;
  help: boolean;
}

export class FlagError extends Error {}

export interface ParseOptions {
  /** Stop at the first positional argument (exec: the command's own flags follow). */
  stopAtFirstArg?: boolean;
}

export function parseFlags(argv: string[], specs: FlagSpec[], opts: ParseOptions = {}): ParsedFlags {
  const byName = new Map<string, FlagSpec>();
  for (const s of specs) {
    byName.set(s.name, s);
    for (const a of s.aliases ?? []) byName.set(a, s);
  }
  const out: ParsedFlags = {
    args: [],
    bools: new Map(),
    strings: new Map(),
    slices: new Map(),
    set: new Set(),
    help: false,
  };
  const assign = (spec: FlagSpec, raw: string | undefined, shown: string): void => {
    out.set.add(spec.name);
    if (spec.kind === "bool") {
      const v = raw === undefined ? true : parseBool(raw, shown);
      out.bools.set(spec.name, v);
      return;
    }
    if (raw === undefined) throw new FlagError(`flag needs an argument: -${shown}`);
    if (spec.kind === "int" && !/^-?\d+$/.test(raw)) {
      throw new FlagError(`invalid value "${raw}" for flag -${shown}: parse error`);
    }
    if (spec.kind === "slice") out.slices.set(spec.name, [...(out.slices.get(spec.name) ?? []), raw]);
    else out.strings.set(spec.name, raw);
  };
  let i = 0;
  let positionalOnly = false;
  while (i < argv.length) {
    const a = argv[i++];
    if (positionalOnly || a === "-" || !a.startsWith("-")) {
      out.args.push(a);
      if (opts.stopAtFirstArg) positionalOnly = true;
      continue;
    }
    if (a === "--") {
      positionalOnly = true;
      continue;
    }
    const long = a.startsWith("--");
    const body = a.slice(long ? 2 : 1);
    const eq = body.indexOf("=");
    const name = eq === -1 ? body : body.slice(0, eq);
    const inline = eq === -1 ? undefined : body.slice(eq + 1);
    if (name === "help" || name === "h") {
      out.help = true;
      continue;
    }
    const spec = byName.get(name);
    if (spec) {
      if (spec.kind === "bool" || inline !== undefined) assign(spec, inline, name);
      else assign(spec, i < argv.length ? argv[i++] : undefined, name);
      continue;
    }
    // Combined short booleans: -aq, or -tn 5 style where only the last may take a value.
    if (!long && name.length > 1 && inline === undefined) {
      const chars = [...name];
      const specsFor = chars.map((c) => byName.get(c));
      if (specsFor.every((s) => s !== undefined)) {
        specsFor.forEach((s, k) => {
          const spec = s as FlagSpec;
          if (spec.kind === "bool") assign(spec, undefined, chars[k]);
          else if (k === chars.length - 1) assign(spec, i < argv.length ? argv[i++] : undefined, chars[k]);
          else throw new FlagError(`flag needs an argument: -${chars[k]}`);
        });
        continue;
      }
    }
    throw new FlagError(`flag provided but not defined: -${name}`);
  }
  return out;
}

function parseBool(raw: string, shown: string): boolean {
  const v = raw.toLowerCase();
  if (["1", "t", "true"].includes(v)) return true;
  if (["0", "f", "false"].includes(v)) return false;
  throw new FlagError(`invalid boolean value "${raw}" for -${shown}: parse error`);
}

export function flagBool(p: ParsedFlags, name: string): boolean {
  return p.bools.get(name) ?? false;
}

export function flagString(p: ParsedFlags, name: string, def = ""): string {
  return p.strings.get(name) ?? def;
}

export function flagInt(p: ParsedFlags, name: string, def = 0): number {
  const s = p.strings.get(name);
  return s === undefined ? def : Number.parseInt(s, 10);
}

export function flagSlice(p: ParsedFlags, name: string): string[] {
  return p.slices.get(name) ?? [];
}
