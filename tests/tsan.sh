#!/bin/sh
# make tsan: exports with worker threads under ThreadSanitizer; any report fails the run.
# usage: tests/tsan.sh BUILD
BUILD=${1:-build-tsan}
Q="$(pwd)/$BUILD/quire"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
# GLib's slice allocator hands memory between threads under futex locks that
# ThreadSanitizer cannot see: plain malloc instead, which it intercepts.
export G_SLICE=always-malloc
export TSAN_OPTIONS="halt_on_error=1:exitcode=66:suppressions=$(pwd)/tests/tsan.supp"
/usr/bin/python3 tests/mkbig.py "$TMP/big" 200 100 >/dev/null || exit 1
rc=0
for arch in archive "$TMP/big"; do
	for j in 2 7; do
		"$Q" -q "$arch" --jobs "$j" -o "$TMP/x.pdf" -o "$TMP/x.epub" 2>"$TMP/err"
		st=$?
		if [ $st -eq 66 ] || grep -q "ThreadSanitizer" "$TMP/err"; then
			echo "FAIL - tsan: $arch --jobs $j"
			sed -n '1,60p' "$TMP/err"
			rc=1
		elif [ $st -ne 0 ]; then
			echo "FAIL - tsan: $arch --jobs $j: exit $st"
			sed -n '1,20p' "$TMP/err"
			rc=1
		else
			echo "ok - tsan: $arch --jobs $j, no data race reported"
		fi
	done
done
exit $rc
