// content/en/examples/…: the manifests of tasks/configure-pod-container: resources, QoS, probes, volumes, init containers, lifecycle hooks, security context, node assignment, private registries — applied by URL as the task pages do.

/** content/en/examples/<path> → the file's text. */
export const CONFIGURE_POD_EXAMPLES: Record<string, string> = {
  // tasks/configure-pod-container/assign-memory-resource (namespace mem-example)
  "pods/resource/memory-request-limit.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: memory-demo
  namespace: mem-example
spec:
  containers:
  - name: memory-demo-ctr
    image: polinux/stress
    resources:
      requests:
        memory: "100Mi"
      limits:
        memory: "200Mi"
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "150M", "--vm-hang", "1"]
`,
  "pods/resource/memory-request-limit-2.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: memory-demo-2
  namespace: mem-example
spec:
  containers:
  - name: memory-demo-2-ctr
    image: polinux/stress
    resources:
      requests:
        memory: "50Mi"
      limits:
        memory: "100Mi"
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"]
`,
  "pods/resource/memory-request-limit-3.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: memory-demo-3
  namespace: mem-example
spec:
  containers:
  - name: memory-demo-3-ctr
    image: polinux/stress
    resources:
      requests:
        memory: "1000Gi"
      limits:
        memory: "1000Gi"
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "150M", "--vm-hang", "1"]
`,
  // tasks/configure-pod-container/assign-cpu-resource (namespace cpu-example)
  "pods/resource/cpu-request-limit.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: cpu-demo
  namespace: cpu-example
spec:
  containers:
  - name: cpu-demo-ctr
    image: vish/stress
    resources:
      limits:
        cpu: "1"
      requests:
        cpu: "0.5"
    args:
    - -cpus
    - "2"
`,
  "pods/resource/cpu-request-limit-2.yaml": `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "cpu-demo-2",
    namespace: "cpu-example",
  },
  spec: {
    containers: [{
      name: "cpu-demo-ctr-2",
      image: "vish/stress",
      resources: {
        limits: {
          cpu: "100",
        },
        requests: {
          cpu: "100",
        },
      },
      args: [
        "-cpus",
        "2",
      ],
    }],
  },
}
`,
  // tasks/configure-pod-container/quality-service-pod (namespace qos-example)
  "pods/qos/qos-pod.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: qos-demo
  namespace: qos-example
spec:
  containers:
  - name: qos-demo-ctr
    image: nginx
    resources:
      limits:
        memory: "200Mi"
        cpu: "700m"
      requests:
        memory: "200Mi"
        cpu: "700m"
`,
  "pods/qos/qos-pod-2.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: qos-demo-2
  namespace: qos-example
spec:
  containers:
  - name: qos-demo-2-ctr
    image: nginx
    resources:
      limits:
        memory: "200Mi"
      requests:
        memory: "100Mi"
`,
  "pods/qos/qos-pod-3.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: qos-demo-3
  namespace: qos-example
spec:
  containers:
  - name: qos-demo-3-ctr
    image: nginx
`,
  "pods/qos/qos-pod-4.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: qos-demo-4
  namespace: qos-example
spec:
  containers:
  # The first container specifies a memory request of 200 MiB. 
  - name: qos-demo-4-ctr-1
    image: nginx
    resources:
      requests:
        memory: "200Mi"
  # The second container does not specify any requests or limits.
  - name: qos-demo-4-ctr-2
    image: redis
`,
  "pods/qos/qos-pod-5.yaml": `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "qos-demo-5",
    namespace: "qos-example",
  },
  spec: {
    containers: [{
      name: "qos-demo-ctr-5",
      image: "nginx",
      resources: {
        limits: {
          memory: "200Mi",
          cpu: "700m",
        },
        requests: {
          memory: "200Mi",
          cpu: "700m",
        },
      },
    }],
  },
}
`,
  // tasks/configure-pod-container/configure-liveness-readiness-startup-probes
  "pods/probe/exec-liveness.yaml": `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    labels: {
      test: "liveness",
    },
    name: "liveness-exec",
  },
  spec: {
    containers: [{
      name: "liveness",
      image: "registry.k8s.io/busybox:1.27.2",
      args: [
        "/bin/sh",
        "-c",
        "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600",
      ],
      livenessProbe: {
        exec: {
          command: [
            "cat",
            "/tmp/healthy",
          ],
        },
        initialDelaySeconds: 5,
        periodSeconds: 5,
      },
    }],
  },
}
`,
  "pods/probe/http-liveness.yaml": `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    labels: {
      test: "liveness",
    },
    name: "liveness-http",
  },
  spec: {
    containers: [{
      name: "liveness",
      image: "registry.k8s.io/e2e-test-images/agnhost:2.40",
      args: [
        "liveness",
      ],
      livenessProbe: {
        httpGet: {
          path: "/healthz",
          port: 8080,
          httpHeaders: [{
            name: "Custom-Header",
            value: "Awesome",
          }],
        },
        initialDelaySeconds: 3,
        periodSeconds: 3,
      },
    }],
  },
}
`,
  "pods/probe/tcp-liveness-readiness.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: goproxy
  labels:
    app.kubernetes.io/name: goproxy
