// containerd: the metadata image store + content store — simplified: images by ID (config digest)
// with their repo tags/digests, blobs by digest stored once however many images share them.

import type { Image } from "../cri/types";
import type { CatalogImage } from "../registry/catalog";
import { InvalidReferenceError, normalizeReference } from "../registry/reference";
import { CONFIG_BLOB_BYTES, type ResolvedImage } from "../registry/registryHub";

export interface StoredImage {
  /** sha256:<hex> — the config digest, what crictl shows as IMAGE ID. */
  id: string;
  /** Fully qualified: docker.io/library/nginx:1.27 */
  repoTags: string[];
  /** docker.io/library/nginx@sha256:… */
  repoDigests: string[];
  size: number;
  layers: string[];
  catalog: CatalogImage;
  pinned: boolean;
  /** Virtual ms of the pull, for "last used" style sorting. */
  pulledAt: number;
}

export class ImageStore {
  /** Content store: digest → bytes. */
  readonly blobs = new Map<string, number>();
  private readonly images = new Map<string, StoredImage>();

  list(): StoredImage[] {
    return [...this.images.values()];
  }

  /** Find by ID (`sha256:…`, bare hex, or a ≥12-char prefix), tag ref or digest ref — like containerd's LocalResolve. */
  find(ref: string): StoredImage | undefined {
    const byId = this.images.get(ref) ?? this.images.get(`sha256:${ref}`);
    if (byId) return byId;
    if (/^[0-9a-f]{12,64}$/.test(ref)) {
      const hits = this.list().filter((i) => i.id.slice(7).startsWith(ref));
      if (hits.length === 1) return hits[0];
    }
    let norm: string;
    try {
      norm = normalizeReference(ref);
    } catch (e) {
      if (e instanceof InvalidReferenceError) return undefined;
      throw e;
    }
    // a tag+digest ref resolves by its digest
    const at = norm.indexOf("@");
    if (at !== -1) {
      const repo = norm.slice(0, at).replace(/:[^/:]+$/, "");
      const dref = `${repo}${norm.slice(at)}`;
      return this.list().find((i) => i.repoDigests.includes(dref));
    }
    return this.list().find((i) => i.repoTags.includes(norm));
  }

  has(digest: string): boolean {
    return this.blobs.has(digest);
  }

  /** Record a pulled image; a tag moves off any image that had it (containerd's ImageUpdate). */
  add(r: ResolvedImage, now: number, pinned: boolean): StoredImage {
    for (const l of r.layers) this.blobs.set(l.digest, l.size);
    this.blobs.set(r.configDigest, CONFIG_BLOB_BYTES);
    const repoDigest = `${r.repository}@${r.manifestDigest}`;
    const tag = r.tag ? `${r.repository}:${r.tag}` : undefined;
    if (tag) {
      for (const other of this.images.values()) {
        if (other.id !== r.configDigest && other.repoTags.includes(tag)) {
          other.repoTags = other.repoTags.filter((t) => t !== tag);
          if (other.repoTags.length === 0 && other.repoDigests.length === 0) this.delete(other.id);
        }
      }
    }
    let img = this.images.get(r.configDigest);
    if (!img) {
      img = {
        id: r.configDigest,
        repoTags: [],
        repoDigests: [],
        size: r.size,
        layers: r.layers.map((l) => l.digest),
        catalog: r.image,
        pinned,
        pulledAt: now,
      };
      this.images.set(img.id, img);
    }
    if (tag && !img.repoTags.includes(tag)) img.repoTags.push(tag);
    if (!img.repoDigests.includes(repoDigest)) img.repoDigests.push(repoDigest);
    img.pinned ||= pinned;
    img.pulledAt = now;
    return img;
  }

  /** Remove an image and every tag of it; blobs no other image uses are garbage collected. */
  delete(id: string): boolean {
    const img = this.images.get(id);
    if (!img) return false;
    this.images.delete(id);
    const still = new Set<string>();
    for (const o of this.images.values()) {
      for (const l of o.layers) still.add(l);
      still.add(o.id);
    }
    for (const l of [...img.layers, img.id]) if (!still.has(l)) this.blobs.delete(l);
    return true;
  }

  usedBytes(): number {
    let n = 0;
    for (const s of this.blobs.values()) n += s;
    return n;
  }

  toCri(img: StoredImage): Image {
    const user = img.catalog.config.user ?? "";
    const uidText = user.split(":")[0];
    const numeric = /^\d+$/.test(uidText);
    return {
      id: img.id,
      repoTags: [...img.repoTags],
      repoDigests: [...img.repoDigests],
      size: img.size,
      // containerd: numeric USER ⇒ uid; a name ⇒ username; empty ⇒ neither (runs as root)
      uid: numeric ? { value: Number(uidText) } : undefined,
      username: numeric ? "" : uidText,
      spec: { image: img.id },
      pinned: img.pinned,
    };
  }
}
