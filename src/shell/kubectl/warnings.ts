// k8s: staging/src/k8s.io/client-go/rest/warnings.go — the API server's `Warning` response headers
// (PodSecurity's "would violate PodSecurity …"), printed by kubectl on stderr as `Warning: …` when the
// response arrives: before the verb's own line for that object.
import type { ApiServerClient } from "../../sim/apiserver/types";
import { chunksOf, type OrderedResult, type Output } from "../registry";
import type { CommandResult } from "../types";

const pending = new WeakMap<ApiServerClient, string[]>();

/** Run a kubectl verb with the API server's warnings collected; those not flushed lead its output. */
export async function withWarnings(
  api: ApiServerClient,
  run: () => Promise<CommandResult>,
): Promise<CommandResult> {
  if (!api.onWarning) return run();
  const warnings: string[] = [];
  pending.set(api, warnings);
  api.onWarning((w) => warnings.push(w));
  let result: CommandResult;
  try {
    result = await run();
  } finally {
    api.onWarning(undefined);
    pending.delete(api);
  }
  if (warnings.length === 0) return result;
  const text = warnings.map((w) => `Warning: ${w}\n`).join("");
  const ordered: OrderedResult = {
    ...result,
    stderr: text + result.stderr,
    chunks: [{ fd: 2, text }, ...chunksOf(result)],
  };
  return ordered;
}

/** Print the warnings the requests so far got (kubectl prints them as each response arrives). */
export function flushWarnings(api: ApiServerClient, out: Output): void {
  const warnings = pending.get(api);
  if (!warnings) return;
  for (const w of warnings.splice(0)) out.err(`Warning: ${w}`);
}
