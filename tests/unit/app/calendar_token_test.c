/* calendar_token: subscription tokens made, used, refused and revoked; the feed a token
 * opens is parsed back with libical. */
#include "testlib.h"

#include <libical/ical.h>

#include "app/network/calendar_token.h"
#include "core/buf.h"

/* Person 1 belongs to district 2 and is on its team; person 2 belongs to district 4. */
static const char WORLD[] =
	"INSERT INTO organization (id, kind, name, parent_id, created_at, updated_at) VALUES"
	" (1, 'state', 'KDE', NULL, 'x', 'x'), (2, 'district', 'Daviess County', 1, 'x', 'x'),"
	" (4, 'district', 'Owensboro', 1, 'x', 'x');"
	"INSERT INTO person (id, given_name, family_name, email, created_at, updated_at) VALUES"
	" (1, 'Dee', 'Lead', 'dee@x.org', 'x', 'x'), (2, 'Otto', 'Other', 'otto@x.org', 'x', 'x');"
	"INSERT INTO membership (person_id, org_id, role, created_at, updated_at)"
	" VALUES (1, 2, 'district_lead', 'x', 'x'), (2, 4, 'member', 'x', 'x');"
	"INSERT INTO network (id, name, content_area, school_year, created_at, updated_at)"
	" VALUES (1, 'Math', 'mathematics', '2026-27', 'x', 'x');"
	"INSERT INTO team (id, network_id, district_id, name, created_at, updated_at)"
	" VALUES (1, 1, 2, 'Daviess', 'x', 'x'), (2, 1, 4, 'Owensboro', 'x', 'x');"
	"INSERT INTO team_member (team_id, person_id, role) VALUES (1, 1, 'lead');"
	"INSERT INTO meeting (id, network_id, title, starts_at, ends_at, tz, uid, version,"
	" created_at, updated_at) VALUES"
	" (1, 1, 'West', '2026-09-15T14:00:00Z', '2026-09-15T20:00:00Z', 'America/Chicago',"
	"  'meeting-west@capnet', 1, '2026-06-01T00:00:00Z', '2026-06-01T00:00:00Z');";

static struct testdb *open_world(void)
{
	struct testdb *t = testdb_open();
	struct cn_err err = {0};
	if (store_exec(t->db, WORLD, &err))
		fail_msg("%s", err.msg);
	return t;
}

/* The token of a path "/calendar/TOKEN.ics", with its ".ics". */
static const char *token_of(const char *path)
{
	return path + strlen("/calendar/");
}

static void test_feed_opened_by_its_token(void **state)
{
	(void)state;
	struct testdb *t = open_world();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	char *secret = NULL;
	struct calendar_token tok;
	assert_int_equal(calendar_token_create(t->db, &t->who, a, 1, 1, 0, &secret, &tok, &err), 0);
	assert_string_equal(tok.scope, "network");
	assert_string_equal(tok.name, "Math");
	assert_null(tok.revoked_at);
	const char *path = calendar_token_path(a, secret);
	assert_int_equal(strncmp(path, "/calendar/", 10), 0);
	struct buf b = BUF_INIT;
	assert_int_equal(calendar_token_feed(t->db, a, token_of(path), &b, &err), 0);
	icalcomponent *cal = icalparser_parse_string(buf_str(&b));
	assert_non_null(cal);
	assert_int_equal(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
	assert_non_null(icalcomponent_get_first_property(cal, ICAL_PRODID_PROPERTY));
	assert_non_null(icalcomponent_get_first_property(cal, ICAL_VERSION_PROPERTY));
	icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	assert_non_null(ev);
	assert_string_equal(icalcomponent_get_uid(ev), "meeting-west@capnet");
	assert_string_equal(icalcomponent_get_summary(ev), "West");
	assert_non_null(icalcomponent_get_first_property(ev, ICAL_DTSTAMP_PROPERTY));
	assert_int_equal(icalcomponent_get_dtstart(ev).hour, 9); /* Chicago time */
	assert_non_null(icalcomponent_get_timezone(cal, "America/Chicago"));
	icalcomponent_free(cal);
	/* The same feed without ".ics"; the secret is never stored. */
	buf_reset(&b);
	assert_int_equal(calendar_token_feed(t->db, a, secret, &b, &err), 0);
	char sql[200];
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM calendar_token WHERE token_hash = '%s'",
		 secret);
	assert_int_equal(testdb_count(t, sql), 0);
	/* Revoked: gone, and revoking again finds nothing. */
	assert_int_equal(calendar_token_revoke(t->db, &t->who, tok.id, &err), 0);
	assert_int_equal(calendar_token_feed(t->db, a, token_of(path), &b, &err), -1);
	assert_int_equal(err.kind, CN_ERR_NOT_FOUND);
	assert_int_equal(calendar_token_revoke(t->db, &t->who, tok.id, &err), -1);
	assert_int_equal(err.kind, CN_ERR_NOT_FOUND);
	assert_int_equal(calendar_token_feed(t->db, a, "nonsense.ics", &b, &err), -1);
	assert_int_equal(err.kind, CN_ERR_NOT_FOUND);
	assert_int_equal(calendar_token_feed(t->db, a, "", &b, &err), -1);
	assert_int_equal(err.kind, CN_ERR_NOT_FOUND);
	struct calendar_token *list = NULL;
	size_t n = 0;
	assert_int_equal(calendar_token_list(t->db, a, 1, &list, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_non_null(list[0].revoked_at);
	assert_int_equal(calendar_token_list(t->db, a, 2, &list, &n, &err), 0);
	assert_int_equal(n, 0);
	buf_free(&b);
	arena_free(a);
	testdb_close(t);
}

static void test_only_what_the_creator_may_read(void **state)
{
	(void)state;
	struct testdb *t = open_world();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	char *secret = NULL;
	assert_int_equal(calendar_token_create(t->db, &t->who, a, 2, 0, 1, &secret, NULL, &err), -1);
	assert_string_equal(err.field, "team_id");
	assert_non_null(strstr(err.msg, "may read"));
	assert_int_equal(calendar_token_create(t->db, &t->who, a, 1, 1, 1, &secret, NULL, &err), -1);
	assert_string_equal(err.field, "team_id");
	assert_int_equal(calendar_token_create(t->db, &t->who, a, 1, 0, 0, &secret, NULL, &err), -1);
	assert_string_equal(err.field, "network_id");
	assert_int_equal(calendar_token_create(t->db, &t->who, a, 1, 0, 99, &secret, NULL, &err), -1);
	assert_string_equal(err.field, "team_id");
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM calendar_token"), 0);
	/* A team's feed works while its creator belongs to the team's district, and stops
	 * when their membership ends, though they are still on the team. */
	struct calendar_token tok;
	assert_int_equal(calendar_token_create(t->db, &t->who, a, 1, 0, 1, &secret, &tok, &err), 0);
	assert_string_equal(tok.scope, "team");
	struct buf b = BUF_INIT;
	assert_int_equal(calendar_token_feed(t->db, a, secret, &b, &err), 0);
	assert_int_equal(
		store_exec(t->db, "UPDATE membership SET active = 0 WHERE person_id = 1", &err), 0);
	assert_int_equal(calendar_token_feed(t->db, a, secret, &b, &err), -1);
	assert_int_equal(err.kind, CN_ERR_NOT_FOUND);
	buf_free(&b);
	arena_free(a);
	testdb_close(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_feed_opened_by_its_token),
		cmocka_unit_test(test_only_what_the_creator_may_read),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
