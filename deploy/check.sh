#!/usr/bin/env bash
# Checks the deploy files on this machine, without Docker or systemd running anything:
#   1. Dockerfile: its extract, layout, ENTRYPOINT and HEALTHCHECK run on the built jar (DockerfileCheck.java);
#   2. nginx/deskflow.conf: `nginx -t` on a wrapper that includes it (a throwaway certificate for its TLS lines), and
#      nginx/cluster.conf (N instances, what cluster/run.sh runs) the same way;
#   3. haproxy/deskflow.cfg (N instances behind HAProxy, checks on /ready; what cluster/run.sh runs): `haproxy -c`;
#   4. deskflow.service: `systemd-analyze verify`.
# compose.yaml and k8s/ are checked for syntax and essentials by the main suite (DeployFilesTests, SnakeYAML).
# Needs the packaged jar, so it runs after `./mvnw package` (.ci/run calls it after the benchmarks built it); without
# target/deskflow.jar it builds one. A missing nginx, haproxy or systemd-analyze fails, unless DEPLOY_CHECK_ALLOW_SKIP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT_DIR=$(pwd)

jar=${1:-target/deskflow.jar}
log() { printf '\n==> %s\n' "$*"; }
missing() {
  if [ "${DEPLOY_CHECK_ALLOW_SKIP:-0}" = 1 ]; then echo "SKIPPED: $1 is not installed"; return 0; fi
  echo "FAIL: $1 is not installed (apt-get install -y $2, or DEPLOY_CHECK_ALLOW_SKIP=1)" >&2; exit 1
}

if [ ! -f "$jar" ]; then
  log "building $jar"
  ./mvnw -B -q package -DskipTests
fi

log "1/4 deploy/Dockerfile on $jar"
java deploy/DockerfileCheck.java "$jar" deploy/Dockerfile

log "2/4 nginx -t on deploy/nginx/deskflow.conf and deploy/nginx/cluster.conf"
if command -v nginx >/dev/null; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=deskflow.example.com \
    -keyout "$tmp/privkey.pem" -out "$tmp/fullchain.pem" 2>/dev/null
  # The site as shipped, with only its certificate paths pointed at the throwaway pair.
  sed -e "s#/etc/letsencrypt/live/deskflow.example.com/#$tmp/#" deploy/nginx/deskflow.conf > "$tmp/deskflow.conf"
  cat > "$tmp/nginx.conf" <<NGINX
pid $tmp/nginx.pid;
error_log stderr;
events {}
http {
    access_log off;
    include $tmp/deskflow.conf;
}
NGINX
  nginx -t -p "$tmp" -c "$tmp/nginx.conf"
  # The cluster's site alone (its upstream and map are named as the other site's: one site at a time).
  sed -e "s#include $tmp/deskflow.conf;#include $ROOT_DIR/deploy/nginx/cluster.conf;#" "$tmp/nginx.conf" >"$tmp/cluster-nginx.conf"
  nginx -t -p "$tmp" -c "$tmp/cluster-nginx.conf"
else
  missing nginx nginx-light
fi

log "3/4 haproxy -c on deploy/haproxy/deskflow.cfg"
if command -v haproxy >/dev/null; then
  # As shipped: its bind line (:80) and server addresses are only parsed, nothing is bound or connected.
  haproxy -c -f deploy/haproxy/deskflow.cfg
else
  missing haproxy haproxy
fi

log "4/4 systemd-analyze verify deploy/deskflow.service"
if command -v systemd-analyze >/dev/null; then
  out=$(systemd-analyze verify deploy/deskflow.service 2>&1) || { echo "$out" >&2; exit 1; }
  # verify exits 0 on unknown keys; a warning about this unit is a failure too.
  if grep -q "deskflow.service" <<<"$out"; then echo "$out" >&2; exit 1; fi
  echo "deskflow.service: OK"
else
  missing systemd-analyze systemd
fi

log "deploy files checked"
