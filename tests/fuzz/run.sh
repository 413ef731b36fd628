# Runs every fuzz target of BUILD for SECONDS each, two at a time, on a copy of its seeds in
# tests/fuzz/corpus/ (the committed corpus never grows), and fails when one crashes, leaks or hits
# UBSan. Prints each target's executions and coverage and writes them to tests/fuzz/results.txt,
# keeping what follows its "Found and fixed" line. Called by `make fuzz`.
BUILD=${1:-build-fuzz}
SECONDS_EACH=${2:-10}
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
	"$BUILD/$t" -max_total_time="$SECONDS_EACH" -max_len="$(max_len "$t")" -timeout=30 \
		-rss_limit_mb=2560 -print_final_stats=1 -close_fd_mask=2 \
		-artifact_prefix="$work/artifacts/$t-" "$work/corpus/$t" >"$work/$t.log" 2>&1
	echo $? >"$work/$t.rc"
}

targets=$(cd "$BUILD" && ls fuzz_* | grep -v '\.o$')
set -- $targets
while [ $# -gt 0 ]; do
	run "$1" &
	if [ $# -gt 1 ]; then
		run "$2" &
		shift
	fi
	shift
	wait
done

status=0
table=$work/table
printf '%-18s %10s %8s %7s %7s %s\n' target executions exec/s cov ft result >"$table"
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
	printf '%-18s %10s %8s %7s %7s %s\n' "$t" "${execs:-?}" "${speed:-?}" "${cov:-?}" \
		"${ft:-?}" "$res" >>"$table"
done
cat "$table"

out=tests/fuzz/results.txt
notes=$work/notes
if [ -f "$out" ]; then
	sed -n '/^Found and fixed/,$p' "$out" >"$notes"
fi
{
	echo "quire fuzz run: $SECONDS_EACH s a target, two at a time, $(date -u +%Y-%m-%d) ($(clang --version | head -1))"
	echo "cov: edges covered; ft: features (libFuzzer's final stats)"
	echo
	cat "$table"
	echo
	[ -s "$notes" ] && cat "$notes"
} >"$out"
exit $status
