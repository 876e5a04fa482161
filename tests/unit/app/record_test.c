/* record: the engine behind every declared entity. Checked through the organization,
 * network and meeting declarations, and every entity's SQL against its contract. */
#include "testapp.h"
#include "testlib.h"

#include "app/deliverable/deliverable.h"
#include "app/delivery/delivery.h"
#include "app/entities.h"
#include "app/network/network.h"
#include "app/org/org.h"
#include "app/org/person.h"
#include "app/plan/plan.h"
#include "app/access/policy.h"
#include "core/buf.h"
#include "app/network/meeting.h"
#include "app/network/team.h"
#include "app/org/academic_session.h"
#include "app/org/membership.h"

#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static void test_every_entity_sql_matches_its_declaration(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct cn_err err = {0};
	for (size_t i = 0; entities_all[i] != NULL; i++) {
		const struct rec_entity *e = entities_all[i];
		const struct rec_sql *sql = rec_sql(e);
		const char *sqls[] = {sql->get, sql->list, sql->insert, sql->update, sql->del};
		for (size_t k = 0; k < 5; k++) {
			if (sqls[k] == NULL)
				continue;
			struct store_stmt *q = store_prepare(t->db, sqls[k], &err);
			if (q == NULL)
				fail_msg("%s: %s", e->name, err.msg);
			if (k < 2 && store_col_count(q) != (int)e->nfields + 4)
				fail_msg("%s: SELECT has %d columns, declaration %zu + 4", e->name,
					 store_col_count(q), e->nfields);
			store_done(q);
		}
	}
	testdb_close(t);
}

/* The statements are built from the declaration once, and read as the contract in
 * record.h says: a team (three fields, two filters, deletable) as the example. */
static void test_entity_sql_is_built_from_its_declaration(void **state)
{
	(void)state;
	const struct rec_sql *sql = rec_sql(&team_entity);
	assert_ptr_equal(sql, rec_sql(&team_entity));
	assert_string_equal(sql->get, "SELECT id, version, created_at, updated_at, network_id,"
				      " district_id, name FROM team WHERE id = ?1");
	assert_string_equal(sql->list, "SELECT id, version, created_at, updated_at, network_id,"
				       " district_id, name FROM team"
				       " WHERE (?1 IS NULL OR network_id = ?1)"
				       " AND (?2 IS NULL OR district_id = ?2)"
				       " AND id > ?3 ORDER BY id LIMIT ?4");
	assert_string_equal(sql->insert, "INSERT INTO team (network_id, district_id, name,"
					 " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)"
					 " RETURNING id");
	assert_string_equal(sql->update, "UPDATE team SET network_id = ?1, district_id = ?2,"
					 " name = ?3, updated_at = ?4, version = version + 1"
					 " WHERE id = ?5 AND version = ?6");
	assert_string_equal(sql->del, "DELETE FROM team WHERE id = ?1");
	/* A filter with its own condition: each ? is its parameter. */
	assert_non_null(strstr(rec_sql(&meeting_entity)->list,
			       " AND (?2 IS NULL OR starts_at >= ?2) AND (?3 IS NULL OR"
			       " starts_at < ?3) AND id > ?4 ORDER BY id LIMIT ?5"));
	assert_null(rec_sql(&network_entity)->del);
}

/* Every entity's statements run on the backend (the list with its filters' own
 * conditions), name the declaration's columns, and the table holds a column for each
 * field and no column the declaration lacks: a field added to the declaration and
 * forgotten in the schema, or the other way round, fails here. */
