#!/usr/bin/env bash
# A local Elasticsearch node for mediawatch's tests, benchmarks and for trying the
# Elasticsearch engine on one machine. Production deployments point the config at their
# own cluster instead.
#
#   scripts/elasticsearch.sh install   download the integration-test distribution from Maven
#                                      Central into the cache (skipped when already there) and
#                                      add the small analysis plugin it lacks (see below)
#   scripts/elasticsearch.sh start     run a single-node cluster on 127.0.0.1:$ES_PORT and wait
#                                      until it is healthy (a no-op when ours is already running)
#   scripts/elasticsearch.sh stop      stop exactly the process `start` started (by pid)
#   scripts/elasticsearch.sh status    print whether our node runs and its health
#   scripts/elasticsearch.sh restart   stop, then start
#   scripts/elasticsearch.sh log       print the tail of the node's log
#
# A local cluster of N nodes (default 3) on 127.0.0.1, for trying replicas and node failures
# (tests/store/es-cluster.test.ts uses it); nodes are numbered from 1:
#   scripts/elasticsearch.sh cluster-start [N]   start the nodes together and wait until all joined
#   scripts/elasticsearch.sh cluster-stop        stop every node of the cluster (by pid)
#   scripts/elasticsearch.sh cluster-status      each node, the elected master and the cluster's health
#   scripts/elasticsearch.sh node-stop I         stop node I (the others carry on)
#   scripts/elasticsearch.sh node-start I        start node I again and wait until it has rejoined
#   scripts/elasticsearch.sh node-log I [lines]  print the tail of node I's log
#
# Settings (environment variables):
#   ES_VERSION        Elasticsearch version (default 9.5.4; needs Java 21+, 8.x needs Java 17+)
#   ES_PORT           HTTP port on 127.0.0.1 (default 9200)
#   ES_HEAP           JVM heap, -Xms and -Xmx (default 512m)
#   ES_CACHE_DIR      where the zip and the unpacked distribution live (default <repo>/.cache/elasticsearch)
#   ES_DATA_DIR       per-node folder with data/, logs/ and config/ (default $TMPDIR/mediawatch-es-$ES_PORT)
#   ES_SNAPSHOT_DIR   the node's path.repo: snapshot repositories (mediawatch backup) go inside it
#                     (default $ES_DATA_DIR/snapshots; kept by ES_FRESH=1 when set outside ES_DATA_DIR)
#   ES_PID_FILE       pid file of the node (default $ES_DATA_DIR/elasticsearch.pid)
#   ES_JAVA_HOME      JDK to run with (default: picked from /usr/lib/jvm and JAVA_HOME)
#   ES_USER           unprivileged user the node runs as when this script runs as root
#                     (default mediawatch-es; created when missing: Elasticsearch refuses root)
#   ES_START_TIMEOUT  seconds to wait for a healthy cluster (default 180)
#   ES_FRESH=1        `start` wipes ES_DATA_DIR first (throwaway test nodes); `cluster-start`
#                     wipes ES_CLUSTER_DIR when none of its nodes runs
#   ES_CLUSTER_PORT   HTTP port of cluster node 1 (default 9260); node I listens on
#                     ES_CLUSTER_PORT+I-1, its transport port is 100 higher (9360, 9361, ...)
#   ES_CLUSTER_DIR    the cluster's folder: node-I/ (data, logs, config, pid file) and the shared
#                     snapshots/ (default $TMPDIR/mediawatch-es-cluster-$ES_CLUSTER_PORT)
#   ES_CLUSTER_HEAP   JVM heap of each cluster node (default 256m)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"

