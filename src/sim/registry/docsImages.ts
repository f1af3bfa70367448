// Data: images the Kubernetes docs' task pages and tutorials run that the main catalog did not carry
// (the kubectl patch page's node-hello, the basics tutorial's kubernetes-bootcamp, debug-service's
// serve_hostname, the source-IP tutorial's echoserver, the HPA walkthrough's php-apache, the
// connect-applications page's busyboxplus:curl, …). Layer lists follow each image's Dockerfile (its
// base image's layers, then its own); sizes are approximate compressed sizes. Layers whose `key` equals
// one in catalog.ts are the same blob (stored once on the node).
import type { CatalogImage, CatalogLayer } from "./catalog";

/** The program kinds these images add (see src/sim/runtime/programs/docsApps.ts). */
export type DocsAppKind =
  | "node-hello"
  | "kubernetes-bootcamp"
  | "serve-hostname"
  | "echoserver"
  | "hpa-example";

const PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

const own = (name: string, sizes: number[]): CatalogLayer[] =>
  sizes.map((size, i) => ({ key: `${name}#${i}`, size }));

// node:4.4 and node:6.3.1 are FROM buildpack-deps:jessie (debian:jessie + curl + scm + build tools);
// the key "debian:jessie" is the same blob catalog.ts gives the jessie-dnsutils image.
const JESSIE_BUILDPACK: CatalogLayer[] = [
  { key: "debian:jessie", size: 54_390_146 },
  { key: "buildpack-deps:jessie-curl", size: 19_266_010 },
  { key: "buildpack-deps:jessie-scm", size: 42_503_120 },
  { key: "buildpack-deps:jessie", size: 129_826_311 },
];

/** `CMD node server.js` in shell form: Docker stores it as /bin/sh -c (what `ps` shows as PID 1). */
const NODE_SERVER_CMD = ["/bin/sh", "-c", "node server.js"];

const nodeApp = (nodeVersion: string): CatalogImage["config"] => ({
  cmd: NODE_SERVER_CMD,
  env: [PATH, "NPM_CONFIG_LOGLEVEL=info", `NODE_VERSION=${nodeVersion}`],
  exposedPorts: ["8080/tcp"],
});

// k8s.gcr.io/busybox:latest's blobs (k8s.gcr.io and gcr.io/google-containers are the same GCR bucket)
const GCR_BUSYBOX = own("gcr-busybox:1.24", [675_008, 32]);

