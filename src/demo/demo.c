/* demo: the demo's content as fixed tables, and the steps that load it (organizations,
 * people, networks and teams, meetings and agendas, attendance, passwords). Each step
 * reads its tables and writes through the app layer, so the demo obeys every rule a
 * person's input does and every record is audited. Later features add their own
 * tables and a step after these.
 *
 * The story: the state agency's two regional cooperatives each host one network for
 * 2026-27 and, under a service agreement between them, both networks are open to the
 * districts of both cooperatives. Green River is in western Kentucky (Central time),
 * Ohio Valley in the east (Eastern time). The September and November meetings have
 * taken place; February and April are ahead. */
#include "demo/demo.h"

#include "app/mail/outbox.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "demo/demo_priv.h"
#include "app/network/network.h"
#include "app/org/org.h"
#include "app/org/person.h"
#include "core/arena.h"
#include "core/buf.h"
#include "app/network/agenda.h"
#include "app/network/attendance.h"
#include "app/network/meeting.h"
#include "app/network/team.h"
#include "app/org/academic_session.h"
#include "app/org/relationship.h"
#include "app/org/membership.h"

static const char SQL_DEMO_EXISTING[] =
	"SELECT (SELECT COUNT(*) FROM organization), (SELECT COUNT(*) FROM person),"
	" (SELECT COUNT(*) FROM network)";

/* Step 1: organizations and relationships. */

struct demo_org {
	const char *kind;
	const char *name;
	int parent; /* enum demo_org_key or DEMO_ORG_NONE */
	const char *domain; /* for the staff's email addresses */
};

static const struct demo_org demo_orgs_fixed[DEMO_ORG_DISTRICT] = {
	[DEMO_ORG_STATE] = {"state", "Kentucky Department of Education", DEMO_ORG_NONE,
			    "kde.example"},
	[DEMO_ORG_WEST] = {"cooperative", "Green River Regional Educational Cooperative",
			   DEMO_ORG_STATE, "grrec.example"},
	[DEMO_ORG_EAST] = {"cooperative", "Ohio Valley Educational Cooperative", DEMO_ORG_STATE,
			   "ovec.example"},
	[DEMO_ORG_UNIVERSITY] = {"higher_ed", "Western Commonwealth University", DEMO_ORG_NONE,
				 "wcu.example"},
};

struct demo_district {
	const char *name;
	int coop; /* DEMO_ORG_WEST or DEMO_ORG_EAST */
	const char *domain;
	const char *schools[DEMO_SCHOOLS_MAX + 1]; /* NULL-terminated */
};

static const struct demo_district demo_districts[DEMO_DISTRICTS] = {
	{"Tradewater County Public Schools", DEMO_ORG_WEST, "tradewater.k12.example",
	 {"Tradewater County High School", "Tradewater County Middle School",
	  "Cedar Bluff Elementary School", "Dalton Road Elementary School", NULL}},
	{"Pond River County Schools", DEMO_ORG_WEST, "pondriver.k12.example",
	 {"Pond River High School", "Pond River Middle School", "Wolf Lick Elementary School",
	  NULL}},
	{"Rough River County Schools", DEMO_ORG_WEST, "roughriver.k12.example",
	 {"Rough River High School", "Rough River Middle School", "Walnut Grove Elementary School",
	  "Harned Creek Elementary School", NULL}},
	{"Mud River Independent Schools", DEMO_ORG_WEST, "mudriver.k12.example",
	 {"Mud River High School", "Mud River Elementary School", NULL}},
	{"Salt River County Public Schools", DEMO_ORG_EAST, "saltriver.k12.example",
	 {"Salt River High School", "Salt River Middle School", "Little Mount Elementary School",
	  "Wakefield Elementary School", NULL}},
	{"Floyds Fork County Schools", DEMO_ORG_EAST, "floydsfork.k12.example",
	 {"Floyds Fork High School", "Fisherville Middle School", "Pope Lick Elementary School",
	  "Long Run Elementary School", NULL}},
	{"Harrods Creek Independent Schools", DEMO_ORG_EAST, "harrodscreek.k12.example",
	 {"Harrods Creek High School", "Harrods Creek Elementary School", NULL}},
	{"Brashears Creek County Schools", DEMO_ORG_EAST, "brashearscreek.k12.example",
	 {"Brashears Creek High School", "Brashears Creek Middle School",
	  "Clay Village Elementary School", NULL}},
};

struct demo_relationship {
	const char *kind;
	int from, to; /* enum demo_org_key */
	const char *since;
	const char *note;
};

