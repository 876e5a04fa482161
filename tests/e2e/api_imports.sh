#!/bin/sh
# End to end: a state admin imports a district's OneRoster 1.1 bundle over the JSON API,
# as districts' systems export it: what is sound goes in, each row it could not take as
# it was comes back as a warning naming the file, line and column, and strict refuses
# the bundle with the same. Only admins may import.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin
fixtures="$(cd "$(dirname "$0")/.." && pwd)/fixtures/oneroster"
python3 - "$fixtures/district" "$T_DIR/district.zip" <<'PY'
import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w") as z:
    for name in sorted(os.listdir(src)):
        z.write(os.path.join(src, name), name)
PY

run demo
expect_rc "the demo loads" 0
admin=$("$CAPNET" token create --email admin@demo.capnet.example 2>/dev/null)
lead=$("$CAPNET" token create --email lead@demo.capnet.example 2>/dev/null)
srv_start || exit 1
orgs=$(sql "SELECT COUNT(*) FROM organization")

H_TOKEN=$lead
http POST "/api/v1/imports/oneroster?filename=district.zip" -H 'Content-Type: application/zip' --data-binary "@$T_DIR/district.zip"
expect_status "a district lead may not import a roster" 403
expect_eq "nothing was written" "$(sql "SELECT COUNT(*) FROM organization")" "$orgs"

H_TOKEN=$admin
http POST "/api/v1/imports/oneroster?filename=district.zip&strict=1" -H 'Content-Type: application/zip' --data-binary "@$T_DIR/district.zip"
expect_status "strict: the import ends (refused) within the request" 201
expect_body "strict refuses the bundle" '"status":"failed"'
expect_body "naming the file and line" 'orgs.csv:2'
expect_eq "strict wrote nothing" "$(sql "SELECT COUNT(*) FROM organization")" "$orgs"

http POST "/api/v1/imports/oneroster?filename=district.zip&dry_run=true" -H 'Content-Type: application/zip' --data-binary "@$T_DIR/district.zip"
expect_body "a dry run checks" '"dry_run":true'
expect_eq "and writes nothing" "$(sql "SELECT COUNT(*) FROM organization")" "$orgs"

http POST "/api/v1/imports/oneroster?filename=district.zip" -H 'Content-Type: application/zip' --data-binary "@$T_DIR/district.zip"
expect_status "the bundle imports" 201
expect_body "it is done" '"status":"done"'
expect_header "the answer names the import's address" "Location: /api/v1/imports/"
id=$(jget 'j["id"]')
expect_eq "the sound organizations are in" "$(sql "SELECT COUNT(*) FROM organization")" "$((orgs + 4))"
expect_body "a dangling parent is a warning with file, line and column" \
	'"file":"orgs.csv","line":2,"column":"parentSourcedId"'
expect_body "a school under a school is attached to its district, with a warning" \
	'"file":"orgs.csv","line":4,"column":"parentSourcedId"'
expect_body "inactive rows are counted as such" '"inactive":2'

http GET "/api/v1/imports/$id"
expect_status "the import reads back" 200
expect_body "with its summary and warnings" '"warnings":[{"file":"orgs.csv"'
http GET "/api/v1/imports/999"
expect_status "an import that does not exist" 404

http POST "/api/v1/imports/oneroster" -H 'Content-Type: application/zip'
expect_status "an empty body is refused" 400
expect_body "naming the body" '"field":"body"'
t_end
