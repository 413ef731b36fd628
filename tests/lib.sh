# Shared by the test scripts: counters and result lines. Sourced, not run.
pass=${pass:-0}
fail=${fail:-0}
ok() {
	pass=$((pass + 1))
	echo "ok - $1"
}
not_ok() {
	fail=$((fail + 1))
	echo "FAIL - $1"
}
# check NAME COMMAND...: runs the command quietly; its status decides.
check() {
	name=$1
	shift
	if "$@" >"$TMP/check.log" 2>&1; then
		ok "$name"
	else
		not_ok "$name"
		sed -n '1,40p' "$TMP/check.log"
	fi
}
