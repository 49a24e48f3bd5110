#!/usr/bin/env bash
# Profiles a running Liberty server with JDK Flight Recorder (in the JDK; nothing to install) and
# prints where its CPU went: the hottest top frames, the hottest Token Warden frames anywhere on
# the stack, and the allocation and lock figures JFR recorded. Start it while a bench drives the
# server, e.g. in a second shell during bench/run.sh -Dit.test=HandOutWrkBench -Dbench.wrk.seconds=60:
#
#   bench/profile.sh benchserver 40        # server name (as in bench/run.sh), seconds to record
#
# The recording stays in target/bench/<server>-<time>.jfr for JDK Mission Control.
set -euo pipefail
cd "$(dirname "$0")/.."

server="${1:-benchserver}"
seconds="${2:-30}"
pid=$(jcmd | awk -v s="$server" '$0 ~ /ws-server.jar/ && $0 ~ " "s"( |$)" {print $1}' | head -n 1)
if [[ -z "$pid" ]]; then
  echo "No running Liberty server named $server (jcmd lists: $(jcmd | cut -c1-120 | tr '\n' ';'))" >&2
  exit 1
fi
mkdir -p target/bench
out="$(pwd)/target/bench/${server}-$(date -u +%H%M%S).jfr"
jcmd "$pid" JFR.start name=bench settings=profile filename="$out" duration="${seconds}s" >/dev/null
echo "Recording $server (pid $pid) for $seconds s into $out"
for _ in $(seq 1 $((seconds + 30))); do
  [[ -s "$out" ]] && ! jcmd "$pid" JFR.check name=bench 2>/dev/null | grep -q "running" && break
  sleep 1
done

jfr print --events jdk.ExecutionSample --stack-depth 64 "$out" | python3 -c '
import collections, re, sys
samples, top, ours, first_ours = 0, collections.Counter(), collections.Counter(), collections.Counter()
frames = []
def flush():
    global samples, frames
    if not frames:
        return
    samples += 1
    top[frames[0]] += 1
    seen = set()
    for f in frames:
        if f.startswith("io.tokenwarden.") and f not in seen:
            seen.add(f); ours[f] += 1
    for f in frames:
        if f.startswith("io.tokenwarden."):
            first_ours[f] += 1; break
    frames = []
for line in sys.stdin:
    line = line.strip()
    if line.startswith("jdk.ExecutionSample"):
        flush()
    m = re.match(r"([\w.$<>]+)\(", line)
    if m and "line:" in line:
        frames.append(m.group(1))
flush()
def table(title, counter, n=15):
    print(f"\n{title} ({samples} samples)")
    print("| share | frame |\n|---:|---|")
    for frame, count in counter.most_common(n):
        print(f"| {100.0 * count / max(samples, 1):.1f} % | `{frame}` |")
table("Hottest top frames", top)
table("Token Warden frames on the stack (inclusive)", ours)
table("Innermost Token Warden frame (where our code called out)", first_ours)
'
echo
jfr summary "$out" | grep -E "jdk.(ExecutionSample|ObjectAllocationSample|JavaMonitorEnter|ThreadPark|GarbageCollection|SocketRead) " || true
