#!/usr/bin/env bash
# `npm run real:setup` (root, Debian/Ubuntu): a real node for k8s-node-sim's "Real" runtime —
# containerd (CRI), runc, CNI bridge, a local registry on 127.0.0.1:5000 and demo images built
# without Docker (busybox-static + umoci, pushed with skopeo). Idempotent: re-running only fixes
# what is missing. Daemons run under systemd when it is PID 1, else as plain background processes.
set -euo pipefail

REGISTRY=127.0.0.1:5000
REG_NAME=localhost:5000
PAUSE_IMAGE="$REG_NAME/pause:3.9"
POD_SUBNET="${POD_SUBNET:-10.88.0.0/16}"
WORK=/var/lib/k8s-node-sim/images
LOG_DIR=/var/log
T0=$(date +%s)

log() { printf '[real-setup] %s\n' "$*"; }

if [[ $(id -u) -ne 0 ]]; then
  echo "real-setup: run as root (sudo npm run real:setup)" >&2
  exit 1
fi

# ── 1. packages ──────────────────────────────────────────────────────────────────────────────
PKGS=(containerd runc containernetworking-plugins docker-registry umoci skopeo busybox-static curl)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

CNI_BIN=/usr/lib/cni
[[ -x $CNI_BIN/bridge ]] || CNI_BIN=/opt/cni/bin

# ── 2. CNI: bridge + host-local, refuse a subnet that clashes with a host route ─────────────────
subnet_prefix=${POD_SUBNET%.*.*}
if ip -4 route | grep -v "cni0" | grep -q "^${subnet_prefix//./\\.}\."; then
  echo "real-setup: $POD_SUBNET clashes with a host route; set POD_SUBNET=..." >&2
  exit 1
fi
mkdir -p /etc/cni/net.d
cat >/etc/cni/net.d/10-k8s-node-sim.conflist <<EOF
{
  "cniVersion": "0.4.0",
  "name": "k8s-node-sim",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "cni0",
      "isGateway": true,
      "ipMasq": true,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "ranges": [[{ "subnet": "$POD_SUBNET" }]],
        "routes": [{ "dst": "0.0.0.0/0" }]
      }
    },
    { "type": "portmap", "capabilities": { "portMappings": true } }
  ]
}
EOF

# ── 3. containerd config (1.6, config version 2) ─────────────────────────────────────────────
mkdir -p /etc/containerd "/etc/containerd/certs.d/$REG_NAME" "/etc/containerd/certs.d/$REGISTRY"
CONTAINERD_CONF=$(cat <<EOF
# Written by k8s-node-sim scripts/real-setup.sh
version = 2

[plugins."io.containerd.grpc.v1.cri"]
  # No internet: the sandbox (pause) image comes from the local registry.
  sandbox_image = "$PAUSE_IMAGE"
  # This VM lacks CAP_SYS_RESOURCE: without it runc fails with
  # "can't get final child's PID from pipe".
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
    runtime_type = "io.containerd.runc.v2"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "$CNI_BIN"
    conf_dir = "/etc/cni/net.d"
  [plugins."io.containerd.grpc.v1.cri".registry]
    config_path = "/etc/containerd/certs.d"
EOF
)
conf_changed=0
if [[ ! -f /etc/containerd/config.toml ]] || [[ "$(cat /etc/containerd/config.toml)" != "$CONTAINERD_CONF" ]]; then
  printf '%s\n' "$CONTAINERD_CONF" >/etc/containerd/config.toml
  conf_changed=1
fi
for h in "$REG_NAME" "$REGISTRY"; do
  cat >"/etc/containerd/certs.d/$h/hosts.toml" <<EOF
# localhost:5000 is plain HTTP
server = "http://$h"
[host."http://$h"]
  capabilities = ["pull", "resolve"]
  skip_verify = true
EOF
done

# ── 4. registry config: loopback only, no auth ───────────────────────────────────────────────
mkdir -p /etc/docker/registry /var/lib/docker-registry
cat >/etc/docker/registry/config.yml <<EOF
version: 0.1
log:
  level: warn
  fields:
    service: registry
storage:
  cache:
    blobdescriptor: inmemory
  filesystem:
    rootdirectory: /var/lib/docker-registry
  delete:
    enabled: true
http:
  addr: $REGISTRY
  headers:
    X-Content-Type-Options: [nosniff]
EOF

# ── 5. start the daemons ────────────────────────────────────────────────────────────────────
SYSTEMD=0
[[ "$(ps -p 1 -o comm= 2>/dev/null)" == "systemd" ]] && SYSTEMD=1

registry_up() { curl -fsS "http://$REGISTRY/v2/" >/dev/null 2>&1; }
containerd_up() { [[ -S /run/containerd/containerd.sock ]] && ctr --timeout 2s version >/dev/null 2>&1; }