ES_VERSION="${ES_VERSION:-9.5.4}"
ES_PORT="${ES_PORT:-9200}"
ES_HEAP="${ES_HEAP:-512m}"
ES_CACHE_DIR="${ES_CACHE_DIR:-$repo/.cache/elasticsearch}"
ES_DATA_DIR="${ES_DATA_DIR:-${TMPDIR:-/tmp}/mediawatch-es-$ES_PORT}"
ES_PID_FILE="${ES_PID_FILE:-$ES_DATA_DIR/elasticsearch.pid}"
ES_SNAPSHOT_DIR="${ES_SNAPSHOT_DIR:-$ES_DATA_DIR/snapshots}"
ES_USER="${ES_USER:-mediawatch-es}"
ES_START_TIMEOUT="${ES_START_TIMEOUT:-180}"
ES_CLUSTER_PORT="${ES_CLUSTER_PORT:-9260}"
ES_CLUSTER_DIR="${ES_CLUSTER_DIR:-${TMPDIR:-/tmp}/mediawatch-es-cluster-$ES_CLUSTER_PORT}"
ES_CLUSTER_HEAP="${ES_CLUSTER_HEAP:-256m}"

GROUP_PATH="org/elasticsearch/distribution/integ-test-zip/elasticsearch"
ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip"
CENTRAL="${MAVEN_CENTRAL_URL:-https://repo1.maven.org/maven2}"
ZIP="$ES_CACHE_DIR/elasticsearch-$ES_VERSION.zip"
ES_HOME="$ES_CACHE_DIR/elasticsearch-$ES_VERSION"
URL="http://127.0.0.1:$ES_PORT"
# What `start` writes into the node's elasticsearch.yml; the cluster commands set them per node.
CLUSTER_NAME=mediawatch-test
NODE_NAME="mediawatch-$ES_PORT"
DISCOVERY="discovery.type: single-node"

