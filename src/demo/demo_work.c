/* demo_work: the work that shows what capnet is for, loaded after the demo's people,
 * networks and meetings (demo.c): a small standards framework imported as CASE, the
 * networks' library with try-outs (demo_library.c), learning-target sets co-authored
 * across districts and adapted (or merely copied) by others, and every team's needs
 * assessment, plan, PLC schedule, delivered PD, walkthroughs, progress checks and
 * reflections (demo_plans.c).
 *
 * The story, for the mathematics network's capacity-building profile: most teams plan
 * from their own needs assessment, meet in PLCs through the fall and adapt what the
 * network made; Harrods Creek starts from the network's template, changes almost
 * nothing, copies the network's learning-target set word for word and passes the
 * September meeting and that copy on to its staff as whole-group days: the
 * train-the-trainer pattern the profile flags. Everything is dated in the fall of
 * 2026-27, up to the week before Thanksgiving. Everything is invented, written for the
 * demo, in our own words; the research cited is real. */
#include <stdarg.h>
#include <string.h>

#include "app/network/agenda.h"
#include "app/deliverable/deliverable.h"
#include "app/deliverable/deliverable_contributor.h"
#include "app/deliverable/deliverable_review.h"
#include "demo/demo_priv.h"
#include "app/standards/standards.h"
#include "app/deliverable/target.h"
#include "core/buf.h"

/* Step 6: standards. A CASE package built in memory (the same structs the CASE reader
 * fills) and imported as one framework. */

struct demo_std {
	const char *code;
	int parent; /* index in demo_stds, -1 at the top */
	const char *type;
	const char *level; /* education level, or NULL */
	const char *statement;
};

