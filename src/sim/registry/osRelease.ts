// Data: an image's /etc/os-release, as its base distribution writes it. The catalog names the
// distribution (`os`) where the layers do not tell; otherwise the base layer does (alpine:3.21,
// debian:bookworm…). The busybox image, pause, distroless etcd and scratch Go binaries have none.
import type { CatalogImage } from "./catalog";

/** Debian 12's /etc/os-release (the node's own OS too). */
export const DEBIAN_12 = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;

const DEBIAN_8 = `PRETTY_NAME="Debian GNU/Linux 8 (jessie)"
NAME="Debian GNU/Linux"
VERSION_ID="8"
VERSION="8 (jessie)"
ID=debian
HOME_URL="http://www.debian.org/"
SUPPORT_URL="http://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;

const ubuntu = (
  version: string,
  codename: string,
  name: string,
  logo: boolean,
) => `PRETTY_NAME="Ubuntu ${version} LTS"
NAME="Ubuntu"
VERSION_ID="${version.split(".").slice(0, 2).join(".")}"
VERSION="${version} LTS (${name})"
VERSION_CODENAME=${codename}
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=${codename}
${logo ? "LOGO=ubuntu-logo\n" : ""}`;

const ORACLE_LINUX_9 = (minor: number) => `NAME="Oracle Linux Server"
VERSION="9.${minor}"
ID="ol"
ID_LIKE="fedora"
VARIANT="Server"
VARIANT_ID="server"
VERSION_ID="9.${minor}"
PLATFORM_ID="platform:el9"
PRETTY_NAME="Oracle Linux Server 9.${minor}"
ANSI_COLOR="0;31"
CPE_NAME="cpe:/o:oracle:linux:9:${minor}:server"
HOME_URL="https://linux.oracle.com/"
BUG_REPORT_URL="https://github.com/oracle/oracle-linux"

ORACLE_BUGZILLA_PRODUCT="Oracle Linux 9"
ORACLE_BUGZILLA_PRODUCT_VERSION=9.${minor}
ORACLE_SUPPORT_PRODUCT="Oracle Linux"
ORACLE_SUPPORT_PRODUCT_VERSION=9.${minor}
`;

/** Alpine's file: the bug tracker moved to GitLab with 3.13. */
function alpine(version: string): string {
  const [major, minor] = version.split(".").map(Number);
  const gitlab = major > 3 || minor >= 13;
  return `NAME="Alpine Linux"
ID=alpine
VERSION_ID=${version}
PRETTY_NAME="Alpine Linux v${major}.${minor}"
HOME_URL="${gitlab ? "https://alpinelinux.org/" : "http://alpinelinux.org"}"
BUG_REPORT_URL="${gitlab ? "https://gitlab.alpinelinux.org/alpine/aports/-/issues" : "http://bugs.alpinelinux.org"}"
`;
}

/** The point release each alpine base layer in the catalog was cut from. */
const ALPINE_RELEASES: Record<string, string> = {
  "3.4": "3.4.6",
  "3.7": "3.7.3",
  "3.16": "3.16.2",
  "3.17": "3.17.3",
  "3.21": "3.21.2",
};

/** Debian 9 and 10 (the bases of older nginx images): same fields as Debian 12's. */
const debian = (version: string, codename: string) => `PRETTY_NAME="Debian GNU/Linux ${version} (${codename})"
NAME="Debian GNU/Linux"
VERSION_ID="${version}"
VERSION="${version} (${codename})"
VERSION_CODENAME=${codename}
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;

const BY_NAME: Record<string, string> = {
  "debian:12": DEBIAN_12,
  "debian:11": debian("11", "bullseye"),
  "debian:10": debian("10", "buster"),
  "debian:9": debian("9", "stretch"),
  "debian:8": DEBIAN_8,
  "ubuntu:24.04": ubuntu("24.04.1", "noble", "Noble Numbat", true),
  "ubuntu:22.04": ubuntu("22.04.5", "jammy", "Jammy Jellyfish", false),
  // mysql's images are built FROM oraclelinux:9-slim
  "oraclelinux:9": ORACLE_LINUX_9(4),
};

const cache = new WeakMap<CatalogImage, string | null>();

/** The image's /etc/os-release text, or undefined when the image has no such file. */
export function osReleaseOf(img: CatalogImage): string | undefined {
  let text = cache.get(img);
  if (text === undefined) {
    text = compute(img) ?? null;
    cache.set(img, text);
  }
  return text ?? undefined;
}

function compute(img: CatalogImage): string | undefined {
  if (img.os) return BY_NAME[img.os];
  for (const { key } of img.layers) {
    const a = /^alpine:(\d+\.\d+)/.exec(key);
    if (a) return alpine(ALPINE_RELEASES[a[1]] ?? `${a[1]}.0`);
    if (key === "debian:jessie") return DEBIAN_8;
    if (key.startsWith("debian:bookworm")) return DEBIAN_12;
  }
  // busybox, pause, distroless etcd, scratch Go binaries: no such file
  return undefined;
}
