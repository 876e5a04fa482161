# End to end: `capnet demo --scale state` adds a state's size on top of the demo: 171
# more districts with 1,500 schools and 45,000 staff, and three school years, each with
# twelve networks that together hold every one of those districts.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

run demo --scale county
expect_rc "an unknown scale is a usage error" 2
expect_err "naming the option" "--scale takes demo or state"
run demo --scale state
expect_rc "the state's size loads" 0
expect_out "and says what it added" "171 districts, 1500 schools, 45000 staff"
expect_eq "171 districts more than the demo's" \
	"$(sql "SELECT COUNT(*) FROM organization WHERE kind = 'district' AND name LIKE '% County Schools %'")" 171
expect_eq "1,500 schools in them" \
	"$(sql "SELECT COUNT(*) FROM organization s JOIN organization d ON d.id = s.parent_id WHERE s.kind = 'school' AND d.name LIKE '% County Schools %'")" 1500
expect_eq "45,000 staff with a membership" \
	"$(sql "SELECT COUNT(DISTINCT m.person_id) FROM membership m JOIN organization o ON o.id = m.org_id WHERE o.name LIKE '% County Schools %' OR o.parent_id IN (SELECT id FROM organization WHERE name LIKE '% County Schools %')")" 45000
expect_eq "each school year, every district has a team in one of twelve networks" \
	"$(sql "SELECT COUNT(DISTINCT n.school_year) || ' ' || COUNT(DISTINCT n.id) || ' ' || COUNT(*) FROM team t JOIN network n ON n.id = t.network_id JOIN organization o ON o.id = t.district_id WHERE o.name LIKE '% County Schools %'")" "3 36 513"
expect_eq "each team has its year's plan" \
	"$(sql "SELECT COUNT(*) FROM team t JOIN network n ON n.id = t.network_id WHERE n.name LIKE 'Statewide %' AND NOT EXISTS (SELECT 1 FROM plan p WHERE p.team_id = t.id AND p.school_year = n.school_year)")" 0