static const struct demo_std demo_stds[] = {
	/* 0 */ {"KY.MA", -1, "Content Area", NULL, "Mathematics"},
	{"KY.MA.3", 0, "Grade Level", "03", "Grade 3 mathematics"},
	{"KY.3.NF", 1, "Domain", "03", "Number and operations: fractions (grade 3)"},
	{"KY.3.NF.1", 2, "Standard", "03",
	 "Understand a fraction 1/b as one part of a whole split into b equal parts, and a/b as "
	 "a of those parts."},
	{"KY.3.NF.2", 2, "Standard", "03",
	 "Place fractions on a number line: split the interval from 0 to 1 into b equal lengths "
	 "to locate 1/b, and count a of those lengths from 0 to locate a/b."},
	{"KY.3.NF.3", 2, "Standard", "03",
	 "Explain when two fractions are equivalent, and compare fractions with the same "
	 "numerator or the same denominator by reasoning about their size; record the "
	 "comparison with >, = or <."},
	/* 6 */ {"KY.MA.4", 0, "Grade Level", "04", "Grade 4 mathematics"},
	{"KY.4.NF", 6, "Domain", "04", "Number and operations: fractions (grade 4)"},
	{"KY.4.NF.1", 7, "Standard", "04",
	 "Explain with visual fraction models why multiplying the numerator and denominator "
	 "by the same number gives an equivalent fraction, and use it to generate equivalent "
	 "fractions."},
	{"KY.4.NF.2", 7, "Standard", "04",
	 "Compare two fractions with different numerators and different denominators by "
	 "finding a common numerator or denominator or by comparing each to a benchmark such "
	 "as 1/2; justify the comparison with a model."},
	{"KY.4.NF.3", 7, "Standard", "04",
	 "Understand a fraction a/b with a greater than 1 as a sum of unit fractions 1/b, and "
	 "add and subtract fractions and mixed numbers with like denominators."},
	/* 11 */ {"KY.MA.5", 0, "Grade Level", "05", "Grade 5 mathematics"},
	{"KY.5.NF", 11, "Domain", "05", "Number and operations: fractions (grade 5)"},
	{"KY.5.NF.1", 12, "Standard", "05",
	 "Add and subtract fractions with unlike denominators, mixed numbers included, by "
	 "replacing them with equivalent fractions that share a denominator."},
	{"KY.5.NF.2", 12, "Standard", "05",
	 "Solve word problems that add or subtract fractions of the same whole, and use "
	 "benchmark fractions and number sense to judge whether an answer is reasonable."},
	/* 15 */ {"KY.MA.6", 0, "Grade Level", "06", "Grade 6 mathematics"},
	{"KY.6.NS", 15, "Domain", "06", "The number system (grade 6)"},
	{"KY.6.NS.1", 16, "Standard", "06",
	 "Interpret and compute quotients of fractions, and solve word problems that divide a "
	 "fraction by a fraction, with visual models and equations."},
	{"KY.6.NS.2", 16, "Standard", "06",
	 "Divide multi-digit whole numbers fluently with a standard algorithm, and explain why "
	 "it works."},
	{"KY.6.NS.3", 16, "Standard", "06",
	 "Add, subtract, multiply and divide multi-digit decimals fluently with standard "
	 "algorithms."},
	/* 20 */ {"KY.RW", -1, "Content Area", NULL, "Reading and writing"},
	{"KY.RW.4", 20, "Grade Level", "04", "Grade 4 reading and writing"},
	{"KY.4.RI", 21, "Domain", "04", "Reading informational text (grade 4)"},
	{"KY.4.RI.1", 22, "Standard", "04",
	 "Refer to details and examples in a text when explaining what it says explicitly and "
	 "when drawing inferences from it."},
	{"KY.4.RI.2", 22, "Standard", "04",
	 "Determine the main idea of a text, explain how key details support it, and summarize "
	 "the text."},
	{"KY.4.RI.8", 22, "Standard", "04",
	 "Explain how an author uses reasons and evidence to support particular points in a "
	 "text."},
	/* 26 */ {"KY.RW.6", 20, "Grade Level", "06", "Grade 6 reading and writing"},
	{"KY.6.RI", 26, "Domain", "06", "Reading informational text (grade 6)"},
	{"KY.6.RI.1", 27, "Standard", "06",
	 "Cite textual evidence that supports an analysis of what a text says explicitly and of "
	 "the inferences drawn from it."},
	{"KY.6.RI.2", 27, "Standard", "06",
	 "Determine a central idea of a text and how particular details convey it, and "
	 "summarize the text without personal opinions or judgments."},
	/* 30 */ {"KY.6.W", 26, "Domain", "06", "Writing (grade 6)"},
	{"KY.6.W.1", 30, "Standard", "06",
	 "Write arguments that support a claim with clear reasons and relevant evidence, in a "
	 "logical order, ending with a conclusion that follows from the argument."},
	/* 32 */ {"KY.RW.8", 20, "Grade Level", "08", "Grade 8 reading and writing"},
	{"KY.8.RI", 32, "Domain", "08", "Reading informational text (grade 8)"},
	{"KY.8.RI.1", 33, "Standard", "08",
	 "Cite the textual evidence that most strongly supports an analysis of what a text says "
	 "explicitly and of the inferences drawn from it."},
	{"KY.8.W", 32, "Domain", "08", "Writing (grade 8)"},
	{"KY.8.W.1", 35, "Standard", "08",
	 "Write arguments that acknowledge and answer opposing claims and support the writer's "
	 "own claim with logical reasoning and credible evidence."},
};

/* Learning progressions across grades, kept beside the hierarchy. */
static const struct {
	int from, to;
	const char *type;
} demo_std_links[] = {
	{5, 9, "precedes"},   /* 3.NF.3 comparing -> 4.NF.2 comparing */
	{9, 13, "precedes"},  /* 4.NF.2 -> 5.NF.1 */
	{28, 34, "precedes"}, /* 6.RI.1 -> 8.RI.1 */
	{31, 36, "precedes"}, /* 6.W.1 -> 8.W.1 */
	{28, 31, "isRelatedTo"},
};

#define DEMO_CASE_DOC "c0a8f3d2-5b1e-4c7a-9e20-6d4b2f1a0000"
#define DEMO_CASE_URI "https://standards.demo.capnet.example/case/"

/* Identifiers: the document's with its last four hex digits replaced by a serial. */
static const char *demo_case_id(struct demo_ctx *c, int kind, size_t n)
{
	return arena_printf(c->a, "c0a8f3d2-5b1e-4c7a-9e20-6d4b2f1a%d%03zx", kind, n);
}

