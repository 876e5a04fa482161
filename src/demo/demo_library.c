/* demo_library: the demo's library of strategies, resources, tools and research
 * summaries, each with its evidence tier, citations, labels and standards, and the
 * try-outs of the people who tried them at the network meetings. The research cited is
 * real; summaries and bodies are written for the demo in our own words. */
#include <string.h>

#include "demo/demo_priv.h"
#include "app/library/library.h"
#include "app/delivery/tryout.h"

/* Step 7: the library. Items of a network (0 mathematics, 1 ELA) or statewide (-1). */


struct demo_lib {
	int network;
	const char *kind, *title, *summary, *body;
	const char *tier; /* "1".."4", or NULL: not rated */
	const char *license;
	const char *tags, *areas, *bands, *codes; /* comma-separated */
	const char *citations[2];
	/* Try-outs: at this meeting, one rating per person ("54" = two people). */
	int meeting;
	const char *ratings;
	const char *note; /* the first person's note */
};

static const struct demo_lib demo_library[LIB_COUNT] = {
	[LIB_NUMBER_TALKS] = {0, "strategy", "Number talks",
	 "A 10-15 minute daily routine: students solve a problem mentally, share strategies, "
	 "and the teacher records their thinking for all to see.",
	 "## What it is\n\nThe teacher poses one carefully chosen problem (a dot image, a "
	 "number string, a fraction comparison). Students think silently, signal when they "
	 "have an answer, then explain *how* they got it.\n\n## How to start\n\n1. Pick a "
	 "problem with several good strategies.\n2. Collect every answer without judging.\n"
	 "3. Ask two or three students to explain; record each strategy with a model.\n"
	 "4. Close by naming the strategies the class used.\n\n## Look-fors\n\n- Students "
	 "talk more than the teacher\n- Wrong answers are discussed, not dismissed",
	 "3", "CC BY 4.0", "number talks, discourse, fluency", "mathematics", "k_2, 3_5, 6_8",
	 "KY.3.NF.3, KY.4.NF.2",
	 {"Parrish, S. (2014). Number Talks: Helping Children Build Mental Math and "
	  "Computation Strategies, Grades K-5 (updated ed.). Math Solutions.",
	  "Humphreys, C., & Parker, R. (2015). Making Number Talks Matter. Stenhouse."},
	 DEMO_MATH_1, "54545453", "Our grade 4 group found three strategies we had not "
	 "expected; the quiet signal kept everyone thinking."},
	[LIB_NUMBER_LINE] = {0, "strategy", "Fractions on the number line",
	 "Students place and compare fractions as lengths from 0, so that a fraction is a "
	 "number with a size and not two numbers stacked.",
	 "## Why\n\nArea models alone leave many students thinking of a fraction as a count "
	 "of shaded pieces. A number line makes the size visible and connects fractions to "
	 "whole numbers.\n\n## In a lesson\n\n- Fold paper strips into halves, fourths and "
	 "eighths and label the marks.\n- Place 3/4 and 5/8 on the same line and decide "
	 "which is greater.\n- Ask: *what fraction is halfway between 1/2 and 1?*",
	 "2", "CC BY 4.0", "fractions, number line, models", "mathematics", "3_5",
	 "KY.3.NF.2, KY.3.NF.3, KY.4.NF.2",
	 {"Siegler, R., et al. (2010). Developing Effective Fractions Instruction for "
	  "Kindergarten Through 8th Grade (NCEE 2010-4039). Institute of Education "
	  "Sciences, U.S. Department of Education.", NULL},
	 DEMO_MATH_2, "5545", "Fourth graders placed 5/8 past 1/2 at once once the strips "
	 "were folded; we will use it in the comparison unit."},
	[LIB_FRACTIONS_GUIDE] = {0, "research", "What the fractions practice guide recommends",
	 "A summary of the IES practice guide on fractions instruction, K-8: build on "
	 "students' sense of sharing, treat fractions as numbers, and teach why procedures "
	 "work.",
	 "## Recommendations, in short\n\n1. Build on informal understanding of sharing and "
	 "proportionality.\n2. Help students see fractions as numbers, with number lines as "
	 "a central tool.\n3. Help students understand why computation procedures make "
	 "sense.\n4. Develop conceptual understanding of ratio and rate before "
	 "procedures.\n5. Give teachers the professional development to do this.\n\n"
	 "## For our networks\n\nRecommendation 2 has the strongest evidence and is where "
	 "most of our teams start.",
	 "2", NULL, "fractions, research summary", "mathematics", "3_5, 6_8, adult",
	 "KY.3.NF.2, KY.4.NF.2, KY.6.NS.1",
	 {"Siegler, R., et al. (2010). Developing Effective Fractions Instruction for "
	  "Kindergarten Through 8th Grade (NCEE 2010-4039). Institute of Education "
	  "Sciences, U.S. Department of Education.", NULL},
	 -1, NULL, NULL},
	[LIB_FIVE_PRACTICES] = {0, "strategy", "Five practices for orchestrating discussions",
	 "Anticipate, monitor, select, sequence and connect students' strategies so that a "
	 "whole-class discussion builds toward the mathematics of the lesson.",
	 "## The five practices\n\n- **Anticipate** what students will do with the task\n"
	 "- **Monitor** their work while they solve it\n- **Select** the strategies to be "
	 "shared\n- **Sequence** them, from concrete to abstract\n- **Connect** them to each "
	 "other and to the lesson's goal\n\nA planning template is in the network's shared "
	 "folder.",
	 "4", "CC BY 4.0", "discourse, task planning", "mathematics", "3_5, 6_8",
	 "KY.4.NF.2, KY.6.NS.1",
	 {"Smith, M. S., & Stein, M. K. (2011). 5 Practices for Orchestrating Productive "
	  "Mathematics Discussions. National Council of Teachers of Mathematics.", NULL},
	 DEMO_MATH_1, "4435", "Anticipating took longer than we thought; worth doing as a "
	 "PLC rather than alone."},
	[LIB_TARGETS] = {-1, "strategy", "Deconstructing a standard into learning targets",
	 "Take a standard apart into the knowledge, reasoning, skill and product targets it "
	 "asks of students, each written as an \"I can\" statement students can use.",
	 "## Steps\n\n1. Read the standard and underline its verbs and nouns.\n2. Decide "
	 "what kind of target each part is: knowledge, reasoning, performance skill or "
	 "product.\n3. Write each as \"I can ...\" in words a student understands.\n4. Order "
	 "the targets as students will meet them.\n5. Check: does meeting every target mean "
	 "meeting the standard?\n\nThe network's learning-target sets are built this way.",
	 "4", "CC BY 4.0", "learning targets, standards, planning",
	 "mathematics, english_language_arts", "3_5, 6_8, adult",
	 "KY.4.NF.2, KY.6.RI.1, KY.6.W.1",
	 {"Moss, C. M., & Brookhart, S. M. (2012). Learning Targets: Helping Students Aim for "
	  "Understanding in Today's Lesson. ASCD.",
	  "Chappuis, J., Stiggins, R., Chappuis, S., & Arter, J. (2012). Classroom Assessment "
	  "for Student Learning (2nd ed.). Pearson."},
	 DEMO_MATH_2, "55445", "Naming the reasoning targets was the hard part, and the most "
	 "useful conversation our team has had about this standard."},
	[LIB_HINGE] = {0, "tool", "Hinge questions and exit tickets",
	 "Short, planned questions that show in a minute whether the class is ready to move "
	 "on, written from the lesson's learning target.",
	 "## A hinge question\n\n- One multiple-choice question at the turning point of the "
	 "lesson\n- Each wrong answer reveals a known misconception\n- Every student answers "
	 "at once (cards, fingers, boards)\n\n## An exit ticket\n\nTwo items from the day's "
	 "target; sort them into *got it*, *almost*, *not yet* and plan tomorrow's groups.",
	 "3", "CC BY 4.0", "formative assessment, exit tickets", "mathematics", "3_5, 6_8",
	 "KY.4.NF.2, KY.5.NF.2",
	 {"Wiliam, D. (2011). Embedded Formative Assessment. Solution Tree Press.", NULL},
	 -1, NULL, NULL},
	[LIB_FORMATIVE] = {-1, "research", "Formative assessment: what the evidence says",
	 "A summary of the research on formative assessment: clear targets, evidence of "
	 "learning gathered during instruction, and feedback that moves learning forward.",
	 "## Findings\n\nReviews of classroom studies report substantial gains when teachers "
	 "use evidence of learning to adjust instruction while it is happening, with larger "
	 "gains for students who were behind.\n\n## What matters\n\n- Students know the "
	 "target\n- Questions are planned to reveal thinking\n- Feedback says what to do "
	 "next, not only a score",
	 "3", NULL, "formative assessment, feedback, research summary",
	 "mathematics, english_language_arts", "3_5, 6_8, 9_12, adult", NULL,
	 {"Black, P., & Wiliam, D. (1998). Inside the black box: Raising standards through "
	  "classroom assessment. Phi Delta Kappan, 80(2), 139-148.",
	  "Wiliam, D. (2011). Embedded Formative Assessment. Solution Tree Press."},
	 -1, NULL, NULL},
	[LIB_PLC_CYCLE] = {-1, "tool", "The PLC learning cycle: study, try, bring back",
	 "A four-meeting cycle for a PLC: study a practice, try it in every classroom, bring "
	 "back student evidence, decide what to keep and adjust.",
	 "## Four meetings\n\n1. **Study**: read or watch the practice; plan one lesson.\n"
	 "2. **Try**: teach it; note what students did.\n3. **Bring back**: share student "
	 "work; what did it show?\n4. **Decide**: keep, adjust or drop; what next?\n\n"
	 "Each meeting takes 45-60 minutes and fits a common planning period.",
	 "4", "CC BY 4.0", "plc, protocol, job-embedded", "leadership", "adult",
	 NULL,
	 {"DuFour, R., DuFour, R., Eaker, R., Many, T. W., & Mattos, M. (2016). Learning by "
	  "Doing: A Handbook for Professional Learning Communities at Work (3rd ed.). "
	  "Solution Tree Press.", NULL},
	 DEMO_MATH_1, "5455", "We can run this inside our Tuesday PLC without finding new "
	 "time; the bring-back meeting is the one we usually skip."},
	[LIB_WALKTHROUGH] = {-1, "tool", "Walkthrough look-fors for a new practice",
	 "A one-page form for short, non-evaluative classroom visits that look for one "
	 "practice the PLC is trying, with evidence from students, not only the teacher.",
	 "## Use\n\n- 10 minutes per classroom, announced in advance\n- One practice at a "
	 "time, named by the PLC\n- Notes describe what students said and did\n- Results "
	 "go back to the PLC as a whole, never to evaluations",
	 NULL, "CC BY 4.0", "walkthroughs, classroom evidence, implementation", "leadership",
	 "adult", NULL, {NULL, NULL}, DEMO_ELA_1, "443", NULL},
	[LIB_TUNING] = {-1, "tool", "Tuning protocol for student work",
	 "A structured PLC conversation about a sample of student work: presenter's "
	 "question, clarifying questions, warm and cool feedback, reflection.",
	 "## Timing (45 minutes)\n\n- Presenter's context and question: 5\n- Clarifying "
	 "questions: 5\n- Looking at the work: 10\n- Warm and cool feedback: 15\n- Presenter "
	 "reflects: 5\n- Debrief the protocol: 5",
	 NULL, "CC BY 4.0", "plc, protocol, student work", "leadership", "adult", NULL,
	 {NULL, NULL}, -1, NULL, NULL},
	[LIB_COACHING] = {-1, "research", "Instructional coaching: the meta-analysis",
	 "Across 60 studies, coaching improved teachers' instruction and students' "
	 "achievement; effects were smaller in larger programs, which is a reason to plan "
	 "coaching carefully.",
	 "## Findings\n\n- Pooled effect on instruction: about half a standard deviation\n"
	 "- On achievement: about a tenth of a standard deviation\n- Coaching combined with "
	 "group training and materials did better than either alone",
	 "1", NULL, "coaching, research summary", "leadership", "adult", NULL,
	 {"Kraft, M. A., Blazar, D., & Hogan, D. (2018). The effect of teacher coaching on "
	  "instruction and achievement: A meta-analysis of the causal evidence. Review of "
	  "Educational Research, 88(4), 547-588.", NULL},
	 -1, NULL, NULL},
	[LIB_PD_RESEARCH] = {-1, "research", "Effective teacher professional development",
	 "Seven features shared by professional development that changed practice and "
	 "results: content focus, active learning, collaboration, models, coaching, "
	 "feedback and reflection, sustained duration.",
	 "## The seven features\n\n1. Content focused\n2. Active learning\n3. Collaboration, "
	 "often job-embedded\n4. Models of effective practice\n5. Coaching and expert "
	 "support\n6. Feedback and reflection\n7. Sustained duration\n\nA six-hour day once a "
	 "year has none of the last four.",
	 "2", NULL, "professional learning, research summary, job-embedded", "leadership",
	 "adult", NULL,
	 {"Darling-Hammond, L., Hyler, M. E., & Gardner, M. (2017). Effective Teacher "
	  "Professional Development. Learning Policy Institute.",
	  "Learning Forward. (2011). Standards for Professional Learning. Learning Forward."},
	 DEMO_ELA_1, "54", NULL},
	[LIB_CLOSE_READING] = {1, "strategy", "Close reading with text-dependent questions",
	 "Students read a short, complex text more than once, each time answering questions "
	 "that can only be answered from the text, and cite the evidence.",
	 "## A sequence\n\n1. First read: what is the text about?\n2. Second read: how does "
	 "the author build the central idea? Annotate.\n3. Third read: what does the text "
	 "mean, and what is the evidence?\n\nQuestions move from what the text says to how "
	 "it works to what it means.",
	 "3", "CC BY 4.0", "close reading, text-dependent questions, evidence",
	 "english_language_arts", "3_5, 6_8", "KY.4.RI.1, KY.6.RI.1, KY.8.RI.1",
	 {"Fisher, D., & Frey, N. (2012). Close reading in elementary schools. The Reading "
	  "Teacher, 66(3), 179-188.", NULL},
	 DEMO_ELA_2, "5544543", "Sixth graders went back to the text without being told on "
	 "the third question; the evidence chart helped."},
	[LIB_TDQ] = {1, "resource", "Text-dependent question planner",
	 "A planning sheet and a bank of question stems for writing text-dependent "
	 "questions about informational texts, grades 3-8.",
	 "## Stems\n\n- Which sentence best shows ...? Why?\n- What does the author mean by "
	 "...? Use the surrounding sentences.\n- How does paragraph 3 change what we "
	 "learned in paragraph 1?\n- What evidence does the author give for ...? Is it "
	 "enough?",
	 NULL, "CC BY 4.0", "text-dependent questions, planning", "english_language_arts",
	 "3_5, 6_8", "KY.4.RI.8, KY.6.RI.2", {NULL, NULL}, DEMO_ELA_2, "44", NULL},
	[LIB_ARGUMENT] = {1, "strategy", "Teaching argument writing with models and feedback",
	 "Students study model arguments, plan claims with reasons and evidence, and revise "
	 "with feedback on a few named criteria.",
	 "## Moves\n\n- Read and take apart a model argument\n- Plan: claim, reasons, "
	 "evidence, counterclaim\n- Write, then revise with feedback on two criteria at a "
	 "time\n- Publish for a real audience",
	 "1", "CC BY 4.0", "argument writing, writing, feedback", "english_language_arts",
	 "6_8, 9_12", "KY.6.W.1, KY.8.W.1",
	 {"Graham, S., et al. (2016). Teaching Secondary Students to Write Effectively "
	  "(NCEE 2017-4002). Institute of Education Sciences, U.S. Department of Education.",
	  NULL},
	 DEMO_ELA_1, "4534", "The counterclaim step is where our eighth graders stall; the "
	 "model essay made it concrete."},
	[LIB_WRITING_NEXT] = {1, "research", "Writing Next: eleven elements of writing instruction",
	 "A meta-analysis of writing instruction for grades 4-12: strategy instruction, "
	 "summarization, collaborative writing and specific product goals had among the "
	 "largest effects.",
	 "## Elements with large effects\n\n- Teaching strategies for planning and "
	 "revising\n- Summarization\n- Collaborative writing\n- Specific product goals\n\n"
	 "Grammar taught in isolation had a negative effect.",
	 "2", NULL, "writing, research summary", "english_language_arts", "3_5, 6_8, 9_12",
	 "KY.6.W.1",
	 {"Graham, S., & Perin, D. (2007). Writing Next: Effective Strategies to Improve "
	  "Writing of Adolescents in Middle and High Schools. Alliance for Excellent "
	  "Education.", NULL},
	 -1, NULL, NULL},
	[LIB_SUCCESS_CRITERIA] = {1, "strategy", "Co-constructing success criteria",
	 "Students and teacher build the criteria for good work together from examples, "
	 "then use them for self- and peer-assessment.",
	 "## How\n\n1. Show two or three anonymous samples of varying quality.\n2. Ask: what "
	 "makes this one stronger?\n3. Turn the answers into three or four criteria.\n4. "
	 "Students check drafts against them before handing in.",
	 "3", "CC BY 4.0", "formative assessment, success criteria, writing",
	 "english_language_arts", "3_5, 6_8", "KY.6.W.1",
	 {"Chappuis, J. (2015). Seven Strategies of Assessment for Learning (2nd ed.). "
	  "Pearson.", NULL},
	 -1, NULL, NULL},
	[LIB_ADAPTIVE] = {-1, "research", "Adaptive and technical challenges",
	 "Technical problems have known fixes; adaptive challenges need the people involved "
	 "to learn and change. Telling them apart decides what a plan should do.",
	 "## Telling them apart\n\n| technical | adaptive |\n|---|---|\n| a known fix | no "
	 "prescribed fix |\n| experts can solve it | the people with the problem must |\n"
	 "| a schedule, a form, a tool | beliefs, habits, relationships |\n\nMost of what "
	 "makes PD change classrooms is adaptive.",
	 "4", NULL, "adaptive leadership, leadership, research summary", "leadership", "adult",
	 NULL,
	 {"Heifetz, R. A., & Linsky, M. (2002). Leadership on the Line. Harvard Business "
	  "School Press.", NULL},
	 -1, NULL, NULL},
};

