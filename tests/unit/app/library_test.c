/* library: items with their labels, citations and alignments; validation that names
 * the field and stores nothing; search ranking and filters; recommendations with
 * their reasons; the body rendered safely. */
#include "library_fixture.h"

#include "app/delivery/tryout.h"
#include "core/buf.h"
#include "app/network/team.h"
#include "app/org/membership.h"

static char *view_json(struct testdb *t, struct arena *a, int64_t id, int with_html)
{
	struct cn_err err = {0};
	struct library_view v;
	if (library_get(t->db, a, id, with_html, &v, &err))
		fail_msg("get: %s", err.msg);
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	library_view_json(&w, &v);
	char *s = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return s;
}

static struct library_results search(struct testdb *t, struct arena *a, const char *words,
				     const struct library_filter *f)
{
	struct cn_err err = {0};
	struct library_results r;
	if (library_search(t->db, a, words, f, 20, 0, &r, &err))
		fail_msg("search %s: %s: %s", words, err.field, err.msg);
	return r;
}

static void test_create_with_labels_citations_and_alignments(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	int64_t nf = fx_standard(t, "KY.3.NF.2", "Understand a fraction as a number on the line.");
	int64_t oa = fx_standard(t, "KY.3.OA.7", "Fluently multiply and divide within 100.");
	struct rec *r = rec_new(a, &library_item_entity);
	rec_set_text(r, a, "kind", "Strategy", &err);
	rec_set_text(r, a, "title", "Number talks", &err);
	rec_set_text(r, a, "summary", "Short daily routines about mental math.", &err);
	rec_set_text(r, a, "evidence_tier", "2", &err);
	const char *tags[] = {"Number Talks", "mental_math", "number-talks"};
	const char *areas[] = {"Mathematics"};
	const char *bands[] = {"K-2", "3-5", "adult/PD"};
	struct library_citation cites[] = {
		{"Parrish, S. (2014). Number Talks. Math Solutions.", NULL},
		{"Humphreys & Parker (2015). Making Number Talks Matter.",
		 "https://www.stenhouse.com/"},
	};
	int64_t aligns[] = {oa, nf, oa};
	struct library_links l = {.set = LIBRARY_SET_ALL,
				  .tags = tags, .ntags = 3, .areas = areas, .nareas = 1,
				  .bands = bands, .nbands = 3, .citations = cites, .ncitations = 2,
				  .alignments = aligns, .nalignments = 3};
	if (library_create(t->db, &t->who, a, r, &l, &err))
		fail_msg("%s: %s", err.field, err.msg);
	assert_int_equal(r->version, 1);
	char *json = view_json(t, a, r->id, 0);
	assert_non_null(strstr(json, "\"kind\":\"strategy\""));
	assert_non_null(strstr(json, "\"tags\":[\"mental-math\",\"number-talks\"]"));
	assert_non_null(strstr(json, "\"content_areas\":[\"mathematics\"]"));
	assert_non_null(strstr(json, "\"grade_bands\":[\"k_2\",\"3_5\",\"adult\"]"));
	assert_non_null(strstr(json, "\"citations\":[{\"text\":\"Parrish, S. (2014). Number "
				     "Talks. Math Solutions.\",\"url\":null},{\"text\":\"Humphreys"));
	assert_non_null(strstr(json, "\"code\":\"KY.3.NF.2\""));
	assert_non_null(strstr(json, "\"code\":\"KY.3.OA.7\""));
	assert_non_null(strstr(json, "\"tryouts\":{\"count\":0,"));
	assert_null(strstr(json, "body_html"));
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM library_alignment"), 2);
	/* The creation and the links are both in the audit log. */
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event WHERE entity ="
					 " 'library_item' AND action = 'create'"),
			 1);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event WHERE entity ="
					 " 'library_item' AND action = 'update' AND before_json IS NULL"
					 " AND after_json LIKE '%number-talks%'"),
			 1);
	/* Found at once, by its citations too. */
	struct library_results res = search(t, a, "humphreys", NULL);
	assert_int_equal(res.count, 1);
	assert_int_equal(res.hits[0].id, r->id);
	arena_free(a);
	testdb_close(t);
}

