// Data: the images the simulated registries serve. Sizes are compressed (what containerd's CRI
// reports as Image.size and crictl prints), layer lists approximate the real amd64 manifests, and
// layers with the same `key` are the same blob (shared base layers are stored once on the node).
import { DOCS_IMAGES, type DocsAppKind } from "./docsImages";

/** Which behaviour of the runtime's program model runs when no command overrides the image's. */
export type ProgramKind =
  | "nginx"
  | "busybox"
  | "alpine"
  | "redis"
  | "postgres"
  | "mysql"
  | "python"
  | "node"
  | "httpd"
  | "stress"
  | "pause"
  | "agnhost"
  | "webapp"
  | "debian"
  | "etcd"
  | "perl"
  | "http-echo"
  | "fluentd"
  // the docs' sample apps (node-hello, kubernetes-bootcamp, serve_hostname, echoserver, php-apache)
  | DocsAppKind;

export interface CatalogLayer {
  /** Identity of the blob: equal keys ⇒ equal digest ⇒ stored once. */
  key: string;
  /** Compressed bytes. */
  size: number;
}

/** The OCI image config fields the runtime uses (docker `ContainerConfig`). */
export interface ImageConfig {
  entrypoint?: string[];
  cmd?: string[];
  /** "" = root; "65535:65535"; "redis". */
  user?: string;
  exposedPorts?: string[];
  env?: string[];
  workingDir?: string;
  /** Dockerfile STOPSIGNAL; containerd uses it when the CRI config sets none. */
  stopSignal?: string;
}

export interface CatalogImage {
  /** Fully qualified repository: docker.io/library/nginx. */
  repository: string;
  /** Tags that point at this same manifest. */
  tags: string[];
  layers: CatalogLayer[];
  config: ImageConfig;
  program: ProgramKind;
  /** Application version printed by the program (nginx/1.27.3). */
  version: string;
  /** Only served with credentials. */
  private?: boolean;
  /** Users and groups the image's Dockerfile adds to /etc/passwd and /etc/group (appended lines). */
  users?: { passwd: string; group: string };
  /**
   * Carries a signature (cosign/sigstore) that a node's image verifier can check. registry.k8s.io
   * images are signed by SIG Release, podinfo by its maintainer; Docker Hub library images are not.
   */
  signed?: boolean;
  /**
   * The image installs BIND 9's lookup tools (Debian's dnsutils, Alpine's bind-tools): `dig`, `host`
   * and BIND's `nslookup` (which replaces busybox's applet). The release, as `dig` prints it.
   */
  bind?: string;
  /** The distribution its /etc/os-release names, when the base layer does not tell (see osRelease.ts). */
  os?: string;
}

const PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

// Shared base layers (debian:bookworm-slim under nginx, redis, postgres, httpd, python-slim…).
const BOOKWORM_SLIM: CatalogLayer = { key: "debian:bookworm-slim", size: 28_231_123 };
const BOOKWORM: CatalogLayer = { key: "debian:bookworm", size: 48_494_272 };
const BUILDPACK_CURL: CatalogLayer = { key: "buildpack-deps:bookworm-curl", size: 24_058_617 };
const BUILDPACK_SCM: CatalogLayer = { key: "buildpack-deps:bookworm-scm", size: 64_393_407 };
const BUILDPACK: CatalogLayer = { key: "buildpack-deps:bookworm", size: 211_330_145 };
const ALPINE: CatalogLayer = { key: "alpine:3.21", size: 3_642_247 };
// Debian 8 was archived in 2020: the e2e-test-images built on it (jessie-dnsutils) carry its last layer.
const JESSIE: CatalogLayer = { key: "debian:jessie", size: 54_390_146 };
const ALPINE_316: CatalogLayer = { key: "alpine:3.16", size: 2_806_054 };
// buildpack-deps:bullseye under the perl:5.34 images (Debian 11)
const BULLSEYE_BUILDPACK: CatalogLayer[] = [
  { key: "debian:bullseye", size: 55_045_473 },
  { key: "buildpack-deps:bullseye-curl", size: 5_164_893 },
  { key: "buildpack-deps:bullseye-scm", size: 10_876_790 },
  { key: "buildpack-deps:bullseye#0", size: 54_582_211 },
  { key: "buildpack-deps:bullseye#1", size: 196_518_364 },
];

