// The node files that differ per runtime flavour: unit files, crictl.yaml, the CNI config CRI-O's
// package installs, crio.conf, Docker's containerd config.
import { DEFAULT_CONTAINERD_CONFIG_TOML } from "../runtime/containerdConfig";
import { CRIO_CONFIG_PATH, DEFAULT_CRIO_CONF } from "../runtime/flavours/crioConfig";
import { DOCKER_CONTAINERD_CONFIG } from "../runtime/flavours/daemons";
import type { FlavourSpec } from "../runtime/flavours/spec";

export const KUBEADM_FLAGS_PATH = "/var/lib/kubelet/kubeadm-flags.env";

export interface UnitFileSpec {
  name: string;
  description: string;
  fragmentPath: string;
  execStart: string;
  docs: string;
  restartSecMs: number;
  /** Restart=always (any exit) or on-failure. */
  text: string;
}

export const UNIT_FILES: Record<string, UnitFileSpec> = {
  // its unit file is one of the common node files (defaultFiles.ts)
  containerd: {
    name: "containerd",
    description: "containerd container runtime",
    fragmentPath: "/lib/systemd/system/containerd.service",
    execStart: "/usr/bin/containerd",
    docs: "https://containerd.io",
    restartSecMs: 5_000,
    text: "",
  },
  crio: {
    name: "crio",
    description: "Container Runtime Interface for OCI (CRI-O)",
    fragmentPath: "/usr/lib/systemd/system/crio.service",
    execStart: "/usr/bin/crio",
    docs: "https://github.com/cri-o/cri-o",
    restartSecMs: 10_000,
    text: `[Unit]
Description=Container Runtime Interface for OCI (CRI-O)
Documentation=https://github.com/cri-o/cri-o
Wants=network-online.target
Before=kubelet.service
After=network-online.target

[Service]
Type=notify
EnvironmentFile=-/etc/sysconfig/crio
Environment=GOTRACEBACK=crash
ExecStart=/usr/bin/crio \\
          $CRIO_CONFIG_OPTIONS \\
          $CRIO_RUNTIME_OPTIONS \\
          $CRIO_STORAGE_OPTIONS \\
          $CRIO_NETWORK_OPTIONS \\
          $CRIO_METRICS_OPTIONS
ExecReload=/bin/kill -s HUP $MAINPID
TasksMax=infinity
LimitNOFILE=1048576
LimitNPROC=1048576
LimitCORE=infinity
OOMScoreAdjust=-999
TimeoutStartSec=0
Restart=on-failure
RestartSec=10

[Install]
WantedBy=multi-user.target
Alias=cri-o.service
`,
  },
  docker: {
    name: "docker",
    description: "Docker Application Container Engine",
    fragmentPath: "/lib/systemd/system/docker.service",
    execStart: "/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock",
    docs: "https://docs.docker.com",
    restartSecMs: 2_000,
    text: `[Unit]
Description=Docker Application Container Engine
Documentation=https://docs.docker.com
After=network-online.target nss-lookup.target docker.socket firewalld.service containerd.service time-set.target
Wants=network-online.target containerd.service
Requires=docker.socket

[Service]
Type=notify
ExecStart=/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock
ExecReload=/bin/kill -s HUP $MAINPID
TimeoutStartSec=0
RestartSec=2
Restart=always
LimitNPROC=infinity
LimitCORE=infinity
TasksMax=infinity
Delegate=yes
KillMode=process
OOMScoreAdjust=-500

[Install]
WantedBy=multi-user.target
`,
  },
  "cri-docker": {
    name: "cri-docker",
    description: "CRI Interface for Docker Application Container Engine",
    fragmentPath: "/lib/systemd/system/cri-docker.service",
    execStart: "/usr/bin/cri-dockerd --container-runtime-endpoint fd://",
    docs: "https://docs.mirantis.com",
    restartSecMs: 2_000,
    text: `[Unit]
Description=CRI Interface for Docker Application Container Engine
Documentation=https://docs.mirantis.com
After=network-online.target firewalld.service docker.service
Wants=network-online.target
Requires=cri-docker.socket

[Service]
Type=notify
ExecStart=/usr/bin/cri-dockerd --container-runtime-endpoint fd://
ExecReload=/bin/kill -s HUP $MAINPID
TimeoutSec=0
RestartSec=2
Restart=always
StartLimitBurst=3
StartLimitInterval=60s
LimitNOFILE=infinity
LimitNPROC=infinity
LimitCORE=infinity
TasksMax=infinity
Delegate=yes
KillMode=process

[Install]
WantedBy=multi-user.target
`,
  },
};

const crictlYaml = (endpoint: string) =>
  `runtime-endpoint: ${endpoint}\nimage-endpoint: ${endpoint}\ntimeout: 10\ndebug: false\n`;

/** CRI-O's package: /etc/cni/net.d/11-crio-ipv4-bridge.conflist (pod CIDR set to the node's). */
const CRIO_CNI = `{
  "cniVersion": "1.0.0",
  "name": "crio",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "cni0",
      "isGateway": true,
      "ipMasq": true,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "routes": [
            { "dst": "0.0.0.0/0" }
        ],
        "ranges": [
            [{ "subnet": "10.244.0.0/24" }]
        ]
      }
    }
  ]
}
`;

/** Files written on top of the common node files for a flavour; `remove` lists what it lacks. */
export function flavourFiles(spec: FlavourSpec): { write: Record<string, string>; remove: string[] } {
  const write: Record<string, string> = {
    "/etc/crictl.yaml": crictlYaml(spec.crictlEndpoint),
    [KUBEADM_FLAGS_PATH]: spec.kubeadmFlags,
  };
  const remove: string[] = [];
  if (spec.name === "crio") {
    write[CRIO_CONFIG_PATH] = DEFAULT_CRIO_CONF;
    write["/etc/cni/net.d/11-crio-ipv4-bridge.conflist"] = CRIO_CNI;
    write[UNIT_FILES.crio.fragmentPath] = UNIT_FILES.crio.text;
    remove.push("/etc/cni/net.d/10-containerd-net.conflist", "/lib/systemd/system/containerd.service");
  } else if (spec.name === "docker" || spec.name === "cri-dockerd") {
    write["/etc/containerd/config.toml"] = DOCKER_CONTAINERD_CONFIG;
    write[UNIT_FILES.docker.fragmentPath] = UNIT_FILES.docker.text;
    write[UNIT_FILES["cri-docker"].fragmentPath] = UNIT_FILES["cri-docker"].text;
  } else {
    write["/etc/containerd/config.toml"] = DEFAULT_CONTAINERD_CONFIG_TOML;
  }
  return { write, remove };
}
