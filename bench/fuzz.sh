#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser that sees untrusted bytes (bench/Vigil.Fuzz), with
# SharpFuzz and Debian's afl++. Usage: bench/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
# Runs each target for the given time (default 60) from its committed seed corpus, prints
# executions, executions/s, coverage and crashes per target, and copies every crashing input to
# bench/Vigil.Fuzz/regressions/TARGET/, which the tests replay. Exits 1 if anything crashed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds="${1:-60}"
shift || true
out="artifacts/fuzz"
tools="artifacts/tools"

if ! command -v afl-fuzz >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq afl++ >/dev/null; else sudo apt-get install -y -qq afl++ >/dev/null; fi
fi
if [ ! -x "$tools/sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null
fi

rm -rf "$out/bin"
dotnet publish bench/Vigil.Fuzz/Vigil.Fuzz.csproj -c Release -o "$out/bin" --nologo -v quiet -clp:ErrorsOnly
mapfile -t all < <(dotnet "$out/bin/vigil-fuzz.dll" list | awk '{print $1}')
# Instrument Vigil's own assemblies: the fuzzer follows coverage through them, not the framework's.
# (Instrumented code runs only under afl-fuzz, so the targets are listed first.)
for dll in "$out"/bin/Vigil.*.dll; do
  "$tools/sharpfuzz" "$dll" >/dev/null
done
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
crashed=0
printf '%-16s %12s %10s %9s %8s %8s\n' target executions "exec/s" coverage paths crashes
for target in "${targets[@]}"; do
  findings="$out/findings/$target"
  rm -rf "$findings"
  mkdir -p "$out/findings"
  afl-fuzz -V "$seconds" -t 5000 -m none -i "bench/Vigil.Fuzz/corpus/$target" -o "$findings" \
    -- dotnet "$out/bin/vigil-fuzz.dll" "$target" >"$out/$target.log" 2>&1 || true
  stats="$findings/default/fuzzer_stats"
  if [ ! -f "$stats" ]; then
    echo "$target: afl-fuzz did not run; see $out/$target.log"; crashed=1; continue
  fi
  get() { awk -F': *' -v k="$1" '$1 ~ "^"k" *$" {print $2}' "$stats"; }
  crashes=$(get saved_crashes)
  printf '%-16s %12s %10s %9s %8s %8s\n' "$target" "$(get execs_done)" "$(get execs_per_sec)" "$(get bitmap_cvg)" "$(get corpus_count)" "$crashes"
  if [ "${crashes:-0}" != "0" ]; then
    crashed=1
    mkdir -p "bench/Vigil.Fuzz/regressions/$target"
    for f in "$findings"/default/crashes/id:*; do
      cp "$f" "bench/Vigil.Fuzz/regressions/$target/$(sha256sum "$f" | cut -c1-16)"
    done
  fi
done
exit "$crashed"