static const struct demo_relationship demo_relationships[] = {
	{"mou", DEMO_ORG_UNIVERSITY, DEMO_ORG_WEST, "2025-07-01",
	 "Mathematics education faculty co-plan the Mathematics Leadership Network and host its "
	 "February meeting; participants may earn graduate credit for their network work."},
	{"service", DEMO_ORG_WEST, DEMO_ORG_EAST, "2026-07-01",
	 "Green River hosts the Mathematics Leadership Network for Ohio Valley member districts."},
	{"service", DEMO_ORG_EAST, DEMO_ORG_WEST, "2026-07-01",
	 "Ohio Valley hosts the English/Language Arts Leadership Network for Green River member "
	 "districts."},
	{"partnership", DEMO_ORG_STATE, DEMO_ORG_WEST, "2024-07-01",
	 "Regional delivery of the state's content leadership networks in the west."},
	{"partnership", DEMO_ORG_STATE, DEMO_ORG_EAST, "2024-07-01",
	 "Regional delivery of the state's content leadership networks in the east."},
	{"partnership", DEMO_ORG_UNIVERSITY, DEMO_ORG_DISTRICT + 0, "2023-08-01",
	 "Clinical placements for teacher candidates; faculty join the district's mathematics "
	 "PLCs once a month."},
};

/* Step 2: people. Staff of the agency, cooperatives and university first, then each
 * district's team in each network. An email of NULL becomes given.family@domain. */

struct demo_person {
	const char *given, *family, *title, *email;
	int org;          /* enum demo_org_key */
	const char *role; /* membership role */
	int facilitates;  /* network index, or -1 */
};

static const struct demo_person demo_org_people[DEMO_ORG_PEOPLE] = {
	{"Teresa", "Vaughn", "Program Consultant, Office of Teaching and Learning",
	 "admin@demo.capnet.example", DEMO_ORG_STATE, "admin", -1},
	{"Lauren", "Mattingly", "Mathematics Consultant", "facilitator@demo.capnet.example",
	 DEMO_ORG_WEST, "facilitator", 0},
	{"Robert", "Ashcraft", "Elementary Mathematics Consultant", NULL, DEMO_ORG_WEST,
	 "facilitator", 0},
	{"Monique", "Sanders", "Literacy Consultant", NULL, DEMO_ORG_EAST, "facilitator", 1},
	{"Philip", "Ammons", "Instructional Support Consultant", NULL, DEMO_ORG_EAST, "facilitator",
	 1},
	{"Evelyn", "Prater", "Associate Professor of Mathematics Education",
	 "partner@demo.capnet.example", DEMO_ORG_UNIVERSITY, "partner", -1},
};

struct demo_staff {
	const char *given, *family, *title, *email;
};

/* [network][district]: seat 0 leads the team (district_lead of the district); the
 * others are members. given NULL marks an empty seat. */
static const struct demo_staff demo_teams[DEMO_NETWORKS][DEMO_DISTRICTS][DEMO_SEATS] = {
	{
		{{"Dana", "Whitaker", "District Mathematics Coach", "lead@demo.capnet.example"},
		 {"Marcus", "Ridley", "Grade 4 Teacher, Cedar Bluff Elementary School",
		  "member@demo.capnet.example"},
		 {"Priya", "Natarajan", "Mathematics Teacher, Tradewater County Middle School",
		  NULL},
		 {"Caleb", "Osborne", "Principal, Dalton Road Elementary School", NULL}},
		{{"Angela", "Pruitt", "Director of Instruction", NULL},
		 {"Jerome", "Haskins", "Mathematics Interventionist, Wolf Lick Elementary School",
		  NULL},
		 {"Hannah", "Greer", "Algebra I Teacher, Pond River High School", NULL}},
		{{"Travis", "Embry", "Instructional Supervisor", NULL},
		 {"Leslie", "Carmichael", "Grade 5 Teacher, Walnut Grove Elementary School", NULL},
		 {"Owen", "Tackett", "Mathematics Teacher, Rough River Middle School", NULL},
		 {"Monica", "Ruiz", "Special Education Teacher, Rough River High School", NULL}},
		{{"Karen", "Sizemore", "Chief Academic Officer", NULL},
		 {"Derek", "Vance", "Mathematics Teacher, Mud River High School", NULL},
		 {"Tasha", "Whitlock", "Grade 3 Teacher, Mud River Elementary School", NULL}},
		{{"Gregory", "Ashby", "District Mathematics Coordinator", NULL},
		 {"Nicole", "Faulkner", "Grade 2 Teacher, Little Mount Elementary School", NULL},
		 {"Brandon", "Yates", "Mathematics Teacher, Salt River Middle School", NULL},
		 {"Irene", "Castillo", "Assistant Principal, Salt River High School", NULL}},
		{{"Stephanie", "Lyle", "Elementary Mathematics Specialist", NULL},
		 {"Andre", "Whitmore", "Grade 6 Mathematics Teacher, Fisherville Middle School",
		  NULL},
		 {"Megan", "Holbrook", "Interventionist, Long Run Elementary School", NULL}},
		{{"Curtis", "Hale", "Principal, Harrods Creek Elementary School", NULL},
		 {"Jenna", "Albright", "Mathematics Teacher, Harrods Creek High School", NULL},
		 {"Luis", "Ortega", "Grade 4 Teacher, Harrods Creek Elementary School", NULL}},
		{{"Rebecca", "Norris", "Instructional Coach", NULL},
		 {"Samuel", "Oakes", "Geometry Teacher, Brashears Creek High School", NULL},
		 {"Alicia", "Benton", "Grade 5 Teacher, Clay Village Elementary School", NULL},
		 {"Wesley", "Pratt", "Mathematics Teacher, Brashears Creek Middle School", NULL}},
	},
	{
		{{"Melissa", "Gorman", "District Literacy Coordinator", NULL},
		 {"Joy", "Kincaid", "Reading Interventionist, Dalton Road Elementary School", NULL},
		 {"Ethan", "Rowe", "English Teacher, Tradewater County High School", NULL}},
		{{"Sharon", "Becker", "Instructional Coach", NULL},
		 {"Tyler", "Jessup", "Language Arts Teacher, Pond River Middle School", NULL},
		 {"Amber", "Fields", "Grade 2 Teacher, Wolf Lick Elementary School", NULL},
		 {"Kevin", "Marsh", "Library Media Specialist, Pond River High School", NULL}},
		{{"Paula", "Dennison", "Director of Teaching and Learning", NULL},
		 {"Zachary", "Cobb", "English Teacher, Rough River High School", NULL},
		 {"Rachel", "Stamper", "Grade 3 Teacher, Harned Creek Elementary School", NULL}},
		{{"Lorraine", "Helton", "Principal, Mud River Elementary School", NULL},
		 {"Daniel", "Greenwell", "English Teacher, Mud River High School", NULL},
		 {"Courtney", "Abell", "Reading Specialist, Mud River Elementary School", NULL}},
		{{"Vanessa", "Royce", "Literacy Coach", NULL},
		 {"Jordan", "Maddox", "Language Arts Teacher, Salt River Middle School", NULL},
		 {"Erin", "McKinney", "Grade 4 Teacher, Wakefield Elementary School", NULL}},
		{{"Howard", "Lindsey", "Assistant Superintendent for Instruction", NULL},
		 {"Brianna", "Tate", "English Teacher, Floyds Fork High School", NULL},
		 {"Miguel", "Serrano", "English Learner Teacher, Pope Lick Elementary School",
		  NULL},
		 {"Claire", "Dunaway", "Grade 5 Teacher, Long Run Elementary School", NULL}},
		{{"Diane", "Whitfield", "Instructional Supervisor", NULL},
		 {"Aaron", "Blevins", "Language Arts Teacher, Harrods Creek High School", NULL},
		 {"Kara", "Shelton", "Grade 1 Teacher, Harrods Creek Elementary School", NULL}},
		{{"Nathan", "Crowe", "District Literacy Coach", NULL},
		 {"Olivia", "Burkhart", "Grade 3 Teacher, Clay Village Elementary School", NULL},
		 {"Renee", "Hatfield", "Language Arts Teacher, Brashears Creek Middle School",
		  NULL}},
	},
};