/* "a, b, c" as an array of trimmed strings in c->a; *n gets how many. */
static const char **demo_split(struct demo_ctx *c, const char *list, size_t *n)
{
	*n = 0;
	if (list == NULL)
		return NULL;
	size_t cap = 1;
	for (const char *s = list; *s; s++)
		cap += *s == ',';
	const char **out = arena_alloc(c->a, cap * sizeof(*out));
	const char *s = list;
	while (*s) {
		s += strspn(s, " ");
		size_t len = strcspn(s, ",");
		size_t end = len;
		while (end > 0 && s[end - 1] == ' ')
			end--;
		if (end > 0)
			out[(*n)++] = arena_strndup(c->a, s, end);
		s += len + (s[len] == ',');
	}
	return out;
}

/* An actor for a demo person, so that what they make is theirs (created_by). */
static struct actor demo_as(struct demo_ctx *c, int64_t person)
{
	return (struct actor){.person_id = person,
			      .label = arena_printf(c->a, "person:%lld", (long long)person)};
}

static int demo_tryouts(struct demo_ctx *c, int k, int64_t item)
{
	const struct demo_lib *l = &demo_library[k];
	if (l->ratings == NULL)
		return 0;
	int n = l->meeting >= DEMO_ELA_1;
	for (int j = 0; l->ratings[j] != '\0'; j++) {
		/* Spread over the districts, a different seat each time. */
		int d = (k * 3 + j) % DEMO_DISTRICTS, s = (k + j) % 3;
		int rating = l->ratings[j] - '0';
		const char *would = rating >= 4 ? "yes" : rating == 3 ? "maybe" : "no";
		if (demo_create(c, &tryout_entity, l->title, NULL, "item_id", demo_id_text(c, item),
				"person_id", demo_id_text(c, demo_seat(c, n, d, s)), "meeting_id",
				demo_id_text(c, c->meeting[l->meeting]), "rating",
				demo_id_text(c, rating), "would_work", would, "note",
				j == 0 ? l->note : NULL, NULL))
			return -1;
		c->sum->tryouts++;
	}
	return 0;
}

