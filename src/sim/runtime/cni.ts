// CNI bridge + host-local IPAM (containernetworking/plugins) — simplified: one bridge `cni0` on the
// pod CIDR, the gateway .1, addresses handed out in order and released on DEL.

export interface CniResult {
  ip: string;
  gateway: string;
  ifName: string;
  hostVeth: string;
  mac: string;
}

export class HostLocalIpam {
  private readonly base: number[];
  private readonly size: number;
  private readonly used = new Map<string, string>();
  /** host-local continues after the last reserved address instead of reusing the lowest free one. */
  private last = 1;

  constructor(readonly subnet = "10.244.0.0/24") {
    const [addr, bits] = subnet.split("/");
    this.base = addr.split(".").map(Number);
    this.size = 2 ** (32 - Number(bits));
  }

  get gateway(): string {
    return this.ipAt(1);
  }

  /** ADD: the next free address after the last one handed out. */
  allocate(containerId: string): string | undefined {
    // usable hosts: .2 … broadcast-1 (.1 is the cni0 gateway)
    const count = this.size - 3;
    for (let i = 1; i <= count; i++) {
      const n = 2 + ((((this.last - 2 + i) % count) + count) % count);
      const ip = this.ipAt(n);
      if (!this.used.has(ip)) {
        this.used.set(ip, containerId);
        this.last = n;
        return ip;
      }
    }
    return undefined;
  }

  release(ip: string | undefined): void {
    if (ip) this.used.delete(ip);
  }

  inUse(): number {
    return this.used.size;
  }

  private ipAt(n: number): string {
    const b = this.base;
    const v = ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) + n;
    return [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join(".");
  }
}
