#!/usr/bin/env bash
# The topology of docker/compose.yaml without Docker: two Caseway nodes from the image's layout
# (the jar's layers extracted and copied in the Dockerfile's order, started with the same
# launcher, JVM flags and environment variables as the containers), one PostgreSQL database made
# by the same init script, nginx with docker/nginx.conf on one port and Prometheus with
# docker/prometheus.yml, all on 127.0.0.1 of this machine.
#
#   docker/run-local.sh smoke   start everything, check it, print the figures, stop, drop the database
#   docker/run-local.sh up      start everything and keep it running until Ctrl-C (then the same clean-up)
#
# Needs: the jar (mvn -B -ntp package -DskipTests), PostgreSQL on PGHOST:PGPORT (default
# 127.0.0.1:5432) where PGUSER (postgres) may create roles and databases without a password
# (trust; or set PGPASSWORD), curl. Optional: nginx (NGINX_BIN=/path/to/nginx) and Prometheus
# (PROMETHEUS_BIN=/path/to/prometheus); without them those parts are skipped.
#
# What differs from the containers, and why:
#   host names      postgres -> $PGHOST:$PGPORT, caseway-a/-b -> 127.0.0.1:8081/8082
#   ports           nodes 8081/8082 (PORT), nginx 8090, Prometheus 9091 (not 8080/9090: shared machine)
#   database        caseway_local, role caseway_local (fresh each run, dropped at the end)
#   memory limit    -XX:MaxRAM=1536m stands in for the container's mem_limit (the JVM sizes its heap from it)
#   nginx           `resolve` (nginx 1.27.3+) removed from the upstream servers when the local nginx is older;
#                   temp/pid paths in the work folder
# Everything else (variables, values, profile, session route, JVM flags, launcher) is taken from
# docker/compose.yaml and docker/Dockerfile as they are; `smoke` checks the environment against
# `docker-compose config` where docker-compose is installed.
set -euo pipefail

MODE=${1:-smoke}
case "$MODE" in smoke|up) ;; *) echo "usage: $0 smoke|up" >&2; exit 2 ;; esac

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
WORK=${CASEWAY_LOCAL_DIR:-/tmp/caseway-local}
PORT_A=${PORT_A:-8081}
PORT_B=${PORT_B:-8082}
PORT_PROXY=${PORT_PROXY:-8090}
PORT_PROMETHEUS=${PORT_PROMETHEUS:-9091}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
# (not NGINX: nginx itself reads that variable)
NGINX_BIN=${NGINX_BIN:-$(command -v nginx || true)}
PROMETHEUS_BIN=${PROMETHEUS_BIN:-$(command -v prometheus || true)}
START_TIMEOUT=${START_TIMEOUT:-300}
# NMT=1: the JVM's native memory tracking, and its summary (heap and what lies outside it) in the figures
NMT=${NMT:-0}

