// containerd/docker: github.com/distribution/reference normalize.go — simplified: the
// ParseNormalizedNamed rules (docker.io default domain, library/ for official images, :latest default).

export interface ImageReference {
  /** Registry host as written: docker.io, registry.k8s.io, localhost:5000. */
  domain: string;
  /** Repository path inside the registry: library/nginx, e2e-test-images/agnhost. */
  path: string;
  tag?: string;
  /** `sha256:<hex>` when the reference pins a digest. */
  digest?: string;
}

export class InvalidReferenceError extends Error {}

const DEFAULT_DOMAIN = "docker.io";
const LEGACY_DEFAULT_DOMAIN = "index.docker.io";
const OFFICIAL_REPO_PREFIX = "library/";

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** Parse like ParseNormalizedNamed; throws InvalidReferenceError with distribution's wording. */
export function parseReference(ref: string): ImageReference {
  const s = ref.trim();
  if (s === "") throw new InvalidReferenceError("invalid reference format");
  if (/^[a-f0-9]{64}$/.test(s))
    throw new InvalidReferenceError(
      "invalid repository name (" + s + "), cannot specify 64-byte hexadecimal strings",
    );
  let rest = s;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new InvalidReferenceError("invalid reference format");
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw new InvalidReferenceError("invalid reference format");
  }
  // distribution: the first component is a domain if it has a dot or colon, or is "localhost"
  let domain = DEFAULT_DOMAIN;
  let path = rest;
  const slash = rest.indexOf("/");
  if (slash !== -1) {
    const first = rest.slice(0, slash);
    if (first.includes(".") || first.includes(":") || first === "localhost") {
      domain = first;
      path = rest.slice(slash + 1);
    }
  }
  if (domain === LEGACY_DEFAULT_DOMAIN) domain = DEFAULT_DOMAIN;
  if (path !== path.toLowerCase())
    throw new InvalidReferenceError(
      `invalid reference format: repository name (${domain === DEFAULT_DOMAIN && !path.includes("/") ? OFFICIAL_REPO_PREFIX + path : path}) must be lowercase`,
    );
  if (domain === DEFAULT_DOMAIN && !path.includes("/")) path = OFFICIAL_REPO_PREFIX + path;
  for (const part of path.split("/"))
    if (!PATH_COMPONENT.test(part)) throw new InvalidReferenceError("invalid reference format");
  return { domain, path, tag, digest };
}

/** `docker.io/library/nginx` */
export function repositoryName(r: ImageReference): string {
  return `${r.domain}/${r.path}`;
}

/** Fully qualified: `docker.io/library/nginx:latest`, `…@sha256:…`, adding :latest like containerd's TagNameOnly. */
export function normalizeReference(ref: string): string {
  const r = parseReference(ref);
  if (r.digest)
    return r.tag ? `${repositoryName(r)}:${r.tag}@${r.digest}` : `${repositoryName(r)}@${r.digest}`;
  return `${repositoryName(r)}:${r.tag ?? "latest"}`;
}

/** The short form docker prints: `nginx:latest`, `polinux/stress:latest`, `registry.k8s.io/pause:3.10`. */
export function familiarName(ref: string): string {
  const r = parseReference(ref);
  let name = repositoryName(r);
  if (r.domain === DEFAULT_DOMAIN) {
    name = r.path.startsWith(OFFICIAL_REPO_PREFIX) ? r.path.slice(OFFICIAL_REPO_PREFIX.length) : r.path;
  }
  if (r.digest) return `${name}@${r.digest}`;
  return `${name}:${r.tag ?? "latest"}`;
}