/** Layers of one image: the shared base, then its own (keys derived from the image name). */
function own(name: string, sizes: number[]): CatalogLayer[] {
  return sizes.map((size, i) => ({ key: `${name}#${i}`, size }));
}

const nginxConfig = (version: string): ImageConfig => ({
  entrypoint: ["/docker-entrypoint.sh"],
  cmd: ["nginx", "-g", "daemon off;"],
  user: "",
  exposedPorts: ["80/tcp"],
  env: [PATH, `NGINX_VERSION=${version}`, "NJS_VERSION=0.8.7", "PKG_RELEASE=1~bookworm"],
  stopSignal: "SIGQUIT",
});

// test/images/agnhost/Dockerfile: ENTRYPOINT ["/agnhost"], CMD ["pause"]; EXPOSE 80 8080 8081 9376 5000
const AGNHOST_CONFIG: ImageConfig = {
  entrypoint: ["/agnhost"],
  cmd: ["pause"],
  exposedPorts: ["80/tcp", "8080/tcp", "8081/tcp", "9376/tcp", "5000/tcp"],
  env: [PATH],
};

// build/pause/CHANGELOG.md: 3.5 runs as the non-root user 65535 by default; 3.1 and 3.2 run as root
// and were pushed to k8s.gcr.io before SIG Release signed its images.
const FLUENTD_CONFIG = (jemalloc: string): ImageConfig => ({
  entrypoint: ["/entrypoint.sh"],
  exposedPorts: ["80/tcp"],
  env: [PATH, `LD_PRELOAD=/usr/lib/x86_64-linux-gnu/${jemalloc}`],
});

const PAUSE = (tag: string, size: number, old = false): CatalogImage => ({
  repository: "registry.k8s.io/pause",
  tags: [tag],
  layers: own(`pause:${tag}`, [size]),
  config: { entrypoint: ["/pause"], user: old ? "" : "65535:65535" },
  program: "pause",
  version: tag,
  // images promoted to registry.k8s.io carry SIG Release's cosign signature
  signed: !old,
});

