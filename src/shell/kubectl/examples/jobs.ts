// content/en/examples/…: the Job and CronJob manifests of concepts/workloads/controllers/job (π to
// 2000 places with perl) and tasks/job/automated-tasks-with-cron-jobs (busybox saying hello every
// minute), applied by URL as those pages do. The text is what kubernetes.io serves.

/** content/en/examples/<path> → the file's text. */
export const JOB_EXAMPLES: Record<string, string> = {
  // concepts/workloads/controllers/job: "kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml"
  "controllers/job.yaml": `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
        command: ["perl",  "-Mbignum=bpi", "-wle", "print bpi(2000)"]
      restartPolicy: Never
  backoffLimit: 4

`,
  // tasks/job/automated-tasks-with-cron-jobs
  "application/job/cronjob.yaml": `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
            imagePullPolicy: IfNotPresent
            command:
            - /bin/sh
            - -c
            - date; echo Hello from the Kubernetes cluster
          restartPolicy: OnFailure
`,
};
