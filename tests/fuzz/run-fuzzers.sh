#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (build-fuzz) and runs each one in turn for
# a bounded time, niced, starting from the seed corpus. Fails when a target crashes, hangs or
# breaks a property; the input that did it is kept and its path printed. docs/fuzzing.md.
#   tests/fuzz/run-fuzzers.sh [--seconds N] [--corpus DIR] [TARGET...]
# --seconds N  how long each target runs (default 25)
# --corpus DIR keep what the fuzzers find in DIR/<target> and start from it next time (for long
#              runs; without it the run starts from the seeds and keeps nothing)
# TARGET       framecodec, wire, recordcbor, historyfile (default: all)
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/setup.sh"

seconds=25
corpus=
targets=()
while [ $# -gt 0 ]; do
    case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=(framecodec wire recordcbor historyfile)

# clang 16: libstdc++'s std::expected needs it (tests/fuzz/CMakeLists.txt); llvm-16 symbolizes reports.
huiji_install clang-16 libclang-rt-16-dev llvm-16
fuzz_dir="$huiji_root/tests/fuzz"
build="$huiji_root/build-fuzz"
CC=clang-16 CXX=clang++-16 cmake -S "$huiji_root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DHUIJI_FUZZ=ON -DHUIJI_BUILD_TESTS=OFF > /dev/null
cmake --build "$build" --target huiji_fuzzers --parallel "$(nproc)"

export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-16/bin/llvm-symbolizer
export UBSAN_OPTIONS=print_stacktrace=1
# ASan keeps the stack of every allocation, walked by frame pointers, which Qt is built without:
# past the first frames they are garbage, every one new, and memory grows by about half a KiB an
# input until the fuzzer stops at 2 GB. Two frames are still exact and keep memory flat.
export ASAN_OPTIONS="malloc_context_size=2${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
logs=${corpus:+$corpus/logs}
logs=${logs:-$build/fuzz-logs}
artifacts=${corpus:+$corpus/crashes}
artifacts=${artifacts:-$build/fuzz-crashes}
mkdir -p "$logs" "$artifacts"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

failed=0
echo "Fuzzing each target for $seconds s:"
for target in "${targets[@]}"; do
    dictionary=cbor.dict
    [ "$target" = historyfile ] && dictionary=json.dict
    found=${corpus:+$corpus/$target}
    found=${found:-$scratch/$target}
    mkdir -p "$found"
    log="$logs/$target.log"
    status=0
    # The first folder takes what the fuzzer finds; the seeds are read, never written.
    { TIMEFORMAT='%U %S'; time nice "$build/tests/fuzz/fuzz_$target" "$found" "$fuzz_dir/corpus/$target" \
        -dict="$fuzz_dir/$dictionary" -max_total_time="$seconds" -timeout=10 -max_len=16384 \
        -print_final_stats=1 -artifact_prefix="$artifacts/$target-" > "$log" 2>&1; } 2> "$scratch/time" || status=$?
    read -r user system < "$scratch/time"
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    coverage=$(grep -E '^#[0-9]+[[:space:]]+(DONE|INITED|NEW|REDUCE|pulse)' "$log" | tail -1 | grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' || true)
    if [ $status -eq 0 ]; then
        echo "  fuzz_$target: ok, ${runs:-0} runs, $coverage, CPU ${user}s+${system}s"
    else
        failed=1
        echo "  fuzz_$target: FAILED (exit $status) after ${runs:-?} runs, $coverage; its report:"
        grep -E -A30 '^==[0-9]+==ERROR|runtime error|fuzz property broken|ALARM|out-of-memory' "$log" | head -60 | sed 's/^/    /'
        echo "    the input: $(ls -t "$artifacts/$target-"* 2>/dev/null | head -1); the whole log: $log"
    fi
done
[ $failed -eq 0 ] && echo "Fuzzing: every target ran without a crash." || echo "Fuzzing: FAILED."
exit $failed