log() { printf 'elasticsearch.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

major() { printf '%s' "${1%%.*}"; }

# --- install ---------------------------------------------------------------------------

download() {
  mkdir -p "$ES_CACHE_DIR"
  if [[ -s "$ZIP" ]] && unzip -tq "$ZIP" >/dev/null 2>&1; then
    log "using cached $ZIP"
    return
  fi
  rm -f "$ZIP"
  log "downloading $ARTIFACT from Maven Central"
  if command -v mvn >/dev/null 2>&1 &&
    mvn -B -q -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="$ARTIFACT" -DoutputDirectory="$ES_CACHE_DIR" -Dmdep.overWriteReleases=true >&2; then
    :
  else
    command -v curl >/dev/null 2>&1 || die "neither mvn nor curl could fetch $ARTIFACT"
    log "mvn unavailable or failed; fetching with curl"
    local url="$CENTRAL/$GROUP_PATH/$ES_VERSION/elasticsearch-$ES_VERSION.zip"
    curl -fSL --retry 3 -o "$ZIP.part" "$url" || die "download failed: $url"
    local expected actual
    if expected="$(curl -fsSL --retry 3 "$url.sha1" 2>/dev/null | cut -c1-40)" && [[ -n "$expected" ]]; then
      actual="$(sha1sum "$ZIP.part" | cut -c1-40)"
      [[ "$expected" == "$actual" ]] || die "checksum mismatch for $url (expected $expected, got $actual)"
    else
      log "no checksum published next to $url; checking the archive's integrity instead"
    fi
    unzip -tq "$ZIP.part" >/dev/null || die "downloaded archive is corrupt: $url"
    mv "$ZIP.part" "$ZIP"
  fi
  [[ -s "$ZIP" ]] || die "download produced no $ZIP"
}

cmd_install() {
  if [[ ! -x "$ES_HOME/bin/elasticsearch" ]]; then
    command -v unzip >/dev/null 2>&1 || die "unzip is required (apt-get install unzip)"
    download
    local tmp="$ES_CACHE_DIR/.unpack-$$"
    rm -rf "$tmp"
    mkdir -p "$tmp"
    unzip -q "$ZIP" -d "$tmp"
    [[ -x "$tmp/elasticsearch-$ES_VERSION/bin/elasticsearch" ]] || die "unexpected layout in $ZIP"
    rm -rf "$ES_HOME"
    mv "$tmp/elasticsearch-$ES_VERSION" "$ES_HOME"
    rm -rf "$tmp"
    log "installed Elasticsearch $ES_VERSION in $ES_HOME"
  else
    log "Elasticsearch $ES_VERSION already installed in $ES_HOME"
  fi
  install_analysis_plugin
  # Readable by the unprivileged user the node runs as.
  chmod -R a+rX "$ES_HOME"
}

# The integration-test distribution ships without the analysis-common module, so it lacks
# the `asciifolding` token filter and the `mapping` char filter that mediawatch's folding
# analyzer uses (every regular Elasticsearch distribution has them). This tiny plugin
# provides both under the same names, built from the Lucene classes the distribution already
# ships, so the test node runs exactly the index template production clusters get.
PLUGIN_NAME=mediawatch-analysis
install_analysis_plugin() {
  local dest="$ES_HOME/plugins/$PLUGIN_NAME"
  [[ -f "$dest/plugin-descriptor.properties" ]] && return
  if [[ -d "$ES_HOME/modules/analysis-common" ]]; then return; fi
  local java_home java_v
  java_home="$(pick_java)"
  # Compiled for the oldest Java this version supports, so any JDK that runs the node loads it.
  java_v="$(java_need)"
  [[ -x "$java_home/bin/javac" ]] || die "$java_home has no javac; set ES_JAVA_HOME to a JDK (not a JRE)"
  local build="$ES_CACHE_DIR/.plugin-build-$$"
  rm -rf "$build"
  mkdir -p "$build/src/mediawatch/es" "$build/classes" "$build/dist"
  cat >"$build/src/mediawatch/es/FoldingAnalysisPlugin.java" <<'JAVA'
package mediawatch.es;

import java.io.Reader;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.elasticsearch.index.analysis.AbstractCharFilterFactory;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/** `asciifolding` token filter and `mapping` char filter, as in Elasticsearch's analysis-common. */
public final class FoldingAnalysisPlugin extends Plugin implements AnalysisPlugin {
  @Override
  public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
    return Map.of("asciifolding", (indexSettings, environment, name, settings) -> {
      boolean preserveOriginal = settings.getAsBoolean("preserve_original", false);
      return new AbstractTokenFilterFactory(name) {
        @Override
        public TokenStream create(TokenStream input) {
          return new ASCIIFoldingFilter(input, preserveOriginal);
        }

        @Override
        public TokenStream normalize(TokenStream input) {
          return new ASCIIFoldingFilter(input, false);
        }
      };
    });
  }

  @Override
  public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
    return Map.of("mapping", AnalysisPlugin.requiresAnalysisSettings((indexSettings, environment, name, settings) -> {
      List<String> rules = settings.getAsList("mappings");
      if (rules.isEmpty()) throw new IllegalArgumentException("mapping char filter [" + name + "] needs [mappings]");
      NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
      for (String rule : rules) {
        int arrow = rule.indexOf("=>");
        if (arrow < 1) throw new IllegalArgumentException("invalid mapping rule [" + rule + "], expected \"from => to\"");
        builder.add(rule.substring(0, arrow).trim(), rule.substring(arrow + 2).trim());
      }
      NormalizeCharMap map = builder.build();
      return new AbstractCharFilterFactory(name) {
        @Override
        public Reader create(Reader reader) {
          return new MappingCharFilter(map, reader);
        }

        @Override
        public Reader normalize(Reader reader) {
          return new MappingCharFilter(map, reader);
        }
      };
    }));
  }
}
JAVA
  log "building the $PLUGIN_NAME plugin (asciifolding, mapping) with $java_home"
  "$java_home/bin/javac" -nowarn --release "$java_v" -cp "$ES_HOME/lib/*" -d "$build/classes" \
    "$build/src/mediawatch/es/FoldingAnalysisPlugin.java" || die "could not compile the $PLUGIN_NAME plugin"
  "$java_home/bin/jar" --create --file "$build/dist/$PLUGIN_NAME.jar" -C "$build/classes" . || die "jar failed"
  cat >"$build/dist/plugin-descriptor.properties" <<EOF
