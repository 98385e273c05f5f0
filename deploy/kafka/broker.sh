#!/usr/bin/env bash
# broker.sh - run a local single-node Apache Kafka broker (KRaft, combined
# broker+controller, loopback only) from Maven Central jars; no Docker.
#
#   deploy/kafka/broker.sh start|stop|status|reset
#
# Environment:
#   KAFKA_PORT             client port (default 9092), listener 127.0.0.1:$KAFKA_PORT
#   KAFKA_CONTROLLER_PORT  KRaft controller port (default KAFKA_PORT+1)
#   KAFKA_STATE_DIR        state folder (default <repo>/.kafka, git-ignored)
#   KAFKA_START_TIMEOUT    seconds to wait for readiness (default 90)
#   KAFKA_STOP_TIMEOUT     seconds between SIGTERM and SIGKILL (default 15)
#   KAFKA_HEAP_OPTS        default "-Xms64m -Xmx512m"
#   KAFKA_JVM_OPTS         default "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 ..."
#   KAFKA_SASL_PORT        optional: also listen with SASL_PLAINTEXT (mechanism PLAIN) here
#   KAFKA_SASL_USERS       user:password,... for that listener (default sahelwatch:sahelwatch-secret)
#   KAFKA_PYTHON           optional python with kafka-python: extra readiness
#                          check (KafkaAdminClient.list_topics) after start
#   JAVA_HOME              java to use (else `java` on PATH); Java 17+ needed
#
# Layout: $KAFKA_STATE_DIR/libs/ (jars, shared by all ports; resolved by mvn
# from pom.xml next to this script, again only when pom.xml changes) and
# $KAFKA_STATE_DIR/broker-$KAFKA_PORT/{server.properties,cluster.id,broker.pid,data/,logs/}.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
POM=$SCRIPT_DIR/pom.xml
LOG4J_CONFIG=$SCRIPT_DIR/log4j2.properties

