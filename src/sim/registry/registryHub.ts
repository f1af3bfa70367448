// containerd: core/remotes/docker (resolver.go, fetcher.go, authorizer.go) — simplified: registries
// are in-memory catalogs; resolve/fetch answer at once and the runtime turns sizes into virtual time.
import type { AuthConfig } from "../cri/types";
import {
  CATALOG,
  type CatalogImage,
  type CatalogLayer,
  CONFIG_BLOB_BYTES,
  catalogImageSize,
} from "./catalog";
import { fakeDigest } from "./digest";
import { type ImageReference, InvalidReferenceError, parseReference, repositoryName } from "./reference";

export interface Registry {
  /** As written in image references: docker.io, registry.k8s.io, localhost:5000. */
  host: string;
  /** Where requests really go: registry-1.docker.io. */
  endpoint: string;
  /** Address shown in dial errors. */
  ip: string;
  port: number;
  down: boolean;
  /** Extra latency (ms per MB) on blob downloads: the "slow network" fault. */
  msPerMb: number;
  /** Credentials accepted for private repositories. */
  credentials?: { username: string; password: string };
}

export interface ResolvedLayer {
  digest: string;
  size: number;
}

/** A manifest resolved for a reference: what the runtime downloads and stores. */
export interface ResolvedImage {
  /** Fully qualified repository: docker.io/library/nginx. */
  repository: string;
  /** Normalised reference that was asked for: docker.io/library/nginx:1.27 (or @digest). */
  reference: string;
  /** Tag, when the reference had one. */
  tag?: string;
  /** Manifest digest: what repo digests show (`nginx@sha256:…`). */
  manifestDigest: string;
  /** Config digest: the image ID (`sha256:…`). */
  configDigest: string;
  layers: ResolvedLayer[];
  size: number;
  image: CatalogImage;
  registry: Registry;
}

export type PullFailure = { ok: false; code: "NotFound" | "Unknown"; message: string };
export type ResolveResult = { ok: true; image: ResolvedImage } | PullFailure;

/** Default bandwidth of the node's uplink (bytes per virtual ms): 40 MB/s. */
export const DEFAULT_BYTES_PER_MS = 40_000;

const DEFAULT_REGISTRIES: Omit<Registry, "down" | "msPerMb">[] = [
  { host: "docker.io", endpoint: "registry-1.docker.io", ip: "54.236.113.205", port: 443 },
  { host: "registry.k8s.io", endpoint: "registry.k8s.io", ip: "34.96.108.209", port: 443 },
  { host: "k8s.gcr.io", endpoint: "k8s.gcr.io", ip: "142.250.102.82", port: 443 },
  { host: "gcr.io", endpoint: "gcr.io", ip: "142.250.102.82", port: 443 },
  { host: "quay.io", endpoint: "quay.io", ip: "3.227.212.39", port: 443 },
  { host: "ghcr.io", endpoint: "ghcr.io", ip: "140.82.113.34", port: 443 },
  {
    host: "registry.example.com",
    endpoint: "registry.example.com",
    ip: "10.0.0.50",
    port: 443,
    credentials: { username: "developer", password: "s3cr3t" },
  },
  {
    // the private registry of the docs' pull-image-private-registry page, with its sample login
    host: "your.private.registry.example.com",
    endpoint: "your.private.registry.example.com",
    ip: "10.0.0.51",
    port: 443,
    credentials: { username: "janedoe", password: "xxxxxxxxxxx" },
  },
  { host: "localhost:5000", endpoint: "localhost:5000", ip: "127.0.0.1", port: 5000 },
];

const PULL_ACCESS_DENIED =
  "pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed";
const TOO_MANY_REQUESTS =
  "429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit";

export class RegistryHub {
  private readonly registries = new Map<string, Registry>();
  private readonly images: CatalogImage[];
  /** Docker Hub's anonymous pull rate limit is exhausted (the 429 fault). */
  rateLimited = false;
  bytesPerMs = DEFAULT_BYTES_PER_MS;

