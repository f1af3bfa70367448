// k8s: pkg/printers/internalversion/printers.go printServiceAccount; kubectl pkg/describe/describe.go
// ServiceAccountDescriber; pkg/cmd/create/create_serviceaccount.go, create_token.go;
// pkg/cmd/set/set_serviceaccount.go — ServiceAccounts in kubectl.
import type { Event, PodSpec, Secret, ServiceAccount } from "kubernetes-types/core/v1";
import { InvalidError } from "../../sim/api/fieldErrors";
import { ApiError, type KubeObject } from "../../sim/apiserver/types";
import { parseDuration } from "../../sim/clock/time";
import { ageSince } from "../format/duration";
import { Output } from "../registry";
import { type CommandResult, fail, ok } from "../types";
import { apiErrorText, apiList, type KubectlContext } from "./common";
import {
  describeEvents,
  describeTabwrite,
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from "./describePod";
import type { FlagSpec } from "./flags";
import type { TablePrinter } from "./printers";
import { kindQualifier, resourceArgs } from "./resources";

/** printServiceAccount: NAME, SECRETS (len(secrets): 0 since token Secrets stopped being made in 1.24), AGE. */
export const SERVICEACCOUNT_PRINTER: TablePrinter = {
  headers: ["NAME", "SECRETS", "AGE"],
  wide: [],
  row: (o, now) => [
    o.metadata?.name ?? "",
    String((o as ServiceAccount).secrets?.length ?? 0),
    ageSince(o.metadata?.creationTimestamp, now),
  ],
};

const SA_NAME_KEY = "kubernetes.io/service-account.name";
const SA_UID_KEY = "kubernetes.io/service-account.uid";

/**
 * ServiceAccountDescriber: the three secret lists under fixed-width headers (sorted), `<none>` when
 * empty; a referenced Secret that does not exist is marked `(not found)`. Tokens are the
 * service-account-token Secrets annotated with this account's name and uid.
 */
export function describeServiceAccount(
  sa: ServiceAccount,
  secrets: Secret[],
  events: Event[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  const m = sa.metadata ?? {};
  w.write(0, `Name:\t${m.name ?? ""}\n`);
  w.write(0, `Namespace:\t${m.namespace ?? ""}\n`);
  printLabelsMultiline(w, "Labels", m.labels);
  printAnnotationsMultiline(w, "Annotations", m.annotations);
  const existing = new Set(secrets.map((s) => s.metadata?.name ?? ""));
  const tokens = secrets.filter(
    (s) =>
      s.type === "kubernetes.io/service-account-token" &&
      s.metadata?.annotations?.[SA_NAME_KEY] === m.name &&
      (s.metadata?.annotations?.[SA_UID_KEY] ?? "") === (m.uid ?? ""),
  );
  const missing = new Set(
    [...(sa.secrets ?? []), ...(sa.imagePullSecrets ?? [])]
      .map((s) => s.name ?? "")
      .filter((n) => !existing.has(n)),
  );
  const lists: [string, string[]][] = [
    ["Image pull secrets:", (sa.imagePullSecrets ?? []).map((s) => s.name ?? "")],
    ["Mountable secrets: ", (sa.secrets ?? []).map((s) => s.name ?? "")],
    ["Tokens:            ", tokens.map((s) => s.metadata?.name ?? "")],
  ];
  for (const [header, names] of lists) {
    if (names.length === 0) {
      w.write(0, `${header}\t<none>\n`);
      continue;
    }
    let prefix = header;
    for (const name of names) {
      w.write(0, `${prefix}\t${name}${missing.has(name) ? " (not found)" : ""}\n`);
      prefix = " ".repeat(19);
    }
  }
  if (events !== undefined) describeEvents(w, events, now);
  return describeTabwrite(w.text);
}

/** The Secrets describe sa reads (all of the namespace's; errors are tolerated there). */
export function secretsFor(k: KubectlContext, sa: KubeObject): Secret[] {
  return apiList<Secret>(k.node, "Secret", { namespace: sa.metadata?.namespace });
}

export const CREATE_TOKEN_FLAGS: FlagSpec[] = [
  { name: "audience", type: "strings" },
  { name: "duration", type: "string" },
  { name: "bound-object-kind", type: "string" },
  { name: "bound-object-name", type: "string" },
  { name: "bound-object-uid", type: "string" },
];

/** `kubectl create token NAME`: a TokenRequest on serviceaccounts/NAME/token; prints the token. */
export function runCreateToken(k: KubectlContext): CommandResult {
  const names = k.flags.args.slice(1);
  if (names.length !== 1)
    return fail(
      `error: exactly one NAME is required, got ${names.length}\nSee 'kubectl create token -h' for help and examples`,
    );
  const durationText = k.flags.str("duration") ?? "0s";
  // time.ParseDuration takes a sign
  const negative = /^[-+]/.test(durationText) && durationText.startsWith("-");
  const magnitude = parseDuration(durationText.replace(/^[-+]/, ""));
  const durationMs = magnitude === undefined ? undefined : negative ? -magnitude : magnitude;
  if (durationMs === undefined)
    return fail(
      `error: invalid argument "${durationText}" for "--duration" flag: time: invalid duration "${durationText}"`,
    );
  if (durationMs < 0) return fail("error: --duration must be greater than or equal to 0");
  if (durationMs % 1000 !== 0)
    return fail("error: --duration cannot be expressed in units less than seconds");
  const audiences = k.flags.list("audience");
  if (audiences.some((a) => a === "")) return fail("error: --audience must not be an empty string");
  if (k.flags.str("bound-object-kind") !== undefined)
    return fail(
      "error: --bound-object-kind is not simulated: the simulator issues tokens bound to the ServiceAccount only",
    );
  if (k.flags.str("bound-object-name") !== undefined)
    return fail("error: --bound-object-name can only be set if --bound-object-kind is provided");
  if (k.flags.str("bound-object-uid") !== undefined)
    return fail("error: --bound-object-uid can only be set if --bound-object-kind is provided");
  if (!k.node.api.createToken) return fail("error: the API server does not serve serviceaccounts/token");
  try {
    const status = k.node.api.createToken(k.namespace, names[0], {
      ...(audiences.length > 0 ? { audiences } : {}),
      ...(durationMs > 0 ? { expirationSeconds: durationMs / 1000 } : {}),
    });
    return ok(`${status.token}\n`);
  } catch (e) {
    // create token wraps the API error (its Status message) into its own
    const msg = e instanceof InvalidError ? e.serverMessage : e instanceof Error ? e.message : String(e);
    return fail(`error: failed to create token: ${msg}`);
  }
}

/** Where a kind keeps its pod spec (polymorphichelpers.UpdatePodSpecForObject). */
function podSpecOf(obj: KubeObject): PodSpec | undefined {
  const spec = obj.spec as
    | (PodSpec & {
        template?: { spec?: PodSpec };
        jobTemplate?: { spec?: { template?: { spec?: PodSpec } } };
      })
    | undefined;
  switch (obj.kind) {
    case "Pod":
      return spec;
    case "Deployment":
    case "ReplicaSet":
    case "DaemonSet":
    case "Job":
      return spec?.template?.spec;
    case "CronJob":
      return spec?.jobTemplate?.spec?.template?.spec;
    default:
      return undefined;
  }
}

/** `kubectl set serviceaccount TYPE NAME SERVICE_ACCOUNT` (or TYPE/NAME SERVICE_ACCOUNT). */
export async function runSetServiceAccount(k: KubectlContext): Promise<CommandResult> {
  const out = new Output();
  const args = k.flags.args.slice(1);
  const account = args.at(-1);
  const refs = resourceArgs(args.slice(0, -1));
  if ("error" in refs) return out.err(refs.error).result(1);
  if (!account || refs.length === 0 || refs.every((r) => r.names.length === 0))
    return out
      .err("error: serviceaccount is required\nSee 'kubectl set serviceaccount -h' for help and examples")
      .result(1);
  let code = 0;
  for (const ref of refs) {
    for (const name of ref.names) {
      const shown = `${kindQualifier(ref.type)}/${name}`;
      let obj: KubeObject;
      try {
        obj = k.node.api.get<KubeObject>(ref.type.kind, k.namespace, name);
      } catch (e) {
        out.err(apiErrorText(e));
        code = 1;
        continue;
      }
      const copy = structuredClone({ ...obj, kind: obj.kind ?? ref.type.kind });
      const spec = podSpecOf(copy);
      if (!spec) {
        out.err(
          `error: ${shown} the object is not a pod or does not have a pod template: *v1.${ref.type.kind}`,
        );
        code = 1;
        continue;
      }
      spec.serviceAccountName = account;
      if (spec.serviceAccount !== undefined) spec.serviceAccount = account;
      try {
        k.node.api.update(ref.type.kind, copy);
        out.out(`${shown} serviceaccount updated\n`);
      } catch (e) {
        const msg =
          e instanceof InvalidError ? e.serverMessage : e instanceof ApiError ? e.message : String(e);
        out.err(`error: failed to patch ServiceAccountName ${msg}`);
        code = 1;
      }
    }
  }
  return out.result(code);
}
