/* oneroster: typed rows from the three files capnet reads, the manifest's rules, a
 * folder and a zip archive, and the format errors, each naming file, line, column. */
#include "testlib.h"

#include <sys/stat.h>
#include <zip.h>

#include "io/oneroster.h"

static const unsigned keep_staff = (1u << OR_ROLE_ADMINISTRATOR) | (1u << OR_ROLE_AIDE) |
				   (1u << OR_ROLE_PROCTOR) | (1u << OR_ROLE_TEACHER);

static const char ORG_HEAD[] = "sourcedId,status,dateLastModified,name,type,identifier,"
			       "parentSourcedId\n";
static const char USER_HEAD[] =
	"sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
	"givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,"
	"password\n";
static const char SESSION_HEAD[] = "sourcedId,status,dateLastModified,title,type,startDate,"
				   "endDate,parentSourcedId,schoolYear\n";

/* Reads head + body as file f; returns the result code. */
static int read_one(enum oneroster_file f, const char *head, const char *body, struct arena *a,
		    struct oneroster *out, struct cn_err *err)
{
	char *text = arena_printf(a, "%s%s", head, body);
	struct oneroster_opts o = {.keep_roles = keep_staff};
	memset(out, 0, sizeof(*out));
	memset(err, 0, sizeof(*err));
	return oneroster_read_csv(f, text, strlen(text), a, &o, out, err);
}

static void expect_error(enum oneroster_file f, const char *head, const char *body,
			 const char *want)
{
	struct arena *a = arena_new();
	struct oneroster out;
	struct cn_err err;
	int rc = read_one(f, head, body, a, &out, &err);
	char line[700];
	cn_err_format(&err, line, sizeof(line));
	if (rc != -1 || strstr(line, want) == NULL)
		fail_msg("wanted \"%s\", got rc %d: %s", want, rc, line);
	arena_free(a);
}

static void test_orgs(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct oneroster out;
	struct cn_err err;
	assert_int_equal(read_one(OR_FILE_ORGS, ORG_HEAD,
				  "s1,Active,,\"Apollo, High\",School,A1,d1\n"
				  "d1,,,Daviess,DISTRICT,,\n"
				  "old,tobedeleted,,,,,\n"
				  "mill,Inactive,,Old Mill,school,M1,d1\n",
				  a, &out, &err),
			 0);
	assert_int_equal(out.norgs, 4);
	/* 1.0's inactive is its own case: read in full, not a deletion. */
	assert_int_equal(out.orgs[3].inactive, 1);
	assert_int_equal(out.orgs[3].deleted, 0);
	assert_string_equal(out.orgs[3].name, "Old Mill");
	assert_string_equal(out.orgs[3].parent, "d1");
	assert_string_equal(out.orgs[0].name, "Apollo, High");
	assert_int_equal(out.orgs[0].type, OR_ORG_SCHOOL);
	assert_string_equal(out.orgs[0].parent, "d1");
	assert_int_equal(out.orgs[0].line, 2);
	assert_int_equal(out.orgs[1].type, OR_ORG_DISTRICT);
	assert_null(out.orgs[1].parent);
	assert_null(out.orgs[1].identifier);
	assert_int_equal(out.orgs[2].deleted, 1);
	assert_int_equal(out.mode[OR_FILE_ORGS], OR_MODE_BULK);
	arena_free(a);
	expect_error(OR_FILE_ORGS, ORG_HEAD, "s1,,,Apollo,county,,\n",
		     "orgs.csv:2: column \"type\": 'county' is not a OneRoster org type "
		     "(department, school, district, local, state, national)");
	expect_error(OR_FILE_ORGS, ORG_HEAD, "s1,,,,school,,\n",
		     "orgs.csv:2: column \"name\": is empty");
	expect_error(OR_FILE_ORGS, ORG_HEAD, "s1,,,A,school,,\nd1,,,B,district,,\ns1,,,C,school,,\n",
		     "orgs.csv:4: column \"sourcedId\": 's1' is already the sourcedId of line 2");
	expect_error(OR_FILE_ORGS, ORG_HEAD, "s1,gone,,A,school,,\n",
		     "orgs.csv:2: column \"status\": 'gone' is not a OneRoster status");
	expect_error(OR_FILE_ORGS, "sourcedId,Type\n", "s1,school\n",
		     "orgs.csv:1: the header lacks the required column \"name\"");
	expect_error(OR_FILE_ORGS, ORG_HEAD, "s1,,,A,school,,s1\n", "cannot be its own parent");
}

