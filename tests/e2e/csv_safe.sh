# End to end: every CSV capnet writes neutralizes cells from user data that a
# spreadsheet would run as a formula (= + - @, tab or carriage return first): the list
# commands' --format csv, the profile report's views and a plan's CSV export.
# (capnet trims names, so the leading tab and carriage return are covered by
# tests/unit/io/table_test.c).
. "$(dirname "$0")/../e2e_lib.sh"
t_begin
top=$(cd "$(dirname "$0")/../.." && pwd)

# Fails with the offending lines when a CSV line starts a cell with a formula character.
expect_no_formula() {
	bad=$(printf '%s\n' "$2" | grep -E '(^|,)"[=+@-]|(^|,)"	' || true)
	if [ -z "$bad" ]; then t_ok "$1"; else t_fail "$1" "$bad"; fi
}

# The fixture gives its rows ids; on PostgreSQL the id sequences are then moved past
# them so that records capnet adds get new ids.
run init
if [ "$(t_backend)" = postgresql ]; then
	psql "$CAPNET_DB" -qAt -v ON_ERROR_STOP=1 -f "$top/tests/fixtures/delivery/profile_world.sql" >/dev/null
	psql "$CAPNET_DB" -qAt -c "SELECT setval(pg_get_serial_sequence('organization', 'id'), (SELECT MAX(id) FROM organization))" >/dev/null
else
	sqlite3 "${CAPNET_DB#sqlite:}" <"$top/tests/fixtures/delivery/profile_world.sql"
fi
c org add --kind district --name '=HYPERLINK("http://evil.example/","click")' --parent-id 1
c org add --kind district --name '+1+2' --parent-id 1
c org add --kind district --name '-2+3' --parent-id 1
c org add --kind district --name '@SUM(A1:A9)' --parent-id 1
run org list --format csv
expect_rc "org list --format csv" 0
expect_out "the HYPERLINK name is quoted text" "\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"click\"\")\""
expect_out "a leading + is quoted" "\"'+1+2\""
expect_out "a leading - is quoted" "\"'-2+3\""
expect_out "a leading @ is quoted" "\"'@SUM(A1:A9)\""
expect_no_formula "no cell of org list starts a formula" "$T_OUT"
expect_out "ids stay numbers" '"1",'

# The profile report's three views, with a team and a district named as formulas.
sql "UPDATE team SET name = '=HYPERLINK(\"http://evil.example/\")' WHERE id = 1" >/dev/null
for view in teams components evidence; do
	run report profile --network 1 --format csv --view "$view"
	expect_rc "profile --view $view as CSV" 0
	expect_out "the $view view quotes the team name" "\"'=HYPERLINK("
	expect_no_formula "no cell of the $view view starts a formula" "$T_OUT"
done

# A plan's CSV export.
sql "UPDATE plan_goal SET title = '@cmd|'' /C calc''!A0' WHERE plan_id = 1" >/dev/null
run plan export 1 --format csv --output -
expect_rc "plan export as CSV" 0
expect_out "a goal's title is quoted" "\"'@cmd|"
expect_no_formula "no cell of the plan export starts a formula" "$T_OUT"
