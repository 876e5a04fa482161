# End to end: the web pages a person meets first, through the real server: the
# stylesheet, signing in with a form, the dashboard of their networks and next meetings,
# errors beside the field, CSRF on forms, HTML error pages, and signing out.
. "$(dirname "$0")/../e2e_lib.sh"
t_begin

run demo
expect_rc "demo data" 0
srv_start || exit 1
jar="$T_DIR/cookies"

http GET /static/capnet.css
expect_status "the stylesheet is served by capnet itself" 200
expect_header "as CSS" "Content-Type: text/css"
http GET /dashboard
expect_status "signed out, the dashboard sends to sign-in" 303
expect_header "with the way back" "Location: /signin?next=/dashboard"
http GET /signin
expect_body "a labelled email field" '<label for="email">Email address'
expect_body "a skip link" 'href="#main">Skip to content'

# Login CSRF: the form carries a token bound to a pre-session cookie, and a post from
# another site is refused with the form shown again.
http POST /signin -d "email=lead@demo.capnet.example&password=capnet-demo-2026&next=/dashboard"
expect_status "a sign-in without the form's token is refused" 403
expect_body "saying the form is out of date or from another site" "sent from another site"
expect_body "with the sign-in form shown again" 'action="/signin"'
expect_eq "and no session made" "$(printf '%s' "$H_HEAD" | grep -ci '^Set-Cookie: capnet_session=[^;]')" "0"
pre="$T_DIR/pre"
web_signin_form "$pre"
expect_eq "the sign-in form carries a CSRF token" "${#W_SIGNIN_CSRF}" "43"
http POST /signin -b "$pre" -d "csrf=$W_SIGNIN_CSRF&email=lead@demo.capnet.example&password=capnet-demo-2026" \
	-H "Origin: https://evil.example"
expect_status "a sign-in posted from another site (Origin) is refused, even with a token" 403
expect_body "saying so" "sent from another site"
http POST /signin -b "$pre" -d "csrf=$W_SIGNIN_CSRF&email=lead@demo.capnet.example&password=capnet-demo-2026" \
	-H "Referer: https://evil.example/login.html"
expect_status "so is one whose Referer names another site" 403
http POST /signin -d "csrf=$W_SIGNIN_CSRF&email=lead@demo.capnet.example&password=capnet-demo-2026"
expect_status "a token without its pre-session cookie is refused" 403
json POST /api/v1/session '{"email":"lead@demo.capnet.example","password":"capnet-demo-2026"}' \
	-H "Origin: https://evil.example"
expect_status "the API's sign-in refuses another site's Origin too" 403

http POST /signin -b "$pre" -d "csrf=$W_SIGNIN_CSRF&email=lead@demo.capnet.example&password=wrong-password&next=/dashboard" \
	-H "Origin: $SRV_URL"
expect_status "a wrong password is refused" 401
expect_body "the error is beside the email field" 'id="email-error"'
expect_body "the address typed is kept" 'value="lead@demo.capnet.example"'

cp "$pre" "$jar"
http POST /signin -b "$jar" -c "$jar" -d "csrf=$W_SIGNIN_CSRF&email=lead@demo.capnet.example&password=capnet-demo-2026&next=/dashboard" \
	-H "Origin: $SRV_URL" -H "Referer: $SRV_URL/signin"
expect_status "sign in with the form, from capnet's own page" 303
expect_header "back to where the person was going" "Location: /dashboard"
http POST /signin -b "$pre" -d "csrf=$W_SIGNIN_CSRF&email=lead@demo.capnet.example&password=capnet-demo-2026&next=//evil.example/"
expect_header "never onward to another site" "Location: /dashboard"

http GET /dashboard -b "$jar"
expect_status "the dashboard" 200
expect_body "greets the person" "Welcome, Dana"
expect_body "lists their network" "Green River Mathematics Leadership Network"
expect_body "shows their next meeting" "Meeting 3: Formative assessment in mathematics"
expect_body "in the meeting's own time" 'datetime="2027-02-09T09:00:00-06:00"'
expect_body "marks the current page" 'aria-current="page">Dashboard'
size=$(printf '%s' "$H_BODY" | wc -c)
expect_eq "the page is small" "$([ "$size" -lt 100000 ] && echo yes)" "yes"

http GET /no-such-page -b "$jar"
expect_status "an unknown page" 404
expect_body "is an HTML page" "<h1>Page not found</h1>"
http GET /api/v1/no-such-thing -b "$jar"
expect_header "an unknown API path stays JSON" "Content-Type: application/problem+json"

http POST /signout -b "$jar"
expect_status "signing out without the form's token is refused" 403
csrf=$(curl -s -b "$jar" "$SRV_URL/dashboard" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
expect_eq "the form carries a CSRF token" "${#csrf}" "43"
http POST /signout -b "$jar" -d "csrf=$csrf&reflection_note=a%00b"
expect_status "a NUL byte in a form field is bad input, not an out-of-date form" 400
expect_body "the field is named" "reflection_note"
http GET /dashboard%00.css -b "$jar"
expect_status "%00 in a page's path is refused" 400
http POST /signout -b "$jar" -d "csrf=$csrf" -H "Origin: https://evil.example"
expect_status "a form posted with the session cookie from another site is refused" 403
expect_body "saying where it came from" "another site"
http POST /signout -b "$jar" -c "$jar" -d "csrf=$csrf"
expect_status "sign out with it" 303
http GET /dashboard -b "$jar"
expect_status "after signing out the dashboard is closed" 303

# An upload whose file name is too long is bad input naming the field.
ajar="$T_DIR/admin"
web_signin admin@demo.capnet.example "$ajar"
web_csrf "$ajar" /admin/imports
printf 'x' >"$T_DIR/bundle.zip"
long=$(python3 -c "print('a' * 1100)")
http POST /admin/imports/oneroster -b "$ajar" -F "csrf=$W_CSRF" -F "roster_file=@$T_DIR/bundle.zip;filename=$long.zip"
expect_status "an overlong upload file name is refused as bad input" 400
expect_body "naming the field" "roster_file"

# Too many failed sign-ins: the form is shown again, 429 with Retry-After.
web_signin_form "$pre"
for i in 1 2 3 4 5 6; do
	http POST /signin -b "$pre" -d "csrf=$W_SIGNIN_CSRF&email=nobody@demo.capnet.example&password=wrong-password"
done
expect_status "the sixth failed sign-in in a row is throttled" 429
expect_header "saying when to try again" "Retry-After: "
expect_body "beside the email field" "Too many failed sign-ins"
srv_stop
