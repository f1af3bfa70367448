// The user databases of the catalog's images (/etc/passwd, /etc/group as their Dockerfiles leave
// them) and the directories their non-root users own — what containerd reads to resolve a USER and
// its groups, and what `id`, `whoami` and `ps` print names from.
import type { CatalogImage } from "../registry/catalog";

/** docker.io/library/busybox (buildroot's skeleton): root is in wheel. */
const BUSYBOX_PASSWD = `root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
`;

const BUSYBOX_GROUP = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
kmem:x:9:
wheel:x:10:root
cdrom:x:11:
dialout:x:18:
floppy:x:19:
video:x:28:
audio:x:29:
tape:x:32:
www-data:x:33:
operator:x:37:
utmp:x:43:
plugdev:x:46:
staff:x:50:
lock:x:54:
netdev:x:82:
users:x:100:
nogroup:x:65534:
`;

/** alpine 3.21's baselayout: root belongs to bin, daemon, sys, adm, disk, wheel, floppy, dialout, tape, video. */
const ALPINE_PASSWD = `root:x:0:0:root:/root:/bin/sh
bin:x:1:1:bin:/bin:/sbin/nologin
daemon:x:2:2:daemon:/sbin:/sbin/nologin
lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin
sync:x:5:0:sync:/sbin:/bin/sync
shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown
halt:x:7:0:halt:/sbin:/sbin/halt
mail:x:8:12:mail:/var/mail:/sbin/nologin
news:x:9:13:news:/usr/lib/news:/sbin/nologin
uucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin
cron:x:16:16:cron:/var/spool/cron:/sbin/nologin
ftp:x:21:21::/var/lib/ftp:/sbin/nologin
sshd:x:22:22:sshd:/dev/null:/sbin/nologin
games:x:35:35:games:/usr/games:/sbin/nologin
ntp:x:123:123:NTP:/var/empty:/sbin/nologin
guest:x:405:100:guest:/dev/null:/sbin/nologin
nobody:x:65534:65534:nobody:/:/sbin/nologin
`;

const ALPINE_GROUP = `root:x:0:root
bin:x:1:root,bin,daemon
daemon:x:2:root,bin,daemon
sys:x:3:root,bin,adm
adm:x:4:root,adm,daemon
tty:x:5:
disk:x:6:root,adm
lp:x:7:lp
kmem:x:9:
wheel:x:10:root
floppy:x:11:root
mail:x:12:mail
news:x:13:news
uucp:x:14:uucp
cron:x:16:cron
console:x:17:
audio:x:18:
cdrom:x:19:
dialout:x:20:root
ftp:x:21:
sshd:x:22:
input:x:23:
tape:x:26:root
video:x:27:root
netdev:x:28:
kvm:x:34:kvm
games:x:35:
shadow:x:42:
www-data:x:82:
users:x:100:games
ntp:x:123:
abuild:x:300:
utmp:x:406:
ping:x:999:
nogroup:x:65533:
nobody:x:65534:
`;

/** debian:bookworm-slim's base-passwd. */
const DEBIAN_PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
games:x:5:60:games:/usr/games:/usr/sbin/nologin
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
_apt:x:42:65534::/nonexistent:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
`;

const DEBIAN_GROUP = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
news:x:9:
uucp:x:10:
man:x:12:
proxy:x:13:
kmem:x:15:
dialout:x:20:
fax:x:21:
voice:x:22:
cdrom:x:24:
floppy:x:25:
tape:x:26:
sudo:x:27:
audio:x:29:
dip:x:30:
www-data:x:33:
backup:x:34:
operator:x:37:
list:x:38:
irc:x:39:
src:x:40:
shadow:x:42:
utmp:x:43:
video:x:44:
sasl:x:45:
plugdev:x:46:
staff:x:50:
games:x:60:
users:x:100:
nogroup:x:65534:
`;

/** The service user an official image's Dockerfile adds (groupadd/useradd -r) and what it chowns to it. */
const SERVICE_USERS: Partial<
  Record<CatalogImage["program"], { passwd: string; group: string; owned?: Record<string, number> }>
> = {
  nginx: { passwd: "nginx:x:101:101:nginx user:/nonexistent:/bin/false\n", group: "nginx:x:101:\n" },
  redis: {
    passwd: "redis:x:999:999::/home/redis:/bin/sh\n",
    group: "redis:x:999:\n",
    owned: { "/data": 999 },
  },
  postgres: {
    passwd: "postgres:x:999:999::/var/lib/postgresql:/bin/bash\n",
    group: "postgres:x:999:\n",
    owned: { "/var/lib/postgresql": 999, "/var/run/postgresql": 999 },
  },
  mysql: {
    passwd: "mysql:x:999:999::/var/lib/mysql:/bin/bash\n",
    group: "mysql:x:999:\n",
    owned: { "/var/lib/mysql": 999, "/var/run/mysqld": 999 },
  },
  node: {
    passwd: "node:x:1000:1000::/home/node:/bin/bash\n",
    group: "node:x:1000:\n",
    owned: { "/home/node": 1000 },
  },
};

export interface ImageUserDb {
  passwd: string;
  group: string;
  /** Directories a non-root user may write in ("all" = mode 1777, else the owning uid). */
  owned: Record<string, number | "all">;
}

const cache = new WeakMap<CatalogImage, ImageUserDb>();

/** /etc/passwd, /etc/group and user-owned directories for an image (by its base and program). */
export function imageUserDb(img: CatalogImage, busyboxUserland: boolean): ImageUserDb {
  const hit = cache.get(img);
  if (hit) return hit;
  const db = buildUserDb(img, busyboxUserland);
  cache.set(img, db);
  return db;
}

function buildUserDb(img: CatalogImage, busyboxUserland: boolean): ImageUserDb {
  let passwd: string;
  let group: string;
  if (img.program === "busybox") [passwd, group] = [BUSYBOX_PASSWD, BUSYBOX_GROUP];
  else if (busyboxUserland) [passwd, group] = [ALPINE_PASSWD, ALPINE_GROUP];
  else [passwd, group] = [DEBIAN_PASSWD, DEBIAN_GROUP];
  const svc = busyboxUserland && img.program !== "nginx" ? undefined : SERVICE_USERS[img.program];
  const owned: Record<string, number | "all"> = { ...(svc?.owned ?? {}) };
  if (svc) {
    passwd += svc.passwd;
    group += svc.group;
  }
  // podinfo's Dockerfile: addgroup -S app && adduser -S -G app app; USER app
  if (img.config.user === "app") {
    passwd += "app:x:100:101:Linux User,,,:/home/app:/sbin/nologin\n";
    group += "app:x:101:app\n";
    owned["/home/app"] = 100;
  }
  if (img.users) {
    passwd += img.users.passwd;
    group += img.users.group;
  }
  // nginx-unprivileged chowns its cache and conf.d to uid 101 and keeps the pid in /tmp
  if (img.program === "nginx" && img.config.user === "101") {
    owned["/var/cache/nginx"] = 101;
    owned["/etc/nginx/conf.d"] = 101;
  }
  return { passwd, group, owned };
}
