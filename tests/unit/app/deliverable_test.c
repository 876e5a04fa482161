/* deliverable: versions and contributors, status changes, derivation and lineage, the
 * adaptation measure on saved versions, notices to the owners of adaptations, reviews,
 * and the settings behind the classification. */
#include "deliverable_fixture.h"

#include "app/access/policy.h"
#include "app/deliverable/deliverable_contributor.h"
#include "app/deliverable/deliverable_lineage.h"
#include "app/deliverable/deliverable_review.h"
#include "app/notice.h"
#include "app/setting.h"
#include "core/mem.h"

static const char BODY[] =
	"# Adding fractions with unlike denominators\n\n"
	"Students begin with a number talk about one half plus one third. They model the sum\n"
	"with fraction strips and then with an area model, and explain why the pieces must be\n"
	"the same size before they can be counted together. The teacher records strategies on\n"
	"chart paper. In pairs, students solve four problems from the task card, then compare\n"
	"their answers with another pair and justify any differences. The lesson closes with an\n"
	"exit ticket: two tenths plus one fifth, with a picture and an equation.\n";

static void test_saves_make_versions_and_contributors(void **state)
{
	(void)state;
	struct fixture *f = fx_open();
	struct cn_err err = {0};
	int64_t id = fx_deliverable(f, f->team_a, "unit", "Fractions unit", f->dee, BODY);
	fx_save(f, id, f->eli, "# Fractions\n\nA second try.\n");
	/* Someone of another district saves only once the owners made them a contributor. */
	struct deliverable_save other = {f->ray, "# Not yet\n", NULL, 0};
	assert_int_equal(deliverable_save(f->t->db, &f->t->who, f->a, id, &other, NULL, &err), -1);
	assert_string_equal(err.field, "author_id");
	assert_int_equal(deliverable_contributor_add(f->t->db, &f->t->who, id, f->ray, &err), 0);
	fx_save(f, id, f->ray, "# Fractions\n\nA third try, from another district.\n");
	struct deliverable_versions v;
	assert_int_equal(deliverable_versions(f->t->db, f->a, id, &v, &err), 0);
	assert_int_equal(v.count, 3);
	assert_int_equal(v.items[2].number, 3);
	assert_string_equal(v.items[2].author_name, "Ray Lead");
	assert_null(v.items[0].body);
	assert_false(v.items[0].has_similarity);
	struct deliverable_contributors c;
	assert_int_equal(deliverable_contributors(f->t->db, f->a, id, &c, &err), 0);
	assert_int_equal(c.count, 3);
	assert_int_equal(c.districts, 2);
	assert_string_equal(c.items[0].name, "Dee Lead");
	assert_int_equal(c.items[0].district_id, f->district_a);
	assert_string_equal(c.items[1].district_name, "Owensboro"); /* by family name */
	struct deliverable_version latest;
	assert_int_equal(deliverable_version_find(f->t->db, f->a, id, 0, &latest, &err), 0);
	assert_int_equal(latest.number, 3);
	assert_non_null(strstr(latest.body, "another district"));
	/* The deliverable's own version moves with each save (its ETag changes). */
	struct rec *d = NULL;
	assert_int_equal(rec_get(f->t->db, f->a, &deliverable_entity, id, &d, &err), 0);
	assert_int_equal(d->version, 4);
	assert_int_equal(testdb_count(f->t, "SELECT COUNT(*) FROM audit_event"
					    " WHERE entity = 'deliverable_version'"), 3);
	fx_close(f);
}

