// The Internet as the simulated node reaches it — simplified: no real traffic leaves the simulator,
// so only the public hosts the Kubernetes docs' examples fetch are modelled, each with its address
// and the pages it serves (CoreDNS forwards other names upstream: here they do not exist).
import type { HttpResult } from "./types";

export interface PublicHost {
  name: string;
  /** An address the name resolved to (DNS load-balances some hosts; one is enough here). */
  ip: string;
  /** Path → page; other paths get the server's 404. */
  pages: Record<string, string>;
  notFound: string;
}

// Apache 2.4's error document for a missing path
const APACHE_404 = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>404 Not Found</title>
</head><body>
<h1>Not Found</h1>
<p>The requested URL was not found on this server.</p>
</body></html>
`;

// http://info.cern.ch/ (Apache; Last-Modified 2014-02-05, 646 bytes): the page the docs' init-container
// example (pods/init-containers.yaml) downloads for nginx to serve.
const INFO_CERN_CH = `<html><head></head><body><header>
<title>http://info.cern.ch</title>
</header>

<h1>http://info.cern.ch - home of the first website</h1>
<p>From here you can:</p>
<ul>
<li><a href="http://info.cern.ch/hypertext/WWW/TheProject.html">Browse the first website</a></li>
<li><a href="http://line-mode.cern.ch/www/hypertext/WWW/TheProject.html">Browse the first website using the line-mode browser simulator</a></li>
<li><a href="http://home.web.cern.ch/topics/birth-web">Learn about the birth of the web</a></li>
<li><a href="http://home.web.cern.ch/about">Learn about CERN, the physics laboratory where the web was born</a></li>
</ul>
</body></html>
`;

export const PUBLIC_HOSTS: readonly PublicHost[] = [
  {
    name: "info.cern.ch",
    ip: "188.184.21.108",
    pages: { "/": INFO_CERN_CH, "/index.html": INFO_CERN_CH },
    notFound: APACHE_404,
  },
];

/** The public host a name (case-insensitive, trailing dot ignored) belongs to. */
export function publicHostNamed(name: string): PublicHost | undefined {
  const n = name.replace(/\.$/, "").toLowerCase();
  return PUBLIC_HOSTS.find((h) => h.name === n);
}

export function publicHostAt(ip: string): PublicHost | undefined {
  return PUBLIC_HOSTS.find((h) => h.ip === ip);
}

/** What the host's web server answers a GET for `path` (its query string ignored). */
export function publicGet(host: PublicHost, path: string): HttpResult {
  const page = host.pages[path.split("?")[0] || "/"];
  return page === undefined ? { statusCode: 404, body: host.notFound } : { statusCode: 200, body: page };
}

/** A round trip from the node to a public host and back (virtual ms). */
export const INTERNET_RTT_MS = 90;
