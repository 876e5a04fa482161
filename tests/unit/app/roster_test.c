/* roster: applying OneRoster rows to capnet: what becomes what, idempotent re-import,
 * deactivation (never erasure), bulk scope, and refusals that leave the database as it
 * was. */
#include "testlib.h"

#include "app/org/org.h"
#include "app/org/person.h"
#include "app/org/roster.h"

static const char ORGS[] =
	"sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n"
	"s-apollo,,,Apollo High,school,A1,d-daviess\n"
	"ky,,,Kentucky DOE,state,,\n"
	"d-daviess,,,Daviess County,district,D1,ky\n"
	"s-burns,,,Burns Elementary,School,,d-daviess\n"
	"dept,,,Math Department,department,,s-apollo\n";
static const char USER_HEAD[] =
	"sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
	"givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,"
	"password\n";
static const char USERS[] =
	"u-lead,,,true,d-daviess,administrator,dl,,Dee,Lead,,,dee@daviess.org,,,,,\n"
	"u-prin,,,true,s-apollo,administrator,pp,,Pat,Principal,,,pat@daviess.org,,,,,\n"
	"u-ana,,,true,\"s-apollo,s-burns\",teacher,ana,,Ana,Reyes,,,ana@daviess.org,,,,,\n"
	"u-bo,,,false,dept,aide,bo,,Bo,Math,,,,,,,,\n"
	"k1,,,true,s-apollo,student,k,,Kid,One,,,kid@daviess.org,,,,,\n"
	"g1,,,true,s-apollo,guardian,g,,Gu,Ardian,,,,,,k1,,\n";
static const char SESSIONS[] =
	"sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,"
	"schoolYear\n"
	"fall,,,Fall 2026,semester,2026-08-12,2026-12-18,sy,2027\n"
	"sy,,,2026-27,schoolYear,2026-08-12,2027-05-28,,2027\n";

struct bundle_text {
	const char *orgs, *users, *sessions; /* users without the header; NULL = absent */
	enum oneroster_mode mode;
};

static struct oneroster *make_bundle(struct arena *a, struct bundle_text b)
{
	struct oneroster *in = arena_alloc(a, sizeof(*in));
	struct oneroster_opts o = {.mode = b.mode ? b.mode : OR_MODE_BULK,
				   .keep_roles = roster_keep_roles()};
	struct cn_err err = {0};
	const char *text[OR_FILE_COUNT] = {
		b.orgs, b.users ? arena_printf(a, "%s%s", USER_HEAD, b.users) : NULL, b.sessions};
	for (int f = 0; f < OR_FILE_COUNT; f++)
		if (text[f] != NULL && oneroster_read_csv((enum oneroster_file)f, text[f],
							  strlen(text[f]), a, &o, in, &err) != 0)
			fail_msg("%s:%ld: %s: %s", err.file, err.line, err.field, err.msg);
	return in;
}

static int run(struct testdb *t, struct arena *a, struct bundle_text b,
	       const struct roster_opts *o, struct roster_summary *s, struct cn_err *err)
{
	static const struct roster_opts none;
	memset(err, 0, sizeof(*err));
	return roster_import(t->db, &t->who, a, make_bundle(a, b), o ? o : &none, s, err);
}

static void import_ok(struct testdb *t, struct arena *a, struct bundle_text b,
		      const struct roster_opts *o, struct roster_summary *s)
{
	struct cn_err err;
	if (run(t, a, b, o, s, &err) != 0)
		fail_msg("%s:%ld: %s: %s", err.file, err.line, err.field, err.msg);
}

/* Every table an import writes, as one string, to show a refusal changed nothing. */
static void digest(struct testdb *t, char out[200])
{
	snprintf(out, 200, "%lld/%lld/%lld/%lld/%lld/%lld",
		 (long long)testdb_count(t, "SELECT COUNT(*) FROM organization"),
		 (long long)testdb_count(t, "SELECT COUNT(*) FROM person"),
		 (long long)testdb_count(t, "SELECT COUNT(*) FROM membership"),
		 (long long)testdb_count(t, "SELECT COUNT(*) FROM academic_session"),
		 (long long)testdb_count(t, "SELECT COUNT(*) FROM audit_event"),
		 (long long)testdb_count(t, "SELECT COALESCE(SUM(version + active), 0) FROM person"));
}