static void test_bad_saves_are_refused_and_change_nothing(void **state)
{
	(void)state;
	struct fixture *f = fx_open();
	struct cn_err err = {0};
	int64_t id = fx_deliverable(f, f->team_a, "unit", "Fractions unit", f->dee, BODY);
	struct deliverable_save in = {f->dee, "text", NULL, 0};
	char *big = xmalloc(DELIVERABLE_BODY_MAX + 2);
	memset(big, 'x', DELIVERABLE_BODY_MAX + 1);
	big[DELIVERABLE_BODY_MAX + 1] = '\0';
	in.body = big;
	assert_int_equal(deliverable_save(f->t->db, &f->t->who, f->a, id, &in, NULL, &err), -1);
	assert_int_equal(err.kind, CN_ERR_TOO_LARGE);
	assert_string_equal(err.field, "body");
	free(big);
	in.body = "bad \xc3\x28 text";
	assert_int_equal(deliverable_save(f->t->db, &f->t->who, f->a, id, &in, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "UTF-8 (byte 5)"));
	in.body = "bell \a";
	assert_int_equal(deliverable_save(f->t->db, &f->t->who, f->a, id, &in, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "control character (0x07) at byte 6"));
	in.body = "ok";
	in.author_id = 0;
	assert_int_equal(deliverable_save(f->t->db, &f->t->who, f->a, id, &in, NULL, &err), -1);
	assert_string_equal(err.field, "author_id");
	in.author_id = 999;
	assert_int_equal(deliverable_save(f->t->db, &f->t->who, f->a, id, &in, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "no person with id 999"));
	/* Someone saved version 2 since this author started from version 1. */
	fx_save(f, id, f->eli, "v2");
	in.author_id = f->dee;
	in.based_on = 1;
	assert_int_equal(deliverable_save(f->t->db, &f->t->who, f->a, id, &in, NULL, &err), -1);
	assert_int_equal(err.kind, CN_ERR_STALE);
	assert_non_null(strstr(err.msg, "is at version 2, not 1"));
	/* In review, versions are frozen. */
	fx_status(f, id, "submit");
	in.based_on = 0;
	assert_int_equal(deliverable_save(f->t->db, &f->t->who, f->a, id, &in, NULL, &err), -1);
	assert_int_equal(err.kind, CN_ERR_CONFLICT);
	assert_non_null(strstr(err.msg, "return it to draft"));
	assert_int_equal(testdb_count(f->t, "SELECT COUNT(*) FROM deliverable_version"), 2);
	/* A team of another network is refused, naming the field. */
	struct rec *r = rec_new(f->a, &deliverable_entity);
	rec_set_int(r, "network_id", f->network, &err);
	fx_sql(f, "INSERT INTO network (name, content_area, school_year, created_at, updated_at)"
		  " VALUES ('Other', 'science', '2026-27', 'x', 'x');"
		  "INSERT INTO team (network_id, district_id, name, created_at, updated_at)"
		  " VALUES (2, 3, 'T', 'x', 'x')");
	rec_set_int(r, "team_id", 3, &err);
	rec_set_text(r, f->a, "kind", "unit", &err);
	rec_set_text(r, f->a, "title", "Wrong team", &err);
	assert_int_equal(deliverable_create(f->t->db, &f->t->who, f->a, r, f->dee, "x", NULL, &err), -1);
	assert_string_equal(err.field, "team_id");
	assert_int_equal(testdb_count(f->t, "SELECT COUNT(*) FROM deliverable"), 1);
	fx_close(f);
}

static void test_status_changes(void **state)
{
	(void)state;
	struct fixture *f = fx_open();
	struct cn_err err = {0};
	int64_t id = fx_deliverable(f, f->team_a, "assessment", "Exit tickets", f->dee, NULL);
	assert_int_equal(deliverable_transition(f->t->db, &f->t->who, f->a, id, "submit", 0, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "has no version yet"));
	fx_save(f, id, f->dee, "Ticket 1");
	assert_int_equal(deliverable_transition(f->t->db, &f->t->who, f->a, id, "publish", 0, NULL, &err), -1);
	assert_string_equal(err.msg, "cannot publish deliverable 1: it is draft; publish takes a "
				     "deliverable in review (submit it first)");
	assert_int_equal(deliverable_transition(f->t->db, &f->t->who, f->a, id, "approve", 0, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "use submit, publish, return or withdraw"));
	fx_status(f, id, "submit");
	fx_status(f, id, "return");
	fx_status(f, id, "submit");
	struct rec *d = NULL;
	assert_int_equal(deliverable_transition(f->t->db, &f->t->who, f->a, id, "publish", 1, &d, &err), -1);
	assert_int_equal(err.kind, CN_ERR_STALE);
	fx_status(f, id, "publish");
	assert_int_equal(rec_get(f->t->db, f->a, &deliverable_entity, id, &d, &err), 0);
	assert_string_equal(rec_text(d, "status"), "published");
	struct deliverable_version v;
	assert_int_equal(deliverable_version_find(f->t->db, f->a, id, 1, &v, &err), 0);
	assert_non_null(v.published_at);
	/* Status is not a field people set directly. */
	struct rec *ch = rec_new(f->a, &deliverable_entity);
	assert_int_equal(rec_set_text(ch, f->a, "status", "draft", &err), -1);
	fx_status(f, id, "withdraw");
	assert_int_equal(rec_get(f->t->db, f->a, &deliverable_entity, id, &d, &err), 0);
	assert_string_equal(rec_text(d, "status"), "draft");
	/* The version stays published: it can still be adapted. */
	assert_int_equal(deliverable_version_find(f->t->db, f->a, id, 1, &v, &err), 0);
	assert_non_null(v.published_at);
	fx_close(f);
}

