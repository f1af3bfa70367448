// k8s: pkg/registry/core/service/ipallocator (bitmap + KEP-3070 reserved range) and
// pkg/registry/core/service/portallocator — the API server hands every Service a ClusterIP from
// --service-cluster-ip-range (kubeadm: 10.96.0.0/12) and every NodePort a port in 30000-32767.
import type { Rng } from "../clock";

const toInt = (ip: string) => ip.split(".").reduce((a, o) => ((a << 8) | Number(o)) >>> 0, 0);
const toIp = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");

export function isIPv4(s: string): boolean {
  const parts = s.split(".");
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** Errors as the allocators word them (wrapped by the Service REST storage into a 422). */
export class AllocationError extends Error {}

/**
 * ClusterIPs: the network and broadcast addresses are never handed out; dynamic allocation picks at
 * random from the upper band and keeps the lowest min(max(16, size/16), 256) addresses for static
 * choices (10.96.0.1 for `kubernetes`, 10.96.0.10 for kube-dns).
 */
export class ServiceIpAllocator {
  private readonly base: number;
  private readonly size: number;
  private readonly reserved: number;
  private readonly used = new Set<number>();

  constructor(
    readonly cidr: string,
    private readonly rng: Rng,
  ) {
    const [addr, bits] = cidr.split("/");
    this.base = toInt(addr);
    // usable offsets 1 … 2^(32-bits)-2
    this.size = 2 ** (32 - Number(bits)) - 2;
    this.reserved = Math.min(Math.max(16, Math.floor(this.size / 16)), 256);
  }

  /** Offset of `ip` in the range (1-based), or undefined outside it. */
  private offset(ip: string): number | undefined {
    const off = toInt(ip) - this.base;
    return off >= 1 && off <= this.size ? off : undefined;
  }

  contains(ip: string): boolean {
    return this.offset(ip) !== undefined;
  }

  allocate(ip: string): void {
    const off = this.offset(ip);
    if (off === undefined)
      throw new AllocationError(
        `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.cidr}`,
      );
    if (this.used.has(off)) throw new AllocationError("provided IP is already allocated");
    this.used.add(off);
  }

  allocateNext(): string {
    const upper = this.size - this.reserved;
    for (const [from, count] of [
      [this.reserved + 1, upper],
      [1, this.reserved],
    ]) {
      if (count <= 0) continue;
      // random start, then linear probe: as the bitmap allocator's randomScanStrategyWithOffset
      const start = this.rng.int(0, count - 1);
      for (let i = 0; i < count; i++) {
        const off = from + ((start + i) % count);
        if (!this.used.has(off)) {
          this.used.add(off);
          return toIp(this.base + off);
        }
      }
    }
    throw new AllocationError("range is full");
  }

  release(ip: string | undefined): void {
    if (!ip) return;
    const off = this.offset(ip);
    if (off !== undefined) this.used.delete(off);
  }
}

/** NodePorts in 30000-32767: random from the upper band, the lowest 86 kept for static choices. */
export class NodePortAllocator {
  private readonly used = new Set<number>();
  readonly min = 30000;
  readonly max = 32767;

  constructor(private readonly rng: Rng) {}

  allocate(port: number): void {
    if (port < this.min || port > this.max)
      throw new AllocationError(
        `provided port is not in the valid range. The range of valid ports is ${this.min}-${this.max}`,
      );
    if (this.used.has(port)) throw new AllocationError("provided port is already allocated");
    this.used.add(port);
  }

  allocateNext(): number {
    const size = this.max - this.min + 1;
    const reserved = Math.min(Math.max(16, Math.floor(size / 32)), 128);
    for (const [from, count] of [
      [this.min + reserved, size - reserved],
      [this.min, reserved],
    ]) {
      const start = this.rng.int(0, count - 1);
      for (let i = 0; i < count; i++) {
        const p = from + ((start + i) % count);
        if (!this.used.has(p)) {
          this.used.add(p);
          return p;
        }
      }
    }
    throw new AllocationError("range is full");
  }

  release(port: number | undefined): void {
    if (port) this.used.delete(port);
  }
}