static int demo_step_standards(struct demo_ctx *c, int64_t *framework)
{
	size_t n = DEMO_LEN(demo_stds), nl = DEMO_LEN(demo_std_links);
	struct case_package pkg = {0};
	pkg.doc = (struct case_document){
		.identifier = DEMO_CASE_DOC,
		.uri = DEMO_CASE_URI "CFDocuments/" DEMO_CASE_DOC,
		.title = "Kentucky Academic Standards, demo excerpt: fractions, reading and "
			 "argument writing",
		.creator = "capnet demo",
		.publisher = "capnet demo (written for the demo, not the official standards)",
		.description = "A short excerpt in the shape of the Kentucky Academic Standards, "
			       "written in our own words for the demo networks.",
		.language = "en",
		.version = "2026-demo",
		.adoption_status = "Draft",
		.subject = "Mathematics, English Language Arts",
	};
	pkg.items = arena_alloc(c->a, n * sizeof(*pkg.items));
	pkg.associations = arena_alloc(c->a, (n + nl) * sizeof(*pkg.associations));
	pkg.nitems = n;
	for (size_t i = 0; i < n; i++) {
		const struct demo_std *s = &demo_stds[i];
		struct case_item *it = &pkg.items[i];
		*it = (struct case_item){.index = i,
					 .identifier = demo_case_id(c, 1, i),
					 .full_statement = s->statement,
					 .human_coding_scheme = s->code,
					 .item_type = s->type,
					 .language = "en"};
		it->uri = arena_printf(c->a, DEMO_CASE_URI "CFItems/%s", it->identifier);
		if (s->level != NULL) {
			it->education_levels = arena_alloc(c->a, sizeof(const char *));
			it->education_levels[0] = s->level;
			it->neducation_levels = 1;
		}
		const char *parent = s->parent < 0 ? DEMO_CASE_DOC : pkg.items[s->parent].identifier;
		size_t sibling = 0;
		for (size_t j = 0; j < i; j++)
			sibling += demo_stds[j].parent == s->parent;
		pkg.associations[pkg.nassociations++] = (struct case_association){
			.index = pkg.nassociations,
			.identifier = demo_case_id(c, 2, i),
			.type = "isChildOf",
			.origin = {.identifier = it->identifier},
			.destination = {.identifier = parent},
			.has_sequence = 1,
			.sequence = (int64_t)sibling + 1};
	}
	for (size_t i = 0; i < nl; i++)
		pkg.associations[pkg.nassociations++] = (struct case_association){
			.index = pkg.nassociations,
			.identifier = demo_case_id(c, 3, i),
			.type = demo_std_links[i].type,
			.origin = {.identifier = pkg.items[demo_std_links[i].from].identifier},
			.destination = {.identifier = pkg.items[demo_std_links[i].to].identifier}};
	struct standards_import_result res;
	if (standards_import(c->db, c->who, c->a, &pkg, NULL, &res, c->err))
		return demo_fail(c, "standards framework", pkg.doc.title);
	*framework = res.framework_id;
	c->sum->frameworks++;
	c->sum->standards += (int)res.items;
	return 0;
}

int demo_std_id(struct demo_ctx *c, int64_t framework, const char *code, int64_t *id)
{
	struct standards_item it;
	if (standards_item_find(c->db, c->a, code, framework, &it, c->err))
		return demo_fail(c, "standard", code);
	*id = it.id;
	return 0;
}

int64_t demo_seat(struct demo_ctx *c, int n, int d, int s)
{
	return c->seat[n][d][s] ? c->seat[n][d][s] : c->seat[n][d][0];
}

/* Step 8: deliverables. The network's grade 4 learning-target set grows from the
 * November meeting through three versions by two districts, is reviewed and
 * published; Floyds Fork adapts it to its schools, Harrods Creek copies it unchanged;
 * then the source publishes a fourth version and both are told. */

static const char DLV_INTRO[] =
	"# Comparing fractions, grade 4 (KY.4.NF.2)\n\nWritten together by the Tradewater "
	"County and Salt River County grade 4 teams at the November network meeting. Use it "
	"to plan a three-week comparison unit; every target is something a student can check "
	"for themselves.\n\n";
static const char DLV_TARGETS[] =
	"## Learning targets\n\n1. *Knowledge*: I can explain what the numerator and the "
	"denominator tell me about a fraction's size.\n2. *Reasoning*: I can decide whether a "
	"fraction is closer to 0, 1/2 or 1 and use that benchmark to compare two fractions.\n"
	"3. *Reasoning*: I can compare two fractions by rewriting them with a common numerator "
	"or a common denominator.\n4. *Skill*: I can draw a number line or area model that "
	"shows which of two fractions is greater.\n5. *Product*: I can write a comparison with "
	">, = or < and justify it with a model or a written explanation.\n\n";