/* Source by team A, published; team B adapts version 1. */
static int64_t published_source(struct fixture *f, int64_t *v1)
{
	int64_t id = fx_deliverable(f, f->team_a, "instructional_resource", "Fraction strips lesson",
				    f->dee, BODY);
	struct cn_err err = {0};
	assert_int_equal(deliverable_standard_add(f->t->db, &f->t->who, id, f->std1, &err), 0);
	fx_status(f, id, "submit");
	fx_status(f, id, "publish");
	struct deliverable_version v;
	assert_int_equal(deliverable_version_find(f->t->db, f->a, id, 1, &v, &err), 0);
	*v1 = v.id;
	return id;
}

static int64_t adapt(struct fixture *f, int64_t version, int64_t team, int64_t author)
{
	struct cn_err err = {0};
	struct deliverable_derive in = {team, author, NULL,
					"We use pattern blocks, which every school has."};
	struct rec *r = NULL;
	if (deliverable_derive(f->t->db, &f->t->who, f->a, version, &in, &r, &err))
		fail_msg("derive: %s: %s", err.field, err.msg);
	return r->id;
}

static void test_derive_copies_and_keeps_lineage(void **state)
{
	(void)state;
	struct fixture *f = fx_open();
	struct cn_err err = {0};
	int64_t draft = fx_deliverable(f, f->team_a, "unit", "Draft unit", f->dee, "draft body");
	struct deliverable_version dv;
	assert_int_equal(deliverable_version_find(f->t->db, f->a, draft, 1, &dv, &err), 0);
	struct deliverable_derive in = {f->team_b, f->ray, NULL, "why"};
	struct rec *r = NULL;
	assert_int_equal(deliverable_derive(f->t->db, &f->t->who, f->a, dv.id, &in, &r, &err), -1);
	assert_non_null(strstr(err.msg, "never published"));
	int64_t v1;
	int64_t src = published_source(f, &v1);
	in.context_note = "   ";
	assert_int_equal(deliverable_derive(f->t->db, &f->t->who, f->a, v1, &in, &r, &err), -1);
	assert_string_equal(err.field, "context_note");
	in.context_note = "why";
	in.team_id = 0;
	assert_int_equal(deliverable_derive(f->t->db, &f->t->who, f->a, v1, &in, &r, &err), -1);
	assert_string_equal(err.field, "team_id");
	assert_int_equal(testdb_count(f->t, "SELECT COUNT(*) FROM deliverable"), 2);

	int64_t b = adapt(f, v1, f->team_b, f->ray);
	assert_int_equal(deliverable_derive(f->t->db, &f->t->who, f->a, v1, &in, &r, &err), -1);
	struct rec *d = NULL;
	assert_int_equal(rec_get(f->t->db, f->a, &deliverable_entity, b, &d, &err), 0);
	assert_string_equal(rec_text(d, "status"), "draft");
	assert_string_equal(rec_text(d, "kind"), "instructional_resource");
	assert_int_equal(rec_int(d, "derived_from_version_id"), v1);
	assert_int_equal(rec_int(d, "team_id"), f->team_b);
	struct deliverable_version first;
	assert_int_equal(deliverable_version_find(f->t->db, f->a, b, 1, &first, &err), 0);
	assert_string_equal(first.body, BODY);
	assert_true(first.has_similarity && first.similarity == 1.0);
	assert_string_equal(first.similarity_class, "duplicate");
	struct deliverable_standards s;
	assert_int_equal(deliverable_standards(f->t->db, f->a, b, &s, &err), 0);
	assert_int_equal(s.count, 1);
	assert_string_equal(s.items[0].code, "KY.5.NF.1");

	/* A second generation: team A adapts team B's adaptation once it is published. */
	fx_status(f, b, "submit");
	fx_status(f, b, "publish");
	int64_t c = adapt(f, first.id, f->team_a, f->eli);
	struct deliverable_lineage l;
	assert_int_equal(deliverable_lineage(f->t->db, f->a, c, &l, &err), 0);
	assert_int_equal(l.nsources, 2);
	assert_int_equal(l.sources[0].deliverable_id, b);
	assert_int_equal(l.sources[1].deliverable_id, src);
	assert_int_equal(l.sources[1].version_number, 1);
	assert_int_equal(l.nderivatives, 0);
	assert_int_equal(deliverable_lineage(f->t->db, f->a, src, &l, &err), 0);
	assert_int_equal(l.nsources, 0);
	assert_int_equal(l.nderivatives, 2);
	assert_int_equal(l.derivatives[0].deliverable_id, b);
	assert_int_equal(l.derivatives[0].depth, 1);
	assert_string_equal(l.derivatives[0].team_name, "Owensboro");
	assert_int_equal(l.derivatives[1].deliverable_id, c);
	assert_int_equal(l.derivatives[1].depth, 2);
	assert_string_equal(l.derivatives[1].similarity_class, "duplicate");
	fx_close(f);
}