spec:
  containers:
  - name: goproxy
    image: registry.k8s.io/goproxy:0.1
    ports:
    - containerPort: 8080
    readinessProbe:
      tcpSocket:
        port: 8080
      initialDelaySeconds: 15
      periodSeconds: 10
    livenessProbe:
      tcpSocket:
        port: 8080
      initialDelaySeconds: 15
      periodSeconds: 10
`,
  "pods/probe/grpc-liveness.yaml": `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "etcd-with-grpc",
  },
  spec: {
    containers: [{
      name: "etcd",
      image: "registry.k8s.io/etcd:3.5.1-0",
      command: [
        "/usr/local/bin/etcd",
        "--data-dir",
        "/var/lib/etcd",
        "--listen-client-urls",
        "http://0.0.0.0:2379",
        "--advertise-client-urls",
        "http://127.0.0.1:2379",
        "--log-level",
        "debug",
      ],
      ports: [{
        containerPort: 2379,
      }],
      livenessProbe: {
        grpc: {
          port: 2379,
        },
        initialDelaySeconds: 10,
      },
    }],
  },
}
`,
  "pods/probe/pod-with-http-healthcheck.yaml": `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "pod-with-http-healthcheck",
  },
  spec: {
    containers: [{
      name: "nginx",
      image: "nginx",
      # defines the health checking
      livenessProbe: {
        # an http probe
        httpGet: {
          path: "/_status/healthz",
          port: 80,
        },
        # length of time to wait for a pod to initialize
        # after pod startup, before applying health checking
        initialDelaySeconds: 30,
        timeoutSeconds: 1,
      },
      ports: [{
        containerPort: 80,
      }],
    }],
  },
}
`,
  "pods/probe/pod-with-tcp-socket-healthcheck.yaml": `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "pod-with-tcp-socket-healthcheck",
  },
  spec: {
    containers: [{
      name: "redis",
      image: "redis",
      # defines the health checking
      livenessProbe: {
        # a TCP socket probe
        tcpSocket: {
          port: 6379,
        },
        # length of time to wait for a pod to initialize
        # after pod startup, before applying health checking
        initialDelaySeconds: 30,
        timeoutSeconds: 1,
      },
      ports: [{
        containerPort: 6379,
      }],
    }],
  },
}
`,
  // tasks/configure-pod-container/configure-volume-storage
  "pods/storage/redis.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: redis
spec:
  containers:
  - name: redis
    image: redis
    volumeMounts:
    - name: redis-storage
      mountPath: /data/redis
  volumes:
  - name: redis-storage
    emptyDir: {}
`,
  // tasks/configure-pod-container/configure-pod-initialization
  "pods/init-containers.yaml": `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "init-demo",
  },
  spec: {
    containers: [{
      name: "nginx",
      image: "nginx",
      ports: [{
        containerPort: 80,
      }],
      volumeMounts: [{
        name: "workdir",
        mountPath: "/usr/share/nginx/html",
      }],
    }],
    # These containers are run during pod initialization
    initContainers: [{
      name: "install",
      image: "busybox:1.28",
      command: [
        "wget",
        "-O",
        "/work-dir/index.html",
        "http://info.cern.ch",
      ],
      volumeMounts: [{
        name: "workdir",
        mountPath: "/work-dir",
      }],
    }],
    dnsPolicy: "Default",
    volumes: [{
      name: "workdir",
      emptyDir: {},
    }],
  },
}
`,
  // tasks/configure-pod-container/attach-handler-lifecycle-event
  "pods/lifecycle-events.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: lifecycle-demo