static void test_users_roles_and_lists(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct oneroster out;
	struct cn_err err;
	assert_int_equal(read_one(OR_FILE_USERS, USER_HEAD,
				  "t1,,,true,\"s1, s2,s1\",Teacher,ana,,Ana,Reyes,,,a@x.org,,,,,\n"
				  "k1,,,true,s1,student,kid,,Kid,One,,,,,,,05,\n"
				  "a1,,,FALSE,d1,administrator,,,Al,Admin,,,,,,,,\n"
				  "p1,,,true,s1,Parent,par,,Pa,Rent,,,,,,k1,,\n"
				  "x1,tobedeleted,,,,student,,,,,,,,,,,,\n",
				  a, &out, &err),
			 0);
	assert_int_equal(out.nusers, 3); /* the deletion is kept whatever its role */
	assert_int_equal(out.users[0].role, OR_ROLE_TEACHER);
	assert_int_equal(out.users[0].norgs, 2);
	assert_string_equal(out.users[0].orgs[1], "s2");
	assert_string_equal(out.users[0].username, "ana");
	assert_int_equal(out.users[1].enabled, 0);
	assert_null(out.users[1].email);
	assert_int_equal(out.users[2].deleted, 1);
	assert_int_equal(out.nskipped, 2);
	assert_string_equal(out.skipped[0].sourced_id, "k1");
	assert_int_equal(out.skipped[1].role, OR_ROLE_PARENT);
	assert_int_equal(out.role_rows[OR_ROLE_STUDENT], 2);
	arena_free(a);
	expect_error(OR_FILE_USERS, USER_HEAD, "t1,,,true,s1,teacherr,,,A,B,,,,,,,,\n",
		     "users.csv:2: column \"role\": 'teacherr' is not a OneRoster role "
		     "(administrator, aide, guardian, parent, proctor, relative, student, teacher)");
	expect_error(OR_FILE_USERS, USER_HEAD, "t1,,,maybe,s1,teacher,,,A,B,,,,,,,,\n",
		     "users.csv:2: column \"enabledUser\": 'maybe' is not true or false");
	expect_error(OR_FILE_USERS, USER_HEAD, "t1,,,true,\" , \",teacher,,,A,B,,,,,,,,\n",
		     "column \"orgSourcedIds\": is empty");
	expect_error(OR_FILE_USERS, USER_HEAD, "t1,,,true,s1,teacher,,,,B,,,,,,,,\n",
		     "users.csv:2: column \"givenName\": is empty");
	expect_error(OR_FILE_USERS, "sourcedId,role,orgSourcedIds\n", "t1,teacher,s1\n",
		     "lacks the required columns \"givenName\", \"familyName\"");
}

static void test_users_1_0_columns(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct oneroster out;
	struct cn_err err;
	assert_int_equal(read_one(OR_FILE_USERS,
				  "sourcedId,enabledUser,orgSourcedIds,role,userId,givenName,"
				  "familyName,agents,ext_x,Favourite\n",
				  "t1,TRUE,s1,teacher,ana9,Ana,Reyes,,x,blue\n", a, &out, &err),
			 0);
	assert_string_equal(out.users[0].username, "ana9");
	assert_int_equal(out.nnotes, 1);
	assert_non_null(strstr(out.notes[0], "column \"Favourite\" is not a OneRoster 1.1 column"));
	arena_free(a);
}

