// content/en/examples/pods/storage/…: the manifests of tasks/configure-pod-container/configure-persistent-volume-storage
// (pv-volume.yaml, pv-claim.yaml, pv-pod.yaml) and concepts/storage/volumes (pv-duplicate.yaml), applied by
// URL as that page does. The text is what kubernetes.io serves.

/** content/en/examples/<path> → the file's text. */
export const STORAGE_EXAMPLES: Record<string, string> = {
  "pods/storage/pv-volume.yaml": `apiVersion: v1
kind: PersistentVolume
metadata:
  labels:
    type: local
  name: task-pv-volume
spec:
  accessModes:
  - ReadWriteOnce
  capacity:
    storage: 10Gi
  hostPath:
    path: /mnt/data
  storageClassName: manual
`,
  "pods/storage/pv-claim.yaml": `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: task-pv-claim
spec:
  accessModes:
  - ReadWriteOnce
  resources:
    requests:
      storage: 3Gi
  storageClassName: manual
`,
  "pods/storage/pv-pod.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: task-pv-pod
spec:
  containers:
  - image: nginx
    name: task-pv-container
    ports:
    - containerPort: 80
      name: http-server
    volumeMounts:
    - mountPath: /usr/share/nginx/html
      name: task-pv-storage
  volumes:
  - name: task-pv-storage
    persistentVolumeClaim:
      claimName: task-pv-claim
`,
  "pods/storage/pv-duplicate.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: test
spec:
  containers:
  - image: nginx
    name: test
    volumeMounts:
    - mountPath: /usr/share/nginx/html
      name: config
      subPath: html
    - mountPath: /etc/nginx/nginx.conf
      name: config
      subPath: nginx.conf
  volumes:
  - name: config
    persistentVolumeClaim:
      claimName: test-nfs-claim
`,
};