static void test_import_maps_and_reimport_changes_nothing(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct roster_summary s;
	struct bundle_text b = {ORGS, USERS, SESSIONS, 0};
	import_ok(t, a, b, NULL, &s);
	assert_int_equal(s.n[ROSTER_ORG].created, 4);
	assert_int_equal(s.departments, 1);
	assert_int_equal(s.n[ROSTER_PERSON].created, 4);
	assert_int_equal(s.n[ROSTER_MEMBERSHIP].created, 5);
	assert_int_equal(s.n[ROSTER_SESSION].created, 2);
	assert_int_equal(s.skipped[OR_ROLE_STUDENT], 1);
	assert_int_equal(s.skipped[OR_ROLE_GUARDIAN], 1);
	/* kinds and parents */
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM organization o JOIN organization p"
					 " ON p.id = o.parent_id WHERE o.kind = 'school'"
					 " AND p.sourced_id = 'd-daviess'"),
			 2);
	/* students and guardians are never stored */
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM person WHERE sourced_id IN"
					 " ('k1','g1') OR email = 'kid@daviess.org'"),
			 0);
	/* roles: a district's administrator leads, a school's does not */
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM membership m JOIN person p ON"
					 " p.id = m.person_id WHERE p.sourced_id = 'u-lead'"
					 " AND m.role = 'district_lead'"),
			 1);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM membership m JOIN person p ON"
					 " p.id = m.person_id WHERE p.sourced_id = 'u-prin'"
					 " AND m.role = 'member' AND m.title = 'Administrator'"),
			 1);
	/* the department's aide is a member of its school; disabled means inactive */
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM membership m JOIN person p ON"
					 " p.id = m.person_id JOIN organization o ON o.id = m.org_id"
					 " WHERE p.sourced_id = 'u-bo' AND o.sourced_id = 's-apollo'"
					 " AND p.active = 0 AND p.email IS NULL"),
			 1);
	/* sessions: school year from the ending year, parent, the bundle's top org */
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM academic_session s JOIN"
					 " academic_session p ON p.id = s.parent_id JOIN"
					 " organization o ON o.id = s.org_id WHERE s.sourced_id ="
					 " 'fall' AND s.school_year = '2026-27' AND o.kind = 'state'"),
			 1);
	int64_t audits = testdb_count(t, "SELECT COUNT(*) FROM audit_event");
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event WHERE action = 'import'"),
			 1);
	import_ok(t, a, b, NULL, &s);
	for (int k = 0; k < ROSTER_KIND_COUNT; k++) {
		assert_int_equal(s.n[k].created + s.n[k].updated + s.n[k].deactivated, 0);
		assert_true(s.n[k].unchanged > 0);
	}
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event"), audits + 1);
	arena_free(a);
	testdb_close(t);
}

/* Imports b, expects a refusal containing want, and that nothing changed. */
static void expect_refused(struct testdb *t, struct bundle_text b, const struct roster_opts *o,
			   const char *want)
{
	struct arena *a = arena_new();
	char before[200], after[200], line[800];
	digest(t, before);
	struct roster_summary s;
	struct cn_err err;
	int rc = run(t, a, b, o, &s, &err);
	cn_err_format(&err, line, sizeof(line));
	if (rc != -1 || strstr(line, want) == NULL)
		fail_msg("wanted \"%s\", got rc %d: %s", want, rc, line);
	digest(t, after);
	assert_string_equal(before, after);
	arena_free(a);
}

static const struct roster_opts strict = {.strict = 1};