static void test_adaptation_measure_on_each_version(void **state)
{
	(void)state;
	struct fixture *f = fx_open();
	struct cn_err err = {0};
	int64_t v1;
	published_source(f, &v1);
	int64_t b = adapt(f, v1, f->team_b, f->ray);
	fx_save(f, b, f->ray,
		"# Adding fractions with unlike denominators\n\n"
		"Students begin with a number talk about one half plus one third. They model the sum\n"
		"with pattern blocks and then with a number line, and explain why the pieces must be\n"
		"the same size before they can be counted together. Our coaches record strategies on\n"
		"the shared slides. In pairs, students solve the Owensboro task, then compare\n"
		"their answers with another pair and justify any differences. The lesson closes with\n"
		"a reflection in the math journal.\n");
	fx_save(f, b, f->ray, "# Fractions in our kitchens\n\nFifth graders scale a family recipe "
			       "and write each total as one fraction for their families.\n");
	struct deliverable_versions v;
	assert_int_equal(deliverable_versions(f->t->db, f->a, b, &v, &err), 0);
	assert_int_equal(v.count, 3);
	assert_string_equal(v.items[0].similarity_class, "duplicate");
	assert_string_equal(v.items[1].similarity_class, "adapted");
	assert_string_equal(v.items[2].similarity_class, "new");
	assert_int_equal(testdb_count(f->t, "SELECT COUNT(*) FROM deliverable_version"
					    " WHERE source_similarity IS NOT NULL"), 3);
	/* The thresholds are settings: raising "new" reclassifies what is shown. */
	assert_int_equal(setting_set(f->t->db, &f->t->who, SETTING_SIMILARITY_NEW, "0.85", &err), 0);
	assert_int_equal(deliverable_versions(f->t->db, f->a, b, &v, &err), 0);
	assert_string_equal(v.items[1].similarity_class, "new");
	fx_close(f);
}

static void test_settings_are_checked(void **state)
{
	(void)state;
	struct fixture *f = fx_open();
	struct cn_err err = {0};
	const char *v;
	assert_int_equal(setting_get(f->t->db, f->a, SETTING_SIMILARITY_DUPLICATE, &v, &err), 0);
	assert_string_equal(v, "0.9");
	assert_int_equal(setting_set(f->t->db, &f->t->who, SETTING_SIMILARITY_DUPLICATE, "1.5", &err), -1);
	assert_non_null(strstr(err.msg, "not a number from 0 to 1"));
	assert_int_equal(setting_set(f->t->db, &f->t->who, SETTING_SIMILARITY_DUPLICATE, "0.2", &err), -1);
	assert_non_null(strstr(err.msg, "must be below"));
	assert_int_equal(setting_set(f->t->db, &f->t->who, "similarity.colour", "1", &err), -1);
	assert_int_equal(err.kind, CN_ERR_NOT_FOUND);
	assert_int_equal(setting_set(f->t->db, &f->t->who, SETTING_CASE_BASE_URI, "ftp://x/", &err), -1);
	assert_int_equal(setting_set(f->t->db, &f->t->who, SETTING_CASE_BASE_URI,
				     "https://standards.example.org/uri/", &err), 0);
	assert_int_equal(testdb_count(f->t, "SELECT COUNT(*) FROM setting"), 1);
	assert_int_equal(setting_reset(f->t->db, &f->t->who, SETTING_CASE_BASE_URI, &err), 0);
	assert_int_equal(testdb_count(f->t, "SELECT COUNT(*) FROM setting"), 0);
	assert_int_equal(testdb_count(f->t, "SELECT COUNT(*) FROM audit_event WHERE entity = 'setting'"), 2);
	fx_close(f);
}