description=asciifolding token filter and mapping char filter for mediawatch test nodes
version=1.0.0
name=$PLUGIN_NAME
classname=mediawatch.es.FoldingAnalysisPlugin
java.version=$java_v
elasticsearch.version=$ES_VERSION
EOF
  rm -rf "$dest"
  mkdir -p "$(dirname "$dest")"
  mv "$build/dist" "$dest"
  rm -rf "$build"
  log "installed plugin $PLUGIN_NAME in $dest"
}

# --- java ------------------------------------------------------------------------------

java_major() { # prints the feature version of a JDK home, or nothing
  local out
  out="$("$1/bin/java" -version 2>&1 | head -n1)" || return 0
  out="$(sed -nE 's/.*version "([0-9]+)(\.([0-9]+))?.*/\1 \3/p' <<<"$out")"
  set -- $out
  if [[ "${1:-}" == 1 ]]; then printf '%s' "${2:-}"; else printf '%s' "${1:-}"; fi
}

# Oldest Java the Elasticsearch version runs on.
java_need() { if (($(major "$ES_VERSION") >= 9)); then echo 21; else echo 17; fi; }

pick_java() {
  local need prefer=oldest
  need="$(java_need)"
  # 9.x runs best on a recent JDK; 8.x predates the newest ones.
  if ((need >= 21)); then prefer=newest; fi
  if [[ -n "${ES_JAVA_HOME:-}" ]]; then
    local v
    v="$(java_major "$ES_JAVA_HOME")"
    [[ -n "$v" ]] || die "ES_JAVA_HOME=$ES_JAVA_HOME has no working bin/java"
    ((v >= need)) || die "Elasticsearch $ES_VERSION needs Java $need+, ES_JAVA_HOME has Java $v"
    printf '%s' "$ES_JAVA_HOME"
    return
  fi
  local best="" best_v="" home v
  for home in ${JAVA_HOME:-} /usr/lib/jvm/*; do
    [[ -x "$home/bin/java" && ! -L "$home" ]] || continue
    v="$(java_major "$home")"
    [[ -n "$v" ]] && ((v >= need)) || continue
    if [[ -z "$best" ]] || { [[ $prefer == newest ]] && ((v > best_v)); } || { [[ $prefer == oldest ]] && ((v < best_v)); }; then
      best="$home" best_v="$v"
    fi
  done
  [[ -n "$best" ]] || die "no JDK $need+ found for Elasticsearch $ES_VERSION; set ES_JAVA_HOME"
  printf '%s' "$best"
}

# --- start / stop ----------------------------------------------------------------------

# Pid from our pid file if that process is alive and is an Elasticsearch JVM; else nothing.
our_pid() {
  [[ -s "$ES_PID_FILE" ]] || return 0
  local pid
  pid="$(tr -dc '0-9' <"$ES_PID_FILE")"
  [[ -n "$pid" ]] || return 0
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'org.elasticsearch'; then
    printf '%s' "$pid"
  fi
}

health() { # prints the cluster status (green/yellow/red) or nothing
  curl -fsS -m 5 "$URL/_cluster/health" 2>/dev/null | sed -nE 's/.*"status":"([a-z]+)".*/\1/p' || true
}

log_file() { printf '%s' "$ES_DATA_DIR/logs/$CLUSTER_NAME.log"; }

show_log() {
  local file
  file="$(log_file)"
  if [[ -f "$file" ]]; then
    log "last lines of $file:"
    tail -n "${1:-60}" "$file" >&2
  fi
  if [[ -f "$ES_DATA_DIR/logs/startup.out" ]]; then
    log "startup output ($ES_DATA_DIR/logs/startup.out):"
    tail -n 30 "$ES_DATA_DIR/logs/startup.out" >&2
  fi
}

ensure_user() {
  if ! id -u "$ES_USER" >/dev/null 2>&1; then
    log "creating unprivileged user $ES_USER"
    if command -v useradd >/dev/null 2>&1; then
      useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$ES_USER"
    else
      adduser --system --group --no-create-home "$ES_USER"
    fi
  fi
}

