// k8s: pkg/kubelet/images/image_manager.go — simplified: no pull secrets / credential verification.
import type { Container, Pod } from "kubernetes-types/core/v1";
import { goDuration } from "../../clock/time";
import { errorText } from "../../cri/errors";
import type { ImageSpec, PodSandboxConfig } from "../../cri/types";
import { settle, type Task, wait } from "../../task";
import { EventReason, WaitingReason } from "../events/reasons";
import { containerRef, type KubeletDeps, podRef } from "../types";
import { Backoff } from "../util/backoff";
import { ImagePuller } from "./puller";
import { credentialsFor } from "./pullSecrets";

export interface EnsureResult {
  imageRef: string;
  /** Waiting message (for the container status) when err is set. */
  message: string;
  /** A waiting reason: ErrImagePull, ImagePullBackOff, ErrImageNeverPull, InvalidImageName, ImageInspectError… */
  err?: string;
}

/** kubelet image back-off: 10s doubling to 300s (kubelet.go imageBackOffPeriod / MaxImageBackOff). */
export const IMAGE_BACKOFF_INITIAL_MS = 10_000;
export const IMAGE_BACKOFF_MAX_MS = 300_000;

/** Go's Duration.Truncate(time.Millisecond).String(). */
export function pullDurationText(ms: number): string {
  return goDuration(Math.floor(ms));
}

/** distribution/reference splitDockerDomain + ParseNormalizedNamed: the remote name when it has capitals. */
function uppercaseRemote(image: string): string | undefined {
  const i = image.indexOf("/");
  const first = i === -1 ? "" : image.slice(0, i);
  const isDomain = i !== -1 && (/[.:]/.test(first) || first === "localhost" || first.toLowerCase() !== first);
  const domain = isDomain ? first : "docker.io";
  let remainder = isDomain ? image.slice(i + 1) : image;
  if ((domain === "docker.io" || domain === "index.docker.io") && !remainder.includes("/"))
    remainder = `library/${remainder}`;
  const colon = remainder.indexOf(":");
  const remote = colon === -1 ? remainder : remainder.slice(0, colon);
  return remote.toLowerCase() !== remote ? remote : undefined;
}

/** applyDefaultImageTag: `nginx` → `nginx:latest`; a digest keeps no tag. Throws on an unparsable name. */
export function applyDefaultImageTag(image: string): string {
  const upper = image ? uppercaseRemote(image) : undefined;
  if (upper)
    throw new Error(
      `couldn't parse image name "${image}": invalid reference format: repository name (${upper}) must be lowercase`,
    );
  if (
    !image ||
    /\s/.test(image) ||
    // outside the reference grammar's alphabet (`<your-private-image>`, a stray comma…)
    /[^A-Za-z0-9._\-/:@+]/.test(image) ||
    /[A-Z]/.test(image.split(/[:@]/)[0]) ||
    image.endsWith(":") ||
    image.startsWith("/")
  )
    throw new Error("couldn't parse image name \"" + image + '": invalid reference format');
  const at = image.indexOf("@");
  const name = at >= 0 ? image.slice(0, at) : image;
  const slash = name.lastIndexOf("/");
  const colon = name.lastIndexOf(":");
  if (colon > slash || at >= 0) return image;
  return `${image}:latest`;
}

export class ImageManager {
  readonly backOff: Backoff;
  readonly puller: ImagePuller;
  /** Last pull error per back-off key, quoted into the ImagePullBackOff message (≥1.32). */
  private readonly prevPullErrMsg = new Map<string, string>();

  constructor(private readonly deps: KubeletDeps) {
    this.backOff = new Backoff(() => deps.clock.now(), IMAGE_BACKOFF_INITIAL_MS, IMAGE_BACKOFF_MAX_MS);
    this.puller = new ImagePuller(deps.images, () => deps.clock.now(), deps.config.serializeImagePulls);
  }

  backOffKey(pod: Pod, image: string): string {
    return `${pod.metadata?.uid}_${image}`;
  }

  /** When the image back-off for this container ends (virtual ms), if it is in back-off now. */
  backOffDeadline(pod: Pod, image: string): number | undefined {
    const key = this.backOffKey(pod, image);
    const e = this.backOff.entry(key);
    if (!e || !this.backOff.isInBackOffSinceUpdate(key, this.deps.clock.now())) return undefined;
    return e.lastUpdate + e.backoff;
  }

  private event(pod: Pod, c: Container, type: "Normal" | "Warning", reason: string, msg: string): void {
    this.deps.recorder.event(containerRef(pod, c), type, reason, msg);
  }

