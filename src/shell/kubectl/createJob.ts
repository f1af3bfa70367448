// k8s: staging/src/k8s.io/kubectl/pkg/cmd/create/create_job.go and create_cronjob.go —
// `kubectl create job NAME --image=IMAGE [-- COMMAND args…]`, `kubectl create job NAME
// --from=cronjob/NAME` and `kubectl create cronjob NAME --image=IMAGE --schedule=SPEC [--restart=…]`.
import type { CronJob, Job } from "kubernetes-types/batch/v1";
import type { Container } from "kubernetes-types/core/v1";
import { InvalidError } from "../../sim/api/fieldErrors";
import { ApiError } from "../../sim/apiserver/types";
import { toJson, toYaml } from "../format/objects";
import { type CommandResult, fail, ok } from "../types";
import { apiErrorText, type KubectlContext } from "./common";
import { lookupResource } from "./resources";

export const CREATE_JOB_FLAGS = [
  { name: "from", type: "string" as const },
  { name: "schedule", type: "string" as const },
  { name: "restart", type: "string" as const },
];

/** NameFromCommandArgs: exactly one NAME before `--`. */
function nameArg(k: KubectlContext, sub: string): string | CommandResult {
  const names = k.flags.args.slice(1);
  if (names.length !== 1)
    return fail(
      `error: exactly one NAME is required, got ${names.length}\nSee 'kubectl create ${sub} -h' for help and examples`,
    );
  return names[0];
}

/** The error client-go returns for a failed create: the server's Status message (`Job.batch "x" is invalid: …`). */
function serverError(e: unknown, group: string): string {
  if (e instanceof InvalidError) return e.serverMessage.replace(/^(\w+) /, `$1.${group} `);
  if (e instanceof ApiError) return e.message;
  return e instanceof Error ? e.message : String(e);
}

/** The object as kubectl prints it before the server defaults it (--dry-run=client). */
function printDryRun(k: KubectlContext, obj: Job | CronJob, resource: string): CommandResult {
  const fmt = k.flags.str("output");
  if (fmt === "yaml") return ok(toYaml({ ...obj, status: {} }));
  if (fmt === "json") return ok(toJson({ ...obj, status: {} }));
  if (fmt === "name") return ok(`${resource}/${obj.metadata?.name}\n`);
  return ok(`${resource}/${obj.metadata?.name} created (dry run)\n`);
}

const container = (name: string, image: string, command: string[] | undefined): Container => ({
  name,
  image,
  ...(command && command.length > 0 ? { command } : {}),
  resources: {},
});

/** A creationTimestamp: null metadata, as the client-side object marshals. */
const meta = (extra: Record<string, unknown> = {}) => ({
  creationTimestamp: null as unknown as string,
  ...extra,
});

function submit(k: KubectlContext, kind: "Job" | "CronJob", obj: Job | CronJob): CommandResult {
  const resource = kind === "Job" ? "job.batch" : "cronjob.batch";
  const dry = k.flags.str("dry-run");
  if (dry === "client") return printDryRun(k, obj, resource);
  const body = structuredClone(obj) as Job & CronJob & { metadata: Record<string, unknown> };
  const strip = (m: Record<string, unknown> | undefined) => {
    if (m && m.creationTimestamp === null) delete m.creationTimestamp;
  };
  strip(body.metadata);
  strip(body.spec?.template?.metadata as Record<string, unknown> | undefined);
  strip(body.spec?.jobTemplate?.metadata as Record<string, unknown> | undefined);
  strip(body.spec?.jobTemplate?.spec?.template?.metadata as Record<string, unknown> | undefined);
  body.metadata.namespace = k.namespace;
  try {
    if (dry !== "server") k.node.api.create(kind, body);
  } catch (e) {
    return fail(`error: failed to create ${kind.toLowerCase()}: ${serverError(e, "batch")}`);
  }
  if (k.flags.str("output") === "name") return ok(`${resource}/${obj.metadata?.name}\n`);
  return ok(`${resource}/${obj.metadata?.name} created${dry === "server" ? " (server dry run)" : ""}\n`);
}

/** `kubectl create job`. */
export function runCreateJob(k: KubectlContext): CommandResult {
  const name = nameArg(k, "job");
  if (typeof name !== "string") return name;
  const images = k.flags.list("image");
  const image = images[images.length - 1] ?? "";
  const from = k.flags.str("from") ?? "";
  const command = k.flags.parsed.dashArgs;
  if ((image === "" && from === "") || (image !== "" && from !== ""))
    return fail("error: either --image or --from must be specified");
  if (command && command.length > 0 && from !== "") return fail("error: cannot specify --from and command");
  if (image !== "")
    return submit(k, "Job", {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: meta({ name }),
      spec: {
        template: {
          metadata: meta(),
          spec: { containers: [container(name, image, command)], restartPolicy: "Never" },
        },
      },
    });
  const slash = from.indexOf("/");
  const type = lookupResource(slash < 0 ? from : from.slice(0, slash));
  if (!type)
    return fail(`error: the server doesn't have a resource type "${from.slice(0, Math.max(0, slash))}"`);
  if (slash < 0) return fail("error: from must be an existing cronjob");
  let source: unknown;
  try {
    source = k.node.api.get(type.kind, k.namespace, from.slice(slash + 1));
  } catch (e) {
    return fail(apiErrorText(e));
  }
  if (type.kind !== "CronJob") return fail(`error: unknown object type *v1.${type.kind}`);
  const cj = source as CronJob;
  // createJobFromCronJob: marked manual, the template's labels and annotations, owned (not controlled)
  const annotations: Record<string, string> = { "cronjob.kubernetes.io/instantiate": "manual" };
  Object.assign(annotations, cj.spec?.jobTemplate?.metadata?.annotations ?? {});
  const labels = cj.spec?.jobTemplate?.metadata?.labels;
  return submit(k, "Job", {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: meta({
      name,
      annotations,
      ...(labels ? { labels: { ...labels } } : {}),
      ownerReferences: [
        {
          apiVersion: "batch/v1",
          kind: "CronJob",
          name: cj.metadata?.name ?? "",
          uid: cj.metadata?.uid ?? "",
        },
      ],
    }),
    spec: structuredClone(cj.spec?.jobTemplate?.spec) ?? { template: {} },
  });
}

/** `kubectl create cronjob` (alias cj): restart policy OnFailure unless --restart says otherwise. */
export function runCreateCronJob(k: KubectlContext): CommandResult {
  const missing = ["image", "schedule"].filter((f) => !k.flags.has(f));
  if (missing.length > 0)
    return fail(`error: required flag(s) ${missing.map((f) => `"${f}"`).join(", ")} not set`);
  const name = nameArg(k, "cronjob");
  if (typeof name !== "string") return name;
  const images = k.flags.list("image");
  const image = images[images.length - 1] ?? "";
  const command = k.flags.parsed.dashArgs;
  return submit(k, "CronJob", {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: meta({ name }),
    spec: {
      schedule: k.flags.str("schedule") ?? "",
      jobTemplate: {
        metadata: meta({ name }),
        spec: {
          template: {
            metadata: meta(),
            spec: {
              containers: [container(name, image, command)],
              restartPolicy: k.flags.str("restart") || "OnFailure",
            },
          },
        },
      },
    },
  });
}