static void test_sessions(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct oneroster out;
	struct cn_err err;
	assert_int_equal(read_one(OR_FILE_SESSIONS, SESSION_HEAD,
				  "sy,,,2026-27,SchoolYear,2026-08-01,2027-06-30T00:00:00Z,,2027\n"
				  "f,,,Fall,semester,2026-08-01,2026-12-20,sy,2026-2027\n",
				  a, &out, &err),
			 0);
	assert_int_equal(out.nsessions, 2);
	assert_int_equal(out.sessions[0].type, OR_SESSION_SCHOOL_YEAR);
	assert_string_equal(out.sessions[0].ends_on, "2027-06-30");
	assert_int_equal(out.sessions[1].school_year, 2027);
	assert_string_equal(out.sessions[1].parent, "sy");
	arena_free(a);
	a = arena_new();
	assert_int_equal(read_one(OR_FILE_SESSIONS,
				  "sourcedId,title,type,startDate,endDate\n",
				  "s,Spring,term,2027-01-05,2027-05-30\nf,Fall,term,2026-08-10,2026-12-20\n",
				  a, &out, &err),
			 0);
	assert_int_equal(out.sessions[0].school_year, 2027);
	assert_int_equal(out.sessions[1].school_year, 2027);
	assert_int_equal(out.nnotes, 1);
	arena_free(a);
	expect_error(OR_FILE_SESSIONS, SESSION_HEAD, "sy,,,Y,schoolYear,2026-13-01,2027-06-30,,2027\n",
		     "academicSessions.csv:2: column \"startDate\": '2026-13-01' is not a date");
	expect_error(OR_FILE_SESSIONS, SESSION_HEAD, "sy,,,Y,schoolYear,2026-08-01,2026-06-30,,2027\n",
		     "column \"endDate\": 2026-06-30 is before the startDate 2026-08-01");
	expect_error(OR_FILE_SESSIONS, SESSION_HEAD, "sy,,,Y,schoolYear,2026-08-01,2027-06-30,,26-27\n",
		     "column \"schoolYear\": '26-27' is not a school year");
	expect_error(OR_FILE_SESSIONS, SESSION_HEAD, "sy,,,Y,quarter,2026-08-01,2027-06-30,,2027\n",
		     "'quarter' is not a OneRoster session type");
}

/* A bundle folder under t with the given files (name, content pairs, NULL-ended). */
static void write_files(const char *dir, const char *const *files)
{
	mkdir(dir, 0700);
	for (size_t i = 0; files[i] != NULL; i += 2) {
		char path[300];
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fputs(files[i + 1], f);
		fclose(f);
	}
}