static void test_new_source_versions_notify_adaptation_owners(void **state)
{
	(void)state;
	struct fixture *f = fx_open();
	struct cn_err err = {0};
	int64_t v1;
	int64_t src = published_source(f, &v1);
	int64_t b = adapt(f, v1, f->team_b, f->ray);
	const char *own = "# Our version\n\nPattern blocks in every school.\n";
	fx_save(f, b, f->ray, own);
	struct notices n;
	assert_int_equal(notice_list(f->t->db, f->a, f->ray, 0, &n, &err), 0);
	assert_int_equal(n.count, 0);
	/* The source saves while published: a revision, published once reviewed. */
	int64_t v2 = fx_save(f, src, f->dee, "# Adding fractions\n\nNow with number lines.\n");
	assert_int_equal(notice_list(f->t->db, f->a, f->ray, 0, &n, &err), 0);
	assert_int_equal(n.count, 0);
	fx_status(f, src, "submit");
	fx_status(f, src, "publish");
	assert_int_equal(notice_list(f->t->db, f->a, f->ray, 0, &n, &err), 0);
	assert_int_equal(n.count, 1);
	assert_int_equal(n.items[0].deliverable_id, b);
	assert_int_equal(n.items[0].source_version_id, v2);
	assert_int_equal(n.items[0].source_number, 2);
	assert_non_null(strstr(n.items[0].message, "new published version 2"));
	/* Only the adaptation's owners hear of it. */
	assert_int_equal(notice_list(f->t->db, f->a, f->eli, 1, &n, &err), 0);
	assert_int_equal(n.count, 0);
	/* The adaptation is untouched. */
	struct deliverable_version mine;
	assert_int_equal(deliverable_version_find(f->t->db, f->a, b, 0, &mine, &err), 0);
	assert_string_equal(mine.body, own);
	/* Compare: what taking the source would change in their version. */
	assert_int_equal(notice_list(f->t->db, f->a, f->ray, 0, &n, &err), 0);
	struct diff d;
	struct deliverable_version sv, ov;
	assert_int_equal(notice_compare(f->t->db, f->a, n.items[0].id, &d, &sv, &ov, &err), 0);
	assert_int_equal(sv.id, v2);
	assert_int_equal(ov.id, mine.id);
	assert_true(d.added > 0 && d.removed > 0);
	/* Seen: gone from the unseen list, kept in the full one; seeing twice is fine. */
	int64_t nid = n.items[0].id;
	assert_int_equal(notice_seen(f->t->db, &f->t->who, nid, &err), 0);
	assert_int_equal(notice_seen(f->t->db, &f->t->who, nid, &err), 0);
	assert_int_equal(notice_list(f->t->db, f->a, f->ray, 0, &n, &err), 0);
	assert_int_equal(n.count, 0);
	assert_int_equal(notice_list(f->t->db, f->a, f->ray, 1, &n, &err), 0);
	assert_int_equal(n.count, 1);
	assert_non_null(n.items[0].seen_at);
	assert_int_equal(notice_seen(f->t->db, &f->t->who, 999, &err), -1);
	assert_int_equal(err.kind, CN_ERR_NOT_FOUND);
	/* Withdraw and publish again without a new version: nothing new to tell. */
	fx_status(f, src, "withdraw");
	fx_save(f, src, f->dee, "# Adding fractions\n\nVersion three, drafted.\n");
	assert_int_equal(testdb_count(f->t, "SELECT COUNT(*) FROM notice"), 1);
	fx_status(f, src, "submit");
	fx_status(f, src, "publish");
	assert_int_equal(notice_list(f->t->db, f->a, f->ray, 0, &n, &err), 0);
	assert_int_equal(n.count, 1);
	assert_int_equal(n.items[0].source_number, 3);
	fx_status(f, src, "withdraw");
	fx_status(f, src, "submit");
	fx_status(f, src, "publish");
	assert_int_equal(testdb_count(f->t, "SELECT COUNT(*) FROM notice"), 2);
	fx_close(f);
}

