// containerd: content is addressed by sha256 digest — simplified: a small pure hash of a name stands in
// for sha256 (same shape, 64 lowercase hex, deterministic), since the simulator has no real bytes.

/** 64 hex chars derived from `seed` (FNV-1a over four lanes, then mixed). Not cryptographic. */
export function fakeDigestHex(seed: string): string {
  let out = "";
  for (let lane = 0; lane < 8; lane++) {
    let h = (0x811c9dc5 ^ Math.imul(lane + 1, 0x9e3779b1)) >>> 0;
    for (let i = 0; i < seed.length; i++) {
      h ^= seed.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    // murmur3 finalizer so nearby seeds give unrelated digests
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h ^= h >>> 16;
    out += (h >>> 0).toString(16).padStart(8, "0");
  }
  return out;
}

/** `sha256:<64 hex>` as containerd prints digests. */
export function fakeDigest(seed: string): string {
  return `sha256:${fakeDigestHex(seed)}`;
}