cmd_start() {
  [[ "$ES_PORT" =~ ^[0-9]+$ ]] || die "ES_PORT must be a number, got $ES_PORT"
  local pid
  pid="$(our_pid)"
  if [[ -n "$pid" ]]; then
    log "already running (pid $pid) on $URL"
    wait_healthy "$pid"
    return
  fi
  if [[ -n "$(health)" ]]; then
    log "another Elasticsearch already answers on $URL (not started by this script); leaving it alone"
    return
  fi
  if [[ "${ES_FRESH:-}" == 1 ]]; then rm -rf "$ES_DATA_DIR"; fi
  launch_node
  wait_healthy "$(our_pid)"
}

# Starts the node described by ES_PORT, ES_DATA_DIR, ES_PID_FILE, ES_SNAPSHOT_DIR, ES_HEAP,
# CLUSTER_NAME, NODE_NAME and DISCOVERY (elasticsearch.yml lines); returns once its JVM runs,
# not once it is healthy (cluster nodes only become healthy together).
launch_node() {
  [[ -x "$ES_HOME/bin/elasticsearch" ]] || cmd_install
  local java_home
  java_home="$(pick_java)"
  mkdir -p "$ES_DATA_DIR/data" "$ES_DATA_DIR/logs" "$ES_DATA_DIR/tmp" "$ES_SNAPSHOT_DIR" "$(dirname "$ES_PID_FILE")"
  # The launcher leaves a final-flags* folder in its temp dir at every start: keep them in the node's own
  # tmp (CLI_JAVA_OPTS below), not in /tmp, and drop the last start's.
  rm -rf "$ES_DATA_DIR"/tmp/final-flags*
  # A per-node copy of the config: the node writes its keystore there, and several nodes
  # (tests start a second one, a local cluster three) can share one installation.
  rm -rf "$ES_DATA_DIR/config"
  cp -R "$ES_HOME/config" "$ES_DATA_DIR/config"
  local transport=$((ES_PORT + 100))
  cat >>"$ES_DATA_DIR/config/elasticsearch.yml" <<EOF

# --- written by scripts/elasticsearch.sh ---
cluster.name: $CLUSTER_NAME
node.name: $NODE_NAME
$DISCOVERY
network.host: 127.0.0.1
http.port: $ES_PORT
transport.port: $transport
path.data: $ES_DATA_DIR/data
path.logs: $ES_DATA_DIR/logs
# Snapshot repositories ("fs" type) must live inside this folder (store.snapshot.location).
path.repo: ["$ES_SNAPSHOT_DIR"]
# A laptop or CI disk that is nearly full must not make the indices read-only.
cluster.routing.allocation.disk.threshold_enabled: false
action.auto_create_index: true
# A throwaway node on loopback: no TLS, no passwords (and no security auto-configuration).
xpack.security.enabled: false
EOF
  rm -f "$ES_PID_FILE"

  local -a run=()
  if [[ "$(id -u)" == 0 ]]; then
    ensure_user
    chown -R "$ES_USER:" "$ES_DATA_DIR" "$ES_SNAPSHOT_DIR"
    chown "$ES_USER:" "$(dirname "$ES_PID_FILE")"
    # The node must be able to reach its installation and folders.
    if ! runuser -u "$ES_USER" -- test -r "$ES_HOME/lib" -a -x "$ES_DATA_DIR"; then
      die "user $ES_USER cannot read $ES_HOME or $ES_DATA_DIR; put ES_CACHE_DIR/ES_DATA_DIR under world-readable folders"
    fi
    run=(runuser -u "$ES_USER" --)
  fi

  log "starting Elasticsearch $ES_VERSION node $NODE_NAME on $URL (java: $java_home, heap: $ES_HEAP, data: $ES_DATA_DIR)"
  if ! "${run[@]}" env \
    ES_JAVA_HOME="$java_home" \
    ES_PATH_CONF="$ES_DATA_DIR/config" \
    ES_TMPDIR="$ES_DATA_DIR/tmp" \
    CLI_JAVA_OPTS="-Djava.io.tmpdir=$ES_DATA_DIR/tmp ${CLI_JAVA_OPTS:-}" \
    ES_JAVA_OPTS="-Xms$ES_HEAP -Xmx$ES_HEAP ${ES_EXTRA_JAVA_OPTS:-}" \
    "$ES_HOME/bin/elasticsearch" -d -p "$ES_PID_FILE" \
    >"$ES_DATA_DIR/logs/startup.out" 2>&1 </dev/null; then
    show_log
    die "Elasticsearch node $NODE_NAME failed to start"
  fi
  local waited=0
  while [[ -z "$(our_pid)" ]]; do
    ((waited++ < 50)) || { show_log; die "no running node behind $ES_PID_FILE"; }
    sleep 0.2
  done
}

