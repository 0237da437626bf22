#!/usr/bin/env bash
# Builds both benchmarks in Release, creates the model package once, then runs Engine.Bench and
# GenAi.Bench alternately (ROUNDS times each) and prints the medians of the ratios from this one run.
# Needs only the .NET SDK. Usage: bench/run.sh [--quick]   (env: ROUNDS=3 INNER_ROUNDS=2 THREADS=2 BENCH_ARTIFACTS=dir)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
quick=""
if [[ "${1:-}" == "--quick" ]]; then quick="--quick"; fi
rounds="${ROUNDS:-3}"
inner="${INNER_ROUNDS:-2}"
threads="${THREADS:-2}"
art="${BENCH_ARTIFACTS:-$root/bench/artifacts}"
mkdir -p "$art"
art="$(cd "$art" && pwd)"
model="$art/model-small"
log="$art/run-$(date -u +%Y%m%dT%H%M%SZ).log"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

command -v dotnet >/dev/null || { echo "run.sh: the .NET SDK (dotnet) is required" >&2; exit 1; }

echo "== building (Release) =="
dotnet build -c Release bench/Engine.Bench/Engine.Bench.csproj -nologo -v q
dotnet build -c Release bench/GenAi.Bench/GenAi.Bench.csproj -nologo -v q
engine_dll="$root/bench/Engine.Bench/bin/Release/net10.0/Engine.Bench.dll"
genai_dll="$root/bench/GenAi.Bench/bin/Release/net10.0/GenAi.Bench.dll"

if [[ ! -f "$model/genai_config.json" ]]; then
  echo "== building the model package once: $model =="
  dotnet "$engine_dll" --build-model "$model"
fi

ids="$art/ids.txt"
if [[ -n "$quick" ]]; then inner_args=(--quick); else inner_args=(--rounds "$inner"); fi

run_engine() { dotnet "$engine_dll" --model "$model" --threads "$threads" --ids-out "$ids" "${inner_args[@]}" | tee "$art/engine-$1.txt"; }
run_genai() {
  [[ -f "$ids" ]] || return 0
  dotnet "$genai_dll" --model "$model" --ids "$ids" --threads "$threads" --work "$art/genai-copy" ${quick:+--quick} | tee "$art/genai-$1.txt"
}

{
  echo "== $(date -u +%FT%TZ)  $(nproc) cores  rounds=$rounds  ${quick:-full} =="
  rm -f "$art"/engine-*.txt "$art"/genai-*.txt
  for ((i = 1; i <= rounds; i++)); do
    # Alternate which benchmark goes first (the first engine run writes the ids GenAI is checked against).
    if (( i % 2 == 1 )) || [[ ! -f "$ids" ]]; then run_engine "$i"; run_genai "$i"; else run_genai "$i"; run_engine "$i"; fi
  done
  # Diagnostic: ORT intra-op spinning on (the engine's setting) vs off, on the raw loop.
  dotnet "$engine_dll" --model "$model" --threads "$threads" --spin-check "${inner_args[@]}" | tee "$art/spin.txt"
} 2>&1 | tee "$log"

# Median over the rounds of one RESULT key from a set of files.
median() {
  local pattern="$1" key="$2"
  grep -h "^RESULT $key=" $pattern 2>/dev/null | cut -d= -f2 | sort -g |
    awk '{ v[NR] = $1 } END { if (NR == 0) { print "n/a"; exit } if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# Median over the rounds of engine_tps(round i) / genai_tps(round i).
paired_ratio() {
  for ((i = 1; i <= rounds; i++)); do
    e=$(grep -h "^RESULT engine_tps=" "$art/engine-$i.txt" 2>/dev/null | cut -d= -f2 || true)
    g=$(grep -h "^RESULT genai_tps=" "$art/genai-$i.txt" 2>/dev/null | cut -d= -f2 || true)
    [[ -n "$e" && -n "$g" ]] && awk -v e="$e" -v g="$g" 'BEGIN { print e / g }'
  done | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "n/a"; exit } if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
answers() { grep -h "^RESULT $1=" $2 2>/dev/null | cut -d= -f2 | sort | uniq -c | awk '{ printf "%s%s x%s", (NR > 1 ? ", " : ""), $2, $1 }'; }

E="$art/engine-*.txt"; G="$art/genai-*.txt"
last_ctx=$(grep -ho "^RESULT engine_step_[0-9]*_vs_[0-9]*" $E | head -1 | sed 's/RESULT engine_step_//')
{
  echo
  echo "== final (medians over $rounds rounds; each engine round itself a median of its inner rounds) =="
  printf '%-44s %12s %s\n' "measure" "value" "goal"
  printf '%-44s %12s %s\n' "engine / raw ORT loop, single stream" "$(median "$E" engine_vs_raw)" ">= 0.95x"
  printf '%-44s %12s %s\n' "engine / GenAI 0.18.0, single stream" "$(paired_ratio)" "(paired per round)"
  printf '%-44s %12s %s\n' "8 streams / 1 stream aggregate tokens/s" "$(median "$E" streams8_vs_1)" ">= 4x"
  printf '%-44s %12s %s\n' "raw static batch 8 / batch 1 (graph ceiling)" "$(median "$E" raw_batch8_vs_1)" "(reference)"
  printf '%-44s %12s %s\n' "engine step time ctx ${last_ctx/_vs_/ vs }" "$(median "$E" "engine_step_${last_ctx}")" "<= 1.5x"
  printf '%-44s %12s %s\n' "raw loop step time ctx ${last_ctx/_vs_/ vs }" "$(median "$E" "raw_step_${last_ctx}")" "(reference)"
  printf '%-44s %12s %s\n' "raw loop, allow_spinning=0 / default" "$(median "$art/spin.txt" raw_nospin_vs_spin)" "(diagnostic)"
  echo
  printf '%-44s %12s\n' "raw ORT loop tokens/s (single)" "$(median "$E" raw_tps)"
  printf '%-44s %12s\n' "engine tokens/s (single)" "$(median "$E" engine_tps)"
  printf '%-44s %12s\n' "GenAI tokens/s (single)" "$(median "$G" genai_tps)"
  for c in 1 2 4 8; do printf '%-44s %12s\n' "engine aggregate tokens/s, $c streams" "$(median "$E" "streams${c}_tps")"; done
  printf '%-44s %12s\n' "raw static batch 8 tokens/s" "$(median "$E" raw_batch8_tps)"
  for ctx in 32 128 512; do
    printf '%-44s %12s\n' "engine / raw decode ms/token, ctx $ctx" "$(median "$E" "engine_step_ms_ctx$ctx") / $(median "$E" "raw_step_ms_ctx$ctx")"
  done
  for ctx in 32 128 512; do printf '%-44s %12s\n' "engine time to first token ms, prompt $ctx" "$(median "$E" "engine_ttft_ms_ctx$ctx")"; done
  printf '%-44s %12s\n' "engine managed bytes/token (raw loop)" "$(median "$E" engine_alloc_bytes_per_token) ($(median "$E" raw_alloc_bytes_per_token))"
  echo "token ids raw == engine: $(answers ids_match_raw_engine "$E");  GenAI == engine: $(answers ids_match_genai_engine "$G")"
  echo "GenAI loads the package unchanged: $(answers genai_loads_unchanged "$G");  with the tweaked genai_config.json: $(answers genai_loads_tweaked "$G")"
  echo "log: $log"
} | tee -a "$log"