static const char DLV_TASKS_1[] =
	"## Tasks\n\n- Fraction strips: fold halves, fourths and eighths; compare 3/4 and "
	"5/8.\n- Benchmark sort: sort twelve fraction cards into closer to 0, about 1/2, "
	"closer to 1.\n\n";
static const char DLV_TASKS_2[] =
	"## Tasks, in order\n\n- Fraction strips: fold halves, fourths and eighths; compare "
	"3/4 and 5/8 and explain the comparison with the strips.\n- Benchmark sort: sort "
	"twelve fraction cards into closer to 0, about 1/2, closer to 1; defend two "
	"placements to a partner.\n- Number line race: place pairs of fractions on a shared "
	"line and argue which is greater.\n- Same numerator puzzle: why is 3/5 greater than "
	"3/8 when 8 is greater than 5?\n\n";
static const char DLV_CHECKS[] =
	"## Checking for understanding\n\nEach target has an exit ticket of two items. Sort "
	"the responses into got it, almost and not yet, and regroup students for the next "
	"lesson. Target 2 needs the most time: plan two days for it.\n\n";
static const char DLV_MISCONCEPTIONS[] =
	"## Misconceptions to listen for\n\n- A larger denominator means a larger fraction.\n"
	"- Comparing only the numerators, or only the denominators.\n- Thinking 1/2 and 2/4 "
	"are different amounts because they have different pieces.\n- Treating the gap "
	"between numerator and denominator as the size, so that 2/3 and 5/6 look the same.\n\n";
static const char DLV_SAMPLE[] =
	"## A student explanation we keep\n\n> 5/8 is bigger than 1/2 because 4/8 is a half "
	"and 5/8 is one more eighth. 3/4 is two eighths more than a half, so 3/4 is bigger "
	"than 5/8.\n\nShare it after the number line race and ask the class what made the "
	"explanation convincing.\n";
static const char DLV_FF_INTRO[] =
	"# Comparing fractions, grade 4 (KY.4.NF.2): Floyds Fork edition\n\nAdapted from the "
	"network's set for our four schools. Pope Lick and Long Run teach fractions inside the "
	"measurement unit of the science block, and a third of Pope Lick's fourth graders are "
	"learning English, so we rebuilt the tasks around measuring and added language "
	"supports.\n\n";
static const char DLV_FF_TASKS[] =
	"## Tasks, in our measurement unit\n\n- Measuring the garden beds: record lengths in "
	"halves, fourths and eighths of a yard and decide which bed is longer.\n- Recipe "
	"compare: which batch needs more flour, 3/4 cup or 5/8 cup? Prove it with measuring "
	"cups, then on a number line.\n- Benchmark sort with the class's own measurements "
	"instead of printed cards.\n- Same numerator puzzle, kept from the network's set.\n\n";
static const char DLV_FF_CHECKS[] =
	"## In our PLCs\n\nOne exit ticket per target, read aloud for students "
	"who need it, with a picture choice for newcomers. Grade 4 PLCs bring the sorted "
	"tickets every other Thursday and plan the regrouping together.\n\n";
static const char DLV_FF_LANGUAGE[] =
	"## Language supports\n\n- Sentence frames: \"___ is greater than ___ because ___.\"\n"
	"- A word wall with numerator, denominator, benchmark and equivalent, with pictures "
	"and Spanish cognates (numerador, denominador, equivalente).\n- Partners talk it "
	"through in either language before sharing with the class.\n";

static const struct {
	const char *kind, *statement;
} demo_targets[] = {
	{"knowledge", "I can explain what the numerator and the denominator tell me about a "
		      "fraction's size."},
	{"reasoning", "I can decide whether a fraction is closer to 0, 1/2 or 1 and use that "
		      "benchmark to compare two fractions."},
	{"reasoning", "I can compare two fractions by rewriting them with a common numerator "
		      "or a common denominator."},
	{"skill", "I can draw a number line or area model that shows which of two fractions is "
		  "greater."},
	{"product", "I can write a comparison with >, = or < and justify it with a model or a "
		    "written explanation."},
};

static const struct {
	const char *kind, *statement;
} demo_ela_targets[] = {
	{"knowledge", "I can name the parts of an argument: claim, reasons, evidence and "
		      "conclusion."},
	{"reasoning", "I can decide whether a piece of evidence really supports my reason."},
	{"skill", "I can order my reasons so that each one builds on the last."},
	{"product", "I can write an argument of several paragraphs with a clear claim, at least "
		    "two reasons with evidence, and a conclusion that follows from them."},
};