wait_healthy() {
  local pid="$1" deadline=$((SECONDS + ES_START_TIMEOUT)) status
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      show_log
      die "Elasticsearch (pid $pid) exited during startup"
    fi
    status="$(health)"
    if [[ "$status" == green || "$status" == yellow ]]; then
      log "Elasticsearch is up on $URL (pid $pid, status $status)"
      return
    fi
    sleep 1
  done
  show_log
  log "not healthy after ${ES_START_TIMEOUT}s; stopping pid $pid"
  stop_pid "$pid"
  die "Elasticsearch did not become healthy on $URL"
}

stop_pid() {
  local pid="$1" waited=0
  kill -TERM "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null; do
    if ((waited++ >= 600)); then # 60 s
      log "pid $pid ignored SIGTERM for 60s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.1
  done
}

cmd_stop() {
  local pid
  pid="$(our_pid)"
  if [[ -z "$pid" ]]; then
    log "not running (no live Elasticsearch behind $ES_PID_FILE)"
    rm -f "$ES_PID_FILE"
    return
  fi
  log "stopping Elasticsearch (pid $pid)"
  stop_pid "$pid"
  rm -f "$ES_PID_FILE"
  log "stopped"
}

cmd_status() {
  local pid status
  pid="$(our_pid)"
  status="$(health)"
  if [[ -n "$pid" ]]; then
    echo "running: pid $pid, $URL, health ${status:-unreachable}, data $ES_DATA_DIR"
  elif [[ -n "$status" ]]; then
    echo "not started by this script, but a node answers on $URL (health $status)"
  else
    echo "not running ($URL unreachable)"
    return 3
  fi
}

# --- local cluster ---------------------------------------------------------------------

# Node I (1-based) of the local cluster: HTTP port ES_CLUSTER_PORT+I-1, transport 100 above,
# its own folder under ES_CLUSTER_DIR, one snapshot folder shared by all nodes (as a shared
# file system repository needs).
select_cluster_node() {
  local i="$1" size
  size="$(cluster_size)"
  ES_PORT=$((ES_CLUSTER_PORT + i - 1))
  URL="http://127.0.0.1:$ES_PORT"
  ES_DATA_DIR="$ES_CLUSTER_DIR/node-$i"
  ES_PID_FILE="$ES_DATA_DIR/elasticsearch.pid"
  ES_SNAPSHOT_DIR="$ES_CLUSTER_DIR/snapshots"
  ES_HEAP="$ES_CLUSTER_HEAP"
  CLUSTER_NAME="mediawatch-cluster-$ES_CLUSTER_PORT"
  NODE_NAME="mediawatch-$ES_PORT"
  local seeds="" masters="" n
  for ((n = 0; n < size; n++)); do
    seeds+="${seeds:+, }\"127.0.0.1:$((ES_CLUSTER_PORT + 100 + n))\""
    masters+="${masters:+, }\"mediawatch-$((ES_CLUSTER_PORT + n))\""
  done
  # Every node is master-eligible and holds data; initial_master_nodes only matters for the
  # very first start (the cluster then remembers its members in the data folders).
  DISCOVERY="discovery.seed_hosts: [$seeds]
cluster.initial_master_nodes: [$masters]"
}

