# End to end (issue 13), in the pages: the lead of one district adds a teacher of
# another district of the network as a contributor with the person picker (the
# network's people only); she opens the draft, saves a version as herself and reviews
# it; a third district sees only the published version, never the revision; the lead
# removes her.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

c init
c org add --kind state --name "Kentucky Department of Education"      # 1
c org add --kind cooperative --name "Green River" --parent-id 1        # 2
c org add --kind district --name "Daviess County" --parent-id 2        # 3
c org add --kind district --name "Owensboro" --parent-id 2             # 4
c org add --kind district --name "Hancock County" --parent-id 2        # 5
c org add --kind district --name "Ohio County" --parent-id 2           # 6
printf 'co-create-2026\n' >"$T_DIR/pw"
for p in "Fay Facilitator fac 2 facilitator" "Dee Lead dee 3 district_lead" "Bea Baker bea 4 member" \
	"Hal Hill hal 5 member" "Oda Otis oda 6 member"; do
	set -- $p
	c user add --given-name "$1" --family-name "$2" --email "$3@x.org" --org "$4" --role "$5" --password-stdin <"$T_DIR/pw"
done
c network add --name "Math network" --content-area mathematics --region-id 2 --school-year 2026-27
c network add --name "Science network" --content-area science --region-id 2 --school-year 2026-27
c network facilitator add 1 fac@x.org
c team add --network-id 1 --district-id 3
c team add --network-id 1 --district-id 4
c team add --network-id 1 --district-id 5
c team add --network-id 2 --district-id 6
c team member add 1 dee@x.org --role lead
c team member add 2 bea@x.org --role member
c team member add 3 hal@x.org --role member
c team member add 4 oda@x.org --role member
printf 'Number talk, then fraction strips.\n' | "$CAPNET" deliverable create --network-id 1 --team-id 1 --kind instructional_resource --title "Fraction strips lesson" --author dee@x.org --file - >/dev/null 2>>"$T_DIR/cli.err"
srv_start || exit 1
W_PASSWORD=co-create-2026

signin() {
	web_signin "$1@x.org" "$T_DIR/$1.jar"
	web_csrf "$T_DIR/$1.jar"
	printf '%s' "$W_CSRF" >"$T_DIR/$1.csrf"
}
get() { http GET "$2" -b "$T_DIR/$1.jar"; }
post() {
	p_jar=$1 p_path=$2
	shift 2
	http POST "$p_path" -b "$T_DIR/$p_jar.jar" --data-urlencode "csrf=$(cat "$T_DIR/$p_jar.csrf")" "$@"
}
for who in dee bea hal fac; do signin $who; done

get dee /deliverables/1
expect_body "the owner sees the person picker" 'name="person_id"'
expect_body "listing the network's people of other districts" 'Bea Baker (Owensboro)'
expect_body_lacks "not another network's" 'Oda Otis'
get bea /deliverables/1
expect_status "the teacher of B does not see the draft yet" 404
post dee /deliverables/1/contributors --data-urlencode person_id=3
expect_status "the owner adds her" 303
get dee /deliverables/1
expect_body "she is listed with her district" 'Bea Baker, Owensboro'

get bea /deliverables/1
expect_status "the contributor opens the draft" 200
expect_body "with the text" 'fraction strips'
expect_body "and a way to save a version" '/deliverables/1/edit'
expect_body_lacks "but no person picker" 'name="person_id"'
get bea /deliverables/1/edit
expect_status "the editor opens for her" 200
post bea /deliverables/1/versions --data-urlencode based_on=1 --data-urlencode "body=Number talk, fraction strips and a number line." --data-urlencode "change_note=Number line"
expect_status "she saves a version" 303
get bea /deliverables/1
expect_body "as herself" 'Version 2, saved'
expect_body "by her name" 'by Bea Baker'

post dee /deliverables/1/submit
get bea /deliverables/1/review
expect_status "the contributor opens the review form" 200
post bea /deliverables/1/reviews --data-urlencode alignment=2 --data-urlencode "comments=Add a word problem"
expect_status "and leaves a review" 303
get hal /deliverables/1
expect_status "a third district does not see it in review" 404
post fac /deliverables/1/publish
get bea /deliverables/1/edit
expect_body "the editor says a revision waits for review" 'until it is reviewed and published'
post bea /deliverables/1/versions --data-urlencode based_on=2 --data-urlencode "body=Revised with word problems." --data-urlencode "change_note=Word problems"
expect_status "she saves a revision" 303
get hal /deliverables/1
expect_status "the third district reads the published deliverable" 200
expect_body "its published version" 'a number line'
expect_body_lacks "not the revision" 'Revised with word problems'
get hal '/deliverables/1?version=3'
expect_status "nor by asking for it" 404
get dee /deliverables/1
expect_body "the owner can submit the revision" '/deliverables/1/submit'

post dee /deliverables/1/contributors/3/remove
expect_status "the owner removes her" 303
get dee /deliverables/1
expect_body_lacks "she is no longer listed" 'Bea Baker, Owensboro'