/* The sign-in accounts, one per role of DESIGN §5, in the order they are shown. */
static const char *const demo_account_emails[DEMO_ACCOUNT_COUNT] = {
	"admin@demo.capnet.example", "facilitator@demo.capnet.example",
	"lead@demo.capnet.example",  "member@demo.capnet.example",
	"partner@demo.capnet.example",
};

/* Step 3: networks. Each is hosted by a cooperative and meets in its time zone. */

struct demo_network {
	const char *name;
	const char *content_area;
	int region; /* enum demo_org_key */
	const char *tz;
	const char *description;
};

static const struct demo_network demo_networks[DEMO_NETWORKS] = {
	{"Green River Mathematics Leadership Network", "mathematics", DEMO_ORG_WEST,
	 "America/Chicago",
	 "District leadership teams from Green River and Ohio Valley districts build capacity "
	 "in K-8 mathematics: number talks and discourse, learning targets deconstructed from "
	 "the Kentucky Academic Standards for Mathematics, formative assessment, and PLC "
	 "protocols. Each team leaves every meeting with strategies it has tried and turns them "
	 "into its own district plan; this is not a train-the-trainer series."},
	{"Ohio Valley English/Language Arts Leadership Network", "english_language_arts",
	 DEMO_ORG_EAST, "America/New_York",
	 "District leadership teams from Ohio Valley and Green River districts build capacity "
	 "in reading and writing across grades 3-8: learning targets deconstructed from the "
	 "Kentucky Academic Standards for Reading and Writing, close reading, formative "
	 "assessment of writing, and PLC protocols for looking at student work together."},
};

/* Step 4: meetings, in September, November, February and April, and their agendas. */

struct demo_meeting {
	int network;
	const char *title;
	const char *starts_at, *ends_at; /* local time in the network's zone */
	const char *place;
	const char *link;
	const char *notes;
	int held; /* has taken place: attendance is recorded */
};