  constructor(catalog: CatalogImage[] = CATALOG) {
    this.images = [...catalog];
    for (const r of DEFAULT_REGISTRIES) this.registries.set(r.host, { ...r, down: false, msPerMb: 0 });
  }

  registry(host: string): Registry | undefined {
    return this.registries.get(host);
  }

  hosts(): string[] {
    return [...this.registries.keys()];
  }

  /** Fault: a registry (all when host omitted) refuses connections. */
  setDown(down: boolean, host?: string): void {
    for (const r of this.pick(host)) r.down = down;
  }

  /** Fault: slow downloads, ms per MB on top of the bandwidth (0 = normal). */
  setSlow(msPerMb: number, host?: string): void {
    for (const r of this.pick(host)) r.msPerMb = Math.max(0, msPerMb);
  }

  setRateLimit(on: boolean): void {
    this.rateLimited = on;
  }

  setCredentials(host: string, username: string, password: string): void {
    const r = this.registries.get(host);
    if (r) r.credentials = { username, password };
  }

  /** Push an image (e.g. to localhost:5000) so later pulls find it. */
  addImage(img: CatalogImage): void {
    this.images.push(img);
  }

  /** Every image a registry serves, one entry per manifest. */
  catalog(): readonly CatalogImage[] {
    return this.images;
  }

  /**
   * Resolve a reference to a manifest, as containerd's resolver does (HEAD/GET manifests), then the
   * manifest GET that Docker Hub counts against the rate limit. Errors carry containerd's text.
   */
  resolve(ref: string, auth?: AuthConfig): ResolveResult {
    let r: ImageReference;
    try {
      r = parseReference(ref);
    } catch (e) {
      const msg = e instanceof InvalidReferenceError ? e.message : String(e);
      return { ok: false, code: "Unknown", message: `failed to pull and unpack image "${ref}": ${msg}` };
    }
    const repo = repositoryName(r);
    const name = r.digest ? `${repo}@${r.digest}` : `${repo}:${r.tag ?? "latest"}`;
    const fail = (code: "NotFound" | "Unknown", inner: string): PullFailure => ({
      ok: false,
      code,
      message: `failed to pull and unpack image "${name}": ${inner}`,
    });
    const resolveFail = (code: "NotFound" | "Unknown", inner: string) =>
      fail(code, `failed to resolve reference "${name}": ${inner}`);
    const reg = this.registries.get(r.domain);
    const manifestPath = `/v2/${r.path}/manifests/${r.digest ?? r.tag ?? "latest"}`;
    if (!reg) {
      const host = r.domain.split(":")[0];
      return resolveFail(
        "Unknown",
        `failed to do request: Head "https://${r.domain}${manifestPath}": dial tcp: lookup ${host} on 127.0.0.53:53: no such host`,
      );
    }
    const scheme = "https";
    if (reg.down)
      return resolveFail(
        "Unknown",
        `failed to do request: Head "${scheme}://${reg.endpoint}${manifestPath}": dial tcp ${reg.ip}:${reg.port}: connect: connection refused`,
      );
    const inRepo = this.images.filter((i) => i.repository === repo);
    const anyPrivate = inRepo.some((i) => i.private);
    if (anyPrivate) {
      const creds = credentialsOf(auth);
      if (!creds) return resolveFail("Unknown", PULL_ACCESS_DENIED);
      if (
        !reg.credentials ||
        creds.username !== reg.credentials.username ||
        creds.password !== reg.credentials.password
      ) {
        const scope = encodeURIComponent(`repository:${r.path}:pull`);
        return resolveFail(
          "Unknown",
          `failed to authorize: failed to fetch oauth token: unexpected status from GET request to https://${reg.endpoint}/token?scope=${scope}&service=${reg.host}: 401 Unauthorized`,
        );
      }
    }
    // Docker Hub answers an unknown repository like a private one: access denied, not 404
    if (inRepo.length === 0) {
      if (r.domain === "docker.io") return resolveFail("Unknown", PULL_ACCESS_DENIED);
      return resolveFail("NotFound", `${name}: not found`);
    }
    const img = r.digest
      ? inRepo.find((i) => manifestDigestOf(i) === r.digest)
      : inRepo.find((i) => i.tags.includes(r.tag ?? "latest"));
    if (!img) return resolveFail("NotFound", `${name}: not found`);
    const manifestDigest = manifestDigestOf(img);
    // The rate limit counts manifest GETs by digest (HEAD is free), anonymous pulls only
    if (r.domain === "docker.io" && this.rateLimited && !credentialsOf(auth))
      return fail(
        "Unknown",
        `failed to copy: httpReadSeeker: failed open: unexpected status code https://${reg.endpoint}/v2/${r.path}/manifests/${manifestDigest}: ${TOO_MANY_REQUESTS}`,
      );
    return {
      ok: true,
      image: {
        repository: repo,
        reference: name,
        tag: r.digest ? undefined : (r.tag ?? "latest"),
        manifestDigest,
        configDigest: configDigestOf(img),
        layers: img.layers.map(layerOf),
        size: catalogImageSize(img),
        image: img,
        registry: reg,
      },
    };
  }

