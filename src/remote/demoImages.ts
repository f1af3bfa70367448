// The images scripts/real-setup.sh pushes to the lab's registry (localhost:5000), described for the
// simulated registry, so the same pod spec runs on SimRuntime and on the real containerd (the
// differential tests, and a lesson that switches runtimes). Built from busybox-static with umoci.
import type { CatalogImage } from "../sim/registry/catalog";

const PATH = "PATH=/bin:/sbin";
/** One shared layer: the busybox-static rootfs (the images differ only in their config). The
 * simulated registry derives an image ID from layers + version + program only, so each version
 * string is distinct: otherwise crasher and busybox would share an ID (and a config). */
const ROOTFS = [{ key: "k8s-node-sim/busybox-static-rootfs", size: 1_081_510 }];

export const REAL_DEMO_IMAGES: CatalogImage[] = [
  {
    repository: "localhost:5000/pause",
    tags: ["3.9"],
    layers: ROOTFS,
    config: { entrypoint: ["/bin/busybox", "sleep", "2147483647"], env: [PATH] },
    program: "pause",
    version: "3.9",
  },
  {
    repository: "localhost:5000/busybox",
    tags: ["latest"],
    layers: ROOTFS,
    config: { cmd: ["/bin/sh"], env: [PATH] },
    program: "busybox",
    version: "1.35.0 (busybox)",
  },
  {
    repository: "localhost:5000/crasher",
    tags: ["latest"],
    layers: ROOTFS,
    config: {
      entrypoint: ["/bin/sh", "-c", 'echo "crasher: starting"; echo "crasher: giving up" >&2; exit 1'],
      env: [PATH],
    },
    program: "busybox",
    version: "1.35.0 (crasher)",
  },
  {
    repository: "localhost:5000/web",
    tags: ["latest"],
    layers: ROOTFS,
    config: {
      entrypoint: ["/bin/httpd", "-f", "-v", "-p", "80", "-h", "/www"],
      exposedPorts: ["80/tcp"],
      env: [PATH],
    },
    program: "httpd",
    version: "1.35.0 (web)",
  },
];