static const struct demo_meeting demo_meetings[DEMO_MEETING_COUNT] = {
	[DEMO_MATH_1] = {0, "Meeting 1: Number talks and mathematical discourse",
			 "2026-09-15T09:00", "2026-09-15T15:00",
			 "Green River Cooperative Learning Center, Room 4", NULL,
			 "Bring two or three teachers' questions about student discourse, and "
			 "your district's most recent K-5 mathematics data.",
			 1},
	[DEMO_MATH_2] = {0, "Meeting 2: Learning targets from the standards", "2026-11-10T09:00",
			 "2026-11-10T15:00", "Tradewater County Middle School, Library", NULL,
			 "Bring one grade 3-5 fractions standard your teachers find hard to "
			 "teach.",
			 1},
	[DEMO_MATH_3] = {0, "Meeting 3: Formative assessment in mathematics", "2027-02-09T09:00",
			 "2027-02-09T15:00",
			 "Western Commonwealth University, College of Education, Room 214", NULL,
			 "Bring student work from a lesson that used one of your learning targets.",
			 0},
	[DEMO_MATH_4] = {0, "Meeting 4: PLC protocols and sustaining the work",
			 "2027-04-13T09:00", "2027-04-13T15:00",
			 "Green River Cooperative Learning Center, Room 4", NULL,
			 "Bring your walkthrough notes and one sample of student work per school.",
			 0},
	[DEMO_ELA_1] = {1, "Meeting 1: Learning targets from the reading standards",
			"2026-09-22T08:30", "2026-09-22T15:00",
			"Ohio Valley Cooperative Learning Center, Room 2", NULL,
			"Bring your district's reading and writing data and one unit plan from "
			"grades 6-8.",
			1},
	[DEMO_ELA_2] = {1, "Meeting 2: Close reading and text-dependent questions",
			"2026-11-17T08:30", "2026-11-17T15:00",
			"Salt River County Board of Education, Board Room", NULL,
			"Bring a complex informational text your students will read this winter.",
			1},
	[DEMO_ELA_3] = {1, "Meeting 3: Formative assessment in writing", "2027-02-16T08:30",
			"2027-02-16T15:00", "Ohio Valley Cooperative Learning Center, Room 2",
			"https://meet.ovec.example/ela-leadership",
			"Teams that cannot travel in winter weather may join by video.", 0},
	[DEMO_ELA_4] = {1, "Meeting 4: PLC protocols for student writing", "2027-04-20T08:30",
			"2027-04-20T15:00", "Floyds Fork High School, Media Center", NULL,
			"Bring scored writing samples and your plan's latest progress check.", 0},
};

struct demo_agenda_item {
	int meeting; /* enum demo_meeting_key */
	const char *kind;
	int minutes;
	const char *title;
};

/* In agenda order. Each meeting uses every kind; from the second on, teams open by
 * reporting back on what they did in their districts since the last one. */
static const struct demo_agenda_item demo_agenda[] = {
	{DEMO_MATH_1, "present", 45,
	 "Capacity building, not train the trainer: how this network works"},
	{DEMO_MATH_1, "try_out", 75,
	 "Try it: dot-image and number-string talks in grade-band groups"},
	{DEMO_MATH_1, "collaborate", 75,
	 "Cross-district groups map fluency expectations in the K-5 standards"},
	{DEMO_MATH_1, "plan", 75,
	 "District teams start their needs assessment and choose a first PLC cycle"},
	{DEMO_MATH_1, "reflect", 30,
	 "Distill and contextualize: what would number talks look like in our schools?"},

	{DEMO_MATH_2, "reflect", 30, "Report back: number talks in our PLCs since September"},
	{DEMO_MATH_2, "present", 45,
	 "Deconstructing a standard into knowledge, reasoning, skill and product targets"},
	{DEMO_MATH_2, "try_out", 60,
	 "Try it: deconstruct a grade 4 fractions standard into learning targets"},
	{DEMO_MATH_2, "collaborate", 90,
	 "Cross-district groups draft learning-target sets for grades 3-5 fractions"},
	{DEMO_MATH_2, "plan", 60,
	 "Build the customized professional-learning plan from the needs assessment"},
	{DEMO_MATH_2, "reflect", 15, "Exit reflection: one thing to bring back to the district"},

	{DEMO_MATH_3, "reflect", 30, "Report back: learning targets in classrooms"},
	{DEMO_MATH_3, "present", 45,
	 "Formative assessment as a process: targets, evidence, feedback"},
	{DEMO_MATH_3, "try_out", 75,
	 "Try it: hinge questions and exit tickets written from our learning targets"},
	{DEMO_MATH_3, "collaborate", 75,
	 "Review the draft learning-target sets against the quality rubric"},
	{DEMO_MATH_3, "plan", 60, "Revise the plan: spring PLC cycles and progress checks"},

	{DEMO_MATH_4, "reflect", 30,
	 "Report back: formative assessment evidence from walkthroughs"},
	{DEMO_MATH_4, "present", 45, "PLC protocols for looking at student work"},
	{DEMO_MATH_4, "try_out", 60, "Try it: a tuning protocol on a grade 5 student work sample"},
	{DEMO_MATH_4, "collaborate", 60, "Finalize and publish the network's learning-target sets"},
	{DEMO_MATH_4, "plan", 60, "Plan 2027-28: what the district will sustain and extend"},
	{DEMO_MATH_4, "reflect", 30,
	 "Distill, synthesize, internalize: a year of building capacity"},

	{DEMO_ELA_1, "present", 45,
	 "Capacity building, not train the trainer: how this network works"},
	{DEMO_ELA_1, "try_out", 60,
	 "Try it: deconstruct a grade 6 informational reading standard"},
	{DEMO_ELA_1, "collaborate", 90,
	 "Cross-district groups draft learning targets for argument writing, grades 6-8"},
	{DEMO_ELA_1, "plan", 75, "District teams start their literacy needs assessment"},
	{DEMO_ELA_1, "reflect", 30,
	 "Distill and contextualize: where do learning targets fit in our PLCs?"},

	{DEMO_ELA_2, "reflect", 30, "Report back: learning targets in use since September"},
	{DEMO_ELA_2, "present", 45,
	 "What the research says about close reading and text-dependent questions"},
	{DEMO_ELA_2, "try_out", 75,
	 "Try it: a close-reading lesson with a complex informational text"},
	{DEMO_ELA_2, "collaborate", 75,
	 "Build a shared bank of text-dependent questions for grades 3-8"},
	{DEMO_ELA_2, "plan", 60,
	 "Draft the district's professional-learning plan: goals and PLC schedule"},

	{DEMO_ELA_3, "reflect", 30, "Report back: close reading in classrooms"},
	{DEMO_ELA_3, "present", 45,
	 "Formative assessment of writing: success criteria and feedback"},
	{DEMO_ELA_3, "try_out", 60,
	 "Try it: co-construct success criteria from a writing learning target"},
	{DEMO_ELA_3, "collaborate", 75, "Cross-district scoring of student argument essays"},
	{DEMO_ELA_3, "plan", 60, "Revise the plan from the winter progress checks"},
	{DEMO_ELA_3, "reflect", 15, "Exit reflection: what will change in our PLC meetings?"},

	{DEMO_ELA_4, "reflect", 30,
	 "Report back: feedback on writing, with evidence from walkthroughs"},
	{DEMO_ELA_4, "present", 45, "Protocols for looking at student writing in PLCs"},
	{DEMO_ELA_4, "try_out", 60, "Try it: a collaborative scoring protocol on a writing sample"},
	{DEMO_ELA_4, "collaborate", 60, "Finalize and publish the network's writing resources"},
	{DEMO_ELA_4, "plan", 60, "Plan 2027-28: what the district will sustain and extend"},
	{DEMO_ELA_4, "reflect", 30,
	 "Distill, synthesize, internalize: a year of building capacity"},
};