/* Concatenates the NULL-terminated parts in c->a. */
static const char *demo_body(struct demo_ctx *c, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, c);
	const char *part;
	while ((part = va_arg(ap, const char *)) != NULL)
		buf_puts(&b, part);
	va_end(ap);
	const char *out = arena_strdup(c->a, buf_str(&b));
	buf_free(&b);
	return out;
}

static int demo_save(struct demo_ctx *c, int64_t id, int64_t author, const char *body,
		     const char *note, int64_t *version_id)
{
	struct deliverable_save in = {.author_id = author, .body = body, .change_note = note};
	struct deliverable_version v;
	/* The owners add each co-author from another district as a contributor first. */
	if (deliverable_contributor_add(c->db, c->who, id, author, c->err))
		return demo_fail(c, "deliverable contributor", note);
	if (deliverable_save(c->db, c->who, c->a, id, &in, &v, c->err))
		return demo_fail(c, "deliverable version", note);
	if (version_id != NULL)
		*version_id = v.id;
	c->sum->deliverable_versions++;
	return 0;
}

static int demo_transition(struct demo_ctx *c, int64_t id, const char *action)
{
	if (deliverable_transition(c->db, c->who, c->a, id, action, 0, NULL, c->err))
		return demo_fail(c, "deliverable status", action);
	return 0;
}

static int demo_review(struct demo_ctx *c, int64_t version, int64_t reviewer, const int s[4],
		       const char *comments)
{
	struct deliverable_review r = {.reviewer_id = reviewer, .comments = comments};
	for (int i = 0; i < REVIEW_DIMENSION_COUNT; i++)
		r.score[i] = s[i];
	if (deliverable_review_add(c->db, c->who, version, &r, NULL, c->err))
		return demo_fail(c, "review", comments);
	c->sum->reviews++;
	return 0;
}

/* A new deliverable of team (network n, district d) with its first version. */
static int demo_deliverable(struct demo_ctx *c, int n, int d, const char *kind,
			    const char *title, int64_t author, const char *body, const char *note,
			    int64_t *id)
{
	struct rec *r = demo_rec(c, &deliverable_entity, title, "network_id",
				 demo_id_text(c, c->network[n]), "team_id",
				 demo_id_text(c, c->team[n][d]), "kind", kind, "title", title, NULL);
	if (r == NULL)
		return -1;
	if (deliverable_create(c->db, c->who, c->a, r, author, body, note, c->err))
		return demo_fail(c, "deliverable", title);
	*id = r->id;
	c->sum->deliverables++;
	c->sum->deliverable_versions++;
	return 0;
}

static int demo_derive(struct demo_ctx *c, int64_t version, int d, int64_t author,
		       const char *title, const char *note, int64_t *id)
{
	struct deliverable_derive in = {.team_id = c->team[0][d], .author_id = author,
					.title = title, .context_note = note};
	struct rec *r = NULL;
	if (deliverable_derive(c->db, c->who, c->a, version, &in, &r, c->err))
		return demo_fail(c, "adaptation", title);
	*id = r->id;
	c->sum->deliverables++;
	c->sum->deliverable_versions++;
	return 0;
}