  /** A blob download that fails because the registry went down mid-pull (undefined = fine). */
  fetchLayerError(img: ResolvedImage, layer: ResolvedLayer): string | undefined {
    const reg = img.registry;
    if (!reg.down) return undefined;
    const path = img.repository.slice(img.repository.indexOf("/") + 1);
    return `failed to pull and unpack image "${img.reference}": failed to copy: httpReadSeeker: failed open: failed to do request: Get "https://${reg.endpoint}/v2/${path}/blobs/${layer.digest}": dial tcp ${reg.ip}:${reg.port}: connect: connection refused`;
  }

  /** Virtual ms to resolve a manifest (a few round trips, token fetch included). */
  resolveLatencyMs(img: ResolvedImage): number {
    return img.registry.host.startsWith("localhost") ? 5 : 120;
  }

  /** Virtual ms to download one blob of `bytes` from this registry. */
  layerDurationMs(registry: Registry, bytes: number): number {
    const base = 20 + bytes / this.bytesPerMs;
    return Math.round(base + (registry.msPerMb * bytes) / 1_000_000);
  }

  private pick(host?: string): Registry[] {
    if (host === undefined) return [...this.registries.values()];
    const r = this.registries.get(host);
    return r ? [r] : [];
  }
}

export function layerOf(l: CatalogLayer): ResolvedLayer {
  return { digest: fakeDigest(`layer:${l.key}`), size: l.size };
}

export function manifestDigestOf(img: CatalogImage): string {
  return fakeDigest(`manifest:${img.layers.map((l) => l.key).join(",")}:${img.version}`);
}

/** The image ID: identical blobs in two repositories (k8s.gcr.io ↔ registry.k8s.io busybox) share it. */
/** The image ID is the digest of its config: layers and the run settings (entrypoint, cmd, env, user…). */
export function configDigestOf(img: CatalogImage): string {
  return fakeDigest(
    `config:${img.layers.map((l) => l.key).join(",")}:${img.version}:${img.program}:${JSON.stringify(img.config)}`,
  );
}

export { CONFIG_BLOB_BYTES };

/** CRI AuthConfig → username/password (the `auth` field is base64 of `user:pass`). */
export function credentialsOf(auth?: AuthConfig): { username: string; password: string } | undefined {
  if (!auth) return undefined;
  if (auth.username) return { username: auth.username, password: auth.password ?? "" };
  if (auth.auth) {
    let decoded = "";
    try {
      decoded = atob(auth.auth);
    } catch {
      return { username: "", password: "" };
    }
    const i = decoded.indexOf(":");
    return i === -1
      ? { username: decoded, password: "" }
      : { username: decoded.slice(0, i), password: decoded.slice(i + 1) };
  }
  return undefined;
}