static void test_reviews_and_summaries(void **state)
{
	(void)state;
	struct fixture *f = fx_open();
	struct cn_err err = {0};
	int64_t id = fx_deliverable(f, f->team_a, "unit", "Unit", f->dee, BODY);
	struct deliverable_version v;
	assert_int_equal(deliverable_version_find(f->t->db, f->a, id, 1, &v, &err), 0);
	struct deliverable_review in = {.reviewer_id = f->ana,
					.score = {3, 2, REVIEW_NOT_SCORED, 1},
					.comment = {"Clearly aligned", NULL, NULL, NULL},
					.comments = "Strong start"};
	assert_int_equal(deliverable_review_add(f->t->db, &f->t->who, v.id, &in, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "is a draft"));
	fx_status(f, id, "submit");
	int64_t rid;
	assert_int_equal(deliverable_review_add(f->t->db, &f->t->who, v.id, &in, &rid, &err), 0);
	assert_int_equal(deliverable_review_add(f->t->db, &f->t->who, v.id, &in, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "already reviewed"));
	struct deliverable_review bad = {.reviewer_id = f->ray, .score = {4, 0, 0, 0}};
	assert_int_equal(deliverable_review_add(f->t->db, &f->t->who, v.id, &bad, NULL, &err), -1);
	assert_string_equal(err.field, "alignment");
	struct deliverable_review none = {.reviewer_id = f->ray,
					  .score = {REVIEW_NOT_SCORED, REVIEW_NOT_SCORED,
						    REVIEW_NOT_SCORED, REVIEW_NOT_SCORED}};
	assert_int_equal(deliverable_review_add(f->t->db, &f->t->who, v.id, &none, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "at least one dimension"));
	struct deliverable_review second = {.reviewer_id = f->ray, .score = {2, 3, 1, 2}};
	assert_int_equal(deliverable_review_add(f->t->db, &f->t->who, v.id, &second, NULL, &err), 0);
	struct deliverable_reviews r;
	assert_int_equal(deliverable_reviews(f->t->db, f->a, id, 0, &r, &err), 0);
	assert_int_equal(r.count, 2);
	assert_int_equal(r.items[0].score[REVIEW_ALIGNMENT], 3);
	assert_string_equal(r.items[0].comment[REVIEW_ALIGNMENT], "Clearly aligned");
	assert_int_equal(r.items[0].score[REVIEW_INSTRUCTIONAL_SUPPORTS], REVIEW_NOT_SCORED);
	struct deliverable_review_summaries s;
	deliverable_review_summarize(f->a, &r, &s);
	assert_int_equal(s.count, 1);
	assert_int_equal(s.items[0].reviews, 2);
	assert_true(s.items[0].mean[REVIEW_ALIGNMENT] == 2.5);
	assert_int_equal(s.items[0].scored[REVIEW_INSTRUCTIONAL_SUPPORTS], 1);
	assert_true(s.items[0].mean[REVIEW_INSTRUCTIONAL_SUPPORTS] == 1.0);
	assert_int_equal(testdb_count(f->t, "SELECT COUNT(*) FROM review_score"), 7);
	fx_close(f);
}

static void test_diff_between_versions(void **state)
{
	(void)state;
	struct fixture *f = fx_open();
	struct cn_err err = {0};
	int64_t id = fx_deliverable(f, 0, "other", "Notes", f->ana, "one\ntwo\nthree\n");
	struct deliverable_version v1;
	assert_int_equal(deliverable_version_find(f->t->db, f->a, id, 1, &v1, &err), 0);
	int64_t v2 = fx_save(f, id, f->ana, "one\n2\nthree\n");
	struct diff d;
	assert_int_equal(deliverable_diff(f->t->db, f->a, v1.id, v2, &d, NULL, NULL, &err), 0);
	struct buf b = BUF_INIT;
	diff_unified(&d, "version 1", "version 2", DIFF_CONTEXT, &b);
	assert_string_equal(buf_str(&b), "--- version 1\n+++ version 2\n@@ -1,3 +1,3 @@\n one\n"
					 "-two\n+2\n three\n");
	buf_free(&b);
	assert_int_equal(deliverable_diff(f->t->db, f->a, v1.id, 99, &d, NULL, NULL, &err), -1);
	assert_int_equal(err.kind, CN_ERR_NOT_FOUND);
	fx_close(f);
}