static int demo_step_deliverables(struct demo_ctx *c, int64_t framework, int64_t *out)
{
	int64_t dana = c->seat[0][0][0], marcus = c->seat[0][0][1], ashby = c->seat[0][4][0];
	int64_t lyle = c->seat[0][5][0], hale = c->seat[0][6][0];
	int64_t std = 0, v3 = 0, id = 0;
	if (demo_std_id(c, framework, "KY.4.NF.2", &std) ||
	    demo_deliverable(c, 0, 0, "learning_target_set",
			     "Comparing fractions, grade 4: learning targets", dana,
			     demo_body(c, DLV_INTRO, DLV_TARGETS, DLV_TASKS_1, NULL),
			     "First draft at the November network meeting", &id))
		return -1;
	out[DEMO_DLV_SOURCE] = id;
	for (size_t i = 0; i < DEMO_LEN(demo_targets); i++)
		if (demo_create(c, &learning_target_entity, demo_targets[i].statement, NULL,
				"deliverable_id", demo_id_text(c, id), "cf_item_id",
				demo_id_text(c, std), "kind", demo_targets[i].kind, "statement",
				demo_targets[i].statement, NULL))
			return -1;
	static const int lauren_scores[4] = {3, 2, 3, 2}, evelyn_scores[4] = {3, 3, 2, 2};
	if (demo_save(c, id, ashby, demo_body(c, DLV_INTRO, DLV_TARGETS, DLV_TASKS_2, DLV_CHECKS, NULL),
		      "Added two tasks and the exit tickets Salt River's grade 4 PLC wrote", NULL) ||
	    demo_save(c, id, marcus,
		      demo_body(c, DLV_INTRO, DLV_TARGETS, DLV_TASKS_2, DLV_CHECKS,
				DLV_MISCONCEPTIONS, NULL),
		      "Added the misconceptions our grade 4 PLC heard during the strips task", &v3) ||
	    demo_transition(c, id, "submit") ||
	    demo_review(c, v3, c->org_person[DEMO_STAFF_MATH_FACILITATOR], lauren_scores,
			"Targets 2 and 3 carry the reasoning the standard asks for. The exit "
			"tickets check target 4 only with pictures; add one item where students "
			"draw their own model.") ||
	    demo_review(c, v3, c->org_person[DEMO_STAFF_PARTNER], evelyn_scores,
			"A strong set. The misconceptions list is what our teacher candidates need "
			"most; consider a task that provokes the numerator-denominator gap idea on "
			"purpose.") ||
	    demo_transition(c, id, "publish"))
		return -1;
	if (demo_derive(c, v3, 5, lyle, "Comparing fractions, grade 4: Floyds Fork edition",
			"Our fourth graders meet fractions in the measurement unit of the science "
			"block, and a third of Pope Lick's are learning English: we rebuilt the "
			"tasks around measuring and added language supports; the targets stay.",
			&out[DEMO_DLV_ADAPTED]) ||
	    demo_save(c, out[DEMO_DLV_ADAPTED], lyle,
		      demo_body(c, DLV_FF_INTRO, DLV_TARGETS, DLV_FF_TASKS, DLV_CHECKS, DLV_FF_CHECKS,
				DLV_MISCONCEPTIONS, DLV_FF_LANGUAGE, NULL),
		      "Tasks set in our measurement unit; language supports for English learners",
		      NULL) ||
	    demo_transition(c, out[DEMO_DLV_ADAPTED], "submit") ||
	    demo_transition(c, out[DEMO_DLV_ADAPTED], "publish") ||
	    demo_derive(c, v3, 6, hale, NULL, "Using the network's set as it is.", &out[DEMO_DLV_COPIED]))
		return -1;
	/* The source moves on (a revision, reviewed and published); both adaptations are
	 * told, neither is changed. */
	if (demo_save(c, id, dana,
		      demo_body(c, DLV_INTRO, DLV_TARGETS, DLV_TASKS_2, DLV_CHECKS,
				DLV_MISCONCEPTIONS, DLV_SAMPLE, NULL),
		      "Added a student explanation from Cedar Bluff's number line race", NULL) ||
	    demo_transition(c, id, "submit") || demo_transition(c, id, "publish"))
		return -1;
	/* Waiting for the facilitator: a task set in review. */
	int64_t nl = 0;
	if (demo_std_id(c, framework, "KY.3.NF.2", &nl) ||
	    demo_deliverable(c, 0, 1, "instructional_resource",
			     "Fraction number line tasks, grades 3-5", c->seat[0][1][1],
			     "# Fraction number line tasks, grades 3-5\n\nSix tasks, two per grade, "
			     "that ask students to place, compare and reason about fractions on a "
			     "number line.\n\n## Grade 3\n\n1. Where does 1/4 go between 0 and 1? "
			     "Fold a strip to check.\n2. Mark 3/4 and 2/4; which is closer to 1?\n\n"
			     "## Grade 4\n\n1. Place 2/3 and 3/4 on one line; which is greater?\n2. "
			     "Find a fraction between 1/2 and 5/8.\n\n## Grade 5\n\n1. Place 1 3/8 "
			     "and 11/8; what do you notice?\n2. Estimate 5/6 + 3/8 from the line "
			     "before adding.\n",
			     "Tasks from Pond River's and Rough River's interventionists", &out[DEMO_DLV_TASKS]) ||
	    deliverable_standard_add(c->db, c->who, out[DEMO_DLV_TASKS], nl, c->err) ||
	    demo_save(c, out[DEMO_DLV_TASKS], c->seat[0][2][1],
		      demo_body(c, "# Fraction number line tasks, grades 3-5\n\nSix tasks, two "
				"per grade, that ask students to place, compare and reason about "
				"fractions on a number line, with what to listen for.\n\n",
				"## Grade 3\n\n1. Where does 1/4 go between 0 and 1? Fold a strip "
				"to check.\n2. Mark 3/4 and 2/4; which is closer to 1? Listen for: "
				"counting marks instead of lengths.\n\n## Grade 4\n\n1. Place 2/3 "
				"and 3/4 on one line; which is greater?\n2. Find a fraction between "
				"1/2 and 5/8. Listen for: \"there is none\".\n\n## Grade 5\n\n1. "
				"Place 1 3/8 and 11/8; what do you notice?\n2. Estimate 5/6 + 3/8 "
				"from the line before adding.\n", NULL),
		      "What to listen for, from Rough River's grade 5 classes", NULL) ||
	    demo_transition(c, out[DEMO_DLV_TASKS], "submit"))
		return demo_fail(c, "deliverable", "Fraction number line tasks");
	/* The ELA network's argument-writing targets, by three districts. */
	int64_t w = 0;
	if (demo_std_id(c, framework, "KY.6.W.1", &w) ||
	    demo_deliverable(c, 1, 4, "learning_target_set",
			     "Argument writing, grade 6: learning targets", c->seat[1][4][0],
			     "# Argument writing, grade 6 (KY.6.W.1)\n\nDrafted by Salt River's "
			     "grade 6 team at the September meeting.\n\n1. I can name the parts of "
			     "an argument.\n2. I can decide whether evidence supports my reason.\n"
			     "3. I can write an argument with a claim, reasons and evidence.\n",
			     "Draft from the September meeting", &out[DEMO_DLV_ELA]))
		return -1;
	for (size_t i = 0; i < DEMO_LEN(demo_ela_targets); i++)
		if (demo_create(c, &learning_target_entity, demo_ela_targets[i].statement, NULL,
				"deliverable_id", demo_id_text(c, out[DEMO_DLV_ELA]), "cf_item_id",
				demo_id_text(c, w), "kind", demo_ela_targets[i].kind, "statement",
				demo_ela_targets[i].statement, NULL))
			return -1;
	int64_t ev = 0;
	static const int monique_scores[4] = {3, 3, 2, 3};
	if (demo_save(c, out[DEMO_DLV_ELA], c->seat[1][7][2],
		      "# Argument writing, grade 6 (KY.6.W.1)\n\nDrafted by Salt River's grade 6 "
		      "team at the September meeting; Brashears Creek and Pond River added the "
		      "reasoning and ordering targets.\n\n1. *Knowledge*: I can name the parts of "
		      "an argument: claim, reasons, evidence and conclusion.\n2. *Reasoning*: I "
		      "can decide whether a piece of evidence really supports my reason.\n3. "
		      "*Skill*: I can order my reasons so that each one builds on the last.\n4. "
		      "*Product*: I can write an argument of several paragraphs with a clear "
		      "claim, at least two reasons with evidence, and a conclusion that follows "
		      "from them.\n\n## Mentor texts\n\nTwo student op-eds from last year's "
		      "county fair debate, with permission.\n",
		      "Reasoning and ordering targets from Brashears Creek's grade 6 PLC", NULL) ||
	    demo_save(c, out[DEMO_DLV_ELA], c->seat[1][1][1],
		      "# Argument writing, grade 6 (KY.6.W.1)\n\nDrafted by Salt River's grade 6 "
		      "team at the September meeting; Brashears Creek and Pond River added the "
		      "reasoning and ordering targets and the mentor texts.\n\n1. *Knowledge*: I "
		      "can name the parts of an argument: claim, reasons, evidence and "
		      "conclusion.\n2. *Reasoning*: I can decide whether a piece of evidence "
		      "really supports my reason.\n3. *Skill*: I can order my reasons so that "
		      "each one builds on the last.\n4. *Product*: I can write an argument of "
		      "several paragraphs with a clear claim, at least two reasons with "
		      "evidence, and a conclusion that follows from them.\n\n## Mentor texts\n\n"
		      "Two student op-eds from last year's county fair debate, with permission, "
		      "and a letter to the editor about the new bypass from the Pond River "
		      "Herald.\n",
		      "A local mentor text from Pond River", &ev) ||
	    demo_transition(c, out[DEMO_DLV_ELA], "submit") ||
	    demo_review(c, ev, c->org_person[DEMO_STAFF_ELA_FACILITATOR], monique_scores,
			"Clear, student-friendly targets. Add a target about answering a "
			"counterclaim before grade 8 asks for it.") ||
	    demo_transition(c, out[DEMO_DLV_ELA], "publish"))
		return -1;
	return 0;
}