/* Each bad input names its field, and nothing at all is stored. */
static void test_bad_input_stores_nothing(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	struct rec *r = rec_new(a, &library_item_entity);
	assert_int_equal(rec_set_text(r, a, "evidence_tier", "5", &err), -1);
	assert_string_equal(err.field, "evidence_tier");
	assert_non_null(strstr(err.msg, "use 1 to 4"));
	assert_int_equal(rec_set_text(r, a, "kind", "lesson", &err), -1);
	assert_non_null(strstr(err.msg, "strategy, resource, tool, research"));
	char title[260];
	memset(title, 'x', 201);
	title[201] = '\0';
	assert_int_equal(rec_set_text(r, a, "title", title, &err), -1);
	assert_non_null(strstr(err.msg, "201 characters"));
	assert_int_equal(rec_set_text(r, a, "body", "ok \xc3\x28", &err), -1);
	assert_non_null(strstr(err.msg, "UTF-8"));

	rec_set_text(r, a, "kind", "tool", &err);
	rec_set_text(r, a, "title", "Exit tickets", &err);
	struct {
		struct library_links l;
		const char *field, *text;
	} cases[] = {
		{{.set = LIBRARY_SET_TAGS, .tags = (const char *[]){"fine", "caf\xc3\xa9"}, .ntags = 2},
		 "tags", "cannot hold"},
		{{.set = LIBRARY_SET_AREAS, .areas = (const char *[]){"maths"}, .nareas = 1},
		 "content_areas", "'maths' is not one of: mathematics"},
		{{.set = LIBRARY_SET_BANDS, .bands = (const char *[]){"K-3"}, .nbands = 1},
		 "grade_bands", "k_2, 3_5"},
		{{.set = LIBRARY_SET_CITATIONS,
		  .citations = (struct library_citation[]){{"A", NULL}, {"B", "ftp://x.org"}},
		  .ncitations = 2},
		 "citations[1].url", "web address"},
		{{.set = LIBRARY_SET_CITATIONS,
		  .citations = (struct library_citation[]){{"  ", NULL}}, .ncitations = 1},
		 "citations[0].text", "required"},
		{{.set = LIBRARY_SET_ALIGNMENTS, .alignments = (int64_t[]){77}, .nalignments = 1},
		 "alignments", "no standard (CASE item) with id 77"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(library_create(t->db, &t->who, a, r, &cases[i].l, &err), -1);
		assert_string_equal(err.field, cases[i].field);
		if (strstr(err.msg, cases[i].text) == NULL)
			fail_msg("case %zu: %s", i, err.msg);
	}
	const char *many[LIBRARY_TAGS_MAX + 1];
	for (int i = 0; i <= LIBRARY_TAGS_MAX; i++)
		many[i] = arena_printf(a, "tag-%d", i);
	struct library_links lots = {.set = LIBRARY_SET_TAGS, .tags = many,
				     .ntags = LIBRARY_TAGS_MAX + 1};
	assert_int_equal(library_create(t->db, &t->who, a, r, &lots, &err), -1);
	assert_non_null(strstr(err.msg, "at most 20"));
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM library_item"), 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM library_label"), 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM search_entry"), 0);
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event"), 0);
	arena_free(a);
	testdb_close(t);
}

static void test_update_replaces_what_is_given(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	struct rec *r = fx_item(t, a, "strategy", "Exit tickets", "Quick checks at the end.", NULL,
				0, "formative,checks", "mathematics", "6-8");
	/* Only tags given: areas and bands stay; the version moves on. */
	const char *tags[] = {"formative-assessment"};
	struct library_links l = {.set = LIBRARY_SET_TAGS, .tags = tags, .ntags = 1};
	struct rec *saved = NULL;
	assert_int_equal(library_update(t->db, &t->who, a, r->id, 1, NULL, &l, &saved, &err), 0);
	assert_int_equal(saved->version, 2);
	char *json = view_json(t, a, r->id, 0);
	assert_non_null(strstr(json, "\"tags\":[\"formative-assessment\"]"));
	assert_non_null(strstr(json, "\"content_areas\":[\"mathematics\"]"));
	assert_non_null(strstr(json, "\"grade_bands\":[\"6_8\"]"));
	assert_int_equal(testdb_count(t, "SELECT COUNT(*) FROM audit_event WHERE action = 'update'"
					 " AND before_json LIKE '%\"checks\"%'"
					 " AND after_json LIKE '%formative-assessment%'"),
			 1);
	/* A new title is searchable, the old one is not; the tag filter follows. */
	struct rec *ch = rec_new(a, &library_item_entity);
	rec_set_text(ch, a, "title", "Exit slips", &err);
	assert_int_equal(library_update(t->db, &t->who, a, r->id, 2, ch, NULL, &saved, &err), 0);
	assert_int_equal(search(t, a, "tickets", NULL).count, 0);
	assert_int_equal(search(t, a, "slips", NULL).count, 1);
	struct library_filter f = {.tag = "formative-assessment"};
	assert_int_equal(search(t, a, "slips", &f).count, 1);
	f.tag = "checks";
	assert_int_equal(search(t, a, "slips", &f).count, 0);
	/* A stale version is refused and changes nothing. */
	assert_int_equal(library_update(t->db, &t->who, a, r->id, 1, NULL, &l, NULL, &err), -1);
	assert_int_equal(err.kind, CN_ERR_STALE);
	/* The generic record update keeps the search entry current too. */
	rec_set_text(ch, a, "title", "Exit passes", &err);
	assert_int_equal(rec_update(t->db, &t->who, a, r->id, 0, ch, NULL, &err), 0);
	assert_int_equal(search(t, a, "passes", &f).count, 0);
	f.tag = "formative-assessment";
	assert_int_equal(search(t, a, "passes", &f).count, 1);
	arena_free(a);
	testdb_close(t);
}