cluster_size() {
  if [[ -s "$ES_CLUSTER_DIR/size" ]]; then tr -dc '0-9' <"$ES_CLUSTER_DIR/size"; else printf 3; fi
}

check_node_index() {
  local size
  size="$(cluster_size)"
  [[ "${1:-}" =~ ^[0-9]+$ ]] && (($1 >= 1 && $1 <= size)) || die "name a node of the cluster: 1 to $size (got '${1:-}')"
}

# Cluster health as seen from any of our running nodes: "status nodes active_shards unassigned" or nothing.
cluster_health() {
  local i out
  for ((i = 1; i <= $(cluster_size); i++)); do
    select_cluster_node "$i"
    [[ -n "$(our_pid)" ]] || continue
    out="$(curl -fsS -m 5 "$URL/_cluster/health?filter_path=status,number_of_nodes,active_shards,unassigned_shards" 2>/dev/null)" || continue
    sed -nE 's/.*"status":"([a-z]+)".*"number_of_nodes":([0-9]+).*"active_shards":([0-9]+).*"unassigned_shards":([0-9]+).*/\1 \2 \3 \4/p' <<<"$out"
    return
  done
}

cmd_cluster_start() {
  local size="${1:-3}"
  [[ "$size" =~ ^[0-9]+$ ]] && ((size >= 1 && size <= 9)) || die "cluster size must be 1 to 9, got $size"
  [[ "$ES_CLUSTER_PORT" =~ ^[0-9]+$ ]] || die "ES_CLUSTER_PORT must be a number, got $ES_CLUSTER_PORT"
  local i running=0
  if [[ -s "$ES_CLUSTER_DIR/size" ]]; then
    for ((i = 1; i <= $(cluster_size); i++)); do
      select_cluster_node "$i"
      [[ -n "$(our_pid)" ]] && running=$((running + 1))
    done
    if ((running)) && [[ "$(cluster_size)" != "$size" ]]; then
      die "a $(cluster_size)-node cluster already runs from $ES_CLUSTER_DIR; cluster-stop it first"
    fi
  fi
  if ((!running)) && [[ "${ES_FRESH:-}" == 1 ]]; then rm -rf "$ES_CLUSTER_DIR"; fi
  mkdir -p "$ES_CLUSTER_DIR"
  chmod 755 "$ES_CLUSTER_DIR"
  printf '%s\n' "$size" >"$ES_CLUSTER_DIR/size"
  [[ -x "$ES_HOME/bin/elasticsearch" ]] || cmd_install
  if [[ "$(id -u)" == 0 ]]; then ensure_user; fi

  # The nodes start together: each waits for a majority of master-eligible nodes before it
  # counts as started, so one after the other would cost a timeout per node.
  local started=$SECONDS
  local -a launches=()
  for ((i = 1; i <= size; i++)); do
    select_cluster_node "$i"
    if [[ -n "$(our_pid)" ]]; then
      log "node $i ($NODE_NAME) already runs (pid $(our_pid)) on $URL"
      continue
    fi
    if curl -fsS -m 3 -o /dev/null "$URL" 2>/dev/null; then
      die "port $ES_PORT (node $i) answers but was not started by this script; choose another ES_CLUSTER_PORT"
    fi
    (launch_node) &
    launches+=($!)
  done
  local failed=0 pid
  for pid in "${launches[@]}"; do wait "$pid" || failed=1; done
  if ((failed)); then
    cmd_cluster_stop
    die "a node of the cluster failed to start (see above)"
  fi
  wait_cluster "$size" "$started"
}

