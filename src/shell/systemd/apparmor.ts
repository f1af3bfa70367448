// apparmor_parser (AppArmor 3.0 on Debian 12): compile profiles from files, a directory or stdin
// (the AppArmor tutorial's `sudo apparmor_parser -q <<EOF … EOF`) and load them into the node's
// kernel — add (-a, the default), replace (-r) or remove (-R); -v reports each, -q only hushes
// warnings. Cache options (-W, -K, -T) are accepted and change nothing here.
import { type AppArmorProfile, parseAppArmorPolicy } from "../../sim/runtime/apparmor";
import { resolvePath } from "../files/cwd";
import type { Command, CommandContext, CommandResult } from "../types";

const PROG = "apparmor_parser";

async function apparmorParser(ctx: CommandContext): Promise<CommandResult> {
  const kernel = ctx.node.apparmor;
  let action: "add" | "replace" | "remove" = "add";
  let verbose = false;
  let complain = false;
  let skipLoad = false;
  const files: string[] = [];
  for (const a of ctx.args) {
    if (a === "-a" || a === "--add") action = "add";
    else if (a === "-r" || a === "--replace") action = "replace";
    else if (a === "-R" || a === "--remove") action = "remove";
    else if (a === "-v" || a === "--verbose") verbose = true;
    else if (a === "-C" || a === "--Complain") complain = true;
    else if (a === "-Q" || a === "--skip-kernel-load") skipLoad = true;
    else if (/^-[a-zA-Z]+$/.test(a) && a.length > 2) {
      // bundled short flags: -rW, -qr…
      for (const c of a.slice(1)) {
        if (c === "a") action = "add";
        else if (c === "r") action = "replace";
        else if (c === "R") action = "remove";
        else if (c === "v") verbose = true;
        else if (c === "C") complain = true;
        else if (c === "Q") skipLoad = true;
      }
    } else if (!a.startsWith("-")) files.push(a);
  }
  let out = "";
  let err = "";
  let code = 0;
  const sources: { name: string; text: string }[] = [];
  if (files.length === 0) sources.push({ name: "", text: ctx.stdin ?? "" });
  for (const f of files) {
    const p = resolvePath(ctx.node, f);
    const fs = ctx.node.fs;
    if (fs.isDir(p)) {
      for (const c of fs.readdir(p).filter((x) => !x.endsWith("/") && !x.startsWith(".")))
        sources.push({ name: `${p}/${c}`, text: fs.read(`${p}/${c}`) ?? "" });
      continue;
    }
    const text = fs.read(p);
    if (text === undefined) {
      err += `File ${f} not found, skipping...\n`;
      code = 2;
      continue;
    }
    sources.push({ name: f, text });
  }
  for (const src of sources) {
    const parsed = parseAppArmorPolicy(src.text);
    if ("error" in parsed) {
      const where = src.name ? ` for ${src.name} in profile ${src.name}` : "";
      err += `AppArmor parser error${where} at line ${parsed.line}: ${parsed.error}\n`;
      code = 1;
      continue;
    }
    for (const p of parsed) {
      const profile: AppArmorProfile = complain ? { ...p, mode: "complain" } : p;
      if (skipLoad || !kernel) continue;
      if (action === "remove") {
        if (!kernel.remove(p.name)) {
          err += `${PROG}: Unable to remove "${p.name}".  Profile doesn't exist\n`;
          code = 1;
        } else if (verbose) out += `Removal succeeded for "${p.name}".\n`;
      } else if (action === "replace") {
        kernel.replace(profile);
        if (verbose) out += `Replacement succeeded for "${p.name}".\n`;
      } else if (!kernel.add(profile)) {
        err += `${PROG}: Unable to add "${p.name}".  Profile already exists\n`;
        code = 1;
      } else if (verbose) out += `Addition succeeded for "${p.name}".\n`;
    }
  }
  return { stdout: out, stderr: err, code };
}

export const apparmorCommands: Command[] = [
  {
    name: PROG,
    summary: "Load AppArmor profiles into the kernel (apparmor_parser -r /etc/apparmor.d/PROFILE)",
    run: apparmorParser,
  },
];