export const CATALOG: CatalogImage[] = [
  {
    repository: "docker.io/library/nginx",
    tags: ["latest", "1.27", "1.27.3", "mainline", "1"],
    layers: [BOOKWORM_SLIM, ...own("nginx:1.27.3", [41_830_912, 628, 956, 405, 1_210, 1_400])],
    config: nginxConfig("1.27.3"),
    program: "nginx",
    version: "1.27.3",
  },
  {
    repository: "docker.io/library/nginx",
    tags: ["1.25", "1.25.5"],
    layers: [
      { key: "debian:bookworm-slim@2024-05", size: 29_126_484 },
      ...own("nginx:1.25.5", [41_381_072, 627, 958, 367, 1_214, 1_398]),
    ],
    config: nginxConfig("1.25.5"),
    program: "nginx",
    version: "1.25.5",
  },
  {
    // the docs' Deployment examples (application/deployment.yaml, controllers/nginx-deployment.yaml):
    // built FROM debian:stretch-slim, before the image had /docker-entrypoint.sh (nginx 1.19)
    repository: "docker.io/library/nginx",
    tags: ["1.14.2", "1.14"],
    layers: [{ key: "debian:stretch-slim", size: 22_496_048 }, ...own("nginx:1.14.2", [22_262_608, 203])],
    config: {
      cmd: ["nginx", "-g", "daemon off;"],
      exposedPorts: ["80/tcp"],
      env: [PATH, "NGINX_VERSION=1.14.2-1~stretch", "NJS_VERSION=1.14.2.0.2.6-1~stretch"],
      stopSignal: "SIGTERM",
    },
    program: "nginx",
    version: "1.14.2",
    os: "debian:9",
  },
  {
    // the rollout the docs' Deployment pages update to (application/deployment-update.yaml)
    repository: "docker.io/library/nginx",
    tags: ["1.16.1", "1.16"],
    layers: [{ key: "debian:buster-slim", size: 27_092_228 }, ...own("nginx:1.16.1", [23_926_218, 203])],
    config: {
      cmd: ["nginx", "-g", "daemon off;"],
      exposedPorts: ["80/tcp"],
      env: [PATH, "NGINX_VERSION=1.16.1", "NJS_VERSION=0.3.8", "PKG_RELEASE=1~buster"],
      stopSignal: "SIGTERM",
    },
    program: "nginx",
    version: "1.16.1",
    os: "debian:10",
  },
  {
    repository: "docker.io/library/nginx",
    tags: ["alpine", "1.27-alpine", "1.27.3-alpine"],
    layers: [ALPINE, ...own("nginx:1.27.3-alpine", [1_791_203, 629, 955, 402, 1_210, 1_400, 14_863_520])],
    config: nginxConfig("1.27.3"),
    program: "nginx",
    version: "1.27.3",
  },
  {
    // nginx built to run as a non-root user: USER 101, listens on 8080, pid and temp files in /tmp
    repository: "docker.io/nginxinc/nginx-unprivileged",
    tags: ["latest", "1.27", "1.27.3"],
    layers: [
      BOOKWORM_SLIM,
      ...own("nginx-unprivileged:1.27.3", [41_830_915, 628, 956, 405, 1_210, 1_400, 1_876]),
    ],
    config: { ...nginxConfig("1.27.3"), user: "101", exposedPorts: ["8080/tcp"] },
    program: "nginx",
    version: "1.27.3",
  },
  {
    repository: "docker.io/library/busybox",
    tags: ["latest", "1.37", "1.37.0", "stable"],
    layers: own("busybox:1.37.0", [2_155_194]),
    // no USER in the image config: the process runs as root (uid 0)
    config: {
      cmd: ["sh"],
      user: "",
      env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
    },
    program: "busybox",
    version: "1.37.0",
  },
  {
    repository: "docker.io/library/busybox",
    tags: ["1.36", "1.36.1"],
    layers: own("busybox:1.36.1", [2_159_512]),
    config: { cmd: ["sh"], user: "", env: [PATH] },
    program: "busybox",
    version: "1.36.1",
  },
  {
    // the Kubernetes docs' init-container example (pods/init-containers.yaml) pins busybox:1.28
    repository: "docker.io/library/busybox",
    tags: ["1.28", "1.28.4"],
    layers: own("busybox:1.28.4", [755_708]),
    config: { cmd: ["sh"], user: "", env: [PATH] },
    program: "busybox",
    version: "1.28.4",
  },
  {
    // The docs' termination-message and command/args examples run `debian`: bash and GNU coreutils.
    repository: "docker.io/library/debian",
    tags: ["latest", "bookworm", "12", "12.8"],
    layers: [BOOKWORM],
    config: { cmd: ["bash"], env: [PATH] },
    program: "debian",
    version: "12.8",
  },
  {
    repository: "docker.io/library/debian",
    tags: ["bookworm-slim", "12-slim", "stable-slim"],
    layers: [BOOKWORM_SLIM],
    config: { cmd: ["bash"], env: [PATH] },
    program: "debian",
    version: "12.8",
  },
  {
    repository: "docker.io/library/ubuntu",
    tags: ["latest", "24.04", "noble"],
    layers: own("ubuntu:24.04", [29_724_688]),
    config: { cmd: ["/bin/bash"], env: [PATH] },
    program: "debian",
    version: "24.04.1",
    os: "ubuntu:24.04",
    // since 24.04 the image ships a default non-root user
    users: { passwd: "ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n", group: "ubuntu:x:1000:\n" },
  },
  {
    repository: "docker.io/library/ubuntu",
    tags: ["22.04", "jammy"],
    layers: own("ubuntu:22.04", [29_537_534]),
    config: { cmd: ["/bin/bash"], env: [PATH] },
    program: "debian",
    version: "22.04.5",
    os: "ubuntu:22.04",
  },
  {
    // test/images/jessie-dnsutils: debian:jessie + `apt-get install dnsutils` + CoreDNS 1.5.0 at
    // /coredns; no CMD of its own (bash, from debian:jessie). The docs' dnsutils pod until 2024.
    repository: "registry.k8s.io/e2e-test-images/jessie-dnsutils",
    tags: ["1.3"],
    layers: [JESSIE, ...own("jessie-dnsutils:1.3", [9_612_877, 13_820_394, 13_847_152])],
    config: { cmd: ["bash"], env: [PATH] },
    program: "debian",
    version: "1.3",
    signed: true,
    bind: "9.9.5-9+deb8u19-Debian",
  },
  {
    repository: "docker.io/library/alpine",
    tags: ["latest", "3.21", "3"],
    layers: [ALPINE],
    config: { cmd: ["/bin/sh"], env: [PATH] },
    program: "alpine",
    version: "3.21.2",
  },
  {
    repository: "docker.io/library/redis",
    tags: ["latest", "7.4", "7.4.1", "7"],
    layers: [BOOKWORM_SLIM, ...own("redis:7.4.1", [1_104, 875_344, 1_240_210, 15_291_622, 99, 32, 578])],
    config: {
      entrypoint: ["docker-entrypoint.sh"],
      cmd: ["redis-server"],
      exposedPorts: ["6379/tcp"],
      env: [PATH, "REDIS_VERSION=7.4.1"],
      workingDir: "/data",
    },
    program: "redis",
    version: "7.4.1",
  },
  {
    // redis:5 (the docs' configure-redis-using-configmap Pod): 5.0.14, the last 5.x, on bullseye-slim
    repository: "docker.io/library/redis",
    tags: ["5", "5.0", "5.0.14"],
    layers: [
      { key: "debian:bullseye-slim", size: 31_417_946 },
      ...own("redis:5.0.14", [1_733, 1_417_632, 9_460_115, 98, 409]),
    ],
    config: {
      entrypoint: ["docker-entrypoint.sh"],
      cmd: ["redis-server"],
      exposedPorts: ["6379/tcp"],
      env: [PATH, "GOSU_VERSION=1.12", "REDIS_VERSION=5.0.14"],
      workingDir: "/data",
    },
    program: "redis",
    version: "5.0.14",
    os: "debian:11",
  },
  {
    repository: "docker.io/library/postgres",
    tags: ["latest", "17", "17.2"],
    layers: [
      BOOKWORM_SLIM,
      ...own(
        "postgres:17.2",
        [1_081, 4_520_103, 1_446_891, 8_066_744, 1_371_980, 116, 3_141, 104_906_112, 9_718],
      ),
    ],
    config: {
      entrypoint: ["docker-entrypoint.sh"],
      cmd: ["postgres"],
      exposedPorts: ["5432/tcp"],
      env: [PATH, "PG_MAJOR=17", "PG_VERSION=17.2-1.pgdg120+1", "PGDATA=/var/lib/postgresql/data"],
      stopSignal: "SIGINT",
    },
    program: "postgres",
    version: "17.2",
  },
  {
    repository: "docker.io/library/mysql",
    tags: ["latest", "9", "9.1", "9.1.0"],
    layers: own(
      "mysql:9.1.0",
      [49_081_230, 884_412, 6_690_118, 2_600_914, 2_590_021, 355, 58_988_310, 319, 58_671_904, 5_320],
    ),
    config: {
      entrypoint: ["docker-entrypoint.sh"],
      cmd: ["mysqld"],
      exposedPorts: ["3306/tcp", "33060/tcp"],
      env: [PATH, "MYSQL_MAJOR=innovation", "MYSQL_VERSION=9.1.0-1.el9"],
    },
    program: "mysql",
    version: "9.1.0",
    os: "oraclelinux:9",
  },
  {
    repository: "docker.io/library/python",
    tags: ["latest", "3", "3.13", "3.13.1"],
    layers: [
      BOOKWORM,
      BUILDPACK_CURL,
      BUILDPACK_SCM,
      BUILDPACK,
      ...own("python:3.13.1", [6_157_002, 24_602_913, 250]),
    ],
    config: { cmd: ["python3"], env: [PATH, "LANG=C.UTF-8", "PYTHON_VERSION=3.13.1"] },
    program: "python",
    version: "3.13.1",
  },
  {
    repository: "docker.io/library/python",
    tags: ["slim", "3.13-slim", "3-slim"],
    layers: [BOOKWORM_SLIM, ...own("python:3.13.1-slim", [3_511_870, 12_583_318, 250])],
    config: { cmd: ["python3"], env: [PATH, "LANG=C.UTF-8", "PYTHON_VERSION=3.13.1"] },
    program: "python",
    version: "3.13.1",
  },
  {
    repository: "docker.io/library/node",
    tags: ["latest", "22", "lts", "22.12.0"],
    layers: [
      BOOKWORM,
      BUILDPACK_CURL,
      BUILDPACK_SCM,
      BUILDPACK,
      ...own("node:22.12.0", [3_324, 49_472_101, 1_250_090, 450]),
    ],
    config: {
      entrypoint: ["docker-entrypoint.sh"],
      cmd: ["node"],
      env: [PATH, "NODE_VERSION=22.12.0", "YARN_VERSION=1.22.22"],
    },
    program: "node",
    version: "22.12.0",
  },
  {
    repository: "docker.io/library/httpd",
    tags: ["latest", "2.4", "2.4.62", "2"],
    layers: [BOOKWORM_SLIM, ...own("httpd:2.4.62", [145, 4_011_211, 25_197_530, 294])],
    config: {
      cmd: ["httpd-foreground"],
      exposedPorts: ["80/tcp"],
      env: [PATH.replace("PATH=", "PATH=/usr/local/apache2/bin:"), "HTTPD_VERSION=2.4.62"],
      workingDir: "/usr/local/apache2",
      stopSignal: "SIGWINCH",
    },
    program: "httpd",
    version: "2.4.62",
  },
  {
    repository: "docker.io/polinux/stress",
    tags: ["latest", "1.0.4"],
    layers: [{ key: "alpine:3.4", size: 2_320_212 }, ...own("polinux/stress:1.0.4", [1_672_431, 187])],
    config: { cmd: ["stress", "--help"], env: [PATH] },
    program: "stress",
    version: "1.0.4",
  },
  {
    // the docs' assign-cpu-resource example: a Go program that spins `-cpus N` threads
    repository: "docker.io/vish/stress",
    tags: ["latest"],
    layers: own("vish/stress", [1_937_322, 32]),
    config: { entrypoint: ["/stress"], cmd: ["-logtostderr"], env: [PATH] },
    program: "stress",
    version: "vish",
  },
  PAUSE("3.10", 320_368),
  PAUSE("3.10.1", 320_448),
  PAUSE("3.9", 321_520),
  PAUSE("3.8", 311_286),
  PAUSE("3.6", 301_773),
  PAUSE("3.5", 293_700, true),
  // crictl images shows them as 300kB and 317kB (debug-running-pod's ephemeral-demo runs pause:3.1)
  PAUSE("3.2", 292_500, true),
  PAUSE("3.1", 309_600, true),
  {
    // The docs' dnsutils example (admin/dns/dnsutils.yaml) since 2024: agnhost paused, with bind-tools
    repository: "registry.k8s.io/e2e-test-images/agnhost",
    tags: ["2.39"],
    layers: [ALPINE_316, ...own("agnhost:2.39", [1_148_214, 47_217_530])],
    config: AGNHOST_CONFIG,
    program: "agnhost",
    version: "2.39",
    signed: true,
    bind: "9.16.33",
  },
  {
    repository: "registry.k8s.io/e2e-test-images/agnhost",
    tags: ["2.40"],
    layers: [ALPINE_316, ...own("agnhost:2.40", [1_148_230, 47_304_118])],
    config: AGNHOST_CONFIG,
    program: "agnhost",
    version: "2.40",
    signed: true,
    bind: "9.16.33",
  },
  {
    // The docs' security-context examples (implicit group memberships, supplementalGroupsPolicy):
    // its /etc/group puts user-defined-in-image (uid 1000) in group-defined-in-image (gid 50000).
    repository: "registry.k8s.io/e2e-test-images/agnhost",
    tags: ["2.45"],
    layers: [{ key: "alpine:3.17", size: 3_374_563 }, ...own("agnhost:2.45", [1_181_905, 49_887_212, 1_306])],
    config: AGNHOST_CONFIG,
    program: "agnhost",
    version: "2.45",
    signed: true,
    bind: "9.18.16",
    users: {
      passwd: "user-defined-in-image:x:1000:1000::/home/user-defined-in-image:/bin/sh\n",
      group: "user-defined-in-image:x:1000:\ngroup-defined-in-image:x:50000:user-defined-in-image\n",
    },
  },
  {
    // GKE's quickstart app (the docs' env-var and security-context examples): a Go web server on
    // $PORT (8080), built FROM alpine, started as ./hello-app from /.
    repository: "gcr.io/google-samples/hello-app",
    tags: ["2.0"],
    layers: [{ key: "alpine:3.7", size: 2_065_537 }, ...own("hello-app:2.0", [2_397_131])],
    config: { cmd: ["./hello-app"], env: [PATH, "PORT=8080"] },
    program: "webapp",
    version: "2.0.0",
  },
  {
    repository: "gcr.io/google-samples/hello-app",
    tags: ["1.0"],
    layers: [{ key: "alpine:3.7", size: 2_065_537 }, ...own("hello-app:1.0", [2_397_034])],
    config: { cmd: ["./hello-app"], env: [PATH, "PORT=8080"] },
    program: "webapp",
    version: "1.0.0",
  },
  {
    // The docs' define-environment-variable-container example (print-greeting): bash on alpine.
    repository: "docker.io/library/bash",
    tags: ["latest", "5", "5.2", "5.2.37"],
    layers: [ALPINE, ...own("bash:5.2.37", [2_414_112, 339])],
    config: { entrypoint: ["docker-entrypoint.sh"], cmd: ["bash"], env: [PATH, "_BASH_VERSION=5.2.37"] },
    program: "alpine",
    version: "3.21.2",
  },
  {
    // The Kubernetes docs' probe examples (configure-liveness-readiness-startup-probes) use this one.
    repository: "registry.k8s.io/busybox",
    tags: ["1.27.2"],
    layers: own("gcr-busybox:1.27.2", [720_324]),
    config: { cmd: ["sh"], env: [PATH] },
    program: "busybox",
    version: "1.27.2",
  },
  {
    repository: "registry.k8s.io/busybox",
    tags: ["latest", "1.24"],
    layers: own("gcr-busybox:1.24", [675_008, 32]),
    config: { cmd: ["sh"], env: [PATH] },
    program: "busybox",
    version: "1.24.0",
  },
  {
    repository: "k8s.gcr.io/busybox",
    tags: ["latest", "1.24"],
    // the same blobs as registry.k8s.io/busybox: k8s.gcr.io was frozen and redirected in 2023
    layers: own("gcr-busybox:1.24", [675_008, 32]),
    config: { cmd: ["sh"], env: [PATH] },
    program: "busybox",
    version: "1.24.0",
  },
  {
    repository: "quay.io/prometheus/busybox",
    tags: ["latest"],
    layers: own("quay-busybox", [1_251_603]),
    config: { cmd: ["sh"], env: [PATH] },
    program: "busybox",
    version: "1.36.1",
  },
  {
    repository: "ghcr.io/stefanprodan/podinfo",
    tags: ["latest", "6.7.1"],
    layers: [ALPINE, ...own("podinfo:6.7.1", [1_310_222, 9_871_030, 8_806_117])],
    config: {
      cmd: ["./podinfo"],
      exposedPorts: ["9898/tcp"],
      user: "app",
      env: [PATH],
      workingDir: "/home/app",
    },
    program: "webapp",
    version: "6.7.1",
    signed: true,
  },
  {
    repository: "registry.example.com/team/app",
    tags: ["latest", "1.0"],
    layers: [ALPINE, ...own("team/app:1.0", [5_104_776, 1_024])],
    config: { cmd: ["/app"], exposedPorts: ["8080/tcp"], user: "1000", env: [PATH] },
    program: "webapp",
    version: "1.0",
    private: true,
  },
  {
    // the image pull-image-private-registry puts in its private-reg pod (a sample: a small web app)
    repository: "your.private.registry.example.com/janedoe/jdoe-private",
    tags: ["v1"],
    layers: [ALPINE, ...own("janedoe/jdoe-private:v1", [4_872_510, 1_024])],
    config: { cmd: ["/app"], exposedPorts: ["8080/tcp"], user: "1000", env: [PATH] },
    program: "webapp",
    version: "1.0",
    private: true,
  },
  {
    // The docs' gRPC liveness probe example; distroless: etcd and etcdctl, no shell.
    repository: "registry.k8s.io/etcd",
    tags: ["3.5.1-0"],
    layers: own("etcd:3.5.1-0", [786_039, 8_163_542, 7_524_381, 141]),
    config: { cmd: ["/usr/local/bin/etcd"], env: [PATH], exposedPorts: ["2379/tcp", "2380/tcp"] },
    program: "etcd",
    version: "3.5.1",
    signed: true,
  },
  {
    repository: "registry.k8s.io/etcd",
    tags: ["3.6.4-0"],
    layers: own("etcd:3.6.4-0", [103_732, 9_035_206, 8_427_125, 141]),
    config: { cmd: ["/usr/local/bin/etcd"], env: [PATH], exposedPorts: ["2379/tcp", "2380/tcp"] },
    program: "etcd",
    version: "3.6.4",
    signed: true,
  },
  {
    // The seccomp tutorial's pods: hashicorp/http-echo 1.0 (FROM scratch, one static Go binary;
    // ENTRYPOINT ["/http-echo"], EXPOSE 5678/tcp). Layer size approximate.
    repository: "docker.io/hashicorp/http-echo",
    tags: ["1.0", "1.0.0"],
    layers: own("http-echo:1.0.0", [3_378_210]),
    config: { entrypoint: ["/http-echo"], exposedPorts: ["5678/tcp"], env: [PATH] },
    program: "http-echo",
    version: "1.0.0",
  },
  {
    // The docs' TCP probe example (configure-liveness-readiness-startup-probes): listens on 8080.
    repository: "registry.k8s.io/goproxy",
    tags: ["0.1"],
    layers: own("goproxy:0.1", [2_254_000]),
    config: { entrypoint: ["/goproxy"], exposedPorts: ["8080/tcp"], env: [PATH] },
    program: "webapp",
    version: "0.1",
  },
  {
    repository: "localhost:5000/myapp",
    tags: ["latest", "dev"],
    layers: [ALPINE, ...own("myapp:dev", [4_022_198])],
    config: { cmd: ["/myapp"], exposedPorts: ["8080/tcp"], env: [PATH] },
    program: "webapp",
    version: "dev",
  },
  {
    // The Jobs page's pi example (controllers/job.yaml): perl -Mbignum=bpi -wle "print bpi(2000)".
    // FROM buildpack-deps:bullseye; perl built into /usr/local; CMD ["perl5.34.0","-de0"].
    repository: "docker.io/library/perl",
    tags: ["5.34.0", "5.34", "5.34.0-bullseye", "5.34-bullseye"],
    layers: [...BULLSEYE_BUILDPACK, ...own("perl:5.34.0", [123, 13_585_427])],
    config: { cmd: ["perl5.34.0", "-de0"], env: [PATH] },
    program: "perl",
    version: "5.34.0",
    os: "debian:11",
  },
  // The DaemonSet docs' fluentd-elasticsearch addon image (update-daemon-set, daemonset.yaml): FROM
  // debian:stretch-slim (v5: bookworm-slim), ruby + fluentd and its plugin gems, ENTRYPOINT
  // ["/entrypoint.sh"]; `version` is fluentd's. Layer sizes approximate.
  {
    repository: "quay.io/fluentd_elasticsearch/fluentd",
    tags: ["v2.5.2"],
    layers: [
      { key: "debian:stretch-slim", size: 22_496_048 },
      ...own("fluentd:v2.5.2", [49_812_201, 1_309, 622]),
    ],
    config: FLUENTD_CONFIG("libjemalloc.so.1"),
    program: "fluentd",
    version: "1.4.2",
    os: "debian:9",
  },
  {
    repository: "quay.io/fluentd_elasticsearch/fluentd",
    tags: ["v2.6.0"],
    layers: [
      { key: "debian:stretch-slim", size: 22_496_048 },
      ...own("fluentd:v2.6.0", [50_930_772, 1_309, 622]),
    ],
    config: FLUENTD_CONFIG("libjemalloc.so.1"),
    program: "fluentd",
    version: "1.5.1",
    os: "debian:9",
  },
  {
    repository: "quay.io/fluentd_elasticsearch/fluentd",
    tags: ["v5.0.1"],
    layers: [BOOKWORM_SLIM, ...own("fluentd:v5.0.1", [61_407_915, 1_344, 639])],
    config: FLUENTD_CONFIG("libjemalloc.so.2"),
    program: "fluentd",
    version: "1.16.5",
  },
  // the docs' task pages' and tutorials' own images (docsImages.ts)
  ...DOCS_IMAGES,
];

/** Bytes of the image config + manifest that containerd also counts in Image.size. */
export const CONFIG_BLOB_BYTES = 7_480;

export function catalogImageSize(img: CatalogImage): number {
  return img.layers.reduce((n, l) => n + l.size, 0) + CONFIG_BLOB_BYTES;
}
