#!/bin/sh
# Runs every test of quire: unit tests (cmocka), regress cases (model dumps and messages), and
# end-to-end tests with real validators. Ends with "N passed, N failed"; fails if any failed.
BUILD=${1:-build}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
export TMP
. tests/lib.sh

echo "# unit tests"
for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	if "$t" >"$TMP/unit.log" 2>&1; then
		ok "unit $(basename "$t") ($(grep -c '\[       OK \]' "$TMP/unit.log") cases)"
	else
		not_ok "unit $(basename "$t")"
		grep -E 'FAILED|ERROR|error' "$TMP/unit.log" | sed -n '1,20p'
	fi
done

echo "# regress cases"
. tests/regress.sh

echo "# end to end"
. tests/e2e.sh

echo "# web archives and saved pages"
. tests/web.sh
echo "# e-readers, fonts, languages"
. tests/readers.sh
echo "# languages"
. tests/lang.sh

echo "# print: booklets, paper, photos"
. tests/print.sh

echo "# covers"
. tests/cover.sh
echo "# columns and pagination"
. tests/layout.sh

echo "# the pipeline"
. tests/pipeline.sh

echo "# threads"
. tests/jobs.sh

echo "# dated snapshots"
. tests/snapshot.sh

echo "# cost in proportion to the input"
. tests/cost.sh

echo "# hostile input and unlucky runs"
. tests/hostile.sh

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
