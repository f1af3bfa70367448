// cri-tools cmd/crictl/image.go — simplified: no --filter, no credentials prompts, no go-template.
import type { FilesystemUsage, Image, ImageFsInfoResponse, ImageStatusResponse } from "../../sim/cri";
import { CRICTL_TABWRITER, tabwrite } from "../format/tabwriter";
import { flagBool, flagSlice, flagString } from "./flags";
import { goMapString, humanSize, humanSizeWithPrecision, int64String, truncatedId } from "./goFormat";
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

const FILTER_USAGE =
  "Filter output based on provided conditions.\nAvailable filters: \n* dangling=(boolean - true or false)\n* reference=/regular expression/\n* before=<image-name>[:<tag>]|<image id>|<image@digest>\n* since=<image-name>[:<tag>]|<image id>|<image@digest>\nMultiple filters can be combined together.";

/** filterImagesList (image.go): dangling, reference (regex on the repo name), before/since a given image. */
function filterImages(list: Image[], filters: string[]): Image[] {
  let out = list;
  const beforeSince = (value: string, imgs: Image[]): Image[] => {
    const kept: Image[] = [];
    for (const img of imgs) {
      if (value.includes(":") && !value.includes("@")) {
        const [name] = normalizeRepoDigest(img.repoDigests);
        if (normalizeRepoTagPairs(img.repoTags, name)[0].join(":") === value) break;
        kept.push(img);
      } else if (!value.includes(":") && !value.includes("@")) {
        if (img.id.startsWith(value)) break;
        kept.push(img);
      } else if (img.repoDigests.length > 0) {
        if (img.repoDigests[0].startsWith(value)) break;
        kept.push(img);
      }
    }
    return kept;
  };
  for (const f of filters) {
    if (f.startsWith("before=")) out = beforeSince(f.slice(7), [...out].reverse()).reverse();
    else if (f.startsWith("since=")) out = beforeSince(f.slice(6), out);
    else if (f.startsWith("dangling=")) {
      const v = f.slice(9);
      out = out.filter(
        (i) => (v === "true" && i.repoTags.length === 0) || (v === "false" && i.repoTags.length > 0),
      );
    } else if (f.startsWith("reference=")) {
      const v = f.slice(10);
      let re: RegExp;
      try {
        re = new RegExp(v);
      } catch {
        throw new CrictlFatal(
          `listing images: filter images: error parsing regexp: invalid regular expression: \`${v}\``,
        );
      }
      out = out.filter((i) => {
        const [name] = normalizeRepoDigest(i.repoDigests);
        return re.test(name) || name === v;
      });
    } else throw new CrictlFatal(`listing images: filter images: unknown filter flag: ${f}`);
  }
  return out;
}