static void test_refusals_write_nothing(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct roster_summary s;
	import_ok(t, a, (struct bundle_text){ORGS, USERS, SESSIONS, 0}, NULL, &s);
	const char *head = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n";
	expect_refused(t, (struct bundle_text){arena_printf(a, "%ss-new,,,New,school,,d-nowhere\n", head), NULL, NULL, 0},
		       &strict,
		       "orgs.csv:2: column \"parentSourcedId\": no organization has sourcedId "
		       "'d-nowhere', neither in orgs.csv nor in capnet");
	expect_refused(t, (struct bundle_text){arena_printf(a, "%ss1,,,One,school,,s2\ns2,,,Two,school,,d-daviess\n", head), NULL, NULL, 0},
		       &strict,
		       "orgs.csv:2: column \"parentSourcedId\": the school \"One\" (s1) cannot be "
		       "under the school \"Two\" (s2); a school belongs to a district");
	expect_refused(t, (struct bundle_text){arena_printf(a, "%ss1,,,Lonely,school,,\n", head), NULL, NULL, 0},
		       &strict, "orgs.csv:2: column \"parentSourcedId\": the school \"Lonely\" (s1) has no parent");
	expect_refused(t, (struct bundle_text){arena_printf(a, "%sn1,,,A,national,,n2\nn2,,,B,national,,n1\n", head), NULL, NULL, 0},
		       NULL, "is its own ancestor through parentSourcedId");
	expect_refused(t, (struct bundle_text){ORGS, "u9,,,true,\"s-apollo,x9\",teacher,,,A,B,,,,,,,,\n", NULL, 0},
		       &strict,
		       "users.csv:2: column \"orgSourcedIds\": no organization has sourcedId 'x9'");
	expect_refused(t, (struct bundle_text){NULL, "u9,,,true,s-apollo,teacher,,,A,B,,,not-an-email,,,,,\n", NULL, 0},
		       NULL, "users.csv:2: column \"email\": 'not-an-email' is not an email address");
	expect_refused(t,
		       (struct bundle_text){NULL,
					    "u8,,,true,s-apollo,teacher,,,A,B,,,x@y.org,,,,,\n"
					    "u9,,,true,s-apollo,teacher,,,C,D,,,X@y.org,,,,,\n",
					    NULL, 0},
		       NULL, "users.csv:3: column \"email\": x@y.org is also the address on line 2");
	expect_refused(t, (struct bundle_text){NULL, NULL,
				"sourcedId,title,type,startDate,endDate,parentSourcedId,schoolYear\n"
				"t1,Term,term,2026-08-01,2026-12-01,missing-year,2027\n", 0},
		       &strict,
		       "academicSessions.csv:2: column \"parentSourcedId\": no academic session has "
		       "sourcedId 'missing-year'");
	struct roster_opts bad_parent = {.parent_id = 999};
	expect_refused(t, (struct bundle_text){ORGS, NULL, NULL, 0}, &bad_parent,
		       "there is no organization with id 999");
	/* a dry run counts, then writes nothing */
	char before[200], after[200];
	digest(t, before);
	struct roster_opts dry = {.dry_run = 1};
	import_ok(t, a, (struct bundle_text){arena_printf(a, "%ss-new,,,New,school,,d-daviess\n", head), NULL, NULL, OR_MODE_DELTA}, &dry, &s);
	assert_int_equal(s.n[ROSTER_ORG].created, 1);
	digest(t, after);
	assert_string_equal(before, after);
	arena_free(a);
	testdb_close(t);
}

static void test_deletions_and_bulk_scope(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct roster_summary s;
	const char *head = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n";
	import_ok(t, a, (struct bundle_text){ORGS, USERS, SESSIONS, 0}, NULL, &s);
	/* another district's bundle, imported on its own */
	import_ok(t, a,
		  (struct bundle_text){arena_printf(a, "%sd-ob,,,Owensboro,district,,\n"
						       "s-ohs,,,Owensboro High,school,,d-ob\n", head),
				       "o1,,,true,s-ohs,teacher,,,Oli,Ver,,,oli@ob.org,,,,,\n", NULL, 0},
		  NULL, &s);
	assert_int_equal(s.n[ROSTER_ORG].absent + s.n[ROSTER_PERSON].absent, 0);
	/* Daviess again without Burns and without Ana: they are deactivated, Owensboro
	 * stays as it is */
	import_ok(t, a,
		  (struct bundle_text){arena_printf(a, "%sky,,,Kentucky DOE,state,,\n"
						       "d-daviess,,,Daviess County,district,D1,ky\n"
						       "s-apollo,,,Apollo High,school,A1,d-daviess\n", head),
				       "u-lead,,,true,d-daviess,administrator,dl,,Dee,Lead,,,dee@daviess.org,,,,,\n"
				       "u-prin,,,true,s-apollo,administrator,pp,,Pat,Principal,,,pat@daviess.org,,,,,\n"
				       "u-bo,,,false,s-apollo,aide,bo,,Bo,Math,,,,,,,,\n",
				       NULL, 0},
		  NULL, &s);
	assert_int_equal(s.n[ROSTER_ORG].absent, 1);
	assert_int_equal(s.n[ROSTER_PERSON].absent, 1);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM organization WHERE active = 0"), 1);
	assert_int_equal(testdb_count(t, "SELECT active FROM organization WHERE sourced_id = 's-burns'"), 0);
	assert_int_equal(testdb_count(t, "SELECT active FROM person WHERE sourced_id = 'u-ana'"), 0);
	assert_int_equal(testdb_count(t, "SELECT active FROM person WHERE sourced_id = 'o1'"), 1);
	assert_int_equal(testdb_count(t, "SELECT active FROM organization WHERE sourced_id = 's-ohs'"), 1);
	/* nothing is erased */
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM person"), 5);
	/* delta: tobedeleted deactivates; an active row brings the person back */
	import_ok(t, a, (struct bundle_text){NULL, "o1,tobedeleted,,,,,,,,,,,,,,,,\nzz,tobedeleted,,,,,,,,,,,,,,,,\n", NULL, OR_MODE_DELTA},
		  NULL, &s);
	assert_int_equal(s.n[ROSTER_PERSON].deactivated, 1);
	assert_int_equal(s.unknown_deletions, 1);
	assert_int_equal(testdb_count(t, "SELECT active FROM person WHERE sourced_id = 'o1'"), 0);
	import_ok(t, a, (struct bundle_text){NULL, "o1,,,true,s-ohs,teacher,,,Oli,Ver,,,,,,,,\n", NULL, OR_MODE_DELTA},
		  NULL, &s);
	assert_int_equal(s.n[ROSTER_PERSON].updated, 1);
	/* the empty email did not erase the one capnet had */
	assert_int_equal(testdb_count(t, "SELECT active + CASE WHEN email = 'oli@ob.org' THEN 1 ELSE 0 END FROM person WHERE sourced_id = 'o1'"), 2);
	arena_free(a);
	testdb_close(t);
}