/* Six items, used by the search and recommendation tests. */
static void library_six(struct testdb *t, struct arena *a, int64_t *ids)
{
	ids[0] = fx_item(t, a, "strategy", "Fraction number lines",
			 "Students place fractions on a number line.", "Use *benchmarks*.", 2,
			 "fractions", "mathematics", "3-5")->id;
	ids[1] = fx_item(t, a, "strategy", "Number talks",
			 "Mental math routines; fractions come up in grade 4.", NULL, 1,
			 "number-talks", "mathematics", "k-2,3-5")->id;
	ids[2] = fx_item(t, a, "resource", "Fraction strips kit",
			 "Printable strips for comparing fractions.", NULL, 4, "fractions,manipulatives",
			 "mathematics", "3-5")->id;
	ids[3] = fx_item(t, a, "research", "What works: fractions practice guide",
			 "Research on teaching fractions.", NULL, 0, NULL, "mathematics", "6-8")->id;
	ids[4] = fx_item(t, a, "strategy", "Close reading", "Annotating complex texts.", NULL, 3,
			 "literacy", "english_language_arts", "6-8,9-12")->id;
	ids[5] = fx_item(t, a, "tool", "PLC agenda template",
			 "A protocol for professional learning communities.", NULL, 0, "plc",
			 "leadership", "adult")->id;
}

static void test_search_ranks_and_filters(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	int64_t id[6];
	library_six(t, a, id);
	/* Title matches first; body-only matches after; prefix of the last word. */
	struct library_results r = search(t, a, "fraction", NULL);
	assert_int_equal(r.count, 4);
	assert_int_equal(r.hits[3].id, id[1]); /* only in its summary */
	assert_true(r.hits[0].score > r.hits[3].score);
	assert_int_equal(r.nwords, 1);
	assert_int_equal(r.hits[0].nmatched, 1);
	assert_string_equal(r.hits[0].matched[0], "fraction");
	assert_int_equal(search(t, a, "fract", NULL).count, 4);
	/* Common words are left out; alone with a filter, the filter lists. */
	r = search(t, a, "the fractions of", NULL);
	assert_int_equal(r.count, 4);
	assert_int_equal(r.nwords, 1);
	assert_string_equal(r.words[0], "fractions");
	struct library_filter tools = {.kind = "tool"};
	assert_int_equal(search(t, a, "the", &tools).count, 1);
	/* Without a filter, the common words are searched for after all. */
	assert_int_equal(search(t, a, "what", NULL).nwords, 1);
	assert_int_equal(search(t, a, "fraction strips", NULL).hits[0].id, id[2]);
	/* Filters, each alone. */
	struct library_filter f = {.kind = "strategy"};
	assert_int_equal(search(t, a, "fractions", &f).count, 2);
	f = (struct library_filter){.grade_band = "6_8"};
	r = search(t, a, "fractions", &f);
	assert_int_equal(r.count, 1);
	assert_int_equal(r.hits[0].id, id[3]);
	f = (struct library_filter){.content_area = "english_language_arts"};
	assert_int_equal(search(t, a, "", &f).count, 1);
	f = (struct library_filter){.tier = 4};
	assert_int_equal(search(t, a, "fractions", &f).hits[0].id, id[2]);
	f = (struct library_filter){.tier = LIBRARY_TIER_NONE};
	assert_int_equal(search(t, a, "", &f).count, 2);
	/* At least tier 2: tiers 1 and 2. */
	f = (struct library_filter){.tier_at_least = 2};
	r = search(t, a, "fractions", &f);
	assert_int_equal(r.count, 2);
	f = (struct library_filter){.tier_at_least = 3};
	assert_int_equal(search(t, a, "", &f).count, 3);
	f = (struct library_filter){.tag = "manipulatives"};
	assert_int_equal(search(t, a, "", &f).count, 1);
	f = (struct library_filter){.statewide = 1};
	assert_int_equal(search(t, a, "", &f).count, 6);
	f = (struct library_filter){.network_id = 1};
	assert_int_equal(search(t, a, "", &f).count, 0);
	/* Filters together. */
	f = (struct library_filter){.kind = "strategy", .grade_band = "3_5", .tier_at_least = 1};
	r = search(t, a, "", &f);
	assert_int_equal(r.count, 1);
	assert_int_equal(r.hits[0].id, id[1]);
	/* Brief try-out figures come with each hit. */
	assert_int_equal(r.hits[0].tryouts.count, 0);
	arena_free(a);
	testdb_close(t);
}