STATE_DIR=${KAFKA_STATE_DIR:-$REPO_ROOT/.kafka}
[[ $STATE_DIR == /* ]] || STATE_DIR=$PWD/$STATE_DIR
PORT=${KAFKA_PORT:-9092}
START_TIMEOUT=${KAFKA_START_TIMEOUT:-90}
STOP_TIMEOUT=${KAFKA_STOP_TIMEOUT:-15}
HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xms64m -Xmx512m}
JVM_OPTS=${KAFKA_JVM_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true -Dfile.encoding=UTF-8}

LIBS=$STATE_DIR/libs
INST=$STATE_DIR/broker-$PORT
DATA=$INST/data
LOGS=$INST/logs
PIDFILE=$INST/broker.pid
CONFIG=$INST/server.properties

HELD_LOCKS=()
TMP_PATHS=()

log() { printf 'broker.sh[%s]: %s\n' "$PORT" "$*"; }
err() { printf 'broker.sh[%s]: %s\n' "$PORT" "$*" >&2; }
die() { err "error: $*"; exit 1; }

cleanup() {
  local p
  for p in ${TMP_PATHS[@]+"${TMP_PATHS[@]}"}; do rm -rf -- "$p"; done
  for p in ${HELD_LOCKS[@]+"${HELD_LOCKS[@]}"}; do rm -rf -- "$p"; done
}
trap cleanup EXIT

is_uint() { [[ $1 =~ ^[0-9]+$ ]]; }

# Microseconds since the epoch (bash 5 EPOCHREALTIME), else whole seconds.
now_us() {
  if [[ -n ${EPOCHREALTIME:-} ]]; then
    local t=${EPOCHREALTIME/[.,]/}
    printf '%s' "$((10#$t))"
  else
    printf '%s' "$(( $(date +%s) * 1000000 ))"
  fi
}
# Seconds with one decimal between two now_us values.
elapsed() {
  local ds=$(( ($2 - $1) / 100000 ))
  printf '%d.%d' "$((ds / 10))" "$((ds % 10))"
}

check_port_vars() {
  if ! is_uint "$PORT" || (( PORT < 1 || PORT > 65534 )); then
    die "KAFKA_PORT must be a port number (1-65534), got '$PORT'"
  fi
  is_uint "$START_TIMEOUT" || die "KAFKA_START_TIMEOUT must be whole seconds, got '$START_TIMEOUT'"
  is_uint "$STOP_TIMEOUT" || die "KAFKA_STOP_TIMEOUT must be whole seconds, got '$STOP_TIMEOUT'"
}

# mkdir-based lock (portable, no flock); a lock whose holder died is broken.
acquire_lock() {
  local lock=$1 waited=0 holder
  while ! mkdir "$lock" 2>/dev/null; do
    holder=$(cat "$lock/pid" 2>/dev/null || true)
    if [[ -n $holder ]] && ! kill -0 "$holder" 2>/dev/null; then
      rm -rf -- "$lock"
      continue
    fi
    (( waited++ < 600 )) || die "waited 300 s for lock $lock (held by pid ${holder:-?}); remove it if stale"
    sleep 0.5
  done
  echo "$$" >"$lock/pid"
  HELD_LOCKS+=("$lock")
}
release_lock() {
  rm -rf -- "$1"
  local kept=() p
  for p in ${HELD_LOCKS[@]+"${HELD_LOCKS[@]}"}; do [[ $p == "$1" ]] || kept+=("$p"); done
  HELD_LOCKS=(${kept[@]+"${kept[@]}"})
}

find_java() {
  if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
    JAVA=$JAVA_HOME/bin/java
  elif command -v java >/dev/null 2>&1; then
    JAVA=$(command -v java)
  else
    die "java not found: Kafka 4.x needs a Java 17+ runtime (e.g. apt-get install openjdk-17-jre-headless) on PATH or in JAVA_HOME"
  fi
  local ver major
  ver=$("$JAVA" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')
  major=${ver%%.*}
  [[ $major == 1 ]] && { major=${ver#1.}; major=${major%%.*}; }
  major=${major%%[!0-9]*}
  is_uint "${major:-x}" || die "cannot tell the version of $JAVA ('$ver')"
  (( major >= 17 )) || die "$JAVA is Java $ver; Kafka 4.x needs Java 17 or newer (set JAVA_HOME)"
}

pom_hash() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum <"$POM" | awk '{print $1}'
  elif command -v shasum >/dev/null 2>&1; then shasum -a 256 <"$POM" | awk '{print $1}'
  else cksum <"$POM" | awk '{print $1 "-" $2}'
  fi
}

# libs/.stamp holds the pom hash and the jar count of the last resolution.
libs_ok() {
  [[ -f $LIBS/.stamp ]] || return 1
  local jars=("$LIBS"/*.jar)
  [[ -e ${jars[0]} ]] || return 1
  [[ $(cat "$LIBS/.stamp") == "$(pom_hash) ${#jars[@]}" ]]
}

ensure_libs() {
  libs_ok && return 0
  mkdir -p "$STATE_DIR"
  acquire_lock "$STATE_DIR/libs.lock"
  if ! libs_ok; then
    command -v mvn >/dev/null 2>&1 ||
      die "mvn not found: Apache Maven is needed once to download the Kafka jars listed in $POM (e.g. apt-get install maven)"
    local tmp=$STATE_DIR/libs.tmp.$$ t0 mvnlog=$STATE_DIR/mvn.log
    TMP_PATHS+=("$tmp")
    rm -rf -- "$tmp"
    log "resolving Kafka jars with Maven into $LIBS (once; again only when pom.xml changes) ..."
    t0=$(now_us)
    if ! mvn -B -q -f "$POM" dependency:copy-dependencies -DincludeScope=runtime \
        -DoutputDirectory="$tmp" >"$mvnlog" 2>&1 </dev/null; then
      tail -n 40 "$mvnlog" >&2
      die "mvn could not resolve the jars of $POM (full output: $mvnlog)"
    fi
    local jars=("$tmp"/*.jar)
    [[ -e ${jars[0]} ]] || die "mvn produced no jars in $tmp (see $mvnlog)"
    echo "$(pom_hash) ${#jars[@]}" >"$tmp/.stamp"
    rm -rf -- "$LIBS.old"
    if [[ -d $LIBS ]]; then mv -- "$LIBS" "$LIBS.old"; fi
    mv -- "$tmp" "$LIBS"
    rm -rf -- "$LIBS.old"
    log "resolved ${#jars[@]} jars in $(elapsed "$t0" "$(now_us)") s"
  fi
  release_lock "$STATE_DIR/libs.lock"
}

read_pid() {
  local pid=""
  [[ -f $PIDFILE ]] && pid=$(tr -dc '0-9' <"$PIDFILE" || true)
  printf '%s' "$pid"
}

# True if $1 is a live (non-zombie) java running kafka.Kafka with this
# instance's server.properties; guards against pid reuse.
is_our_broker() {
  local pid=$1 args
  is_uint "${pid:-x}" || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r /proc/$pid/cmdline ]]; then
    args=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  else
    args=$(ps -ww -o args= -p "$pid" 2>/dev/null) || return 1
  fi
  [[ $args == *java* && $args == *" kafka.Kafka "* && $args == *"$CONFIG"* ]]
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

rss_mib() {
  local kb
  kb=$(ps -o rss= -p "$1" 2>/dev/null | tr -dc '0-9' || true)
  [[ -n $kb ]] && printf '%s' "$((kb / 1024))" || printf '?'
}

# Kafka Uuid: URL-safe base64 of 16 random bytes, no padding, not starting with '-'.
new_cluster_id() {
  local id
  while :; do
    id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
    [[ ${#id} == 22 && $id != -* ]] && break
  done
  printf '%s\n' "$id"
}

# Listener lines, plus a SASL_PLAINTEXT listener with PLAIN users when KAFKA_SASL_PORT is set.
listener_config() {
  local cport=$1
  local listeners="PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$cport"
  local map="CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT" users="" pair
  if [[ -n ${KAFKA_SASL_PORT:-} ]]; then
    listeners+=",SASL_PLAINTEXT://127.0.0.1:$KAFKA_SASL_PORT"
    map+=",SASL_PLAINTEXT:SASL_PLAINTEXT"
    local pairs
    IFS=',' read -ra pairs <<<"${KAFKA_SASL_USERS:-sahelwatch:sahelwatch-secret}"
    for pair in "${pairs[@]}"; do users+=" user_${pair%%:*}=\"${pair#*:}\""; done
  fi
  printf 'listeners=%s\nadvertised.listeners=%s\nlistener.security.protocol.map=%s\n' \
    "$listeners" "$listeners" "$map"
  if [[ -n ${KAFKA_SASL_PORT:-} ]]; then
    printf 'sasl.enabled.mechanisms=PLAIN\n'
    printf 'listener.name.sasl_plaintext.plain.sasl.jaas.config=%s%s;\n' \
      "org.apache.kafka.common.security.plain.PlainLoginModule required" "$users"
  fi
}

write_config() {
  local cport=$1
  cat >"$CONFIG.tmp" <<EOF
# Generated by deploy/kafka/broker.sh on each start; edits are overwritten.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$cport
$(listener_config "$cport")
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$DATA
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
share.coordinator.state.topic.num.partitions=1
group.initial.rebalance.delay.ms=0
# After a kill -9 the restarted broker is refused (DUPLICATE_BROKER_REGISTRATION)
# until its old session expires: 4 s instead of the default 9 s.
broker.heartbeat.interval.ms=1000
broker.session.timeout.ms=4000
num.network.threads=2
num.io.threads=2
num.recovery.threads.per.data.dir=1
background.threads=2
log.cleaner.dedupe.buffer.size=16777216
EOF
  mv -- "$CONFIG.tmp" "$CONFIG"
}

# A real Kafka request: Metadata v4 (all topics) over bash's /dev/tcp; ready
# when the answer lists this broker (KRaft lists only unfenced brokers).
metadata_ready() {
  command -v timeout >/dev/null 2>&1 || return 0 # cannot bound the read; rely on the log lines
  local out bytes=()
  # shellcheck disable=SC2016 # $1 is expanded by the inner bash
  out=$(timeout 5 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    # size 17 | api_key 3 (Metadata) | version 4 | correlation id 42 | client id "sh" | topics null | no auto-create
    printf "\x00\x00\x00\x11\x00\x03\x00\x04\x00\x00\x00\x2a\x00\x02sh\xff\xff\xff\xff\x00" >&3
    head -c 20 <&3 | od -An -tu1' metadata-check "$PORT" 2>/dev/null) || return 1
  read -r -d '' -a bytes <<<"$out" || true
  # response: size(4) correlation_id(4) throttle_ms(4) broker_count(4) first node_id(4)
  (( ${#bytes[@]} == 20 )) || return 1
  [[ "${bytes[*]:4:4}" == "0 0 0 42" ]] || return 1
  [[ "${bytes[*]:12:4}" != "0 0 0 0" ]] || return 1
  [[ "${bytes[*]:16:4}" == "0 0 0 1" ]]
}

python_ready() {
  [[ -n ${KAFKA_PYTHON:-} ]] || return 0
  "$KAFKA_PYTHON" - "127.0.0.1:$PORT" >>"$LOGS/readiness.log" 2>&1 <<'PY'
import sys
from kafka import KafkaAdminClient
admin = KafkaAdminClient(bootstrap_servers=sys.argv[1], client_id="broker.sh-readiness",
                         request_timeout_ms=10000)
try:
    print("topics:", sorted(admin.list_topics()))
finally:
    admin.close()
PY
}

print_failure() {
  err "---- last 40 lines of $LOGS/server.log ----"
  tail -n 40 "$LOGS/server.log" >&2 2>/dev/null || err "(no server.log)"
  if [[ -s $LOGS/stdout.log ]]; then
    err "---- last 40 lines of $LOGS/stdout.log (JVM stdout/stderr) ----"
    tail -n 40 "$LOGS/stdout.log" >&2
  fi
  if [[ -s $LOGS/readiness.log ]]; then
    err "---- last 20 lines of $LOGS/readiness.log (KAFKA_PYTHON check) ----"
    tail -n 20 "$LOGS/readiness.log" >&2
  fi
}

# SIGTERM, wait up to STOP_TIMEOUT, then SIGKILL.
terminate() {
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || true
  for (( i = 0; i < STOP_TIMEOUT * 5; i++ )); do
    is_our_broker "$pid" || return 0
    sleep 0.2
  done
  err "pid $pid still running after ${STOP_TIMEOUT} s, sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for (( i = 0; i < 50; i++ )); do
    is_our_broker "$pid" || return 0
    sleep 0.2
  done
  die "pid $pid survived SIGKILL"
}

cmd_start() {
  local t0 pid cport
  t0=$(now_us)
  mkdir -p "$STATE_DIR"
  acquire_lock "$STATE_DIR/broker-$PORT.lock"

  pid=$(read_pid)
  if [[ -n $pid ]]; then
    if is_our_broker "$pid"; then
      log "already running (pid $pid)"
      echo "bootstrap.servers=127.0.0.1:$PORT"
      return 0
    fi
    log "removing stale pid file (pid $pid is not our broker)"
    rm -f -- "$PIDFILE"
  fi

  find_java
  if [[ -n ${KAFKA_PYTHON:-} ]] && ! command -v "$KAFKA_PYTHON" >/dev/null 2>&1; then
    die "KAFKA_PYTHON=$KAFKA_PYTHON is not an executable python"
  fi
  ensure_libs

  # The controller port is part of the formatted quorum: keep the one the
  # instance was created with.
  cport=""
  if [[ -f $DATA/meta.properties && -f $CONFIG ]]; then
    cport=$(sed -n 's/^controller\.quorum\.bootstrap\.servers=127\.0\.0\.1://p' "$CONFIG")
    if [[ -n ${KAFKA_CONTROLLER_PORT:-} && -n $cport && $KAFKA_CONTROLLER_PORT != "$cport" ]]; then
      die "$INST was created with controller port $cport; unset KAFKA_CONTROLLER_PORT or run '$0 reset' first"
    fi
  fi
  [[ -n $cport ]] || cport=${KAFKA_CONTROLLER_PORT:-$((PORT + 1))}
  if ! is_uint "$cport" || (( cport < 1 || cport > 65535 || cport == PORT )); then
    die "bad controller port '$cport' (KAFKA_CONTROLLER_PORT; must differ from KAFKA_PORT)"
  fi

  local p
  for p in "$PORT" "$cport"; do
    if port_in_use "$p"; then
      die "port $p on 127.0.0.1 is already in use by another process (not a broker started by this script from $INST)"
    fi
  done

  mkdir -p "$DATA" "$LOGS"
  local f
  for f in server.log stdout.log readiness.log; do
    if [[ -f $LOGS/$f ]]; then mv -f -- "$LOGS/$f" "$LOGS/$f.1"; fi
  done
  : >"$LOGS/server.log"
  write_config "$cport"

  local heap=() jvm=()
  read -r -a heap <<<"$HEAP_OPTS"
  read -r -a jvm <<<"$JVM_OPTS"
  local logopts=("-Dlog4j2.configurationFile=$LOG4J_CONFIG" "-Dkafka.logs.dir=$LOGS")

  if [[ ! -f $DATA/meta.properties ]]; then
    [[ -s $INST/cluster.id ]] || new_cluster_id >"$INST/cluster.id"
    local cid
    cid=$(tr -d ' \n' <"$INST/cluster.id")
    log "formatting new KRaft storage in $DATA (cluster id $cid)"
    if ! "$JAVA" -Xmx256m "${jvm[@]}" "${logopts[@]}" -cp "$LIBS/*" kafka.tools.StorageTool \
        format --standalone -t "$cid" -c "$CONFIG" >"$LOGS/format.log" 2>&1 </dev/null; then
      cat "$LOGS/format.log" >&2
      rm -rf -- "$DATA"
      die "formatting the storage failed"
    fi
  fi

  local launcher=()
  if command -v setsid >/dev/null 2>&1; then launcher=(setsid); else launcher=(nohup); fi
  local t_jvm
  t_jvm=$(now_us)
  rm -f -- "$PIDFILE"
  # The inner bash writes its own pid and execs java, so the pid file holds the java pid.
  # shellcheck disable=SC2016 # $1 is expanded by the inner bash
  "${launcher[@]}" bash -c 'echo "$$" >"$1"; shift; exec "$@"' broker-launch "$PIDFILE" \
    "$JAVA" "${heap[@]}" "${jvm[@]}" "${logopts[@]}" -cp "$LIBS/*" kafka.Kafka "$CONFIG" \
    </dev/null >"$LOGS/stdout.log" 2>&1 &

  local deadline=$(( t0 + START_TIMEOUT * 1000000 )) i
  for (( i = 0; i < 50; i++ )); do
    pid=$(read_pid)
    [[ -n $pid ]] && break
    sleep 0.1
  done
  [[ -n $pid ]] || { print_failure; die "the broker process did not start"; }

  local stage="log line 'Kafka Server started'"
  while :; do
    if ! is_our_broker "$pid"; then
      rm -f -- "$PIDFILE"
      print_failure
      die "the broker (pid $pid) exited while starting"
    fi
    case $stage in
      "log line 'Kafka Server started'")
        if grep -q 'Kafka Server started' "$LOGS/server.log"; then
          grep -q 'Transitioning from RECOVERY to RUNNING' "$LOGS/server.log" ||
            err "warning: 'Kafka Server started' without 'Transitioning from RECOVERY to RUNNING' in the log"
          stage="a Metadata request"
          continue
        fi ;;
      "a Metadata request")
        if metadata_ready; then
          stage="KafkaAdminClient.list_topics() with ${KAFKA_PYTHON:-}"
          [[ -n ${KAFKA_PYTHON:-} ]] || break
          continue
        fi ;;
      *)
        if python_ready; then break; fi ;;
    esac
    if (( $(now_us) > deadline )); then
      print_failure
      err "timed out after ${START_TIMEOUT} s waiting for $stage; stopping pid $pid"
      terminate "$pid"
      rm -f -- "$PIDFILE"
      exit 1
    fi
    sleep 0.2
  done

  local t1
  t1=$(now_us)
  log "started Kafka broker (pid $pid, data $DATA) in $(elapsed "$t0" "$t1") s (JVM launch to ready $(elapsed "$t_jvm" "$t1") s), RSS $(rss_mib "$pid") MiB"
  echo "bootstrap.servers=127.0.0.1:$PORT"
}

cmd_stop() {
  mkdir -p "$STATE_DIR"
  acquire_lock "$STATE_DIR/broker-$PORT.lock"
  local pid t0
  pid=$(read_pid)
  if [[ -z $pid ]]; then
    log "not running"
    return 0
  fi
  if ! is_our_broker "$pid"; then
    rm -f -- "$PIDFILE"
    log "not running (removed stale pid file of pid $pid)"
    return 0
  fi
  t0=$(now_us)
  terminate "$pid"
  rm -f -- "$PIDFILE"
  log "stopped (pid $pid) in $(elapsed "$t0" "$(now_us)") s"
}

cmd_status() {
  local pid
  pid=$(read_pid)
  if [[ -n $pid ]] && is_our_broker "$pid"; then
    log "running (pid $pid, port $PORT, bootstrap.servers=127.0.0.1:$PORT, RSS $(rss_mib "$pid") MiB)"
    return 0
  fi
  if [[ -n $pid ]]; then
    log "stopped (port $PORT; stale pid file for pid $pid)"
  else
    log "stopped (port $PORT)"
  fi
  return 3
}

cmd_reset() {
  cmd_stop
  [[ $INST == */broker-"$PORT" ]] || die "refusing to delete unexpected path $INST"
  if [[ -d $INST ]]; then
    rm -rf -- "$INST"
    log "deleted $INST"
  else
    log "nothing to delete ($INST does not exist)"
  fi
}

usage() {
  sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

main() {
  local cmd=${1:-}
  case $cmd in
    -h | --help | help) usage; return 0 ;;
  esac
  check_port_vars
  case $cmd in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    reset) cmd_reset ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