static void test_memberships_follow_the_file(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct roster_summary s;
	import_ok(t, a, (struct bundle_text){ORGS, USERS, NULL, 0}, NULL, &s);
	/* Ana leaves Burns; Pat becomes a student (no longer staff) */
	import_ok(t, a,
		  (struct bundle_text){NULL,
				       "u-ana,,,true,s-apollo,teacher,ana,,Ana,Reyes,,,ana@daviess.org,,,,,\n"
				       "u-prin,,,true,s-apollo,student,pp,,Pat,Principal,,,,,,,,\n",
				       NULL, OR_MODE_DELTA},
		  NULL, &s);
	assert_int_equal(s.n[ROSTER_MEMBERSHIP].deactivated, 1);
	assert_int_equal(s.n[ROSTER_PERSON].deactivated, 1);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM membership m JOIN organization o ON"
					 " o.id = m.org_id WHERE o.sourced_id = 's-burns' AND m.active = 0"),
			 1);
	assert_int_equal(testdb_count(t, "SELECT active FROM person WHERE sourced_id = 'u-prin'"), 0);
	/* back to Burns: the same membership comes back, no new one */
	import_ok(t, a,
		  (struct bundle_text){NULL,
				       "u-ana,,,true,\"s-burns,s-apollo\",teacher,ana,,Ana,Reyes,,,ana@daviess.org,,,,,\n",
				       NULL, OR_MODE_DELTA},
		  NULL, &s);
	assert_int_equal(s.n[ROSTER_MEMBERSHIP].updated, 1);
	assert_int_equal(s.n[ROSTER_MEMBERSHIP].created, 0);
	arena_free(a);
	testdb_close(t);
}

static void test_email_of_a_person_added_by_hand(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	struct roster_summary s;
	import_ok(t, a, (struct bundle_text){ORGS, NULL, NULL, 0}, NULL, &s);
	struct rec *p = rec_new(a, &person_entity);
	assert_int_equal(rec_set_text(p, a, "given_name", "Ana", &err), 0);
	assert_int_equal(rec_set_text(p, a, "family_name", "Reyes", &err), 0);
	assert_int_equal(rec_set_text(p, a, "email", "ana@daviess.org", &err), 0);
	assert_int_equal(rec_create(t->db, &t->who, a, p, &err), 0);
	const char *row = "u-ana,,,true,s-apollo,teacher,ana,,Ana,Reyes,,,ANA@daviess.org,,,,,\n";
	expect_refused(t, (struct bundle_text){NULL, row, NULL, OR_MODE_DELTA}, NULL,
		       "users.csv:2: column \"email\": ana@daviess.org is already the address of "
		       "Ana Reyes (capnet person 1), who was not imported; give --link-by-email");
	struct roster_opts link = {.link_by_email = 1};
	import_ok(t, a, (struct bundle_text){NULL, row, NULL, OR_MODE_DELTA}, &link, &s);
	assert_int_equal(s.n[ROSTER_PERSON].updated, 1);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM person"), 1);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM person WHERE sourced_id = 'u-ana'"), 1);
	arena_free(a);
	testdb_close(t);
}