static void test_filters_from_text(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct cn_err err = {0};
	struct library_filter f = {0};
	assert_int_equal(library_filter_set(&f, a, "tier", "5", &err), -1);
	assert_string_equal(err.field, "tier");
	assert_non_null(strstr(err.msg, "'5' is not an ESSA evidence tier"));
	assert_int_equal(library_filter_set(&f, a, "min_tier", "none", &err), -1);
	assert_int_equal(library_filter_set(&f, a, "kind", "lesson", &err), -1);
	assert_string_equal(err.field, "kind");
	assert_int_equal(library_filter_set(&f, a, "area", "maths", &err), -1);
	assert_string_equal(err.field, "content_area");
	assert_int_equal(library_filter_set(&f, a, "band", "K-3", &err), -1);
	assert_int_equal(library_filter_set(&f, a, "tag", "a&b", &err), -1);
	assert_string_equal(err.field, "tag");
	assert_int_equal(library_filter_set(&f, a, "network_id", "x", &err), -1);
	assert_int_equal(library_filter_set(&f, a, "colour", "red", &err), -1);
	assert_int_equal(library_filter_set(&f, a, "tier", "none", &err), 0);
	assert_int_equal(f.tier, LIBRARY_TIER_NONE);
	assert_int_equal(library_filter_set(&f, a, "min_tier", "2", &err), 0);
	assert_int_equal(f.tier_at_least, 2);
	assert_int_equal(library_filter_set(&f, a, "band", "K-2", &err), 0);
	assert_string_equal(f.grade_band, "k_2");
	assert_int_equal(library_filter_set(&f, a, "band", "Adult/PD", &err), 0);
	assert_string_equal(f.grade_band, "adult");
	assert_int_equal(library_filter_set(&f, a, "area", "English Language Arts", &err), 0);
	assert_string_equal(f.content_area, "english_language_arts");
	assert_int_equal(library_filter_set(&f, a, "tag", "Number Talks", &err), 0);
	assert_string_equal(f.tag, "number-talks");
	assert_int_equal(library_filter_set(&f, a, "network_id", "statewide", &err), 0);
	assert_true(f.statewide);
	arena_free(a);
}

static void tryout(struct testdb *t, struct arena *a, int64_t item, int64_t person, int rating,
		   const char *would_work)
{
	fx_rec(t, a, &tryout_entity, arena_printf(a, "item_id=%lld", (long long)item),
	       arena_printf(a, "person_id=%lld", (long long)person),
	       arena_printf(a, "rating=%d", rating), arena_printf(a, "would_work=%s", would_work),
	       NULL);
}