/* Step 5: attendance at the meetings held. Everyone on the network's teams and every
 * facilitator was present except these. */
struct demo_absence {
	int meeting; /* enum demo_meeting_key */
	int district, seat;
	const char *status;
};

static const struct demo_absence demo_absences[] = {
	{DEMO_MATH_1, 2, 3, "excused"}, /* Monica Ruiz, Rough River */
	{DEMO_MATH_2, 1, 1, "excused"}, /* Jerome Haskins, Pond River */
	{DEMO_MATH_2, 5, 2, "absent"},  /* Megan Holbrook, Floyds Fork */
	{DEMO_ELA_1, 3, 2, "excused"},  /* Courtney Abell, Mud River */
	{DEMO_ELA_2, 6, 1, "absent"},   /* Aaron Blevins, Harrods Creek */
	{DEMO_ELA_2, 1, 3, "excused"},  /* Kevin Marsh, Pond River */
};

int demo_fail(struct demo_ctx *c, const char *what, const char *label)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "loading the demo's %s '%.120s': %s", what, label, c->err->msg);
	size_t n = b.len < sizeof(c->err->msg) - 1 ? b.len : sizeof(c->err->msg) - 1;
	memcpy(c->err->msg, b.data, n);
	c->err->msg[n] = '\0';
	buf_free(&b);
	return -1;
}

const char *demo_id_text(struct demo_ctx *c, int64_t id)
{
	return arena_printf(c->a, "%lld", (long long)id);
}

static struct rec *demo_rec_v(struct demo_ctx *c, const struct rec_entity *e,
			      const char *label, va_list ap)
{
	struct rec *r = rec_new(c->a, e);
	const char *field;
	while ((field = va_arg(ap, const char *)) != NULL) {
		const char *value = va_arg(ap, const char *);
		if (value != NULL && rec_set_text(r, c->a, field, value, c->err)) {
			demo_fail(c, e->title, label);
			return NULL;
		}
	}
	return r;
}

struct rec *demo_rec(struct demo_ctx *c, const struct rec_entity *e, const char *label, ...)
{
	va_list ap;
	va_start(ap, label);
	struct rec *r = demo_rec_v(c, e, label, ap);
	va_end(ap);
	return r;
}

int demo_create(struct demo_ctx *c, const struct rec_entity *e, const char *label,
		int64_t *id, ...)
{
	va_list ap;
	va_start(ap, id);
	struct rec *r = demo_rec_v(c, e, label, ap);
	va_end(ap);
	if (r == NULL)
		return -1;
	if (rec_create(c->db, c->who, c->a, r, c->err))
		return demo_fail(c, e->title, label);
	if (id != NULL)
		*id = r->id;
	return 0;
}