/* The materials the agendas link to: what each session presents, tries out or works on
 * (position 1 is the meeting's first agenda item). */
struct demo_material {
	int meeting, position;
	int lib; /* enum demo_lib_key, or -1 */
	int dlv; /* DEMO_DLV_*, or -1 */
};

static const struct demo_material demo_materials[] = {
	{DEMO_MATH_1, 1, LIB_PD_RESEARCH, -1},	   {DEMO_MATH_1, 2, LIB_NUMBER_TALKS, -1},
	{DEMO_MATH_1, 2, LIB_FIVE_PRACTICES, -1},  {DEMO_MATH_1, 4, LIB_PLC_CYCLE, -1},
	{DEMO_MATH_2, 2, LIB_TARGETS, -1},	   {DEMO_MATH_2, 3, LIB_FRACTIONS_GUIDE, -1},
	{DEMO_MATH_2, 3, LIB_NUMBER_LINE, -1},	   {DEMO_MATH_2, 4, -1, DEMO_DLV_SOURCE},
	{DEMO_MATH_2, 5, LIB_ADAPTIVE, -1},	   {DEMO_MATH_3, 2, LIB_FORMATIVE, -1},
	{DEMO_MATH_3, 3, LIB_HINGE, -1},	   {DEMO_MATH_3, 4, -1, DEMO_DLV_SOURCE},
	{DEMO_MATH_3, 4, -1, DEMO_DLV_TASKS},	   {DEMO_MATH_3, 5, LIB_WALKTHROUGH, -1},
	{DEMO_MATH_4, 2, LIB_TUNING, -1},	   {DEMO_MATH_4, 3, LIB_TUNING, -1},
	{DEMO_MATH_4, 4, -1, DEMO_DLV_SOURCE},	   {DEMO_MATH_4, 5, LIB_COACHING, -1},
	{DEMO_ELA_1, 1, LIB_PD_RESEARCH, -1},	   {DEMO_ELA_1, 2, LIB_TARGETS, -1},
	{DEMO_ELA_1, 3, -1, DEMO_DLV_ELA},	   {DEMO_ELA_2, 2, LIB_CLOSE_READING, -1},
	{DEMO_ELA_2, 3, LIB_CLOSE_READING, -1},	   {DEMO_ELA_2, 4, LIB_TDQ, -1},
	{DEMO_ELA_3, 2, LIB_SUCCESS_CRITERIA, -1}, {DEMO_ELA_3, 3, LIB_SUCCESS_CRITERIA, -1},
	{DEMO_ELA_3, 4, LIB_ARGUMENT, -1},	   {DEMO_ELA_4, 2, LIB_WRITING_NEXT, -1},
	{DEMO_ELA_4, 3, LIB_TUNING, -1},	   {DEMO_ELA_4, 4, -1, DEMO_DLV_ELA},
};

static int demo_step_materials(struct demo_ctx *c, const int64_t *items,
			       const int64_t *deliverables)
{
	for (size_t i = 0; i < DEMO_LEN(demo_materials); i++) {
		const struct demo_material *m = &demo_materials[i];
		int64_t agenda = c->agenda[m->meeting][m->position - 1];
		if (m->lib >= 0 ? agenda_material_add(c->db, c->who, agenda, "library_item",
						      items[m->lib], c->err)
				: agenda_material_add(c->db, c->who, agenda, "deliverable",
						      deliverables[m->dlv], c->err))
			return demo_fail(c, "agenda material", demo_id_text(c, (int64_t)i));
		c->sum->materials++;
	}
	return 0;
}

int demo_work_load(struct demo_ctx *c)
{
	int64_t framework = 0, items[LIB_COUNT], deliverables[DEMO_DLV_COUNT];
	if (demo_step_standards(c, &framework) || demo_library_load(c, framework, items) ||
	    demo_step_deliverables(c, framework, deliverables) ||
	    demo_step_materials(c, items, deliverables))
		return -1;
	return demo_plans_load(c, items, deliverables);
}
