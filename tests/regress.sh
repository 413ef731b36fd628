# Regress cases: each input under tests/regress/<area>/ is read with `quire --tree` inside its
# folder; stdout must equal <case>.tree and stderr <case>.err. Sourced by run.sh, or run as
# `sh tests/regress.sh BUILD update [AREA]` to rewrite the expectations of every area or of one
# (read the diff before committing).
BUILD=${1:-build}
mode=${2:-check}
only=${3:-}
top=$(pwd)
if [ -z "$TMP" ]; then
	TMP=$(mktemp -d)
	. "$top/tests/lib.sh"
fi
for dir in "$top"/tests/regress/*/; do
	for input in "$dir"*.md "$dir"*.html "$dir"*.htm "$dir"*.txt; do
		[ -f "$input" ] || continue
		name=$(basename "$input")
		case_=${name%.*}
		area=$(basename "$dir")
		[ -n "$only" ] && [ "$only" != "$area" ] && continue
		(cd "$dir" && "$top/$BUILD/quire" --tree "$name" >"$TMP/out" 2>"$TMP/err")
		if [ "$mode" = update ]; then
			cp "$TMP/out" "$dir$case_.tree"
			cp "$TMP/err" "$dir$case_.err"
			continue
		fi
		if cmp -s "$TMP/out" "$dir$case_.tree" && cmp -s "$TMP/err" "$dir$case_.err"; then
			ok "regress $area/$name"
		else
			not_ok "regress $area/$name"
			diff -u "$dir$case_.tree" "$TMP/out" | sed -n '1,30p'
			diff -u "$dir$case_.err" "$TMP/err" | sed -n '1,10p'
		fi
	done
done
