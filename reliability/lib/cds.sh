# Sourced by reliability/run.sh and cluster/run.sh (needs their log()): a class-data archive of target/deskflow.jar
# extracted, which halves each boot (about 7 s to 4 s here). Made once per jar in target/reliability-cds/ (a new build
# or mvn clean makes it again), by one boot to a refreshed context; the jar is the same code either way.
#
# prepare_cds ROOT: sets JAR (the extracted jar; the fat jar as it is when extraction failed) and CDS_OPTS (empty
# without an archive). JWT_SECRET, when set, is the training boot's; else a random one.
prepare_cds() {
  local dir="$1/target/reliability-cds" stamp secret
  JAR="$1/target/deskflow.jar"
  CDS_OPTS=()
  # By content: a rebuild in the same second with the same size is another jar.
  stamp="$(sha256sum "$JAR" | cut -c1-16)"
  if [ ! -f "$dir/$stamp/app.jsa" ]; then
    log "making a class-data archive of target/deskflow.jar (once per build)"
    rm -rf "$dir" && mkdir -p "$dir/$stamp/train/environment"
    java -Djarmode=tools -jar "$JAR" extract --destination "$dir/$stamp/app" >/dev/null 2>&1 || return 0
    secret="${JWT_SECRET:-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
    printf 'APP_ENV=production\nJWT_SECRET=%s\n' "$secret" >"$dir/$stamp/train/environment/.env"
    (cd "$dir/$stamp/train" && java -XX:ArchiveClassesAtExit="$dir/$stamp/app.jsa" -Dspring.context.exit=onRefresh \
        -Dmoonlight.project-dir="$dir/$stamp/train" -jar "$dir/$stamp/app/deskflow.jar" runserver \
        --host 127.0.0.1 --port 0 --moonlight.rpc.listen=tcp://127.0.0.1:0 --moonlight.access-log=off) >"$dir/train.log" 2>&1 || true
  fi
  if [ -f "$dir/$stamp/app.jsa" ]; then
    JAR="$dir/$stamp/app/deskflow.jar"
    CDS_OPTS=(-XX:SharedArchiveFile="$dir/$stamp/app.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
  fi
}