static void test_detail_json_has_everything(void **state)
{
	(void)state;
	struct fixture *f = fx_open();
	struct cn_err err = {0};
	int64_t v1;
	int64_t src = published_source(f, &v1);
	adapt(f, v1, f->team_b, f->ray);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	assert_int_equal(deliverable_detail_json(f->t->db, f->a, &w, src, &err), 0);
	const char *j = buf_str(&b);
	assert_non_null(strstr(j, "\"standards\":[{\"cf_item_id\":1"));
	assert_non_null(strstr(j, "\"districts\":1"));
	assert_non_null(strstr(j, "\"derivatives\":[{\"deliverable_id\":2"));
	assert_non_null(strstr(j, "\"similarity_class\":\"duplicate\""));
	buf_free(&b);
	fx_close(f);
}

/* May person do verb on entity (a deliverable rule) for deliverable id? 1 yes, 0 no. */
static int may(struct fixture *f, int64_t person, enum policy_verb verb, const char *entity,
	       int64_t id)
{
	struct cn_err err = {0};
	struct rec *d = NULL;
	assert_int_equal(rec_get(f->t->db, f->a, &deliverable_entity, id, &d, &err), 0);
	struct actor who = {.person_id = person, .label = "test"};
	if (policy_check(policy_new(f->a, f->t->db, &who), verb, entity, d, &err) == 0)
		return 1;
	assert_true(err.kind == CN_ERR_FORBIDDEN);
	return 0;
}

static void test_contributors_of_other_districts_co_create(void **state)
{
	(void)state;
	struct fixture *f = fx_open();
	struct cn_err err = {0};
	int64_t id = fx_deliverable(f, f->team_a, "unit", "Fractions unit", f->dee, BODY);
	assert_false(may(f, f->ray, POLICY_READ, "deliverable", id));
	assert_false(may(f, f->ray, POLICY_CREATE, "deliverable_version", id));
	/* Only people of the network's teams can be added. */
	int64_t stranger = fx_rec(f, &person_entity, (const char *const[]){"given_name", "Sol",
		"family_name", "Far", "email", "sol@far.org", NULL});
	assert_int_equal(deliverable_contributor_add(f->t->db, &f->t->who, id, stranger, &err), -1);
	assert_string_equal(err.field, "person_id");
	struct deliverable_contributors cand;
	assert_int_equal(deliverable_contributor_candidates(f->t->db, f->a, id, &cand, &err), 0);
	assert_int_equal(cand.count, 2); /* Eli and Ray: Dee contributes already */
	assert_int_equal(deliverable_contributor_add(f->t->db, &f->t->who, id, f->ray, &err), 0);
	assert_int_equal(deliverable_contributor_add(f->t->db, &f->t->who, id, f->ray, &err), 0);
	assert_true(may(f, f->ray, POLICY_READ, "deliverable", id));
	assert_true(may(f, f->ray, POLICY_READ, "deliverable_version", id));
	assert_true(may(f, f->ray, POLICY_CREATE, "deliverable_version", id));
	assert_true(may(f, f->ray, POLICY_CREATE, "deliverable_review", id));
	assert_false(may(f, f->ray, POLICY_UPDATE, "deliverable", id));
	assert_false(may(f, f->ray, POLICY_CREATE, "deliverable_contributor", id));
	assert_true(may(f, f->dee, POLICY_CREATE, "deliverable_contributor", id));
	/* Saving as someone else is refused: the author is the person saving. */
	struct actor ray = {.person_id = f->ray, .label = "test"};
	struct deliverable_save in = {f->dee, "# Mine\n", NULL, 0};
	assert_int_equal(deliverable_save(f->t->db, &ray, f->a, id, &in, NULL, &err), -1);
	assert_string_equal(err.field, "author_id");
	in.author_id = 0;
	struct deliverable_version v;
	assert_int_equal(deliverable_save(f->t->db, &ray, f->a, id, &in, &v, &err), 0);
	assert_int_equal(v.author_id, f->ray);
	/* The owners are told, by the version's number; the author is not. */
	struct notices n;
	assert_int_equal(notice_list(f->t->db, f->a, f->dee, 0, &n, &err), 0);
	assert_int_equal(n.count, 1);
	assert_string_equal(n.items[0].kind, "version_saved");
	assert_non_null(strstr(n.items[0].message, "Ray Lead saved version 2 of \"Fractions unit\""));
	assert_int_equal(notice_list(f->t->db, f->a, f->ray, 0, &n, &err), 0);
	assert_int_equal(n.count, 0);
	/* A review tells the contributors and owners but its reviewer. */
	fx_status(f, id, "submit");
	struct deliverable_review r = {.reviewer_id = f->ana, .comments = "Add a word problem"};
	for (int k = 0; k < REVIEW_DIMENSION_COUNT; k++)
		r.score[k] = k == 0 ? 2 : REVIEW_NOT_SCORED;
	assert_int_equal(deliverable_review_add(f->t->db, &f->t->who, v.id, &r, NULL, &err), 0);
	assert_int_equal(notice_list(f->t->db, f->a, f->ray, 0, &n, &err), 0);
	assert_int_equal(n.count, 1);
	assert_string_equal(n.items[0].kind, "review_added");
	/* Removed, they read and save no more. */
	assert_int_equal(deliverable_contributor_remove(f->t->db, &f->t->who, id, f->ray, &err), 0);
	assert_false(may(f, f->ray, POLICY_READ, "deliverable", id));
	assert_int_equal(deliverable_contributor_remove(f->t->db, &f->t->who, id, f->ray, &err), -1);
	assert_int_equal(err.kind, CN_ERR_NOT_FOUND);
	fx_close(f);
}

