#!/bin/sh
# Each interface can do what the others can (issue 18): every capability in
# tests/e2e/parity.list is a route of the API, a command, and a route of the pages, as
# `capnet routes` and the commands' --help say, or a deliberate exception with its
# reason. A capability without a cell for an interface, or a cell naming something that
# does not exist, fails.
# backends: sqlite
. "$(dirname "$0")/../e2e_lib.sh"
t_begin
list="$(dirname "$0")/parity.list"
"$CAPNET" routes >"$T_DIR/routes"
grep -q '^GET /api/v1/openapi.json' "$T_DIR/routes" && t_ok "capnet routes lists the API's routes" || t_fail "capnet routes lists the API's routes"
grep -q '^GET /dashboard' "$T_DIR/routes" && t_ok "and the pages'" || t_fail "and the pages'"

trim() { printf '%s' "$1" | sed 's/^ *//; s/ *$//'; }
grep -v '^#' "$list" | grep . >"$T_DIR/caps"
while IFS='|' read -r cap api cli page; do
	cap=$(trim "$cap") api=$(trim "$api") cli=$(trim "$cli") page=$(trim "$page")
	why=""
	for cell in "api:$api" "page:$page"; do
		kind=${cell%%:*} v=${cell#*:}
		case "$v" in
		"!"?*) ;;
		"") why="$why no $kind cell;" ;;
		*) awk -v v="$v" '$1 " " $2 == v { found = 1 } END { exit !found }' "$T_DIR/routes" ||
			why="$why $kind route '$v' does not exist;" ;;
		esac
		case "$kind:$v" in api:/api/*|api:GET\ /api/*|api:POST\ /api/*|api:PUT\ /api/*|api:PATCH\ /api/*|api:DELETE\ /api/*|api:GET\ /calendar/*|api:!*) ;;
		api:*) why="$why the API cell '$v' is not an API route;" ;;
		page:*/api/*) why="$why the page cell '$v' is an API route;" ;;
		esac
	done
	case "$cli" in
	"!"?*) ;;
	"") why="$why no command-line cell;" ;;
	*)
		# A command or verb that does not exist answers --help with status 2.
		# shellcheck disable=SC2086
		"$CAPNET" $cli --help >/dev/null 2>&1 || why="$why 'capnet $cli' is not a command;"
		;;
	esac
	if [ -z "$why" ]; then t_ok "$cap: API, command line and pages"; else t_fail "$cap" "$why"; fi
done <"$T_DIR/caps"
