{{/* The chart's name, as the app.kubernetes.io/name label. */}}
{{- define "todo-chatbot.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The prefix of every object name: the release name, or "<release>-<chart>" when the release
name does not already contain the chart's. Release "todo-chatbot" gives "todo-chatbot", so its
objects are todo-chatbot-backend, todo-chatbot-frontend, todo-chatbot-postgres.
*/}}
{{- define "todo-chatbot.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* "todo-chatbot-0.1.0", for the helm.sh/chart label. */}}
{{- define "todo-chatbot.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The labels a component's selector matches: name, instance and component. Call with
(dict "root" $ "component" "backend").
*/}}
{{- define "todo-chatbot.selectorLabels" -}}
app.kubernetes.io/name: {{ include "todo-chatbot.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* The labels of a component's pods: the selector's, plus who manages them and what they are part of. */}}
{{- define "todo-chatbot.podLabels" -}}
{{ include "todo-chatbot.selectorLabels" . }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: todo-chatbot
{{- end }}

{{/*
The labels of a component's objects: the pods', plus the chart and the version the component
runs (its image tag, given as "version"; pods leave it out so a label never restarts them).
*/}}
{{- define "todo-chatbot.labels" -}}
helm.sh/chart: {{ include "todo-chatbot.chart" .root }}
{{ include "todo-chatbot.podLabels" . }}
{{- with .version }}
app.kubernetes.io/version: {{ . | quote }}
{{- end }}
{{- end }}

{{/* The labels of objects that belong to the whole release (ConfigMap, Secret). */}}
{{- define "todo-chatbot.releaseLabels" -}}
helm.sh/chart: {{ include "todo-chatbot.chart" . }}
app.kubernetes.io/name: {{ include "todo-chatbot.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: todo-chatbot
{{- end }}

{{/* "repository:tag" of an image value. */}}
{{- define "todo-chatbot.image" -}}
{{- printf "%s:%s" .repository .tag }}
{{- end }}

{{/* The Secret the pods read DATABASE_URL, BETTER_AUTH_SECRET and the keys from. */}}
{{- define "todo-chatbot.secretName" -}}
{{- default (printf "%s-secrets" (include "todo-chatbot.fullname" .)) .Values.secrets.existingSecret }}
{{- end }}

{{- define "todo-chatbot.configMapName" -}}
{{- printf "%s-config" (include "todo-chatbot.fullname" .) }}
{{- end }}

{{/* The HTTP probes of a web component: startup, liveness and readiness on its probe path. */}}
{{- define "todo-chatbot.httpProbes" -}}
startupProbe:
  httpGet: {path: {{ .probes.path }}, port: http}
  periodSeconds: {{ .probes.startup.periodSeconds }}
  failureThreshold: {{ .probes.startup.failureThreshold }}
livenessProbe:
  httpGet: {path: {{ .probes.path }}, port: http}
  periodSeconds: {{ .probes.liveness.periodSeconds }}
  failureThreshold: {{ .probes.liveness.failureThreshold }}
readinessProbe:
  httpGet: {path: {{ .probes.path }}, port: http}
  periodSeconds: {{ .probes.readiness.periodSeconds }}
  failureThreshold: {{ .probes.readiness.failureThreshold }}
{{- end }}

{{/* Checks across values that values.schema.json cannot express; a failure stops the install with its message. */}}
{{- define "todo-chatbot.validate" -}}
{{- $hpa := .Values.backend.autoscaling }}
{{- if and $hpa.enabled (gt (int $hpa.minReplicas) (int $hpa.maxReplicas)) }}
{{- fail (printf "backend.autoscaling.minReplicas (%d) is greater than backend.autoscaling.maxReplicas (%d): the autoscaler needs min <= max." (int $hpa.minReplicas) (int $hpa.maxReplicas)) }}
{{- end }}
{{- if and (not .Values.postgres.enabled) (not .Values.externalDatabase.url) (not .Values.secrets.existingSecret) }}
{{- fail "postgres.enabled is false, so the backend needs a database: set externalDatabase.url (for example a Neon URL), or secrets.existingSecret with a DATABASE_URL key." }}
{{- end }}
{{- if and .Values.kai.enabled (eq .Values.kai.mode "job") (not .Values.kai.runbook.content) }}
{{- fail "kai.mode is job, so kai.runbook.content must hold the runbook it runs (see runbooks/ in the kai repository)." }}
{{- end }}
{{- end }}

{{/* The backend's environment: the secrets by key, then the extra variables. Call with (dict "root" $ "secret" NAME). */}}
{{- define "todo-chatbot.backendEnv" -}}
- name: DATABASE_URL
  valueFrom: {secretKeyRef: {name: {{ .secret }}, key: DATABASE_URL}}
- name: BETTER_AUTH_SECRET
  valueFrom: {secretKeyRef: {name: {{ .secret }}, key: BETTER_AUTH_SECRET}}
- name: OPENAI_API_KEY
  valueFrom: {secretKeyRef: {name: {{ .secret }}, key: OPENAI_API_KEY, optional: true}}
{{- range $name, $value := .root.Values.backend.extraEnv }}
- name: {{ $name }}
  value: {{ $value | quote }}
{{- end }}
{{- end }}

{{/*
kai's pod: its service account, the policy and settings from the ConfigMap, the provider's key
from a Secret, writable state on an emptyDir, and the same security as every component. Call
with (dict "root" $ "command" LIST "restartPolicy" POLICY).
*/}}
{{- define "todo-chatbot.kaiPod" -}}
{{- $root := .root }}
{{- $values := $root.Values.kai }}
{{- $name := printf "%s-kai" (include "todo-chatbot.fullname" $root) }}
metadata:
  labels:
    {{- include "todo-chatbot.podLabels" (dict "root" $root "component" "kai") | nindent 4 }}
  annotations:
    checksum/kai: {{ include (print $root.Template.BasePath "/kai-configmap.yaml") $root | sha256sum }}
spec:
  serviceAccountName: {{ $name }}
  # kai finds the API server, its token, the CA and its namespace in the pod, as client-go does.
  automountServiceAccountToken: true
  {{- with .restartPolicy }}
  restartPolicy: {{ . }}
  {{- end }}
  {{- with $root.Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  securityContext:
    {{- /* The kai image's user is uid 10001. */}}
    {{- toYaml (merge (dict "runAsUser" 10001 "runAsGroup" 10001 "fsGroup" 10001) $root.Values.podSecurityContext) | nindent 4 }}
  containers:
    - name: kai
      image: {{ include "todo-chatbot.image" $values.image }}
      imagePullPolicy: {{ $values.image.pullPolicy }}
      {{- with .command }}
      command:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .args }}
      args:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      env:
        - name: POD_NAMESPACE
          valueFrom: {fieldRef: {fieldPath: metadata.namespace}}
        # policy.yaml and config.yaml are read from $XDG_CONFIG_HOME/kai; history and the audit
        # log are written under $XDG_STATE_HOME/kai.
        - {name: XDG_CONFIG_HOME, value: /etc/xdg}
        - {name: XDG_STATE_HOME, value: /var/lib/kai}
        - {name: HOME, value: /tmp}
        {{- if $values.provider.name }}
        - name: {{ include "todo-chatbot.kaiKeyVariable" $values.provider.name }}
          valueFrom:
            secretKeyRef:
              name: {{ $values.provider.apiKeySecret.name | default (include "todo-chatbot.secretName" $root) }}
              key: {{ $values.provider.apiKeySecret.key }}
              optional: true
        {{- end }}
      resources:
        {{- toYaml $values.resources | nindent 8 }}
      securityContext:
        {{- toYaml $root.Values.containerSecurityContext | nindent 8 }}
      volumeMounts:
        - {name: settings, mountPath: /etc/xdg/kai, readOnly: true}
        - {name: state, mountPath: /var/lib/kai}
        - {name: tmp, mountPath: /tmp}
  volumes:
    - name: settings
      configMap:
        name: {{ $name }}
    - name: state
      emptyDir: {}
    - name: tmp
      emptyDir: {}
{{- end }}

{{/* The environment variable kai reads a provider's key from. */}}
{{- define "todo-chatbot.kaiKeyVariable" -}}
{{- $variables := dict "openai" "OPENAI_API_KEY" "anthropic" "ANTHROPIC_API_KEY" "gemini" "GEMINI_API_KEY" }}
{{- get $variables . | default "OPENAI_API_KEY" }}
{{- end }}