static void test_a_revision_is_published_only_after_review(void **state)
{
	(void)state;
	struct fixture *f = fx_open();
	struct cn_err err = {0};
	int64_t v1;
	int64_t id = published_source(f, &v1);
	fx_save(f, id, f->dee, "# Adding fractions\n\nA revision.\n");
	struct deliverable_versions v;
	assert_int_equal(deliverable_versions(f->t->db, f->a, id, &v, &err), 0);
	assert_int_equal(v.count, 2);
	assert_null(v.items[1].published_at);
	deliverable_versions_keep_published(&v);
	assert_int_equal(v.count, 1);
	assert_int_equal(v.items[0].number, 1);
	/* Others of the network read it all along; only its drafts readers see version 2. */
	assert_true(may(f, f->ray, POLICY_READ, "deliverable", id));
	assert_false(may(f, f->ray, POLICY_READ, "deliverable_version", id));
	struct rec *d = NULL;
	assert_int_equal(deliverable_transition(f->t->db, &f->t->who, f->a, id, "submit", 0, &d,
						&err), 0);
	assert_string_equal(rec_text(d, "status"), "in_review");
	assert_true(may(f, f->ray, POLICY_READ, "deliverable", id));
	assert_int_equal(deliverable_transition(f->t->db, &f->t->who, f->a, id, "return", 0, &d,
						&err), 0);
	assert_string_equal(rec_text(d, "status"), "published");
	/* Submitting a published deliverable needs a revision. */
	fx_status(f, id, "submit");
	fx_status(f, id, "publish");
	assert_int_equal(deliverable_transition(f->t->db, &f->t->who, f->a, id, "submit", 0, &d,
						&err), -1);
	assert_int_equal(err.kind, CN_ERR_CONFLICT);
	assert_int_equal(deliverable_versions(f->t->db, f->a, id, &v, &err), 0);
	assert_non_null(v.items[1].published_at);
	fx_close(f);
}

static void test_a_network_draft_is_read_by_its_members(void **state)
{
	(void)state;
	struct fixture *f = fx_open();
	int64_t id = fx_deliverable(f, 0, "unit", "Made at the meeting", f->ana, BODY);
	assert_true(may(f, f->ray, POLICY_READ, "deliverable", id));
	assert_true(may(f, f->eli, POLICY_READ, "deliverable_version", id));
	assert_false(may(f, f->ray, POLICY_UPDATE, "deliverable", id));
	fx_close(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_saves_make_versions_and_contributors),
		cmocka_unit_test(test_contributors_of_other_districts_co_create),
		cmocka_unit_test(test_a_revision_is_published_only_after_review),
		cmocka_unit_test(test_a_network_draft_is_read_by_its_members),
		cmocka_unit_test(test_bad_saves_are_refused_and_change_nothing),
		cmocka_unit_test(test_status_changes),
		cmocka_unit_test(test_derive_copies_and_keeps_lineage),
		cmocka_unit_test(test_adaptation_measure_on_each_version),
		cmocka_unit_test(test_settings_are_checked),
		cmocka_unit_test(test_new_source_versions_notify_adaptation_owners),
		cmocka_unit_test(test_reviews_and_summaries),
		cmocka_unit_test(test_diff_between_versions),
		cmocka_unit_test(test_detail_json_has_everything),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
