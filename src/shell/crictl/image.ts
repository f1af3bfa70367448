// cri-tools cmd/crictl/image.go — simplified: no --filter, no credentials prompts, no go-template.
import type { Image, ImageStatusResponse } from "../../sim/cri";
import { CRICTL_TABWRITER, tabwrite } from "../format/tabwriter";
import { flagBool, flagString } from "./flags";
import { humanSizeWithPrecision, truncatedId } from "./goFormat";
import { outputProto, outputStatuses } from "./output";
import { imageJson, statusData } from "./proto";
import { CrictlFatal, type CrictlRun, wrap } from "./runner";
import { showHelpCode } from "./sandbox";
import { resolveImageRef, type Verb } from "./verb";

/** imageByRef: first repo tag, then first digest, then ID. */
function compareImages(a: Image, b: Image): number {
  const key = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  if (a.repoTags.length > 0 && b.repoTags.length > 0) return key(a.repoTags[0], b.repoTags[0]);
  if (a.repoDigests.length > 0 && b.repoDigests.length > 0) return key(a.repoDigests[0], b.repoDigests[0]);
  return key(a.id, b.id);
}

/** normalizeRepoDigest: `repo@sha256:…` → [repo, digest]; `<none>` when the image has no digest. */
function normalizeRepoDigest(digests: string[]): [string, string] {
  if (digests.length === 0) return ["<none>", "<none>"];
  const pair = digests[0].split("@");
  if (pair.length !== 2) return ["errorName", "errorRepoDigest"];
  return [pair[0], pair[1]];
}

/** normalizeRepoTagPair: split at the last ':'; untagged images show the digest's repo and `<none>`. */
function normalizeRepoTagPairs(tags: string[], imageName: string): [string, string][] {
  if (tags.length === 0) return [[imageName, "<none>"]];
  return tags.map((t) => {
    const idx = t.lastIndexOf(":");
    if (idx === -1) return ["errorRepoTag", "errorRepoTag"];
    const name = t.slice(0, idx);
    return [name === "<none>" ? imageName : name, t.slice(idx + 1)];
  });
}

const images: Verb = {
  name: "images",
  aliases: ["image", "img"],
  usage: "List images",
  argsUsage: "[REPOSITORY[:TAG]]",
  flags: [
    { name: "verbose", aliases: ["v"], kind: "bool", usage: "Show verbose info for images" },
    { name: "quiet", aliases: ["q"], kind: "bool", usage: "Only show image IDs" },
    { name: "output", aliases: ["o"], kind: "string", usage: "Output format, One of: json|yaml|table" },
    { name: "digests", kind: "bool", usage: "Show digests" },
    { name: "no-trunc", kind: "bool", usage: "Show output without truncating the ID" },
    { name: "pinned", kind: "bool", usage: "Show whether the image is pinned or not" },
  ],
  async run(r, p) {
    if (p.args.length > 1) return showHelpCode;
    await r.connect("image");
    let list: Image[];
    try {
      const filter = p.args[0] ? { image: { image: p.args[0] } } : undefined;
      ({ images: list } = await r.rpc(r.node.imageService.listImages({ filter })));
    } catch (e) {
      throw wrap("listing images", e);
    }
    list = [...list].sort(compareImages);
    const output = flagString(p, "output");
    if (output === "json" || output === "yaml") {
      outputProto(r, { images: list.map(imageJson) }, output);
      return 0;
    }
    const quiet = flagBool(p, "quiet");
    const verbose = flagBool(p, "verbose");
    const showDigest = flagBool(p, "digests");
    const showPinned = flagBool(p, "pinned");
    const noTrunc = flagBool(p, "no-trunc");
    const rows: string[][] = [];
    if (!verbose && !quiet) {
      rows.push([
        "IMAGE",
        "TAG",
        ...(showDigest ? ["DIGEST"] : []),
        "IMAGE ID",
        "SIZE",
        ...(showPinned ? ["PINNED"] : []),
      ]);
    }
    for (const img of list) {
      if (quiet) {
        r.println(img.id);
        continue;
      }
      if (verbose) {
        r.println(`ID: ${img.id}`);
        for (const t of img.repoTags) r.println(`RepoTags: ${t}`);
        for (const d of img.repoDigests) r.println(`RepoDigests: ${d}`);
        if (img.size !== 0) r.println(`Size: ${img.size}`);
        if (img.uid) r.println(`Uid: value:${img.uid.value}`);
        if (img.username) r.println(`Username: ${img.username}`);
        if (img.pinned) r.println(`Pinned: ${img.pinned}`);
        r.println();
        continue;
      }
      const [imageName, digest] = normalizeRepoDigest(img.repoDigests);
      const size = humanSizeWithPrecision(img.size, 3);
      const id = noTrunc ? img.id : truncatedId(img.id, "sha256:");
      const repoDigest = noTrunc ? digest : truncatedId(digest, "sha256:");
      for (const [repo, tag] of normalizeRepoTagPairs(img.repoTags, imageName)) {
        rows.push([
          repo,
          tag,
          ...(showDigest ? [repoDigest] : []),
          id,
          size,
          ...(showPinned ? [String(img.pinned)] : []),
        ]);
      }
    }
    r.print(tabwrite(rows, CRICTL_TABWRITER));
    return 0;
  },
};

