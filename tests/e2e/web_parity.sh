#!/bin/sh
# End to end: what the API and the command line could do alone is in the pages too
# (issue 18), and the calendar feeds' URLs lead to pages that exist.
# backends: sqlite postgresql
. "$(dirname "$0")/../e2e_lib.sh"
t_begin
c demo
srv_start || exit 1
c setting set site.base_url "$SRV_URL/"
admin="$T_DIR/admin.jar"
web_signin admin@demo.capnet.example "$admin"

# Every URL of a network's and a team's feed answers a page (RFC 5545 §3.8.4.6; lines
# unfolded as §3.1 says).
feed_urls() {
	"$CAPNET" export ical "$@" 2>/dev/null | tr -d '\r' | sed -e ':a' -e '$!N; s/\n //; ta' -e 'P; D' |
		sed -n 's/^URL[^:]*://p' | sort -u
}
for scope in "--network 1" "--team 1"; do
	# shellcheck disable=SC2086
	urls=$(feed_urls $scope)
	n=$(printf '%s\n' "$urls" | grep -c .)
	if [ "$n" -eq 0 ]; then t_fail "the feed ($scope) has URLs"; continue; fi
	bad=""
	for u in $urls; do
		s=$(curl -s -o /dev/null -w '%{http_code}' -b "$admin" --max-time 20 "$u")
		[ "$s" = 200 ] || bad="$bad $u:$s"
	done
	expect_eq "every one of the $n URLs of the feed ($scope) opens a page" "$bad" ""
done