static int demo_org(struct demo_ctx *c, const char *kind, const char *name, int64_t parent,
		    int64_t *id)
{
	if (demo_create(c, &org_entity, name, id, "kind", kind, "name", name, "parent_id",
			parent ? demo_id_text(c, parent) : NULL, NULL))
		return -1;
	c->sum->organizations++;
	c->sum->cooperatives += strcmp(kind, "cooperative") == 0;
	c->sum->districts += strcmp(kind, "district") == 0;
	c->sum->schools += strcmp(kind, "school") == 0;
	c->sum->universities += strcmp(kind, "higher_ed") == 0;
	return 0;
}

static int demo_step_orgs(struct demo_ctx *c)
{
	for (int k = 0; k < DEMO_ORG_DISTRICT; k++) {
		const struct demo_org *o = &demo_orgs_fixed[k];
		int64_t parent = o->parent == DEMO_ORG_NONE ? 0 : c->org[o->parent];
		if (demo_org(c, o->kind, o->name, parent, &c->org[k]))
			return -1;
	}
	for (int d = 0; d < DEMO_DISTRICTS; d++) {
		const struct demo_district *dd = &demo_districts[d];
		int64_t *id = &c->org[DEMO_ORG_DISTRICT + d];
		if (demo_org(c, "district", dd->name, c->org[dd->coop], id))
			return -1;
		for (int s = 0; s < DEMO_SCHOOLS_MAX && dd->schools[s] != NULL; s++) {
			if (demo_org(c, "school", dd->schools[s], *id, &c->school[d][s]))
				return -1;
		}
	}
	for (size_t i = 0; i < DEMO_LEN(demo_relationships); i++) {
		const struct demo_relationship *r = &demo_relationships[i];
		if (demo_create(c, &relationship_entity, r->note, NULL, "kind", r->kind,
				"from_org_id", demo_id_text(c, c->org[r->from]), "to_org_id",
				demo_id_text(c, c->org[r->to]), "since", r->since, "note", r->note,
				NULL))
			return -1;
		c->sum->relationships++;
	}
	return demo_create(c, &academic_session_entity, DEMO_SCHOOL_YEAR, NULL, "title",
			   "School year " DEMO_SCHOOL_YEAR, "kind", "schoolYear", "school_year",
			   DEMO_SCHOOL_YEAR, "starts_on", "2026-07-01", "ends_on", "2027-06-30",
			   "org_id", demo_id_text(c, c->org[DEMO_ORG_STATE]), NULL);
}

/* "given.family@domain" in lower case, letters only, for staff without a set email. */
static const char *demo_email(struct demo_ctx *c, const char *given, const char *family,
			      const char *domain)
{
	char local[128];
	size_t n = 0;
	const char *parts[2] = {given, family};
	for (int p = 0; p < 2; p++) {
		if (p == 1 && n < sizeof(local) - 1)
			local[n++] = '.';
		for (const char *s = parts[p]; *s != '\0' && n < sizeof(local) - 1; s++)
			if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
				local[n++] = (char)(*s | 0x20);
	}
	local[n] = '\0';
	return arena_printf(c->a, "%s@%s", local, domain);
}

/* One person with a role (and title) in one organization. */
static int demo_person(struct demo_ctx *c, const char *given, const char *family,
		       const char *email, int64_t org, const char *role, const char *title,
		       int64_t *id)
{
	const char *label = arena_printf(c->a, "%s %s", given, family);
	if (demo_create(c, &person_entity, label, id, "given_name", given, "family_name", family,
			"email", email, NULL) ||
	    demo_create(c, &membership_entity, label, NULL, "person_id", demo_id_text(c, *id),
			"org_id", demo_id_text(c, org), "role", role, "title", title, NULL))
		return -1;
	c->sum->people++;
	return 0;
}

static const char *demo_domain(int org_key)
{
	if (org_key >= DEMO_ORG_DISTRICT)
		return demo_districts[org_key - DEMO_ORG_DISTRICT].domain;
	return demo_orgs_fixed[org_key].domain;
}

static const char *demo_org_name(int org_key)
{
	if (org_key >= DEMO_ORG_DISTRICT)
		return demo_districts[org_key - DEMO_ORG_DISTRICT].name;
	return demo_orgs_fixed[org_key].name;
}

static int demo_step_people(struct demo_ctx *c)
{
	for (size_t i = 0; i < DEMO_LEN(demo_org_people); i++) {
		const struct demo_person *p = &demo_org_people[i];
		const char *email = p->email;
		if (email == NULL)
			email = demo_email(c, p->given, p->family, demo_domain(p->org));
		if (demo_person(c, p->given, p->family, email, c->org[p->org], p->role, p->title,
				&c->org_person[i]))
			return -1;
	}
	for (int n = 0; n < DEMO_NETWORKS; n++)
		for (int d = 0; d < DEMO_DISTRICTS; d++)
			for (int s = 0; s < DEMO_SEATS; s++) {
				const struct demo_staff *p = &demo_teams[n][d][s];
				if (p->given == NULL)
					continue;
				const char *email =
					p->email ? p->email
						 : demo_email(c, p->given, p->family,
							      demo_districts[d].domain);
				if (demo_person(c, p->given, p->family, email,
						c->org[DEMO_ORG_DISTRICT + d],
						s == 0 ? "district_lead" : "member", p->title,
						&c->seat[n][d][s]))
					return -1;
			}
	return 0;
}