spec:
  containers:
  - name: lifecycle-demo-container
    image: nginx
    lifecycle:
      postStart:
        exec:
          command: ["/bin/sh", "-c", "echo Hello from the postStart handler > /usr/share/message"]
      preStop:
        exec:
          command: ["/bin/sh","-c","nginx -s quit; while killall -0 nginx; do sleep 1; done"]
`,
  // tasks/configure-pod-container/share-process-namespace
  "pods/share-process-namespace.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  shareProcessNamespace: true
  containers:
  - name: nginx
    image: nginx
  - name: shell
    image: busybox:1.28
    command: ["sleep", "3600"]
    securityContext:
      capabilities:
        add:
        - SYS_PTRACE
    stdin: true
    tty: true
`,
  // tasks/configure-pod-container/security-context
  "pods/security/security-context.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: security-context-demo
spec:
  securityContext:
    runAsUser: 1000
    runAsGroup: 3000
    fsGroup: 2000
    supplementalGroups: [4000]
  volumes:
  - name: sec-ctx-vol
    emptyDir: {}
  containers:
  - name: sec-ctx-demo
    image: busybox:1.28
    command: [ "sh", "-c", "sleep 1h" ]
    volumeMounts:
    - name: sec-ctx-vol
      mountPath: /data/demo
    securityContext:
      allowPrivilegeEscalation: false
`,
  "pods/security/security-context-2.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: security-context-demo-2
spec:
  securityContext:
    runAsUser: 1000
  containers:
  - name: sec-ctx-demo-2
    image: gcr.io/google-samples/hello-app:2.0
    securityContext:
      runAsUser: 2000
      allowPrivilegeEscalation: false
`,
  "pods/security/security-context-3.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: security-context-demo-3
spec:
  containers:
  - name: sec-ctx-3
    image: gcr.io/google-samples/hello-app:2.0
`,
  "pods/security/security-context-4.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: security-context-demo-4
spec:
  containers:
  - name: sec-ctx-4
    image: gcr.io/google-samples/hello-app:2.0
    securityContext:
      capabilities:
        add: ["NET_ADMIN", "SYS_TIME"]
`,
  "pods/security/security-context-5.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: security-context-demo
spec:
  securityContext:
    runAsUser: 1000
    runAsGroup: 3000
    supplementalGroups: [4000]
  containers:
  - name: sec-ctx-demo
    image: registry.k8s.io/e2e-test-images/agnhost:2.45
    command: [ "sh", "-c", "sleep 1h" ]
    securityContext:
      allowPrivilegeEscalation: false
`,
  "pods/security/security-context-6.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: security-context-demo
spec:
  securityContext:
    runAsUser: 1000
    runAsGroup: 3000
    supplementalGroups: [4000]
    supplementalGroupsPolicy: Strict
  containers:
  - name: sec-ctx-demo
    image: registry.k8s.io/e2e-test-images/agnhost:2.45
    command: [ "sh", "-c", "sleep 1h" ]
    securityContext:
      allowPrivilegeEscalation: false
`,
  // tasks/configure-pod-container/assign-pods-nodes
  "pods/pod-nginx.yaml": `apiVersion: v1
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
  nodeSelector:
    disktype: ssd
`,
  "pods/pod-nginx-specific-node.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  nodeName: foo-node # schedule pod to specific node
  containers:
  - name: nginx
    image: nginx
    imagePullPolicy: IfNotPresent
`,
  // tasks/configure-pod-container/assign-pods-nodes-using-node-affinity
  "pods/pod-nginx-required-affinity.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - key: disktype
            operator: In
            values:
            - ssd
  containers:
  - name: nginx
    image: nginx
    imagePullPolicy: IfNotPresent
`,
  "pods/pod-nginx-preferred-affinity.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  affinity:
    nodeAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 1
        preference:
          matchExpressions:
          - key: disktype
            operator: In
            values:
            - ssd
  containers:
  - name: nginx
    image: nginx
    imagePullPolicy: IfNotPresent
`,
  // tasks/configure-pod-container/pull-image-private-registry (the page has you replace the image)
  "pods/private-reg-pod.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: private-reg
spec:
  containers:
  - name: private-reg-container
    image: <your-private-image>
  imagePullSecrets:
  - name: regcred

`,
};