log() { printf '[run-local %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
fail() { log "FAILED: $*"; exit 1; }

# --- the compose file's variables, from docker/.env (or the example) ------------------------
ENV_FILE=${ENV_FILE:-$HERE/.env}
[ -f "$ENV_FILE" ] || ENV_FILE=$HERE/.env.example
log "variables from $ENV_FILE"
set -a
# shellcheck disable=SC1090
. "$ENV_FILE"
set +a
# this machine's database: a fresh one of its own, whatever the env file names
CASEWAY_DB_NAME=caseway_local
CASEWAY_DB_USER=caseway_local

# The nodes' environment: the same keys and values as `environment:` of caseway-a/-b in
# compose.yaml (defaults included), the database URL pointing at this machine.
node_env() {  # $1 = route (a|b), $2 = port
  cat <<EOF
SPRING_PROFILES_ACTIVE=${CASEWAY_PROFILES:-postgres}
CASEWAY_DB_URL=jdbc:postgresql://$PGHOST:$PGPORT/$CASEWAY_DB_NAME
CASEWAY_DB_USER=$CASEWAY_DB_USER
CASEWAY_DB_PASSWORD=${CASEWAY_DB_PASSWORD:?}
CASEWAY_DB_POOL_SIZE=${CASEWAY_DB_POOL_SIZE:-20}
CASEWAY_TIME_ZONE=${CASEWAY_TIME_ZONE:-America/Chicago}
CAMUNDA_BPM_ADMINUSER_ID=${CASEWAY_ADMIN_USER:-admin}
CAMUNDA_BPM_ADMINUSER_PASSWORD=${CASEWAY_ADMIN_PASSWORD:?}
CASEWAY_DEMO_PASSWORD=${CASEWAY_DEMO_PASSWORD:-demo}
CASEWAY_MAIL_HOST=${CASEWAY_MAIL_HOST:-}
CASEWAY_MAIL_PORT=${CASEWAY_MAIL_PORT:-587}
CASEWAY_MAIL_USERNAME=${CASEWAY_MAIL_USERNAME:-}
CASEWAY_MAIL_PASSWORD=${CASEWAY_MAIL_PASSWORD:-}
CASEWAY_MAIL_FROM=${CASEWAY_MAIL_FROM:-caseway@localhost}
SERVER_FORWARD_HEADERS_STRATEGY=native
CASEWAY_SESSION_ROUTE=$1
EOF
}

# the image's ENV (Dockerfile), plus the container memory limit the JVM would see
IMAGE_JAVA_TOOL_OPTIONS=$(sed -n 's/^ *JAVA_TOOL_OPTIONS="\([^"]*\)".*/\1/p' "$HERE/Dockerfile")
[ -n "$IMAGE_JAVA_TOOL_OPTIONS" ] || fail "no JAVA_TOOL_OPTIONS in docker/Dockerfile"
MEM_LIMIT=$(sed -n 's/^ *mem_limit: *//p' "$HERE/compose.yaml" | head -1)
LAUNCHER=$(sed -n 's/^ENTRYPOINT \["java", "\([^"]*\)"\]/\1/p' "$HERE/Dockerfile")
[ -n "$LAUNCHER" ] || fail "no ENTRYPOINT launcher in docker/Dockerfile"

# --- clean-up: only what this script started, by pid -----------------------------------------
PIDS=()
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  log "stopping"
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && { log "pid $pid still running, killing"; kill -KILL "$pid" 2>/dev/null || true; }
  done
  if [ "${DB_CREATED:-}" = yes ]; then
    psql -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $CASEWAY_DB_NAME WITH (FORCE)" \
         -c "DROP ROLE IF EXISTS $CASEWAY_DB_USER" && log "dropped database and role $CASEWAY_DB_NAME"
  fi
  log "logs are in $WORK"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for port in "$PORT_A" "$PORT_B" "$PORT_PROXY" "$PORT_PROMETHEUS"; do
  if (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then fail "port $port is in use"; fi
done

# --- the image's /app: the jar's layers, copied in the Dockerfile's order -------------------
JAR=$(find "$ROOT/target" -maxdepth 1 -name "caseway-*.jar" 2>/dev/null | head -1)
[ -n "$JAR" ] || fail "no target/caseway-*.jar: mvn -B -ntp package -DskipTests"
rm -rf "$WORK"; mkdir -p "$WORK/app" "$WORK/data-a" "$WORK/data-b"
java -Djarmode=tools -jar "$JAR" extract --layers --launcher --destination "$WORK/layers" >/dev/null
layers=$(sed -n 's/^COPY --from=build \/layers\/\([a-z-]*\)\/ .*/\1/p' "$HERE/Dockerfile" | tr '\n' ' ')
[ "$layers" = "dependencies spring-boot-loader snapshot-dependencies application " ] \
  || fail "unexpected layer order in the Dockerfile: $layers"
[ "$(java -Djarmode=tools -jar "$JAR" list-layers | tr '\n' ' ')" = "$layers" ] \
  || fail "the jar's layers differ from the Dockerfile's COPY lines"
for layer in $layers; do
  cp -a "$WORK/layers/$layer/." "$WORK/app/"
  log "layer $layer: $(du -sh "$WORK/layers/$layer" | cut -f1)"
done

# --- the database, by the postgres container's init script ----------------------------------
if psql -Atqd postgres -c "SELECT 1 FROM pg_database WHERE datname = '$CASEWAY_DB_NAME'" | grep -q 1; then
  fail "database $CASEWAY_DB_NAME exists already (another run?); drop it first"
fi
DB_CREATED=yes
POSTGRES_USER=$PGUSER CASEWAY_DB_NAME=$CASEWAY_DB_NAME CASEWAY_DB_USER=$CASEWAY_DB_USER \
  CASEWAY_DB_PASSWORD=$CASEWAY_DB_PASSWORD "$HERE/postgres/10-caseway.sh"

# --- the nodes: a first, b once a is ready (compose: depends_on caseway-a service_healthy) ----
declare -A STARTED READY
start_node() {  # $1 route, $2 port
  local route=$1 port=$2 envs=()
  mapfile -t envs < <(node_env "$route" "$port")
  (cd "$WORK/app" && exec env -i PATH="$PATH" HOME="$WORK" LANG=C.UTF-8 "${envs[@]}" \
      PORT="$port" CASEWAY_DATA_DIR="$WORK/data-$route" \
      JAVA_TOOL_OPTIONS="$IMAGE_JAVA_TOOL_OPTIONS -XX:MaxRAM=$MEM_LIMIT$([ "$NMT" = 1 ] && echo ' -XX:NativeMemoryTracking=summary')" \
      java "$LAUNCHER" >"$WORK/node-$route.log" 2>&1) &
  PIDS+=("$!")
  echo "$!" >"$WORK/node-$route.pid"
  STARTED[$route]=$(date +%s%N)
  log "node $route: pid $! on port $port"
}
wait_ready() {  # $1 route, $2 port; the image's HEALTHCHECK command
  local route=$1 port=$2 pid
  pid=$(cat "$WORK/node-$route.pid")
  for _ in $(seq 1 "$START_TIMEOUT"); do
    kill -0 "$pid" 2>/dev/null || fail "node $route exited: $(tail -5 "$WORK/node-$route.log")"
    if curl -fs -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness"; then
      READY[$route]=$(awk -v a="${STARTED[$route]}" -v b="$(date +%s%N)" 'BEGIN {printf "%.1f", (b - a) / 1e9}')
      log "node $route ready after ${READY[$route]} s"
      return 0
    fi
    sleep 1
  done
  fail "node $route not ready within $START_TIMEOUT s"
}
start_node a "$PORT_A"; wait_ready a "$PORT_A"
start_node b "$PORT_B"; wait_ready b "$PORT_B"

# --- nginx with docker/nginx.conf -------------------------------------------------------------
if [ -n "$NGINX_BIN" ]; then
  mkdir -p "$WORK/nginx/tmp"; chmod 777 "$WORK/nginx/tmp"
  nginx_version=$("$NGINX_BIN" -v 2>&1 | sed 's/.*nginx\///')
  sed -e "s/caseway-a:8080/127.0.0.1:$PORT_A/g" -e "s/caseway-b:8080/127.0.0.1:$PORT_B/g" \
      -e "s/listen 8080;/listen 127.0.0.1:$PORT_PROXY;/" \
      -e "s|^http {|http {\n    client_body_temp_path $WORK/nginx/tmp/body;\n    proxy_temp_path $WORK/nginx/tmp/proxy;\n    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;\n    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;\n    scgi_temp_path $WORK/nginx/tmp/scgi;|" \
      "$HERE/nginx.conf" >"$WORK/nginx/nginx.conf"
  if [ "$(printf '%s\n' "$nginx_version" 1.27.3 | sort -V | head -1)" != 1.27.3 ]; then
    log "nginx $nginx_version predates 'resolve' (1.27.3): removed from the local copy"
    sed -i 's/ resolve\b//' "$WORK/nginx/nginx.conf"
  fi
  "$NGINX_BIN" -t -q -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g "pid $WORK/nginx/nginx.pid;" \
    || fail "nginx -t"
  "$NGINX_BIN" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g "pid $WORK/nginx/nginx.pid; daemon off;" \
    >"$WORK/nginx/nginx.log" 2>&1 &
  PIDS+=("$!")
  for _ in $(seq 1 20); do curl -fs -o /dev/null "http://127.0.0.1:$PORT_PROXY/actuator/health" && break; sleep 0.5; done
  log "nginx $nginx_version: pid $! on port $PORT_PROXY"
else
  log "no nginx (set NGINX_BIN=): proxy not started"
fi

# --- Prometheus with docker/prometheus.yml ----------------------------------------------------
if [ -n "$PROMETHEUS_BIN" ]; then
  mkdir -p "$WORK/prometheus"
  sed -e "s/caseway-a:8080/127.0.0.1:$PORT_A/" -e "s/caseway-b:8080/127.0.0.1:$PORT_B/" \
      -e "s/scrape_interval: 15s/scrape_interval: 2s/" \
      "$HERE/prometheus.yml" >"$WORK/prometheus/prometheus.yml"
  "$PROMETHEUS_BIN" --config.file="$WORK/prometheus/prometheus.yml" --storage.tsdb.path="$WORK/prometheus/data" \
    --web.listen-address="127.0.0.1:$PORT_PROMETHEUS" >"$WORK/prometheus/prometheus.log" 2>&1 &
  PIDS+=("$!")
  log "prometheus: pid $! on port $PORT_PROMETHEUS (scrape interval 2 s here)"
else
  log "no prometheus (set PROMETHEUS_BIN=): not started"
fi

if [ "$MODE" = up ]; then
  log "running: nodes http://127.0.0.1:$PORT_A http://127.0.0.1:$PORT_B, proxy http://127.0.0.1:$PORT_PROXY; Ctrl-C stops"
  wait
  exit 0
fi

# --- smoke checks ------------------------------------------------------------------------------
PASSED=0; FAILED=0
check() {  # $1 description, rest: command
  local what=$1; shift
  if "$@"; then PASSED=$((PASSED + 1)); log "ok   $what"; else FAILED=$((FAILED + 1)); log "FAIL $what"; fi
}
status_is() {  # $1 expected status, rest: curl args
  local want=$1 got; shift
  got=$(curl -s -o /dev/null -w '%{http_code}' "$@"); [ "$got" = "$want" ] || { echo "  got $got" >&2; return 1; }
}
health_up() { curl -fsS "$1" | grep -q '"status":"UP"'; }
ADMIN="${CASEWAY_ADMIN_USER:-admin}:$CASEWAY_ADMIN_PASSWORD"

# the nodes ran with the environment docker-compose renders for caseway-a and caseway-b
same_env_as_compose() {  # $1 route
  local rendered
  rendered=$(CASEWAY_DB_NAME=$CASEWAY_DB_NAME CASEWAY_DB_USER=$CASEWAY_DB_USER \
             docker-compose -f "$HERE/compose.yaml" --env-file "$ENV_FILE" config) || return 1
  python3 - "caseway-$1" "$PGHOST:$PGPORT" "$rendered" "$(node_env "$1")" <<'PY'
import sys, yaml
service, db_host, rendered, local = sys.argv[1:]
compose = {k: str(v) for k, v in yaml.safe_load(rendered)["services"][service]["environment"].items()}
compose["CASEWAY_DB_URL"] = compose["CASEWAY_DB_URL"].replace("//postgres:5432/", "//" + db_host + "/")
ran = dict(line.split("=", 1) for line in local.splitlines())
if compose != ran:
    for key in sorted(set(compose) | set(ran)):
        if compose.get(key) != ran.get(key):
            print(f"  {key}: compose {compose.get(key)!r}, here {ran.get(key)!r}", file=sys.stderr)
    sys.exit(1)
PY
}
if command -v docker-compose >/dev/null && python3 -c 'import yaml' 2>/dev/null; then
  check "node a's environment is compose.yaml's caseway-a (docker-compose config)" same_env_as_compose a
  check "node b's environment is compose.yaml's caseway-b (docker-compose config)" same_env_as_compose b
else
  log "no docker-compose: the environment was not compared with compose.yaml"
fi

check "node a /actuator/health UP" health_up "http://127.0.0.1:$PORT_A/actuator/health"
check "node b /actuator/health UP" health_up "http://127.0.0.1:$PORT_B/actuator/health"
check "node a liveness UP" health_up "http://127.0.0.1:$PORT_A/actuator/health/liveness"
check "node b readiness UP" health_up "http://127.0.0.1:$PORT_B/actuator/health/readiness"
check "node a serves /actuator/prometheus" status_is 200 "http://127.0.0.1:$PORT_A/actuator/prometheus"
if [[ "${CASEWAY_PROFILES:-postgres}" != *demo* ]]; then
  check "no demo user outside the demo profile (demo/demo: 401)" status_is 401 -u demo:demo "http://127.0.0.1:$PORT_A/api/cases"
fi

if [ -n "$NGINX_BIN" ]; then
  P="http://127.0.0.1:$PORT_PROXY"
  check "proxy /actuator/health UP" health_up "$P/actuator/health"
  check "proxy /actuator/health/readiness UP" health_up "$P/actuator/health/readiness"
  check "proxy hides /actuator/prometheus (404)" status_is 404 "$P/actuator/prometheus"
  check "proxy GET /api/cases as the first admin (200)" status_is 200 -u "$ADMIN" "$P/api/cases"
  check "proxy GET /api/cases without login (401)" status_is 401 "$P/api/cases"
  if [[ "${CASEWAY_PROFILES:-postgres}" == *demo* ]]; then
    check "proxy GET /api/cases as demo/demo (200)" status_is 200 -u demo:demo "$P/api/cases"
  fi
  # the redirect to the webapps keeps the proxy's host and port (Host $http_host)
  location=$(curl -s -o /dev/null -w '%{redirect_url}' "$P/")
  check "proxy GET / redirects to $location" bash -c "[[ '$location' == 'http://127.0.0.1:$PORT_PROXY/camunda/app/'* ]]"

  # a case opened through the proxy is in the one database: both nodes read it
  opened=$(curl -s -u "$ADMIN" -H 'Content-Type: application/json' "$P/api/cases" -d '{
    "client": {"firstName": "Test", "lastName": "Client", "dateOfBirth": "1980-05-01", "preferredLanguage": "en"},
    "caseType": "MENTAL_HEALTH", "referralSource": "run-local smoke", "presentingNeeds": "none", "priority": "ROUTINE"}')
  case_number=$(sed -n 's/.*"caseNumber":"\([^"]*\)".*/\1/p' <<<"$opened")
  check "proxy POST /api/cases opened ${case_number:-nothing}" test -n "$case_number"
  check "node a reads $case_number" status_is 200 -u "$ADMIN" "http://127.0.0.1:$PORT_A/api/cases/$case_number"
  check "node b reads $case_number" status_is 200 -u "$ADMIN" "http://127.0.0.1:$PORT_B/api/cases/$case_number"

  # webapp sessions stick to their node: a Tasklist login through the proxy, then CSRF-protected
  # requests of that session (the token rotates after the login: take the latest cookie)
  jar="$WORK/cookies.txt"
  cookie() { awk -v name="$1" '$6 == name {print $7}' "$jar"; }
  curl -s -o /dev/null -c "$jar" "$P/camunda/app/tasklist/"
  curl -s -o /dev/null -b "$jar" -c "$jar" -H "X-XSRF-TOKEN: $(cookie XSRF-TOKEN)" \
       --data-urlencode "username=${CASEWAY_ADMIN_USER:-admin}" --data-urlencode "password=$CASEWAY_ADMIN_PASSWORD" \
       "$P/camunda/api/admin/auth/user/default/login/tasklist"
  check "Tasklist login through the proxy" status_is 200 -b "$jar" -c "$jar" "$P/camunda/api/admin/auth/user/default"
  session=$(cookie JSESSIONID); route=${session##*.}
  check "the session id carries its node's route (…${session: -8})" test "$route" = a -o "$route" = b
  ok=0
  for _ in $(seq 1 20); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -H "X-XSRF-TOKEN: $(cookie XSRF-TOKEN)" \
         -H 'Content-Type: application/json' -d '{}' "$P/camunda/api/engine/engine/default/task/count")" = 200 ] \
      && ok=$((ok + 1))
  done
  check "20 CSRF-protected POSTs of the session through the proxy: $ok answered 200" test "$ok" = 20
  if [ "$route" = a ]; then own=$PORT_A; other=$PORT_B; else own=$PORT_B; other=$PORT_A; fi
  check "the session on its own node ($route) is logged in" \
    status_is 200 -b "JSESSIONID=$session" "http://127.0.0.1:$own/camunda/api/admin/auth/user/default"
  check "the session on the other node is unknown: 404 (why the proxy must stick)" \
    status_is 404 -b "JSESSIONID=$session" "http://127.0.0.1:$other/camunda/api/admin/auth/user/default"
  check "the session's POST on the other node is refused: 401" \
    status_is 401 -b "JSESSIONID=$session; XSRF-TOKEN=$(cookie XSRF-TOKEN)" -H "X-XSRF-TOKEN: $(cookie XSRF-TOKEN)" \
    -H 'Content-Type: application/json' -d '{}' "http://127.0.0.1:$other/camunda/api/engine/engine/default/task/count"
fi

if [ -n "$PROMETHEUS_BIN" ]; then
  up=""
  for _ in $(seq 1 30); do
    up=$(curl -s "http://127.0.0.1:$PORT_PROMETHEUS/api/v1/query?query=up%7Bjob%3D%22caseway%22%7D%3D%3D1" \
         | grep -o '"node":"[ab]"' | sort | tr -d '\n' || true)
    [ "$up" = '"node":"a""node":"b"' ] && break
    sleep 1
  done
  check "prometheus scrapes both nodes (up{job=\"caseway\"} == 1 for node a and b)" test "$up" = '"node":"a""node":"b"'
fi

# --- figures --------------------------------------------------------------------------------
for route in a b; do
  pid=$(cat "$WORK/node-$route.pid")
  ready=${READY[$route]}
  started=$(grep -o 'Started CasewayApplication in [0-9.]* seconds' "$WORK/node-$route.log" | grep -o '[0-9.]*' | head -1)
  rss=$(( $(ps -o rss= -p "$pid") / 1024 ))
  heap=$(jcmd "$pid" GC.heap_info 2>/dev/null | sed -n 's/.*total \([0-9]*\)K, used \([0-9]*\)K.*/committed \1K used \2K/p' | head -1 || true)
  maxheap=$(jcmd "$pid" VM.flags 2>/dev/null | grep -o 'MaxHeapSize=[0-9]*' | head -1 | cut -d= -f2 || true)
  if [ "$NMT" = 1 ]; then
    jcmd "$pid" VM.native_memory summary scale=MB 2>/dev/null \
      | grep -E '^(Total|-\s+(Java Heap|Class|Thread|Code|GC|Metaspace|Other|Internal|Symbol))' \
      | sed -E 's/\s+/ /g; s/^/    /' || true
  fi
  log "node $route: ready ${ready}s after launch (Spring: started in ${started:-?} s), RSS ${rss} MiB, max heap $(( ${maxheap:-0} / 1048576 )) MiB, heap ${heap:-?}"
done

# --- a node stops: the proxy carries on with the other -----------------------------------------
if [ -n "$NGINX_BIN" ] && [ -n "${route:-}" ]; then
  pid=$(cat "$WORK/node-$route.pid")
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  log "node $route (the session's node) stopped"
  check "proxy /actuator/health still UP" health_up "$P/actuator/health"
  check "proxy GET /api/cases still 200" status_is 200 -u "$ADMIN" "$P/api/cases"
  check "the session's requests fall over to the other node (404 there: log in again), no 502" \
    status_is 404 -b "$jar" "$P/camunda/api/admin/auth/user/default"
fi
log "smoke: $PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