static void test_every_entity_sql_and_table_follow_its_fields(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct buf errs = BUF_INIT;
	struct cn_err err = {0};
	static const char *const own[] = {"id", "version", "created_at", "updated_at"};
	for (size_t i = 0; entities_all[i] != NULL; i++) {
		const struct rec_entity *e = entities_all[i];
		const char *selects[] = {rec_sql(e)->get, rec_sql(e)->list};
		for (size_t k = 0; k < 2; k++) {
			struct store_stmt *q = store_prepare(t->db, selects[k], &err);
			/* Run once on no rows: PostgreSQL names the columns of a result only. */
			if (q != NULL && k == 0)
				store_bind_int(q, 1, 0);
			if (q != NULL && k == 1) {
				store_bind_int(q, (int)e->nfilters + 1, 0);
				store_bind_int(q, (int)e->nfilters + 2, 1);
			}
			if (q == NULL || store_step(q, &err) < 0)
				fail_msg("%s: %s", e->name, err.msg);
			for (int c = 0; c < store_col_count(q) && c < (int)e->nfields + 4; c++) {
				const char *want = c < 4 ? own[c] : e->fields[c - 4].name;
				if (strcmp(store_col_name(q, c), want) != 0)
					buf_printf(&errs, "%s: %s column %d is %s, the declaration says %s\n",
						   e->name, k ? "list" : "get", c + 1,
						   store_col_name(q, c), want);
			}
			store_done(q);
		}
		const char *table = e->table;
		char sql[160];
		snprintf(sql, sizeof(sql), "SELECT * FROM %s LIMIT 0", table);
		struct store_stmt *q = store_prepare_once(t->db, sql, &err);
		if (q == NULL || store_step(q, &err) < 0)
			fail_msg("%s: %s", e->name, err.msg);
		for (int c = 0; c < store_col_count(q); c++) {
			const char *col = store_col_name(q, c);
			int known = rec_field_index(e, col) >= 0;
			for (size_t k = 0; k < 4; k++)
				known |= strcmp(col, own[k]) == 0;
			/* Kept apart from the record on purpose: auth reads and writes it. */
			known |= strcmp(e->name, "person") == 0 && strcmp(col, "password_hash") == 0;
			if (!known)
				buf_printf(&errs, "%s: table %s has column %s, which is no field\n",
					   e->name, table, col);
		}
		for (size_t f = 0; f < e->nfields; f++) {
			int found = 0;
			for (int c = 0; c < store_col_count(q); c++)
				found |= strcmp(store_col_name(q, c), e->fields[f].name) == 0;
			if (!found)
				buf_printf(&errs, "%s: table %s has no column %s\n", e->name, table,
					   e->fields[f].name);
		}
		store_done(q);
		/* Names the declaration itself refers to are its fields. */
		if (e->actor_field != NULL && rec_field_index(e, e->actor_field) < 0)
			buf_printf(&errs, "%s: actor_field %s is no field\n", e->name, e->actor_field);
		for (size_t f = 0; f < e->nfields; f++)
			if (e->fields[f].tz_field != NULL &&
			    rec_field_index(e, e->fields[f].tz_field) < 0)
				buf_printf(&errs, "%s: %s's tz_field %s is no field\n", e->name,
					   e->fields[f].name, e->fields[f].tz_field);
	}
	if (errs.len > 0)
		fail_msg("%s", errs.data);
	buf_free(&errs);
	testdb_close(t);
}

static struct rec *org(struct testdb *t, struct arena *a, const char *kind, const char *name,
		       int64_t parent)
{
	struct cn_err err = {0};
	struct rec *r = rec_new(a, &org_entity);
	assert_int_equal(rec_set_text(r, a, "kind", kind, &err), 0);
	assert_int_equal(rec_set_text(r, a, "name", name, &err), 0);
	if (parent)
		assert_int_equal(rec_set_int(r, "parent_id", parent, &err), 0);
	if (rec_create(t->db, &t->who, a, r, &err) != 0)
		fail_msg("create %s: %s: %s", name, err.field, err.msg);
	return r;
}

/* Runs call(r) in a child process with its standard error in a pipe; returns what the
 * child wrote there, and whether it was stopped by SIGABRT in *aborted. */
static char *in_child(struct arena *a, void (*call)(struct rec *), struct rec *r, int *aborted)
{
	int fd[2];
	assert_int_equal(pipe(fd), 0);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fd[0]);
		dup2(fd[1], 2);
		call(r);
		_exit(0);
	}
	close(fd[1]);
	char out[512];
	size_t n = 0;
	ssize_t k;
	while (n < sizeof(out) - 1 && (k = read(fd[0], out + n, sizeof(out) - 1 - n)) > 0)
		n += (size_t)k;
	out[n] = '\0';
	close(fd[0]);
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	*aborted = WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
	return arena_strdup(a, out);
}