# Waits until every node has joined and the cluster is green or yellow.
wait_cluster() {
  local size="$1" started="$2" deadline=$((SECONDS + ES_START_TIMEOUT)) health i
  while ((SECONDS < deadline)); do
    for ((i = 1; i <= size; i++)); do
      select_cluster_node "$i"
      if [[ -z "$(our_pid)" ]]; then
        show_log
        cmd_cluster_stop
        die "node $i ($NODE_NAME) exited during startup"
      fi
    done
    health="$(cluster_health)"
    if [[ -n "$health" ]]; then
      set -- $health
      if [[ "$2" == "$size" && ("$1" == green || "$1" == yellow) ]]; then
        log "cluster of $size node(s) is up, status $1, HTTP ports $ES_CLUSTER_PORT-$((ES_CLUSTER_PORT + size - 1)), $((SECONDS - started))s after launch"
        return
      fi
    fi
    sleep 1
  done
  for ((i = 1; i <= size; i++)); do select_cluster_node "$i"; show_log 20; done
  cmd_cluster_stop
  die "the $size-node cluster did not form within ${ES_START_TIMEOUT}s"
}

cmd_cluster_stop() {
  local i pid
  local -a stops=()
  for ((i = 1; i <= $(cluster_size); i++)); do
    select_cluster_node "$i"
    pid="$(our_pid)"
    [[ -n "$pid" ]] || continue
    log "stopping node $i ($NODE_NAME, pid $pid)"
    (stop_pid "$pid"; rm -f "$ES_PID_FILE") &
    stops+=($!)
  done
  for pid in "${stops[@]}"; do wait "$pid" || true; done
  log "cluster in $ES_CLUSTER_DIR stopped"
}

cmd_cluster_status() {
  local i pid master="" any=0
  for ((i = 1; i <= $(cluster_size); i++)); do
    select_cluster_node "$i"
    if [[ -n "$(our_pid)" ]]; then
      master="$(curl -fsS -m 5 "$URL/_cat/master?h=node" 2>/dev/null | tr -d '[:space:]')" && break
    fi
  done
  for ((i = 1; i <= $(cluster_size); i++)); do
    select_cluster_node "$i"
    pid="$(our_pid)"
    if [[ -n "$pid" ]]; then
      any=1
      echo "node $i: running, pid $pid, $URL, name $NODE_NAME$([[ "$master" == "$NODE_NAME" ]] && echo ', elected master')"
    else
      echo "node $i: stopped ($URL), name $NODE_NAME"
    fi
  done
  ((any)) || { echo "cluster: not running (folder $ES_CLUSTER_DIR)"; return 3; }
  local health
  health="$(cluster_health)"
  if [[ -n "$health" ]]; then
    set -- $health
    echo "cluster: health $1, $2 node(s), $3 active shard(s), $4 unassigned"
  else
    echo "cluster: no health answer (no elected master?)"
  fi
}

cmd_node_stop() {
  check_node_index "${1:-}"
  select_cluster_node "$1"
  local pid
  pid="$(our_pid)"
  [[ -n "$pid" ]] || { log "node $1 is not running"; return; }
  log "stopping node $1 ($NODE_NAME, pid $pid)"
  stop_pid "$pid"
  rm -f "$ES_PID_FILE"
}

cmd_node_start() {
  check_node_index "${1:-}"
  select_cluster_node "$1"
  local pid
  pid="$(our_pid)"
  if [[ -z "$pid" ]]; then
    launch_node
    pid="$(our_pid)"
  fi
  # Healthy from this node's point of view means it has joined the cluster.
  wait_healthy "$pid"
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) cmd_stop; cmd_start ;;
  status) cmd_status ;;
  log) show_log "${2:-100}" ;;
  cluster-start) cmd_cluster_start "${2:-3}" ;;
  cluster-stop) cmd_cluster_stop ;;
  cluster-status) cmd_cluster_status ;;
  node-stop) cmd_node_stop "${2:-}" ;;
  node-start) cmd_node_start "${2:-}" ;;
  node-log) check_node_index "${2:-}"; select_cluster_node "$2"; show_log "${3:-100}" ;;
  *)
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2
    exit 2
    ;;
esac