static void test_parent_id_places_the_top_organizations(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	struct rec *ky = rec_new(a, &org_entity);
	assert_int_equal(rec_set_text(ky, a, "kind", "state", &err), 0);
	assert_int_equal(rec_set_text(ky, a, "name", "KDE", &err), 0);
	assert_int_equal(rec_create(t->db, &t->who, a, ky, &err), 0);
	struct rec *coop = rec_new(a, &org_entity);
	assert_int_equal(rec_set_text(coop, a, "kind", "cooperative", &err), 0);
	assert_int_equal(rec_set_text(coop, a, "name", "GRREC", &err), 0);
	assert_int_equal(rec_set_int(coop, "parent_id", ky->id, &err), 0);
	assert_int_equal(rec_create(t->db, &t->who, a, coop, &err), 0);
	const char *orgs = "sourcedId,name,type,parentSourcedId\nd1,Daviess,district,\n"
			   "s1,Apollo,school,d1\n";
	struct roster_opts under = {.parent_id = coop->id};
	struct roster_summary s;
	import_ok(t, a, (struct bundle_text){orgs, NULL, NULL, 0}, &under, &s);
	assert_int_equal(testdb_count(t, "SELECT parent_id FROM organization WHERE sourced_id = 'd1'"),
			 coop->id);
	struct roster_opts wrong = {.parent_id = 3}; /* d1, a district */
	expect_refused(t, (struct bundle_text){"sourcedId,name,type\nd2,Owensboro,district\n", NULL, NULL, 0},
		       &wrong, "column \"--parent-id\": the district \"Owensboro\" (d2) cannot be under the district");
	arena_free(a);
	testdb_close(t);
}

/* Without strict, references that do not resolve are warnings naming file, line and
 * column; what is sound is imported, the school under a school goes to its district,
 * a school with no district is left out; inactive rows are stored inactive. */
static void test_lenient_import_warns(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	const char *orgs = "sourcedId,status,name,type,parentSourcedId\n"
			   "d1,,Daviess,district,ky-missing\n"
			   "s1,,Apollo,school,d1\n"
			   "s2,,Annex,school,s1\n"
			   "s3,,Lonely,school,nowhere\n"
			   "s4,inactive,Old Mill,school,d1\n";
	const char *users = "u1,,,true,\"s2,gone\",teacher,,,A,B,,,,,,,,\n";
	const char *sessions = "sourcedId,title,type,startDate,endDate,parentSourcedId,schoolYear\n"
			       "t1,Term,term,2026-08-01,2026-12-01,missing-year,2027\n";
	struct roster_summary s;
	import_ok(t, a, (struct bundle_text){orgs, users, sessions, 0}, NULL, &s);
	assert_int_equal(s.nwarnings, 5);
	assert_string_equal(s.warnings[0].file, "orgs.csv");
	assert_int_equal(s.warnings[0].line, 2);
	assert_string_equal(s.warnings[0].column, "parentSourcedId");
	assert_non_null(strstr(s.warnings[0].message, "'ky-missing'"));
	assert_non_null(strstr(s.warnings[1].message, "attached to the district \"Daviess\" (d1)"));
	assert_int_equal(s.warnings[2].line, 5);
	assert_non_null(strstr(s.warnings[2].message, "not imported"));
	assert_string_equal(s.warnings[3].column, "parentSourcedId");
	assert_string_equal(s.warnings[3].file, "academicSessions.csv");
	assert_string_equal(s.warnings[4].column, "orgSourcedIds");
	assert_int_equal(s.inactive, 1);
	assert_int_equal(s.n[ROSTER_ORG].created, 4);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM organization o JOIN organization p"
					 " ON p.id = o.parent_id WHERE o.sourced_id = 's2' AND"
					 " p.sourced_id = 'd1'"),
			 1);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM organization WHERE sourced_id = 's3'"), 0);
	assert_int_equal(testdb_count(t, "SELECT active FROM organization WHERE sourced_id = 's4'"), 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM membership"), 1);
	import_ok(t, a, (struct bundle_text){orgs, users, sessions, 0}, NULL, &s);
	for (int k = 0; k < ROSTER_KIND_COUNT; k++)
		assert_int_equal(s.n[k].created + s.n[k].updated + s.n[k].deactivated, 0);
	assert_int_equal(s.nwarnings, 5);
	assert_int_equal(s.n[ROSTER_ORG].unchanged, 4);
	arena_free(a);
	testdb_close(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_import_maps_and_reimport_changes_nothing),
		cmocka_unit_test(test_refusals_write_nothing),
		cmocka_unit_test(test_deletions_and_bulk_scope),
		cmocka_unit_test(test_memberships_follow_the_file),
		cmocka_unit_test(test_email_of_a_person_added_by_hand),
		cmocka_unit_test(test_parent_id_places_the_top_organizations),
		cmocka_unit_test(test_lenient_import_warns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