static void call_text(struct rec *r)
{
	(void)rec_text(r, "nmae");
}
static void call_int(struct rec *r)
{
	(void)rec_int(r, "nmae");
}
static void call_is_null(struct rec *r)
{
	(void)rec_is_null(r, "nmae");
}
static void call_changes_only(struct rec *r)
{
	(void)rec_changes_only(r, r, "nmae");
}
static void call_set_text(struct rec *r)
{
	struct cn_err err = {0};
	struct arena *a = arena_new();
	(void)rec_set_text(r, a, "nmae", "x", &err);
}
static void call_put_text(struct rec *r)
{
	struct cn_err err = {0};
	struct arena *a = arena_new();
	(void)rec_put_text(r, a, "nmae", "x", &err);
}
static void call_set_int(struct rec *r)
{
	struct cn_err err = {0};
	(void)rec_set_int(r, "nmae", 1, &err);
}
static void call_put_int(struct rec *r)
{
	struct cn_err err = {0};
	(void)rec_put_int(r, "nmae", 1, &err);
}
static void call_set_null(struct rec *r)
{
	struct cn_err err = {0};
	(void)rec_set_null(r, "nmae", &err);
}
static void call_right_name(struct rec *r)
{
	(void)rec_text(r, "name");
}

/* A field name the entity does not declare is a bug in capnet's own code: every call
 * that takes a name stops the program, naming the entity and the field, rather than
 * reading NULL or 0. rec_has asks without stopping. */
static void test_a_misspelt_field_name_stops_the_program(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct rec *r = rec_new(a, &org_entity);
	void (*calls[])(struct rec *) = {call_text,     call_int,      call_is_null,
					  call_changes_only, call_set_text, call_put_text,
					  call_set_int,  call_put_int,  call_set_null};
	for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		int aborted = 0;
		const char *said = in_child(a, calls[i], r, &aborted);
		if (!aborted || strstr(said, "organization has no field \"nmae\"") == NULL)
			fail_msg("call %zu: aborted %d, said \"%s\"", i, aborted, said);
	}
	int aborted = 1;
	assert_string_equal(in_child(a, call_right_name, r, &aborted), "");
	assert_false(aborted);
	assert_true(rec_has(r, "name"));
	assert_false(rec_has(r, "nmae"));
	arena_free(a);
}

static void test_create_validates_and_names_the_field(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	struct rec *r = rec_new(a, &org_entity);
	assert_int_equal(rec_set_text(r, a, "kind", "county", &err), -1);
	assert_string_equal(err.field, "kind");
	assert_non_null(strstr(err.msg, "county"));
	assert_int_equal(rec_set_text(r, a, "name", "bad\x01name", &err), -1);
	assert_string_equal(err.field, "name");
	assert_int_equal(rec_set_text(r, a, "name", "bad \xff utf8", &err), -1);
	assert_non_null(strstr(err.msg, "UTF-8"));
	assert_int_equal(rec_set_text(r, a, "sourced_id", "x", &err), -1); /* read-only */
	/* A missing required field is named; nothing is stored. */
	assert_int_equal(rec_set_text(r, a, "kind", "District", &err), 0);
	assert_string_equal(rec_text(r, "kind"), "district");
	assert_int_equal(rec_create(t->db, &t->who, a, r, &err), -1);
	assert_string_equal(err.field, "name");
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM organization"), 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event"), 0);
	arena_free(a);
	testdb_close(t);
}

static void test_references_and_hierarchy(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	struct rec *state_org = org(t, a, "state", "Kentucky Department of Education", 0);
	struct rec *district = org(t, a, "district", "Daviess County", state_org->id);
	struct rec *r = rec_new(a, &org_entity);
	rec_set_text(r, a, "kind", "school", &err);
	rec_set_text(r, a, "name", "Apollo High", &err);
	rec_set_int(r, "parent_id", 999, &err);
	assert_int_equal(rec_create(t->db, &t->who, a, r, &err), -1);
	assert_string_equal(err.field, "parent_id");
	assert_non_null(strstr(err.msg, "999"));
	rec_set_int(r, "parent_id", state_org->id, &err);
	assert_int_equal(rec_create(t->db, &t->who, a, r, &err), -1);
	assert_non_null(strstr(err.msg, "cannot be under a state"));
	rec_set_int(r, "parent_id", district->id, &err);
	assert_int_equal(rec_create(t->db, &t->who, a, r, &err), 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM organization"), 3);
	arena_free(a);
	testdb_close(t);
}

/* Choices declared in camelCase (OneRoster's "schoolYear") match in any case and are
 * stored as declared. */
static void test_choices_match_in_any_case(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct cn_err err = {0};
	struct rec *r = rec_new(a, &academic_session_entity);
	assert_int_equal(rec_set_text(r, a, "kind", "schoolYear", &err), 0);
	assert_string_equal(rec_text(r, "kind"), "schoolYear");
	assert_int_equal(rec_set_text(r, a, "kind", "SCHOOLYEAR", &err), 0);
	assert_string_equal(rec_text(r, "kind"), "schoolYear");
	assert_int_equal(rec_set_text(r, a, "kind", "school year", &err), -1);
	assert_string_equal(err.field, "kind");
	arena_free(a);
}

static void test_update_checks_version_and_audits(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	struct rec *s = org(t, a, "state", "KDE", 0);
	struct rec *ch = rec_new(a, &org_entity);
	rec_set_text(ch, a, "name", "Kentucky Department of Education", &err);
	struct rec *saved = NULL;
	assert_int_equal(rec_update(t->db, &t->who, a, s->id, 1, ch, &saved, &err), 0);
	assert_int_equal(saved->version, 2);
	assert_string_equal(rec_text(saved, "name"), "Kentucky Department of Education");
	/* A second editor still holding version 1 is refused; the first edit stays. */
	rec_set_text(ch, a, "name", "Other", &err);
	assert_int_equal(rec_update(t->db, &t->who, a, s->id, 1, ch, &saved, &err), -1);
	assert_int_equal(err.kind, CN_ERR_STALE);
	struct rec *now = NULL;
	assert_int_equal(rec_get(t->db, a, &org_entity, s->id, &now, &err), 0);
	assert_string_equal(rec_text(now, "name"), "Kentucky Department of Education");
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event WHERE action = 'update'"
					 " AND before_json LIKE '%\"KDE\"%'"
					 " AND after_json LIKE '%Kentucky Department%'"),
			 1);
	arena_free(a);
	testdb_close(t);
}