wait_for() { # name, check-fn, seconds
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    if $2; then return 0; fi
    sleep 0.1
  done
  echo "real-setup: $1 did not come up (see $LOG_DIR/$1.log)" >&2
  return 1
}

if ! registry_up; then
  log "starting docker-registry on $REGISTRY"
  if ((SYSTEMD)); then
    systemctl restart docker-registry
  else
    nohup setsid /usr/bin/docker-registry serve /etc/docker/registry/config.yml \
      >>"$LOG_DIR/docker-registry.log" 2>&1 </dev/null &
    echo $! >/run/k8s-node-sim-registry.pid
  fi
  wait_for docker-registry registry_up 20
fi

if containerd_up && ((conf_changed)); then
  log "config changed: restarting containerd"
  if ((SYSTEMD)); then systemctl restart containerd; else
    # only the daemon this script started (its pid file), never by name
    if [[ -f /run/k8s-node-sim-containerd.pid ]]; then
      pid=$(cat /run/k8s-node-sim-containerd.pid)
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    else
      echo "real-setup: containerd runs (not started by this script): restart it to apply the config" >&2
    fi
  fi
fi
if ! containerd_up; then
  log "starting containerd"
  if ((SYSTEMD)); then
    systemctl enable --now containerd
  else
    nohup setsid /usr/bin/containerd --config /etc/containerd/config.toml \
      >>"$LOG_DIR/containerd.log" 2>&1 </dev/null &
    echo $! >/run/k8s-node-sim-containerd.pid
  fi
  wait_for containerd containerd_up 30
fi

# ── 6. demo images, built without Docker ─────────────────────────────────────────────────────
image_in_registry() { skopeo inspect --tls-verify=false "docker://$REG_NAME/$1" >/dev/null 2>&1; }

want=(pause:3.9 busybox:latest crasher:latest web:latest)
need_build=0
for i in "${want[@]}"; do image_in_registry "$i" || need_build=1; done

if ((need_build)); then
  log "building demo images from busybox-static with umoci"
  rm -rf "$WORK"
  mkdir -p "$WORK"
  LAYOUT="$WORK/oci"
  BUNDLE="$WORK/bundle"
  umoci init --layout "$LAYOUT"
  umoci new --image "$LAYOUT:base"
  umoci unpack --image "$LAYOUT:base" "$BUNDLE"
  ROOTFS="$BUNDLE/rootfs"
  mkdir -p "$ROOTFS"/{bin,sbin,etc,tmp,www,proc,sys,dev,root}
  chmod 1777 "$ROOTFS/tmp"
  install -m 0755 /bin/busybox "$ROOTFS/bin/busybox"
  # one symlink per applet, like busybox --install -s
  for applet in $(/bin/busybox --list); do
    [[ -e "$ROOTFS/bin/$applet" ]] || ln -s busybox "$ROOTFS/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$ROOTFS/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$ROOTFS/etc/group"
  printf '<h1>Hello from k8s-node-sim (busybox httpd)</h1>\n' >"$ROOTFS/www/index.html"
  umoci repack --image "$LAYOUT:base" "$BUNDLE"

  cfg() { # tag, then umoci config args
    local tag=$1
    shift
    umoci config --image "$LAYOUT:base" --tag "$tag" --config.env PATH=/bin:/sbin "$@"
  }
  # pause: PID 1 that sleeps forever (the sandbox holds the pod's namespaces)
  cfg pause --config.entrypoint /bin/busybox --config.entrypoint sleep --config.entrypoint 2147483647
  cfg busybox --config.cmd /bin/sh
  cfg crasher --config.entrypoint /bin/sh --config.entrypoint -c \
    --config.entrypoint 'echo "crasher: starting"; echo "crasher: giving up" >&2; exit 1'
  cfg web --config.exposedports 80/tcp --config.entrypoint /bin/httpd \
    --config.entrypoint -f --config.entrypoint -v --config.entrypoint -p --config.entrypoint 80 \
    --config.entrypoint -h --config.entrypoint /www

  push() { skopeo copy -q --dest-tls-verify=false "oci:$LAYOUT:$1" "docker://$REG_NAME/$2"; }
  push pause pause:3.9
  push busybox busybox:latest
  push crasher crasher:latest
  push web web:latest
  rm -rf "$BUNDLE"
fi

# ── 7. CRI answers? ──────────────────────────────────────────────────────────────────────────
if command -v crictl >/dev/null; then
  crictl --runtime-endpoint unix:///run/containerd/containerd.sock version >/dev/null
fi
ctr --timeout 5s plugins ls 2>/dev/null | grep -E "io.containerd.grpc.v1 +cri +.* ok" >/dev/null || {
  echo "real-setup: containerd's CRI plugin is not ok (see $LOG_DIR/containerd.log)" >&2
  exit 1
}

log "ready in $(($(date +%s) - T0))s: containerd (unix:///run/containerd/containerd.sock), registry http://$REGISTRY, images ${want[*]}"