const images: Verb = {
  name: "images",
  aliases: ["image", "img"],
  usage: "List images",
  argsUsage: "[REPOSITORY[:TAG]]",
  flags: [
    { name: "verbose", aliases: ["v"], kind: "bool", usage: "Show verbose info for images" },
    { name: "quiet", aliases: ["q"], kind: "bool", usage: "Only show image IDs" },
    { name: "filter", aliases: ["f"], kind: "slice", usage: FILTER_USAGE },
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
    list = filterImages([...list].sort(compareImages), flagSlice(p, "filter"));
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
    if (name === "") throw new CrictlFatal("image name cannot be empty");
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
    // errorUtils.AggregateGoroutines: every failure collected; one is printed as is, several as [a, b].
    const errors: string[] = [];
    for (const [arg, remove] of ids) {
      if (!remove) continue;
      const ref = await resolveImageRef(r, arg);
      let st: ImageStatusResponse;
      try {
        st = await imageStatus(r, ref);
      } catch (e) {
        errors.push(`image status request for "${arg}" failed: ${(e as Error).message}`);
        continue;
      }
      if (!st.image) {
        errors.push(`no such image ${arg}`);
        continue;
      }
      try {
        await r.rpc(
          r.node.imageService.removeImage({ image: { image: ref } }),
          "RemoveImage from image service failed",
          [["image", ref]],
        );
      } catch (e) {
        if (!prune) errors.push(`error of removing image "${arg}": ${(e as Error).message}`);
        continue;
      }
      const names = st.image.repoTags.length > 0 ? st.image.repoTags : st.image.repoDigests;
      for (const n of names) r.println(`Deleted: ${n}`);
    }
    const unique = [...new Set(errors)];
    if (unique.length === 1) throw new CrictlFatal(unique[0]);
    if (unique.length > 1) throw new CrictlFatal(`[${unique.join(", ")}]`);
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
    { name: "name", kind: "string", usage: "Filter by image name" },
    { name: "filter", aliases: ["f"], kind: "slice", usage: FILTER_USAGE },
  ],
  async run(r, p) {
    await r.connect("image");
    const verbose = !flagBool(p, "quiet");
    const output = flagString(p, "output") || "json";
    let ids = p.args;
    if (ids.length === 0) {
      // No IDs: every image (the runtime may filter by --name), then --filter.
      let list: Image[];
      try {
        const name = flagString(p, "name");
        const filter = name ? { image: { image: name } } : undefined;
        ({ images: list } = await r.rpc(r.node.imageService.listImages({ filter })));
      } catch (e) {
        throw wrap("listing images", e);
      }
      ids = filterImages([...list].sort(compareImages), flagSlice(p, "filter")).map((i) => i.id);
    }
    if (ids.length === 0) {
      r.logrus("ERRO", "No IDs provided or nothing found per filter");
      return showHelpCode;
    }
    const statuses: unknown[] = [];
    for (const arg of ids) {
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
        if (verbose) r.println(`Info: ${goMapString(st.info)}`);
        continue;
      }
      statuses.push(statusData(imageJson(st.image), verbose ? st.info : undefined));
    }
    outputStatuses(r, statuses, output, flagString(p, "template"));
    return 0;
  },
};

/** protojson of a FilesystemUsage: int64/uint64 as strings, proto field order. */
function filesystemJson(f: FilesystemUsage): Record<string, unknown> {
  return {
    timestamp: int64String(f.timestamp),
    fsId: { mountpoint: f.fsId.mountpoint },
    usedBytes: { value: String(f.usedBytes.value) },
    inodesUsed: { value: String(f.inodesUsed.value) },
  };
}

/** image.go imageFsInfoCommand: the ImageFsInfo response as `{"status": …}` (json default), or the table. */
const imagefsinfo: Verb = {
  name: "imagefsinfo",
  usage: "Return image filesystem info",
  flags: [
    {
      name: "output",
      aliases: ["o"],
      kind: "string",
      usage: "Output format, One of: json|yaml|go-template|table",
    },
    {
      name: "template",
      kind: "string",
      usage:
        "The template string is only used when output is go-template; The Template format is golang template",
    },
  ],
  async run(r, p) {
    await r.connect("image");
    let res: ImageFsInfoResponse;
    try {
      res = await r.rpc(r.node.imageService.imageFsInfo({}));
    } catch (e) {
      throw wrap("image filesystem info request", e);
    }
    const output = flagString(p, "output") || "json";
    if (output === "table") {
      // outputImageFsInfoTable
      const table = (label: string, fss: FilesystemUsage[]) => {
        r.print(`${label} Filesystem \n`);
        fss.forEach((f, i) => {
          r.print(`TimeStamp[${i}]: ${int64String(f.timestamp)}\n`);
          r.print(`Disk[${i}]: ${humanSize(f.usedBytes.value)}\n`);
          r.print(`Inodes[${i}]: ${f.inodesUsed.value}\n`);
          r.print(`Mountpoint[${i}]: ${f.fsId.mountpoint}\n`);
        });
      };
      table("Container", res.containerFilesystems);
      table("Image", res.imageFilesystems);
      return 0;
    }
    const status = {
      imageFilesystems: res.imageFilesystems.map(filesystemJson),
      containerFilesystems: res.containerFilesystems.map(filesystemJson),
    };
    outputStatuses(r, [{ status }], output, flagString(p, "template"));
    return 0;
  },
};

export const imageVerbs: Verb[] = [images, pull, rmi, inspecti, imagefsinfo];