static void test_list_filters_and_pages(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	struct rec *s = org(t, a, "state", "KDE", 0);
	char name[32];
	for (int i = 0; i < 5; i++) {
		snprintf(name, sizeof(name), "District %d", i);
		org(t, a, "district", name, s->id);
	}
	struct rec_query q = {.filter = {"district"}, .limit = 2};
	struct rec_list l;
	int seen = 0;
	do {
		assert_int_equal(rec_list(t->db, a, &org_entity, &q, &l, &err), 0);
		seen += (int)l.count;
		q.cursor = l.next_cursor;
	} while (l.next_cursor != 0);
	assert_int_equal(seen, 5);
	struct rec_query bad = {.filter = {"county"}};
	assert_int_equal(rec_list(t->db, a, &org_entity, &bad, &l, &err), -1);
	assert_string_equal(err.field, "kind");
	arena_free(a);
	testdb_close(t);
}

static void test_meeting_times_keep_their_zone(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	struct rec *n = rec_new(a, &network_entity);
	rec_set_text(n, a, "name", "Mathematics Leadership Network", &err);
	rec_set_text(n, a, "content_area", "mathematics", &err);
	rec_set_text(n, a, "school_year", "2026-27", &err);
	assert_int_equal(rec_create(t->db, &t->who, a, n, &err), 0);
	struct rec *m = rec_new(a, &meeting_entity);
	rec_set_int(m, "network_id", n->id, &err);
	rec_set_text(m, a, "title", "Meeting 1", &err);
	rec_set_text(m, a, "tz", "America/Chicago", &err);
	rec_set_text(m, a, "starts_at", "2026-09-15T09:00", &err);
	rec_set_text(m, a, "ends_at", "2026-09-15T15:00", &err);
	if (rec_create(t->db, &t->who, a, m, &err))
		fail_msg("%s: %s", err.field, err.msg);
	assert_string_equal(rec_text(m, "starts_at"), "2026-09-15T14:00:00Z");
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	rec_to_json(&w, m);
	assert_non_null(strstr(buf_str(&b), "\"starts_at\":\"2026-09-15T09:00:00-05:00\""));
	buf_free(&b);
	/* In January the same zone is six hours behind UTC. */
	struct rec *ch = rec_new(a, &meeting_entity);
	rec_set_text(ch, a, "starts_at", "2027-01-12T09:00", &err);
	rec_set_text(ch, a, "ends_at", "2027-01-12T08:00", &err);
	assert_int_equal(rec_update(t->db, &t->who, a, m->id, 0, ch, NULL, &err), -1);
	assert_string_equal(err.field, "ends_at");
	rec_set_text(ch, a, "ends_at", "2027-01-12T15:00", &err);
	struct rec *saved = NULL;
	assert_int_equal(rec_update(t->db, &t->who, a, m->id, 0, ch, &saved, &err), 0);
	assert_string_equal(rec_text(saved, "starts_at"), "2027-01-12T15:00:00Z");
	arena_free(a);
	testdb_close(t);
}