static void remove_files(const char *dir, const char *const *files)
{
	for (size_t i = 0; files[i] != NULL; i += 2) {
		char path[300];
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
}

static const char MANIFEST[] = "propertyName,value\nmanifest.version,1.0\n"
			       "oneroster.version,1.1\nfile.orgs,bulk\nfile.users,delta\n"
			       "file.academicSessions,absent\nfile.classes,bulk\n";

static void test_folder_and_zip(void **state)
{
	(void)state;
	char dir[] = "/tmp/capnet-or.XXXXXX";
	assert_non_null(mkdtemp(dir));
	char bundle[64];
	snprintf(bundle, sizeof(bundle), "%s/b", dir);
	char *orgs = NULL, *users = NULL;
	assert_true(asprintf(&orgs, "%ss1,,,Apollo,school,,d1\nd1,,,Daviess,district,,\n",
			     ORG_HEAD) > 0);
	assert_true(asprintf(&users, "%st1,,,true,s1,teacher,,,A,B,,,,,,,,\n", USER_HEAD) > 0);
	const char *files[] = {"manifest.csv", MANIFEST, "orgs.csv", orgs, "USERS.CSV", users,
			       "classes.csv", "sourcedId\n", "academicSessions.csv", "junk",
			       "readme.txt", "hello", NULL};
	write_files(bundle, files);
	struct oneroster_opts o = {.keep_roles = keep_staff};
	struct arena *a = arena_new();
	struct oneroster out;
	struct cn_err err = {0};
	if (oneroster_read(bundle, a, &o, &out, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(out.norgs, 2);
	assert_int_equal(out.nusers, 1);
	assert_int_equal(out.mode[OR_FILE_USERS], OR_MODE_DELTA);
	assert_int_equal(out.mode[OR_FILE_SESSIONS], OR_MODE_ABSENT);
	int saw_absent = 0, saw_unused = 0, saw_other = 0;
	for (size_t i = 0; i < out.nnotes; i++) {
		saw_absent |= strstr(out.notes[i], "academicSessions.csv is in the bundle but "
						   "manifest.csv marks it absent") != NULL;
		saw_unused |= strstr(out.notes[i], "not used by capnet") != NULL;
		saw_other |= strstr(out.notes[i], "readme.txt is not a OneRoster file") != NULL;
	}
	assert_true(saw_absent && saw_unused && saw_other);
	/* --mode bulk applies to every file the manifest lists */
	o.mode = OR_MODE_BULK;
	assert_int_equal(oneroster_read(bundle, a, &o, &out, &err), 0);
	assert_int_equal(out.mode[OR_FILE_USERS], OR_MODE_BULK);
	o.mode = OR_MODE_ABSENT;

	/* the same files in a zip archive, under a top folder */
	char zpath[80];
	snprintf(zpath, sizeof(zpath), "%s/bundle.zip", dir);
	int zerr = 0;
	zip_t *z = zip_open(zpath, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	assert_non_null(z);
	for (size_t i = 0; files[i] != NULL; i += 2) {
		zip_source_t *src = zip_source_buffer(z, files[i + 1], strlen(files[i + 1]), 0);
		char name[100];
		snprintf(name, sizeof(name), "export/%s", files[i]);
		assert_true(zip_file_add(z, name, src, 0) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
	struct oneroster zout;
	if (oneroster_read(zpath, a, &o, &zout, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(zout.norgs, 2);
	assert_int_equal(zout.nusers, 1);
	assert_string_equal(zout.users[0].sourced_id, "t1");
	unlink(zpath);

	/* a file the manifest lists but the bundle lacks */
	const char *missing[] = {"manifest.csv", MANIFEST, NULL};
	char bundle2[64];
	snprintf(bundle2, sizeof(bundle2), "%s/c", dir);
	write_files(bundle2, missing);
	assert_int_equal(oneroster_read(bundle2, a, &o, &out, &err), -1);
	char line[600];
	cn_err_format(&err, line, sizeof(line));
	assert_non_null(strstr(line, "manifest.csv:4: file.orgs is bulk but the bundle has no orgs.csv"));
	remove_files(bundle2, missing);
	/* no manifest at all */
	const char *bare[] = {"orgs.csv", orgs, NULL};
	write_files(bundle2, bare);
	assert_int_equal(oneroster_read(bundle2, a, &o, &out, &err), -1);
	assert_non_null(strstr(err.msg, "has no manifest.csv"));
	o.mode = OR_MODE_DELTA;
	assert_int_equal(oneroster_read(bundle2, a, &o, &out, &err), 0);
	assert_int_equal(out.mode[OR_FILE_ORGS], OR_MODE_DELTA);
	remove_files(bundle2, bare);
	o.mode = OR_MODE_ABSENT;
	/* a manifest of another version, or with a bad mode */
	const char *v12[] = {"manifest.csv", "propertyName,value\noneroster.version,1.2\n", NULL};
	write_files(bundle2, v12);
	assert_int_equal(oneroster_read(bundle2, a, &o, &out, &err), -1);
	assert_non_null(strstr(err.msg, "the bundle is OneRoster 1.2"));
	remove_files(bundle2, v12);
	const char *badmode[] = {"manifest.csv", "propertyName,value\nfile.orgs,full\n", NULL};
	write_files(bundle2, badmode);
	assert_int_equal(oneroster_read(bundle2, a, &o, &out, &err), -1);
	cn_err_format(&err, line, sizeof(line));
	assert_non_null(strstr(line, "manifest.csv:2: column \"value\": 'full' is not absent, bulk or delta"));
	remove_files(bundle2, badmode);
	/* a file over the size limit is refused before it is read */
	o.limits.max_bytes = 150;
	assert_int_equal(oneroster_read(bundle, a, &o, &out, &err), -1);
	assert_int_equal(err.kind, CN_ERR_TOO_LARGE);
	if (strstr(err.msg, "USERS.CSV is 208 bytes; at most 150 bytes") == NULL)
		fail_msg("%s", err.msg);

	remove_files(bundle, files);
	rmdir(dir);
	free(orgs);
	free(users);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_orgs),
		cmocka_unit_test(test_users_roles_and_lists),
		cmocka_unit_test(test_users_1_0_columns),
		cmocka_unit_test(test_sessions),
		cmocka_unit_test(test_folder_and_zip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
