// containerd 2.x: pkg/imageverifier/bindir + core/transfer/local/pull.go — simplified: every file in
// bin_dir is a verifier; containerd runs it with -name/-digest after resolving the manifest and before
// fetching a layer, and blocks the pull on a non-zero exit. The simulator does not execute the script:
// it reads a signature policy from it (REGISTRIES="…", the image must carry a signature) and its
// rejection message (the `echo "…"` before `exit N`), and judges with the catalog's `signed` flag.
import type { NodeFs } from "../node/fs";
import type { ResolvedImage } from "../registry/registryHub";

export interface Judgement {
  ok: boolean;
  /** The verifier binary's name (the file in bin_dir). */
  verifier: string;
  /** What it printed on stdout: the reason containerd reports. */
  reason: string;
  exitCode: number;
}

/** A verifier script: which registries it guards (empty = all), and what it says when it rejects. */
export function parseVerifier(script: string): { registries: string[]; message: string; exitCode: number } {
  const reg = /^\s*REGISTRIES=["']?([^"'\n]*)["']?\s*$/m.exec(script)?.[1] ?? "";
  const reject = /echo\s+"([^"]*)"\s*(?:;|\n)\s*exit\s+([1-9]\d*)/.exec(script);
  return {
    registries: reg.split(/\s+/).filter(Boolean),
    message: reject?.[1] ?? "image is not signed",
    exitCode: reject ? Number(reject[2]) : 1,
  };
}

/** The registry host of a normalised reference: docker.io/library/nginx:1.27 → docker.io. */
function registryOf(reference: string): string {
  return reference.split("/")[0];
}

/** Run the verifiers in bin_dir (sorted, the first `max`) over a resolved image; the first rejection wins. */
export function verifyImage(
  fs: NodeFs,
  binDir: string,
  max: number,
  img: ResolvedImage,
): Judgement | undefined {
  const entries = fs
    .readdir(binDir)
    .filter((n) => !n.endsWith("/"))
    .sort();
  const called = max < 0 ? entries : entries.slice(0, max);
  for (const bin of called) {
    const policy = parseVerifier(fs.read(`${binDir}/${bin}`) ?? "");
    const inScope = policy.registries.length === 0 || policy.registries.includes(registryOf(img.reference));
    if (!inScope || img.image.signed) continue;
    const reason = policy.message
      .replace(/\$\{?NAME\}?/g, img.reference)
      .replace(/\$\{?DIGEST\}?/g, img.manifestDigest);
    return { ok: false, verifier: bin, reason, exitCode: policy.exitCode };
  }
  return undefined;
}

/** transfer/local/pull.go's error, as the CRI wraps it for PullImage. */
export function blockedPullMessage(img: ResolvedImage, j: Judgement): string {
  return `failed to pull and unpack image ${JSON.stringify(img.reference)}: image verifier bindir blocked pull of ${img.reference} with digest ${img.manifestDigest} for reason: ${judgementReason(j)}`;
}

/** bindir.go: `verifier <bin> rejected image (exit code N): <stdout>`. */
export function judgementReason(j: Judgement): string {
  return `verifier ${j.verifier} rejected image (exit code ${j.exitCode}): ${j.reason}`;
}