/* Every reference is to an entity the policy has a rule for, so that whether the
 * actor may name it can always be decided. */
static void test_every_reference_has_a_policy_rule(void **state)
{
	(void)state;
	for (size_t i = 0; entities_all[i] != NULL; i++)
		for (size_t k = 0; k < entities_all[i]->nfields; k++) {
			const struct rec_field *f = &entities_all[i]->fields[k];
			if (f->type == REC_REF && f->ref != NULL && !policy_knows(f->ref->name))
				fail_msg("%s.%s names %s, which has no policy rule",
					 entities_all[i]->name, f->name, f->ref->name);
		}
}

/* Two districts (3: A, 4: B) on one network's teams (1, 2); their leads (1, 2), a
 * facilitator (3) and a person of no organization (4); plan 1 is team 1's. */
static void refs_fixture(struct testdb *t, struct arena *a)
{
	struct cn_err err = {0};
	testapp_make(t, a, &org_entity, (const char *[]){"kind", "state", "name", "KDE", NULL});
	testapp_make(t, a, &org_entity,
		     (const char *[]){"kind", "cooperative", "name", "GRREC", "parent_id", "1", NULL});
	testapp_make(t, a, &org_entity,
		     (const char *[]){"kind", "district", "name", "A", "parent_id", "2", NULL});
	testapp_make(t, a, &org_entity,
		     (const char *[]){"kind", "district", "name", "B", "parent_id", "2", NULL});
	const char *people[][2] = {{"Lee", "lee@a.org"}, {"Lou", "lou@b.org"},
				   {"Fay", "fay@grrec.org"}, {"Sam", "sam@x.org"}};
	for (int i = 0; i < 4; i++)
		testapp_make(t, a, &person_entity,
			     (const char *[]){"given_name", people[i][0], "family_name", "X", "email",
					      people[i][1], NULL});
	testapp_make(t, a, &membership_entity,
		     (const char *[]){"person_id", "1", "org_id", "3", "role", "district_lead", NULL});
	testapp_make(t, a, &membership_entity,
		     (const char *[]){"person_id", "2", "org_id", "4", "role", "district_lead", NULL});
	testapp_make(t, a, &membership_entity,
		     (const char *[]){"person_id", "3", "org_id", "2", "role", "facilitator", NULL});
	testapp_make(t, a, &network_entity,
		     (const char *[]){"name", "Math", "content_area", "mathematics", "school_year",
				      "2026-27", NULL});
	testapp_make(t, a, &team_entity, (const char *[]){"network_id", "1", "district_id", "3", NULL});
	testapp_make(t, a, &team_entity, (const char *[]){"network_id", "1", "district_id", "4", NULL});
	assert_int_equal(network_facilitator_add(t->db, &t->who, 1, 3, &err), 0);
	assert_int_equal(team_member_set(t->db, &t->who, 1, 1, "lead", &err), 0);
	assert_int_equal(team_member_set(t->db, &t->who, 2, 2, "lead", &err), 0);
	testapp_make(t, a, &plan_entity, (const char *[]){"team_id", "1", NULL});
}

/* An action of plan 1 owned by owner, created by who: rec_create's result. */
static int refs_action(struct testdb *t, struct arena *a, const struct actor *who,
		       const char *owner, struct rec **out, struct cn_err *err)
{
	struct rec *r = rec_new(a, &plan_action_entity);
	assert_int_equal(rec_set_text(r, a, "plan_id", "1", err), 0);
	assert_int_equal(rec_set_text(r, a, "kind", "study", err), 0);
	assert_int_equal(rec_set_text(r, a, "title", "Study", err), 0);
	assert_int_equal(rec_set_text(r, a, "owner_id", owner, err), 0);
	*out = r;
	return rec_create(t->db, who, a, r, err);
}

/* A person names only records they may read, and an unreadable record is refused as
 * a missing one is; the system actor names any; a reference not named anew (an update
 * of another field) is not asked about again. */