/* Networks with their facilitators, and each district's team in each. */
static int demo_step_networks(struct demo_ctx *c)
{
	for (int n = 0; n < DEMO_NETWORKS; n++) {
		const struct demo_network *nw = &demo_networks[n];
		if (demo_create(c, &network_entity, nw->name, &c->network[n], "name", nw->name,
				"content_area", nw->content_area, "region_id",
				demo_id_text(c, c->org[nw->region]), "school_year",
				DEMO_SCHOOL_YEAR, "description", nw->description, NULL))
			return -1;
		c->sum->networks++;
		for (size_t i = 0; i < DEMO_LEN(demo_org_people); i++)
			if (demo_org_people[i].facilitates == n &&
			    network_facilitator_add(c->db, c->who, c->network[n], c->org_person[i],
						    c->err))
				return demo_fail(c, "facilitator", demo_org_people[i].family);
		for (int d = 0; d < DEMO_DISTRICTS; d++) {
			if (demo_create(c, &team_entity, demo_districts[d].name, &c->team[n][d],
					"network_id", demo_id_text(c, c->network[n]), "district_id",
					demo_id_text(c, c->org[DEMO_ORG_DISTRICT + d]), NULL))
				return -1;
			c->sum->teams++;
			for (int s = 0; s < DEMO_SEATS; s++) {
				if (c->seat[n][d][s] == 0)
					continue;
				if (team_member_set(c->db, c->who, c->team[n][d], c->seat[n][d][s],
						    s == 0 ? "lead" : "member", c->err))
					return demo_fail(c, "team member",
							 demo_teams[n][d][s].family);
				c->sum->team_members++;
			}
		}
	}
	return 0;
}

static int demo_step_meetings(struct demo_ctx *c)
{
	for (int m = 0; m < DEMO_MEETING_COUNT; m++) {
		const struct demo_meeting *mt = &demo_meetings[m];
		if (demo_create(c, &meeting_entity, mt->title, &c->meeting[m], "network_id",
				demo_id_text(c, c->network[mt->network]), "title", mt->title, "tz",
				demo_networks[mt->network].tz, "starts_at", mt->starts_at,
				"ends_at", mt->ends_at, "place", mt->place, "link", mt->link,
				"notes", mt->notes, NULL))
			return -1;
		c->sum->meetings++;
	}
	int placed[DEMO_MEETING_COUNT] = {0};
	for (size_t i = 0; i < DEMO_LEN(demo_agenda); i++) {
		const struct demo_agenda_item *it = &demo_agenda[i];
		int64_t *id = &c->agenda[it->meeting][placed[it->meeting]++];
		if (demo_create(c, &agenda_item_entity, it->title, id, "meeting_id",
				demo_id_text(c, c->meeting[it->meeting]), "kind", it->kind, "title",
				it->title, "minutes", demo_id_text(c, it->minutes), NULL))
			return -1;
		c->sum->agenda_items++;
	}
	return 0;
}

static const char *demo_absence_of(int m, int d, int s)
{
	for (size_t i = 0; i < DEMO_LEN(demo_absences); i++) {
		const struct demo_absence *x = &demo_absences[i];
		if (x->meeting == m && x->district == d && x->seat == s)
			return x->status;
	}
	return "present";
}

static int demo_attend(struct demo_ctx *c, int m, int64_t person, const char *status,
		       const char *label)
{
	if (attendance_set(c->db, c->who, c->meeting[m], person, status, c->err))
		return demo_fail(c, "attendance of", label);
	c->sum->attendance++;
	return 0;
}

static int demo_step_attendance(struct demo_ctx *c)
{
	/* A slip in the absences would quietly mark nobody absent: check them first. */
	for (size_t i = 0; i < DEMO_LEN(demo_absences); i++) {
		const struct demo_absence *x = &demo_absences[i];
		const struct demo_meeting *mt = &demo_meetings[x->meeting];
		if (!mt->held || c->seat[mt->network][x->district][x->seat] == 0)
			return cn_err_set(c->err, CN_ERR_INTERNAL,
					  "the demo's absence %zu names an empty seat or a meeting "
					  "not held",
					  i + 1);
	}
	for (int m = 0; m < DEMO_MEETING_COUNT; m++) {
		int n = demo_meetings[m].network;
		if (!demo_meetings[m].held)
			continue;
		c->sum->meetings_held++;
		for (size_t i = 0; i < DEMO_LEN(demo_org_people); i++)
			if (demo_org_people[i].facilitates == n &&
			    demo_attend(c, m, c->org_person[i], "present",
					demo_org_people[i].family))
				return -1;
		for (int d = 0; d < DEMO_DISTRICTS; d++)
			for (int s = 0; s < DEMO_SEATS; s++)
				if (c->seat[n][d][s] != 0 &&
				    demo_attend(c, m, c->seat[n][d][s], demo_absence_of(m, d, s),
						demo_teams[n][d][s].family))
					return -1;
	}
	return 0;
}