  /** EnsureImageExists: default tag → ImageStatus → pull policy → back-off → Pulling → PullImage → Pulled. */
  *ensureImageExists(
    pod: Pod,
    c: Container,
    sandboxConfig: PodSandboxConfig,
    runtimeHandler?: string,
  ): Task<EnsureResult> {
    const requested = c.image ?? "";
    let image: string;
    try {
      image = applyDefaultImageTag(requested);
    } catch (e) {
      const msg = `Failed to apply default image tag ${JSON.stringify(requested)}: ${errorText(e)}`;
      this.event(pod, c, "Warning", EventReason.FailedToInspectImage, msg);
      return { imageRef: "", message: msg, err: WaitingReason.InvalidImageName };
    }
    const spec: ImageSpec = { image, userSpecifiedImage: requested };
    if (runtimeHandler) spec.runtimeHandler = runtimeHandler;
    const st = yield* settle(this.deps.images.imageStatus({ image: spec }));
    if (!st.ok) {
      const msg = `Failed to inspect image ${JSON.stringify(image)}: ${errorText(st.error)}`;
      this.event(pod, c, "Warning", EventReason.FailedToInspectImage, msg);
      return { imageRef: "", message: msg, err: WaitingReason.ImageInspectError };
    }
    const present = st.value.image?.id ?? "";
    const policy = c.imagePullPolicy ?? "IfNotPresent";
    // shouldPullImage: Never → no; IfNotPresent → only when absent; Always → yes.
    const shouldPull = policy === "Always" || (policy === "IfNotPresent" && !present);
    if (!shouldPull) {
      if (present) {
        this.event(
          pod,
          c,
          "Normal",
          EventReason.PulledImage,
          `Container image ${JSON.stringify(requested)} already present on machine`,
        );
        return { imageRef: present, message: "" };
      }
      const msg = `Container image ${JSON.stringify(requested)} is not present with pull policy of Never`;
      this.event(pod, c, "Warning", EventReason.ErrImageNeverPullPolicy, msg);
      return { imageRef: "", message: msg, err: WaitingReason.ErrImageNeverPull };
    }
    return yield* this.pullImage(pod, c, requested, spec, sandboxConfig);
  }

  private *pullImage(
    pod: Pod,
    c: Container,
    requested: string,
    spec: ImageSpec,
    sandboxConfig: PodSandboxConfig,
  ): Task<EnsureResult> {
    const key = this.backOffKey(pod, requested);
    const now = this.deps.clock.now();
    if (this.backOff.isInBackOffSinceUpdate(key, now)) {
      let msg = `Back-off pulling image ${JSON.stringify(requested)}`;
      this.event(pod, c, "Normal", EventReason.BackOffPullImage, msg);
      const prev = this.prevPullErrMsg.get(key);
      if (prev) msg = `${msg}: ${prev}`;
      return { imageRef: "", message: msg, err: WaitingReason.ImagePullBackOff };
    }
    this.prevPullErrMsg.delete(key);
    const creds = credentialsFor(this.deps.api, pod, requested);
    if (creds.missing.length > 0)
      this.deps.recorder.event(
        podRef(pod),
        "Warning",
        EventReason.FailedToRetrieveImagePullSecret,
        `Unable to retrieve some image pull secrets (${creds.missing.join(", ")}); attempting to pull the image may not succeed.`,
      );
    this.event(pod, c, "Normal", EventReason.PullingImage, `Pulling image ${JSON.stringify(requested)}`);
    const start = this.deps.clock.now();
    const res = yield* wait(this.puller.pull(spec, sandboxConfig, creds.auth));
    if (res.error !== undefined) {
      const errText = errorText(res.error);
      this.event(
        pod,
        c,
        "Warning",
        EventReason.FailedToPullImage,
        `Failed to pull image ${JSON.stringify(requested)}: ${errText}`,
      );
      this.backOff.next(key, this.deps.clock.now());
      const { message, err } = evalCriPullErr(requested, errText);
      this.prevPullErrMsg.set(key, `${err}: ${message}`);
      return { imageRef: "", message, err };
    }
    const total = this.deps.clock.now() - start;
    this.event(
      pod,
      c,
      "Normal",
      EventReason.PulledImage,
      `Successfully pulled image ${JSON.stringify(requested)} in ${pullDurationText(res.pullDuration)} (${pullDurationText(total)} including waiting). Image size: ${res.imageSize} bytes.`,
    );
    this.backOff.gc();
    return { imageRef: res.imageRef, message: "" };
  }
}

/** evalCRIPullErr: RegistryUnavailable / SignatureValidationFailed keep their reason, anything else is ErrImagePull. */
export function evalCriPullErr(image: string, errText: string): { message: string; err: string } {
  const desc = errText.replace(/^rpc error: code = \w+ desc = /, "");
  if (desc.startsWith(WaitingReason.RegistryUnavailable))
    return {
      message: `image pull failed for ${image} because the registry is unavailable${desc.slice(WaitingReason.RegistryUnavailable.length)}`,
      err: WaitingReason.RegistryUnavailable,
    };
  if (desc.startsWith("SignatureValidationFailed"))
    return {
      message: `image pull failed for ${image} because the signature validation failed${desc.slice("SignatureValidationFailed".length)}`,
      err: "SignatureValidationFailed",
    };
  return { message: errText, err: WaitingReason.ErrImagePull };
}