static void test_recommend_gives_reasons(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct cn_err err = {0};
	int64_t id[6];
	library_six(t, a, id);
	struct rec *s = fx_rec(t, a, &org_entity, "kind=state", "name=KDE", NULL);
	struct rec *d = fx_rec(t, a, &org_entity, "kind=district", "name=Daviess County",
			       arena_printf(a, "parent_id=%lld", (long long)s->id), NULL);
	struct rec *n = fx_rec(t, a, &network_entity, "name=Math Network",
			       "content_area=mathematics", "school_year=2026-27", NULL);
	struct rec *team = fx_rec(t, a, &team_entity,
				  arena_printf(a, "network_id=%lld", (long long)n->id),
				  arena_printf(a, "district_id=%lld", (long long)d->id), NULL);
	struct rec *p = fx_rec(t, a, &person_entity, "given_name=Dee", "family_name=Lead", NULL);
	fx_rec(t, a, &membership_entity, arena_printf(a, "person_id=%lld", (long long)p->id),
	       arena_printf(a, "org_id=%lld", (long long)d->id), "role=district_lead", NULL);
	assert_int_equal(team_member_set(t->db, &t->who, team->id, p->id, "lead", &err), 0);
	tryout(t, a, id[0], p->id, 5, "yes");
	tryout(t, a, id[0], p->id, 4, "maybe");

	struct library_results r;
	const char *goal = "Our students will place fractions on the number line with "
			   "understanding by the spring.";
	assert_int_equal(library_recommend(t->db, a, goal, NULL, 5, &r, &err), 0);
	/* Common words are left out; the significant ones are kept in order. */
	assert_int_equal(r.nwords, 7);
	assert_string_equal(r.words[0], "students");
	assert_string_equal(r.words[2], "fractions");
	assert_true(r.count >= 3);
	assert_int_equal(r.hits[0].id, id[0]); /* title and summary have most of the words */
	assert_true(r.hits[0].nmatched >= 4);
	assert_non_null(strstr(r.hits[0].reason, "matches students, place, fractions, number, "
						 "line"));
	assert_non_null(strstr(r.hits[0].reason, "ESSA tier 2 (moderate evidence)"));
	assert_non_null(strstr(r.hits[0].reason, "tried 2 times by 1 team in 1 district, "
						 "average rating 4.5 of 5; 1 of 2 said it would "
						 "work here"));
	assert_int_equal(r.hits[0].tryouts.ndistricts, 1);
	for (size_t i = 1; i < r.count; i++)
		if (r.hits[i].id == id[3])
			assert_non_null(strstr(r.hits[i].reason, "no ESSA evidence tier; not tried"));
	/* Filters apply. */
	struct library_filter f = {.tier_at_least = 1};
	assert_int_equal(library_recommend(t->db, a, goal, &f, 5, &r, &err), 0);
	assert_int_equal(r.count, 1);
	assert_int_equal(r.hits[0].id, id[1]);
	/* JSON for the API. */
	struct buf b = BUF_INIT;
	struct jw w;
	jw_init(&w, &b);
	library_results_json(&w, &r);
	assert_non_null(strstr(buf_str(&b), "\"matched\":[\"fractions\",\"number\"]"));
	assert_non_null(strstr(buf_str(&b), "\"evidence_tier\":1"));
	buf_free(&b);
	assert_int_equal(library_recommend(t->db, a, "and the of it", NULL, 5, &r, &err), -1);
	assert_string_equal(err.field, "text");
	arena_free(a);
	testdb_close(t);
}

static void test_body_renders_safely(void **state)
{
	(void)state;
	struct testdb *t = testdb_open();
	struct arena *a = arena_new();
	struct rec *r = fx_item(t, a, "strategy", "Number talks", NULL,
				"## Steps\n\n1. Pose <script>alert(1)</script>\n2. [Share]"
				"(javascript:alert(2))\n",
				0, NULL, NULL, NULL);
	struct cn_err err = {0};
	struct library_view v;
	assert_int_equal(library_get(t->db, a, r->id, 1, &v, &err), 0);
	assert_non_null(strstr(v.body_html, "<h2>Steps</h2>"));
	assert_null(strstr(v.body_html, "<script"));
	assert_non_null(strstr(v.body_html, "<a href=\"\">Share</a>"));
	assert_non_null(strstr(view_json(t, a, r->id, 1), "\"body_html\":\"\\u003ch2\\u003eSteps"));
	arena_free(a);
	testdb_close(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_with_labels_citations_and_alignments),
		cmocka_unit_test(test_bad_input_stores_nothing),
		cmocka_unit_test(test_update_replaces_what_is_given),
		cmocka_unit_test(test_search_ranks_and_filters),
		cmocka_unit_test(test_filters_from_text),
		cmocka_unit_test(test_recommend_gives_reasons),
		cmocka_unit_test(test_body_renders_safely),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