/* The static description of the account with this email; 0 if it is not one. */
static int demo_account_info(const char *email, struct demo_account *out)
{
	for (size_t i = 0; i < DEMO_LEN(demo_org_people); i++) {
		const struct demo_person *p = &demo_org_people[i];
		if (p->email != NULL && strcmp(p->email, email) == 0) {
			*out = (struct demo_account){p->role, p->given, p->family,
						     p->email, p->title, demo_org_name(p->org)};
			return 1;
		}
	}
	for (int n = 0; n < DEMO_NETWORKS; n++)
		for (int d = 0; d < DEMO_DISTRICTS; d++)
			for (int s = 0; s < DEMO_SEATS; s++) {
				const struct demo_staff *p = &demo_teams[n][d][s];
				if (p->email == NULL || strcmp(p->email, email) != 0)
					continue;
				*out = (struct demo_account){
					s == 0 ? "district_lead" : "member", p->given, p->family,
					p->email, p->title, demo_districts[d].name};
				return 1;
			}
	return 0;
}

/* Passwords for the role accounts only: argon2id takes tens of milliseconds each. */
static int demo_step_passwords(struct demo_ctx *c)
{
	for (size_t i = 0; i < DEMO_ACCOUNT_COUNT; i++) {
		const char *email = demo_account_emails[i];
		int64_t id = 0;
		int rc = person_find_email(c->db, email, &id, c->err);
		if (rc < 0)
			return -1;
		if (rc == 0 || !demo_account_info(email, &c->sum->accounts[c->sum->naccounts]))
			return cn_err_set(c->err, CN_ERR_INTERNAL,
					  "the demo account %s is missing from the demo's people",
					  email);
		if (person_set_password(c->db, c->who, id, DEMO_PASSWORD, c->err))
			return demo_fail(c, "password of", email);
		c->sum->naccounts++;
	}
	return 0;
}

int demo_count_existing(struct store *db, struct demo_existing *out, struct cn_err *err)
{
	struct store_stmt *q = store_prepare(db, SQL_DEMO_EXISTING, err);
	if (q == NULL)
		return -1;
	int rc = store_step(q, err);
	if (rc == 1) {
		out->organizations = store_col_int(q, 0);
		out->people = store_col_int(q, 1);
		out->networks = store_col_int(q, 2);
	}
	store_done(q);
	if (rc == 0)
		return cn_err_set(err, CN_ERR_INTERNAL, "counting the records gave no row");
	return rc < 0 ? -1 : 0;
}

int demo_is_empty(const struct demo_existing *ex)
{
	return ex->organizations == 0 && ex->people == 0 && ex->networks == 0;
}

int demo_load(struct store *db, const struct actor *who, enum demo_scope scope,
	      struct demo_summary *out, struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	struct arena *a = arena_new();
	struct demo_ctx *c = arena_alloc(a, sizeof(*c));
	c->db = db;
	c->who = who;
	c->a = a;
	c->err = err;
	c->sum = out;
	if (store_begin(db, err)) {
		arena_free(a);
		return -1;
	}
	struct demo_existing ex;
	if (demo_count_existing(db, &ex, err))
		goto fail;
	if (!demo_is_empty(&ex)) {
		cn_err_set(err, CN_ERR_CONFLICT,
			   "the database already holds data (%lld organizations, %lld people, "
			   "%lld networks); the demo loads only into an empty database",
			   (long long)ex.organizations, (long long)ex.people,
			   (long long)ex.networks);
		goto fail;
	}
	if (demo_step_orgs(c) || demo_step_people(c) || demo_step_networks(c) ||
	    demo_step_meetings(c) || demo_step_attendance(c) ||
	    (scope == DEMO_FULL && demo_work_load(c)) ||
	    demo_step_passwords(c))
		goto fail;
	/* The demo's people are made up, but their addresses are on real school districts'
	 * domains: the meetings it schedules tell nobody by email. */
	if (outbox_discard_queued(db, err))
		goto fail;
	arena_free(a);
	if (store_commit(db, err)) {
		memset(out, 0, sizeof(*out));
		return -1;
	}
	return 0;
fail:
	store_rollback(db);
	arena_free(a);
	memset(out, 0, sizeof(*out));
	return -1;
}

int demo_accounts_present(struct store *db, struct demo_summary *out, struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < DEMO_ACCOUNT_COUNT; i++) {
		int64_t id = 0;
		int rc = person_find_email(db, demo_account_emails[i], &id, err);
		if (rc < 0)
			return -1;
		if (rc == 1 &&
		    demo_account_info(demo_account_emails[i], &out->accounts[out->naccounts]))
			out->naccounts++;
	}
	return 0;
}
