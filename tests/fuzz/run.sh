# Runs every fuzz target of BUILD (or only the TARGETs named) for SECONDS each, FUZZ_JOBS (2) at
# a time, on a copy of its seeds in tests/fuzz/corpus/ (the committed corpus never grows), and
# fails when one crashes, leaks or hits UBSan. Prints each target's executions and coverage and
# writes them to tests/fuzz/results.txt, one row a target (the rows of targets not run this time
# are kept), and keeps what follows its "Found and fixed" line. Called by `make fuzz`
# (FUZZ_ONLY: the TARGETs).
#   sh tests/fuzz/run.sh BUILD SECONDS [TARGET...]
BUILD=${1:-build-fuzz}
SECONDS_EACH=${2:-10}
shift 2 2>/dev/null || shift $#
only="$*"
top=$(pwd)
work=$BUILD/fuzz-run
rm -rf "$work"
mkdir -p "$work/artifacts"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

# The longest input each target tries: articles and photos are larger than YAML files.
max_len() {
	case $1 in
	fuzz_yaml|fuzz_style) echo 4096 ;;
	fuzz_md|fuzz_text) echo 16384 ;;
	fuzz_html) echo 32768 ;;
	*) echo 65536 ;;
	esac
}

run() {
	t=$1
	mkdir -p "$work/corpus/$t"
	cp tests/fuzz/corpus/$t/* "$work/corpus/$t/" 2>/dev/null
	# The readers also start from the regress inputs and the sample archive, where they live.
	case $t in
	fuzz_md)
		cp tests/regress/md/*.md "$work/corpus/$t/"
		for f in archive/*/*.md; do cp "$f" "$work/corpus/$t/archive-$(basename "$f")"; done ;;
	fuzz_html) cp tests/regress/html/*.html "$work/corpus/$t/" ;;
	fuzz_text) cp tests/regress/text/*.txt "$work/corpus/$t/" ;;
	esac
	# Messages about the input go to stderr: close it, libFuzzer and the sanitizers keep theirs.
	"$BUILD/$t" -max_total_time="$SECONDS_EACH" -max_len="$(max_len "$t")" -timeout="$timeout" \
		-rss_limit_mb=2560 -print_final_stats=1 -close_fd_mask=2 \
		-artifact_prefix="$work/artifacts/$t-" "$work/corpus/$t" >"$work/$t.log" 2>&1
	echo $? >"$work/$t.rc"
	# The machine's load when the target ended: libFuzzer's time is wall time, so a loaded
	# machine gives fewer executions.
	cut -d' ' -f1 /proc/loadavg >"$work/$t.load"
}

# How many targets run at a time (FUZZ_JOBS; default 2, one a core), and the seconds one input
# may take (FUZZ_TIMEOUT; default 30): libFuzzer counts wall time, so on a loaded machine, or
# under nice, an input of a fraction of a second's work can take longer.
jobs=${FUZZ_JOBS:-2}
timeout=${FUZZ_TIMEOUT:-30}

targets=${only:-$(cd "$BUILD" && ls fuzz_* | grep -v '\.o$')}
for t in $targets; do
	if [ ! -x "$BUILD/$t" ]; then
		echo "run.sh: no fuzz target $BUILD/$t" >&2
		exit 2
	fi
done
set -- $targets
while [ $# -gt 0 ]; do
	i=0
	while [ $i -lt "$jobs" ] && [ $# -gt 0 ]; do
		run "$1" &
		shift
		i=$((i + 1))
	done
	wait
done

status=0
table=$work/table
day=$(date -u +%Y-%m-%d)
row() {
	printf '%-18s %10s %7s %10s %8s %7s %7s %5s %s\n' "$@"
}
row target date seconds executions exec/s cov ft load result >"$table"
for t in $targets; do
	log=$work/$t.log
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	last=$(grep -E '^#[0-9]+' "$log" | tail -1)
	cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	if [ "$(cat "$work/$t.rc")" = 0 ]; then
		res=ok
	else
		res="FAILED (see $log)"
		status=1
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$log" | head -5 >&2
		ls "$work/artifacts/$t-"* 2>/dev/null >&2
	fi
	row "$t" "$day" "$SECONDS_EACH" "${execs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" \
		"$(cat "$work/$t.load")" "$res" >>"$table"
done
cat "$table"

# The rows of the targets not run this time stay as they were.
out=tests/fuzz/results.txt
notes=$work/notes
: >"$notes"
if [ -f "$out" ]; then
	sed -n '/^Found and fixed/,$p' "$out" >"$notes"
	sed -n '/^target /,/^$/p' "$out" | grep '^fuzz_' | while read -r t rest; do
		grep -q "^$t " "$table" || echo "$t $rest"
	done | while read -r t d s e x c f l r; do
		row "$t" "$d" "$s" "$e" "$x" "$c" "$f" "$l" "$r"
	done >>"$table"
fi
{
	echo "quire fuzz runs ($(clang --version | head -1)), $jobs targets at a time, niceness $(nice)"
	echo "each input's timeout: $timeout s"
	echo "seconds: each target's -max_total_time (wall time); cov: edges covered; ft: features"
	echo "(libFuzzer's final stats); load: the machine's 1-minute load average when the target ended"
	echo
	head -1 "$table"
	sed 1d "$table" | sort
	echo
	cat "$notes"
} >"$out"
exit $status