static void test_references_name_only_readable_records(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	refs_fixture(t, a);
	struct actor lee = {1, "person:1", 0};
	struct rec *r = NULL;
	assert_int_equal(refs_action(t, a, &lee, "2", &r, &err), -1);
	assert_int_equal(err.kind, CN_ERR_INPUT);
	assert_string_equal(err.field, "owner_id");
	assert_string_equal(err.msg, "there is no person with id 2 that you may see");
	assert_int_equal(refs_action(t, a, &lee, "999", &r, &err), -1);
	assert_string_equal(err.field, "owner_id");
	assert_string_equal(err.msg, "there is no person with id 999 that you may see");
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM plan_action"), 0);
	assert_int_equal(refs_action(t, a, &lee, "1", &r, &err), 0);
	/* The network's teams read its facilitator, and name them. */
	assert_int_equal(refs_action(t, a, &lee, "3", &r, &err), 0);
	/* Once they facilitate it no more, the lead may not read them: an action they own
	 * keeps them, and is changed by the lead in its other fields. */
	assert_int_equal(network_facilitator_remove(t->db, &t->who, 1, 3, &err), 0);
	struct rec *ch = rec_new(a, &plan_action_entity);
	assert_int_equal(rec_set_text(ch, a, "title", "Study more", &err), 0);
	assert_int_equal(rec_update(t->db, &lee, a, r->id, 0, ch, NULL, &err), 0);
	assert_int_equal(rec_set_text(ch, a, "owner_id", "3", &err), 0);
	assert_int_equal(rec_update(t->db, &lee, a, r->id, 0, ch, NULL, &err), 0);
	assert_int_equal(refs_action(t, a, &lee, "3", &r, &err), -1);
	assert_string_equal(err.field, "owner_id");
	/* A membership's person is the membership rule's to judge. */
	struct rec *m = rec_new(a, &membership_entity);
	assert_int_equal(rec_set_text(m, a, "person_id", "4", &err), 0);
	assert_int_equal(rec_set_text(m, a, "org_id", "3", &err), 0);
	assert_int_equal(rec_set_text(m, a, "role", "member", &err), 0);
	assert_int_equal(rec_create(t->db, &lee, a, m, &err), 0);
	arena_free(a);
	testdb_close(t);
}

/* What a check hook derives from the input is checked too: a PD session naming
 * another district's draft through one of its versions. */
static void test_derived_references_are_checked(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	refs_fixture(t, a);
	struct rec *d = rec_new(a, &deliverable_entity);
	assert_int_equal(rec_set_text(d, a, "network_id", "1", &err), 0);
	assert_int_equal(rec_set_text(d, a, "team_id", "2", &err), 0);
	assert_int_equal(rec_set_text(d, a, "kind", "unit", &err), 0);
	assert_int_equal(rec_set_text(d, a, "title", "B's draft", &err), 0);
	assert_int_equal(deliverable_create(t->db, &t->who, a, d, 2, "Body", NULL, &err), 0);
	int64_t version = 0;
	int64_t id = d->id;
	assert_int_equal(store_query_int(t->db, "SELECT id FROM deliverable_version WHERE"
				       " deliverable_id = ?1", &id, 1, &version, &err), 1);
	struct actor lee = {1, "person:1", 0};
	struct rec *s = rec_new(a, &pd_session_entity);
	assert_int_equal(rec_set_text(s, a, "team_id", "1", &err), 0);
	assert_int_equal(rec_set_text(s, a, "title", "PLC", &err), 0);
	assert_int_equal(rec_set_text(s, a, "held_on", "2026-10-06", &err), 0);
	assert_int_equal(rec_set_text(s, a, "minutes", "45", &err), 0);
	assert_int_equal(rec_set_text(s, a, "pd_format", "plc", &err), 0);
	assert_int_equal(rec_set_int(s, "source_version_id", version, &err), 0);
	assert_int_equal(rec_create(t->db, &lee, a, s, &err), -1);
	assert_string_equal(err.field, "source_deliverable_id");
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM pd_session"), 0);
	assert_int_equal(rec_create(t->db, &t->who, a, s, &err), 0);
	arena_free(a);
	testdb_close(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entity_sql_is_built_from_its_declaration),
		cmocka_unit_test(test_every_entity_sql_matches_its_declaration),
		cmocka_unit_test(test_every_entity_sql_and_table_follow_its_fields),
		cmocka_unit_test(test_a_misspelt_field_name_stops_the_program),
		cmocka_unit_test(test_create_validates_and_names_the_field),
		cmocka_unit_test(test_references_and_hierarchy),
		cmocka_unit_test(test_choices_match_in_any_case),
		cmocka_unit_test(test_update_checks_version_and_audits),
		cmocka_unit_test(test_list_filters_and_pages),
		cmocka_unit_test(test_meeting_times_keep_their_zone),
		cmocka_unit_test(test_every_reference_has_a_policy_rule),
		cmocka_unit_test(test_references_name_only_readable_records),
		cmocka_unit_test(test_derived_references_are_checked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
