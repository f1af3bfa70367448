// content/en/examples/…: manifests of concept, task and tutorial pages outside the other modules —
// concepts/workloads/pods, the shared-volume two-container Pod, taints and tolerations, Redis configured
// by a ConfigMap, AppArmor and projected volumes — applied by URL as those pages do.
// The text is what kubernetes.io serves (conventional YAML, comments kept).

/** content/en/examples/<path> → the file's text. */
export const MORE_EXAMPLES: Record<string, string> = {
  // concepts/workloads/pods
  "pods/simple-pod.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.14.2
    ports:
    - containerPort: 80
`,
  // tasks/network/customize-hosts-file-for-pods
  "service/networking/hostaliases-pod.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: hostaliases-pod
spec:
  restartPolicy: Never
  hostAliases:
  - ip: "127.0.0.1"
    hostnames:
    - "foo.local"
    - "bar.local"
  - ip: "10.1.2.3"
    hostnames:
    - "foo.remote"
    - "bar.remote"
  containers:
  - name: cat-hosts
    image: busybox:1.28
    command:
    - cat
    args:
    - "/etc/hosts"
`,
  // tasks/access-application-cluster/communicate-containers-same-pod-shared-volume
  "pods/two-container-pod.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: two-containers
spec:

  restartPolicy: Never

  volumes:
  - name: shared-data
    emptyDir: {}

  containers:

  - name: nginx-container
    image: nginx
    volumeMounts:
    - name: shared-data
      mountPath: /usr/share/nginx/html

  - name: debian-container
    image: debian
    volumeMounts:
    - name: shared-data
      mountPath: /pod-data
    command: ["/bin/sh"]
    args: ["-c", "echo Hello from the debian container > /pod-data/index.html"]
`,
  // concepts/scheduling-eviction/taint-and-toleration
  "pods/pod-with-toleration.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: nginx
  labels:
    env: test
spec:
  containers:
  - name: nginx
    image: nginx
    imagePullPolicy: IfNotPresent
  tolerations:
  - key: "example-key"
    operator: "Exists"
    effect: "NoSchedule"
`,
  // tutorials/configuration/configure-redis-using-configmap
  "pods/config/redis-pod.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: redis
spec:
  containers:
  - name: redis
    image: redis:5
    env:
    - name: MASTER
      value: "true"
    ports:
    - containerPort: 6379
    resources:
      limits:
        cpu: "0.1"
    volumeMounts:
    - mountPath: /data
      name: data
    - mountPath: /usr/local/etc/redis
      name: config
    args:
    - /usr/local/etc/redis/redis.conf
  volumes:
    - name: data
      emptyDir: {}
    - name: config
      configMap:
        name: example-redis-config
        items:
        - key: redis-config
          path: redis.conf
`,
  "pods/config/example-redis-config.yaml": `apiVersion: v1
kind: ConfigMap
metadata:
  name: example-redis-config
data:
  redis-config: |
    maxmemory 2mb
    maxmemory-policy allkeys-lru
`,
  // tutorials/security/apparmor
  "pods/security/hello-apparmor.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: hello-apparmor
spec:
  securityContext:
    appArmorProfile:
      type: Localhost
      localhostProfile: k8s-apparmor-example-deny-write
  containers:
  - name: hello
    image: busybox:1.28
    command: [ "sh", "-c", "echo 'Hello AppArmor!' && sleep 1h" ]
`,
  // tasks/configure-pod-container/configure-projected-volume-storage
  "pods/storage/projected.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: test-projected-volume
spec:
  containers:
  - args:
    - sleep
    - "86400"
    image: busybox:1.28
    name: test-projected-volume
    volumeMounts:
    - mountPath: /projected-volume
      name: all-in-one
      readOnly: true
  volumes:
  - name: all-in-one
    projected:
      sources:
      - secret:
          name: user
      - secret:
          name: pass
`,
};