const pull: Verb = {
  name: "pull",
  usage: "Pull an image from a registry",
  argsUsage: "NAME[:TAG|@DIGEST]",
  flags: [
    { name: "creds", kind: "string", usage: "Use `USERNAME[:PASSWORD]` for accessing the registry" },
    {
      name: "auth",
      kind: "string",
      usage:
        "Use `AUTH_STRING` for accessing the registry. AUTH_STRING is a base64 encoded 'USERNAME[:PASSWORD]'",
    },
    { name: "pod-config", kind: "string", usage: "Use `pod-config.[json|yaml]` to override the pull c" },
    { name: "annotation", aliases: ["a"], kind: "slice", usage: "Annotation to be set on the pulled image" },
    {
      name: "pull-timeout",
      aliases: ["pt"],
      kind: "string",
      usage: "Maximum time to be used for pulling the image, disabled if set to 0s",
      value: "0s",
    },
  ],
  async run(r, p) {
    const name = p.args[0] ?? "";
    if (name === "") throw new CrictlFatal("Image name cannot be empty");
    if (p.args.length > 1) return showHelpCode;
    await r.connect("image");
    const creds = flagString(p, "creds");
    const auth = creds
      ? { username: creds.split(":")[0], password: creds.split(":").slice(1).join(":") }
      : undefined;
    try {
      const { imageRef } = await r.rpc(
        r.node.imageService.pullImage({ image: { image: name }, auth }),
        "PullImage from image service failed",
        [["image", name]],
      );
      r.println(`Image is up to date for ${imageRef}`);
    } catch (e) {
      throw wrap("pulling image", e);
    }
    return 0;
  },
};

async function imageStatus(r: CrictlRun, ref: string, verbose = false): Promise<ImageStatusResponse> {
  return r.rpc(
    r.node.imageService.imageStatus({ image: { image: ref }, verbose }),
    "Get ImageStatus from image service failed",
    [["image", ref]],
  );
}

const rmi: Verb = {
  name: "rmi",
  usage: "Remove one or more images",
  argsUsage: "IMAGE-ID [IMAGE-ID...]",
  flags: [
    { name: "all", aliases: ["a"], kind: "bool", usage: "Remove all images" },
    { name: "prune", aliases: ["q"], kind: "bool", usage: "Remove all unused images" },
  ],
  async run(r, p) {
    await r.connect("image");
    const ids = new Map<string, boolean>();
    for (const a of p.args) ids.set(a, true);
    const all = flagBool(p, "all");
    const prune = flagBool(p, "prune");
    if (all || prune) {
      const { images: list } = await r.rpc(r.node.imageService.listImages({}));
      // Pinned images (the sandbox image) are never pruned.
      for (const img of list) if (!(prune && img.pinned)) ids.set(img.id, true);
    }
    if (prune) {
      await r.connect();
      const { containers } = await r.rpc(r.node.runtimeService.listContainers({}));
      for (const c of containers) {
        try {
          const st = await imageStatus(r, c.image.image);
          if (st.image) ids.set(st.image.id, false);
        } catch (e) {
          r.logrus("ERRO", `image status request for "${c.image.image}" failed: ${(e as Error).message}`);
        }
      }
    }
    if (ids.size === 0) {
      if (all || prune) {
        r.logrus("INFO", "No images to remove");
        return 0;
      }
      return showHelpCode;
    }
    let errored = false;
    for (const [arg, remove] of ids) {
      if (!remove) continue;
      const ref = await resolveImageRef(r, arg);
      let st: ImageStatusResponse;
      try {
        st = await imageStatus(r, ref);
      } catch (e) {
        r.logrus("ERRO", `image status request for "${arg}" failed: ${(e as Error).message}`);
        errored = true;
        continue;
      }
      if (!st.image) {
        r.logrus("ERRO", `no such image ${arg}`);
        errored = true;
        continue;
      }
      try {
        await r.rpc(
          r.node.imageService.removeImage({ image: { image: ref } }),
          "RemoveImage from image service failed",
          [["image", ref]],
        );
      } catch (e) {
        if (!prune) {
          r.logrus("ERRO", `error of removing image "${arg}": ${(e as Error).message}`);
          errored = true;
        }
        continue;
      }
      const names = st.image.repoTags.length > 0 ? st.image.repoTags : st.image.repoDigests;
      for (const n of names) r.println(`Deleted: ${n}`);
    }
    if (errored) throw new CrictlFatal("unable to remove the image(s)");
    return 0;
  },
};

const inspecti: Verb = {
  name: "inspecti",
  usage: "Return the status of one or more images",
  argsUsage: "IMAGE-ID [IMAGE-ID...]",
  flags: [
    {
      name: "output",
      aliases: ["o"],
      kind: "string",
      usage: "Output format, One of: json|yaml|go-template|table",
    },
    { name: "quiet", aliases: ["q"], kind: "bool", usage: "Do not show verbose information" },
    {
      name: "template",
      kind: "string",
      usage:
        "The template string is only used when output is go-template; The Template format is golang template",
    },
  ],
  async run(r, p) {
    if (p.args.length === 0) return showHelpCode;
    await r.connect("image");
    const verbose = !flagBool(p, "quiet");
    const output = flagString(p, "output") || "json";
    const statuses: unknown[] = [];
    for (const arg of p.args) {
      const ref = await resolveImageRef(r, arg);
      let st: ImageStatusResponse;
      try {
        st = await imageStatus(r, ref, verbose);
      } catch (e) {
        throw wrap(`image status for "${arg}" request`, e);
      }
      if (!st.image) throw new CrictlFatal(`no such image "${arg}" present`);
      if (output === "table") {
        r.println(`ID: ${st.image.id}`);
        for (const t of st.image.repoTags) r.println(`Tag: ${t}`);
        for (const d of st.image.repoDigests) r.println(`Digest: ${d}`);
        r.println(`Size: ${humanSizeWithPrecision(st.image.size, 3)}`);
        continue;
      }
      statuses.push(statusData(imageJson(st.image), verbose ? st.info : undefined));
    }
    outputStatuses(r, statuses, output === "table" ? "json" : output);
    return 0;
  },
};

export const imageVerbs: Verb[] = [images, pull, rmi, inspecti];