export const DOCS_IMAGES: CatalogImage[] = [
  {
    // GoogleCloudPlatform/kubernetes-engine-samples hello-node: FROM node:4.4, COPY server.js, EXPOSE
    // 8080, CMD node server.js; answers every request "Hello Kubernetes!" (the kubectl patch page).
    repository: "gcr.io/google-samples/node-hello",
    tags: ["1.0"],
    layers: [
      ...JESSIE_BUILDPACK,
      ...own("node:4.4.7", [4_432, 13_108_764, 118]),
      ...own("node-hello:1.0", [371]),
    ],
    config: nodeApp("4.4.7"),
    program: "node-hello",
    version: "1.0",
    os: "debian:8",
  },
  {
    // the Kubernetes basics tutorial: FROM node:6.3.1, server.js at /, CMD node server.js (no EXPOSE)
    repository: "gcr.io/google-samples/kubernetes-bootcamp",
    tags: ["v1"],
    layers: [
      ...JESSIE_BUILDPACK,
      ...own("node:6.3.1", [4_410, 13_904_326, 121]),
      ...own("kubernetes-bootcamp:v1", [668]),
    ],
    config: { ...nodeApp("6.3.1"), exposedPorts: undefined },
    program: "kubernetes-bootcamp",
    version: "1",
    os: "debian:8",
  },
  {
    // the rolling-update module's v2 (its v10 does not exist: the page's failed-update exercise)
    repository: "docker.io/jocatalin/kubernetes-bootcamp",
    tags: ["v2"],
    layers: [
      ...JESSIE_BUILDPACK,
      ...own("node:6.3.1", [4_410, 13_904_326, 121]),
      ...own("jocatalin/kubernetes-bootcamp:v2", [668]),
    ],
    config: { ...nodeApp("6.3.1"), exposedPorts: undefined },
    program: "kubernetes-bootcamp",
    version: "2",
    os: "debian:8",
  },
  {
    // debug-service and the namespaces walkthrough: a static Go binary FROM busybox, ENTRYPOINT
    // ["/serve_hostname"], EXPOSE 9376; answers its hostname.
    repository: "registry.k8s.io/serve_hostname",
    tags: ["latest", "v1.4"],
    layers: [...own("gcr-busybox:1.24", [675_008]), ...own("serve_hostname:v1.4", [2_152_117])],
    config: { entrypoint: ["/serve_hostname"], exposedPorts: ["9376/tcp"], env: [PATH] },
    program: "serve-hostname",
    version: "v1.4",
  },
  {
    // the source-IP tutorial (and older hello-minikube): run.sh makes a certificate, then nginx 1.13.3
    // with OpenResty's lua module echoes each request back on 8080.
    repository: "registry.k8s.io/echoserver",
    tags: ["1.10"],
    layers: [
      { key: "debian-base-amd64:0.3", size: 22_049_802 },
      ...own("echoserver:1.10", [24_102_633, 1_024, 2_716, 1_108]),
    ],
    config: {
      cmd: ["/usr/local/bin/run.sh"],
      exposedPorts: ["8080/tcp", "8443/tcp"],
      env: [PATH],
      stopSignal: "SIGTERM",
    },
    program: "echoserver",
    version: "1.10",
    os: "debian:9",
  },
  {
    // the HorizontalPodAutoscaler walkthrough's php-apache: FROM php:5-apache, an index.php that
    // burns CPU then prints "OK!"; CMD apache2-foreground, Apache's SIGWINCH graceful stop.
    repository: "registry.k8s.io/hpa-example",
    tags: ["latest"],
    layers: [
      { key: "debian:jessie", size: 54_390_146 },
      ...own("php:5-apache", [68_203_314, 199, 1_307_144, 427, 12_651_998, 481, 473, 2_063, 497, 608]),
      ...own("hpa-example", [219]),
    ],
    config: {
      cmd: ["apache2-foreground"],
      exposedPorts: ["80/tcp"],
      env: [PATH, "PHP_INI_DIR=/usr/local/etc/php", "PHP_VERSION=5.6.28"],
      workingDir: "/var/www/html",
      stopSignal: "SIGWINCH",
    },
    program: "hpa-example",
    version: "5.6.28",
    os: "debian:8",
  },
  {
    // connect-applications-service: `kubectl run curl --image=radial/busyboxplus:curl -i --tty`:
    // busybox 1.22 plus curl (see docsApps.ts DOCS_EXTRA_BINARIES)
    repository: "docker.io/radial/busyboxplus",
    tags: ["curl"],
    layers: own("radial/busyboxplus:curl", [2_427_051, 32, 2_418_336]),
    config: { cmd: ["/bin/sh"], env: [PATH] },
    program: "busybox",
    version: "1.22.1",
  },
  ...[
    { tag: "0.21", nginx: "1.21.6", size: 19_487_224 },
    { tag: "0.24", nginx: "1.23.3", size: 19_934_516 },
  ].map(
    (v): CatalogImage => ({
      // the StatefulSet Basics tutorial's web.yaml (0.21) and its rolling update and web-parallel.yaml
      // (0.24): an nginx built small on a Debian base; CMD nginx -g 'daemon off;', EXPOSE 80 443.
      // The nginx release inside each tag is not verified (an assumption of the simulator).
      repository: "registry.k8s.io/nginx-slim",
      tags: [v.tag],
      layers: [
        { key: "debian-base-amd64:bullseye", size: 30_472_147 },
        ...own(`nginx-slim:${v.tag}`, [v.size, 1_204, 318]),
      ],
      config: {
        cmd: ["nginx", "-g", "daemon off;"],
        exposedPorts: ["443/tcp", "80/tcp"],
        env: [PATH],
        stopSignal: "SIGQUIT",
      },
      program: "nginx",
      version: v.nginx,
      signed: true,
    }),
  ),
  {
    // debug-service's client pod (`--image=gcr.io/google-containers/busybox`): k8s.gcr.io/busybox's blobs
    repository: "gcr.io/google-containers/busybox",
    tags: ["latest", "1.24"],
    layers: GCR_BUSYBOX,
    config: { cmd: ["sh"], env: [PATH] },
    program: "busybox",
    version: "1.24.0",
  },
  {
    // the stateless guestbook's redis-leader (application/guestbook/redis-leader-deployment.yaml)
    repository: "docker.io/library/redis",
    tags: ["6.0.5", "6.0"],
    layers: [
      { key: "debian:buster-slim@2020-06", size: 27_098_756 },
      ...own("redis:6.0.5", [1_732, 1_417_707, 7_348_234, 98, 410]),
    ],
    config: {
      entrypoint: ["docker-entrypoint.sh"],
      cmd: ["redis-server"],
      exposedPorts: ["6379/tcp"],
      env: [PATH, "GOSU_VERSION=1.12", "REDIS_VERSION=6.0.5"],
      workingDir: "/data",
    },
    program: "redis",
    version: "6.0.5",
    os: "debian:10",
  },
  {
    // WordPress-and-MySQL's mysql:8.0 (the 8.0 LTS on Oracle Linux 9, like the catalog's 9.x)
    repository: "docker.io/library/mysql",
    tags: ["8.0", "8.0.40", "8"],
    layers: own(
      "mysql:8.0.40",
      [48_863_094, 884_400, 6_917_356, 2_607_190, 2_560_414, 337, 48_211_066, 319, 56_140_312, 5_323],
    ),
    config: {
      entrypoint: ["docker-entrypoint.sh"],
      cmd: ["mysqld"],
      exposedPorts: ["3306/tcp", "33060/tcp"],
      env: [PATH, "MYSQL_MAJOR=8.0", "MYSQL_VERSION=8.0.40-1.el9"],
    },
    program: "mysql",
    version: "8.0.40",
    os: "oraclelinux:9",
  },
];