int demo_library_load(struct demo_ctx *c, int64_t framework, int64_t item[LIB_COUNT])
{
	for (int k = 0; k < LIB_COUNT; k++) {
		const struct demo_lib *l = &demo_library[k];
		int64_t by = c->org_person[l->network == 1 ? DEMO_STAFF_ELA_FACILITATOR
							   : DEMO_STAFF_MATH_FACILITATOR];
		struct actor who = demo_as(c, by);
		struct rec *r = demo_rec(
			c, &library_item_entity, l->title, "network_id",
			l->network < 0 ? NULL : demo_id_text(c, c->network[l->network]), "kind",
			l->kind, "title", l->title, "summary", l->summary, "body", l->body,
			"evidence_tier", l->tier, "license", l->license, NULL);
		if (r == NULL)
			return -1;
		struct library_links links = {.set = LIBRARY_SET_ALL};
		links.tags = demo_split(c, l->tags, &links.ntags);
		links.areas = demo_split(c, l->areas, &links.nareas);
		links.bands = demo_split(c, l->bands, &links.nbands);
		size_t ncodes = 0;
		const char **codes = demo_split(c, l->codes, &ncodes);
		links.alignments = arena_alloc(c->a, (ncodes + 1) * sizeof(int64_t));
		for (size_t i = 0; i < ncodes; i++)
			if (demo_std_id(c, framework, codes[i], &links.alignments[links.nalignments++]))
				return -1;
		links.citations = arena_alloc(c->a, 2 * sizeof(*links.citations));
		for (int i = 0; i < 2; i++)
			if (l->citations[i] != NULL)
				links.citations[links.ncitations++] =
					(struct library_citation){l->citations[i], NULL};
		if (library_create(c->db, &who, c->a, r, &links, c->err))
			return demo_fail(c, "library item", l->title);
		item[k] = r->id;
		c->sum->library_items++;
		if (demo_tryouts(c, k, r->id))
			return -1;
	}
	return 0;
}

