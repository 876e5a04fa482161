/* answers: the shapes of the API's answers (see answers.h for the notation) and the
 * writer that turns a shape into JSON Schema 2020-12, the dialect of OpenAPI 3.1. */
#include <stdio.h>
#include <string.h>

#include "api/answers.h"

/* The fields of a standard (CASE CFItem) as the standards routes write them. */
#define CF_ITEM                                                                             \
	"id:int framework_id:int parent_id:int? position:int identifier:str "                \
	"human_coding_scheme:str? abbreviated_statement:str? full_statement:str "             \
	"item_type:str? education_levels:[str] language:str? notes:str? uri:str? "           \
	"last_change:str? withdrawn_at:str? child_count:int created_at:time updated_at:time"
#define CF_PATH                                                                             \
	"[{id:int identifier:str human_coding_scheme:str? abbreviated_statement:str? "      \
	"full_statement:str}]"
#define PLAN_REVIEW "id:int reviewer_id:int reviewer:str? comments:str created_at:time"

const struct api_shape api_answer_shapes[] = {
    {"import_job", "id:int kind:str filename:str dry_run:bool status:str summary:{~dry_run:bool "
		   "~warnings:[{file:str line:int column:str? message:str}]}? "
		   "error:str? started_at:time finished_at:time?"},
    {"sso_provider", "id:int name:str issuer:str client_id:str scopes:str allow_create:bool "
		     "domains:[{domain:str district_id:int district:str?}] created_at:time"},
    {"deliverable_contributor",
     "person_id:int name:str email:str? district_id:int? district:str?"},
    {"session",
     "person:@person roles:[{org_id:int role:str title:str?}] ~csrf_token:str via:str"},
    {"audit_event", "id:int at:time actor_id:int? actor:str? action:str entity:str "
		    "entity_id:int? before:obj? after:obj?"},
    {"network_person", "person_id:int name:str email:str? role:str ~team_id:int "
		       "~membership_ended:bool"},
    {"framework", "id:int identifier:str title:str uri:str? creator:str? publisher:str? "
		  "version_label:str? adoption_status:str? subject:str? language:str? "
		  "last_change:str? item_count:int version:int created_at:time updated_at:time"},
    {"framework_import",
     "framework:@framework import:{framework_id:int? identifier:str? title:str? created:bool "
     "changed:bool items:int items_added:int items_updated:int items_moved:int "
     "items_unchanged:int items_withdrawn:int associations:int associations_added:int "
     "associations_updated:int associations_unchanged:int associations_removed:int "
     "warning_count:int warnings:[str]}"},
    {"cf_item", CF_ITEM},
    {"cf_item_node", CF_ITEM " ~children:[@cf_item_node]"},
    {"deliverable_version",
     "id:int deliverable_id:int number:int author_id:int? author:str? change_note:str? "
     "source_similarity:num? similarity_class:str? published_at:time? created_at:time "
     "~body:str"},
    {"diff", "added:int removed:int hunks:[{a_start:int a_count:int b_start:int b_count:int "
	     "lines:[{op:str ~a:int? ~b:int? text:str}]}]"},
    {"deliverable_reviews",
     "items:[{id:int version_id:int version_number:int reviewer_id:int reviewer:str? "
     "alignment:int? key_shifts:int? instructional_supports:int? assessment:int? "
     "dimension_comments:obj comments:str? created_at:time}] "
     "summaries:[{version_id:int version_number:int reviews:int alignment:num? "
     "key_shifts:num? instructional_supports:num? assessment:num?}]"},
    {"lineage_step", "deliverable_id:int title:str team_id:int? team:str? status:str "
		     "version_id:int? version_number:int? depth:int similarity:num? "
		     "similarity_class:str?"},
    {"notice", "id:int person_id:int kind:str deliverable_id:int? deliverable:str? "
	       "source_version_id:int? source_deliverable_id:int? source_number:int? "
	       "message:str? seen_at:time? created_at:time"},
    {"library_results",
     "results:{words:[str] hits:[{id:int kind:str title:str summary:str? evidence_tier:int? "
     "network_id:int? score:num matched:[str] ~reason:str tryouts:{count:int "
     "rating_avg:num? ratings:[int] would_work:{yes:int maybe:int no:int} teams:int "
     "districts:[{district_id:int name:str teams:int people:int}]}}]} "
     "filters:{kind:str? content_area:str? grade_band:str? tag:str? tier:str? min_tier:str? "
     "network_id:str?} facets:{kind:obj evidence_tier:obj}"},
    {"instrument_full",
     "id:int version:int name:str network_id:int? based_on_id:int? shipped:bool "
     "scale:[{level:int label:str}] by_standard:obj by_level:obj indicators:[obj] "
     "created_at:time updated_at:time"},
    {"challenge_brief", "id:int kind:str description:str reason:str?"},
    {"plan_view",
     "id:int version:int title:str status:str is_template:bool school_year:str "
     "network_id:int network:str? content_area:str? team_id:int? team:str? district_id:int? "
     "district:str? template_id:int? template:str? assessment_id:int? "
     "goals:[{id:int version:int position:int title:str baseline:str? target:str? "
     "deadline:date? measure:str? template_goal_id:int? needs:[obj] progress:[{id:int "
     "checked_on:date status:str evidence:str? next_steps:str? guskey_level:int? "
     "guskey:str? author_id:int?}]}] "
     "actions:[{id:int version:int position:int goal_id:int? kind:str title:str owner_id:int? "
     "owner:str? starts_on:date? due_on:date? status:str template_action_id:int? "
     "links:[{kind:str id:int title:str ~evidence_tier:int?}]}] "
     "created_at:time updated_at:time"},
    {"plan_review", PLAN_REVIEW},
    {"team_profile",
     "team_id:int team:str district_id:int district:str network_id:int network:str "
     "school_year:str plan:{id:int title:str template_id:int?}? "
     "components:[{key:str title:str measured:bool numerator:num? denominator:num? "
     "share:num? summary:str guskey_level:int? guskey_label:str? metrics:obj "
     "evidence:[{entity:str id:int title:str? date:str? value:str? number:num? "
     "counts:bool guskey_level:int? note:str?}]}] "
     "train_the_trainer:{flagged:bool reason:str}"},
    {"library_view",
     "id:int version:int kind:str title:str tags:[str] content_areas:[str] grade_bands:[str] "
     "citations:[{text:str url:str?}] alignments:[{cf_item_id:int code:str? statement:str "
     "framework:str?}] tryouts:obj"},
    {"calendar_token", "id:int person_id:int scope:str network_id:int? team_id:int? "
		       "name:str? created_at:time revoked_at:time?"},
    {NULL, NULL},
};

const struct api_answer api_answers[] = {
    {"GET", "/healthz", 200, "the process is up", "status:str"},
    {"GET", "/readyz", 200, "the database answers", "status:str"},
    {"GET", "/api/v1/openapi.json", 200, "this document",
     "openapi:str info:obj servers:[{url:str}] paths:obj components:obj"},
    {"POST", "/api/v1/session", 201, "signed in; the cookie is set", "@session"},
    {"GET", "/api/v1/session", 200, "who is signed in", "@session"},
    {"GET", "/api/v1/sso/providers", 200, "the sign-in providers", "items:[@sso_provider]"},
    {"POST", "/api/v1/sso/providers", 201, "the provider connected", "@sso_provider"},
    {"GET", "/api/v1/sso/providers/{id}", 200, "the provider", "@sso_provider"},
    {"POST", "/api/v1/invitations", 201, "the person invited (resent: an earlier link replaced)",
     "person_id:int email:str resent:bool"},
    {"GET", "/api/v1/deliverables/{id}/contributors", 200, "the contributors",
     "items:[@deliverable_contributor] districts:int"},
    {"POST", "/api/v1/deliverables/{id}/contributors", 201, "the contributors, with the new one",
     "items:[@deliverable_contributor] districts:int"},
    {"POST", "/api/v1/imports/oneroster", 201, "the import, ended (done or failed)",
     "@import_job"},
    {"POST", "/api/v1/imports/oneroster", 202, "the import, still running", "@import_job"},
    {"GET", "/api/v1/imports/{id}", 200, "the import, ended", "@import_job"},
    {"GET", "/api/v1/imports/{id}", 202, "the import, still running", "@import_job"},
    {"GET", "/api/v1/audit", 200, "the changes, newest first",
     "items:[@audit_event] next_cursor:str?"},
    {"GET", "/api/v1/networks/{id}/facilitators", 200, "the facilitators",
     "items:[@network_person]"},
    {"GET", "/api/v1/teams/{id}/members", 200, "the members", "items:[@network_person]"},
    {"GET", "/api/v1/meetings/{id}/attendance", 200, "the attendance",
     "items:[@network_person]"},
    {"GET", "/api/v1/meetings/{id}/agenda", 200, "the agenda", "items:[@agenda_item]"},
    {"GET", "/api/v1/meetings/{id}/materials", 200, "the materials",
     "items:[{agenda_item_id:int agenda_title:str entity:str id:int title:str kind:str?}]"},
    {"POST", "/api/v1/frameworks", 201, "a new framework, imported", "@framework_import"},
    {"POST", "/api/v1/frameworks", 200,
     "a re-import of a framework already here: what changed (nothing when created and "
     "changed are false)",
     "@framework_import"},
    {"GET", "/api/v1/frameworks", 200, "the frameworks", "items:[@framework]"},
    {"GET", "/api/v1/frameworks/{id}", 200, "the framework", "@framework"},
    {"GET", "/api/v1/frameworks/{id}/tree", 200, "the framework's items as a tree",
     "framework_id:int items:[@cf_item_node]"},
    {"GET", "/api/v1/standards", 200, "the matching standards",
     "items:[{" CF_ITEM " ~score:num ~path:" CF_PATH "}]"},
    {"GET", "/api/v1/standards/{id}", 200,
     "the standard, its place, its learning targets and aligned library items",
     "standard:{" CF_ITEM " framework:{id:int identifier:str title:str} path:" CF_PATH
     " children:[@cf_item] associations:[obj]} learning_targets:[obj] "
     "library_items:[@library_item]"},
    {"GET", "/api/v1/deliverables/{id}/versions", 200, "the versions, oldest first",
     "items:[@deliverable_version]"},
    {"POST", "/api/v1/deliverables/{id}/versions", 201, "the version saved",
     "@deliverable_version"},
    {"GET", "/api/v1/deliverables/{id}/versions/{number}", 200, "the version with its body",
     "@deliverable_version"},
    {"GET", "/api/v1/deliverables/{id}/diff", 200, "the two versions and their difference",
     "from:@deliverable_version to:@deliverable_version diff:@diff"},
    {"POST", "/api/v1/deliverables/{id}/submit", 200, "the deliverable, submitted",
     "@deliverable"},
    {"POST", "/api/v1/deliverables/{id}/publish", 200, "the deliverable, published",
     "@deliverable"},
    {"POST", "/api/v1/deliverables/{id}/return", 200, "the deliverable, returned to draft",
     "@deliverable"},
    {"POST", "/api/v1/deliverables/{id}/withdraw", 200, "the deliverable, withdrawn",
     "@deliverable"},
    {"GET", "/api/v1/deliverables/{id}/reviews", 200, "the reviews and their means",
     "@deliverable_reviews"},
    {"POST", "/api/v1/deliverables/{id}/reviews", 201, "the version's reviews, with the new one",
     "@deliverable_reviews"},
    {"POST", "/api/v1/deliverables/{id}/derive", 201, "the team's new deliverable",
     "@deliverable"},
    {"GET", "/api/v1/deliverables/{id}/lineage", 200, "where it came from and what came of it",
     "sources:[@lineage_step] derivatives:[@lineage_step]"},
    {"GET", "/api/v1/deliverables/{id}/case", 200, "a CASE 1.0 package (CFPackage)",
     "CFDocument:{identifier:str uri:str title:str} CFItems:[{identifier:str uri:str "
     "fullStatement:str}] CFAssociations:[{identifier:str associationType:str uri:str "
     "originNodeURI:obj destinationNodeURI:obj}]"},
    {"GET", "/api/v1/notices", 200, "the caller's notices", "items:[@notice]"},
    {"GET", "/api/v1/notices/{id}/compare", 200,
     "the adaptation's latest version against the new source version",
     "notice:@notice own:@deliverable_version source:@deliverable_version diff:@diff"},
    {"POST", "/api/v1/notices/{id}/seen", 200, "the notice, marked seen", "@notice"},
    {"GET", "/api/v1/library/search", 200, "the ranked items, filters and facets",
     "@library_results"},
    {"GET", "/api/v1/library/recommend", 200, "the ranked items with their reasons",
     "@library_results"},
    {"POST", "/api/v1/instruments/{id}/copies", 201, "the network's copy",
     "@instrument_full"},
    {"GET", "/api/v1/plans/{id}/kar", 200, "the plan against 704 KAR 3:035",
     "plan_id:int regulation:str expectations:[{key:str title:str status:str counts:str? "
     "cannot_show:str? records:[{kind:str id:int text:str}]}]"},
    {"GET", "/api/v1/assessments/{id}/ratings", 200, "the assessment with every rating",
     "id:int version:int team_id:int team:str? district_id:int district:str? network_id:int "
     "instrument_id:int instrument:str? school_year:str status:str assessed_on:date? "
     "indicators:int rated:int high_priority_gaps:int items:[{indicator_id:int code:str "
     "standard:str capacity_level:str text:str rated:bool current_level:int? "
     "target_level:int? gap:int? priority:str? evidence:str?}] challenges:[@challenge_brief] "
     "created_at:time updated_at:time"},
    {"GET", "/api/v1/assessments/{id}/compare", 200, "the movement since an earlier assessment",
     "assessment_id:int school_year:str previous_id:int previous_school_year:str "
     "summary:{up:int down:int same:int gaps_closed:int new_challenges:int "
     "resolved_challenges:int} indicators:[{code:str standard:str capacity_level:str "
     "movement:str text:str}] new_challenges:[@challenge_brief] "
     "resolved_challenges:[@challenge_brief] continuing_challenges:[@challenge_brief]"},
    {"POST", "/api/v1/plans/from-assessment", 201, "the plan started", "@plan_view"},
    {"POST", "/api/v1/plans/from-template", 201, "the plan started", "@plan_view"},
    {"GET", "/api/v1/plans/{id}/view", 200, "the whole plan", "@plan_view"},
    {"GET", "/api/v1/plans/{id}/departure", 200, "how far the plan departs from its template",
     "plan_id:int has_template:bool template_id:int? template:str? ~departure:num "
     "~goals:{in_template:int in_plan:int added:int removed:int changed:int kept:int} "
     "~actions:{in_template:int in_plan:int added:int removed:int changed:int kept:int} "
     "~items:[{what:str change:str plan_item_id:int? template_item_id:int? title:str "
     "fields:any}]"},
    {"GET", "/api/v1/plans/{id}/recommendations", 200, "library items for each goal",
     "plan_id:int goals:[{goal_id:int title:str searched_words:[str] items:[{rank:int "
     "item_id:int title:str kind:str evidence_tier:int? score:num matched_words:[str] "
     "tryouts:int average_rating:num? would_work:int reasons:[str]}]}]"},
    {"GET", "/api/v1/plans/{id}/versions", 200, "the saved versions",
     "items:[{number:int status:str created_at:time author_id:int? author:str? note:str?}]"},
    {"POST", "/api/v1/plans/{id}/versions", 201, "the version saved",
     "plan_id:int number:int"},
    {"GET", "/api/v1/plans/{id}/versions/{number}", 200, "the plan as it was saved",
     "number:int author_id:int? author:str? note:str? created_at:time status:str "
     "plan:@plan_view"},
    {"GET", "/api/v1/plans/{id}/reviews", 200, "the facilitators' reviews",
     "items:[@plan_review]"},
    {"POST", "/api/v1/plans/{id}/reviews", 201, "the review",
     "id:int plan_id:int reviewer_id:int comments:str"},
    {"GET", "/api/v1/teams/{id}/profile", 200, "the team's capacity-building profile",
     "@team_profile"},
    {"GET", "/api/v1/networks/{id}/profile", 200, "every team's profile, side by side",
     "network_id:int network:str school_year:str thresholds:{similarity_duplicate_min:num "
     "similarity_new_below:num few_months:int} flagged_teams:int teams:[@team_profile]"},
    {"POST", "/api/v1/calendar-tokens", 201,
     "the token, shown once, and the subscription address",
     "id:int person_id:int scope:str network_id:int? team_id:int? name:str? "
     "created_at:time revoked_at:time? token:str url:str"},
    {"GET", "/api/v1/calendar-tokens", 200, "the caller's calendar tokens",
     "items:[@calendar_token]"},
    {"GET", "/api/v1/pd-sessions/{id}/attendees", 200, "the attendees",
     "items:[@network_person]"},
    {"POST", "/api/v1/plc-schedules/{id}/generate", 200,
     "what was added, kept, removed and left alone, and every day of the schedule",
     "schedule_id:int added:int kept:int removed:int untouched:int breaks_from:str? "
     "days:[{date:date skipped_for:str?}]"},
    {"GET", "/api/v1/deliverables/{id}/standards", 200, "the standards",
     "items:[{cf_item_id:int identifier:str code:str? statement:str uri:str?}]"},
    {"GET", "/api/v1/library-items/{id}/view", 200, "the item with everything beside it",
     "@library_view"},
    {"PUT", "/api/v1/library-items/{id}/links", 200, "the item as it is now",
     "@library_view"},
    {NULL, NULL, 0, NULL, NULL},
};

/* The end of the type at p, before any '?'. */
static const char *shape_end(const char *p)
{
	if (*p == '[' || *p == '{') {
		int depth = 0;
		for (; *p != '\0'; p++) {
			depth += *p == '[' || *p == '{';
			depth -= *p == ']' || *p == '}';
			if (depth == 0)
				return p + 1;
		}
		return p;
	}
	while (*p != '\0' && *p != ' ' && *p != ']' && *p != '}' && *p != '?')
		p++;
	return p;
}

static int shape_is(const char *p, const char *end, const char *word)
{
	return (size_t)(end - p) == strlen(word) && memcmp(p, word, (size_t)(end - p)) == 0;
}

static void shape_fields(struct jw *w, const char *p, const char *end);

/* The schema of the type [p, end), which may be null when nullable. */
static void shape_type(struct jw *w, const char *p, const char *end, int nullable)
{
	static const struct {
		const char *word, *type, *format;
	} bases[] = {
	    {"int", "integer", NULL},	{"num", "number", NULL},     {"str", "string", NULL},
	    {"bool", "boolean", NULL},	{"date", "string", "date"}, {"time", "string", "date-time"},
	    {"obj", "object", NULL},
	};
	for (size_t i = 0; i < sizeof(bases) / sizeof(bases[0]); i++) {
		if (!shape_is(p, end, bases[i].word))
			continue;
		jw_obj_begin(w);
		jw_key(w, "type");
		if (nullable) {
			jw_arr_begin(w);
			jw_str(w, bases[i].type);
			jw_str(w, "null");
			jw_arr_end(w);
		} else {
			jw_str(w, bases[i].type);
		}
		if (bases[i].format != NULL)
			jw_kv_str(w, "format", bases[i].format);
		jw_obj_end(w);
		return;
	}
	if (shape_is(p, end, "any")) {
		jw_obj_begin(w);
		jw_obj_end(w);
		return;
	}
	if (nullable) {
		jw_obj_begin(w);
		jw_key(w, "anyOf");
		jw_arr_begin(w);
		shape_type(w, p, end, 0);
		jw_obj_begin(w);
		jw_kv_str(w, "type", "null");
		jw_obj_end(w);
		jw_arr_end(w);
		jw_obj_end(w);
		return;
	}
	jw_obj_begin(w);
	if (*p == '[') {
		jw_kv_str(w, "type", "array");
		jw_key(w, "items");
		const char *inner = shape_end(p + 1);
		shape_type(w, p + 1, inner, *inner == '?');
	} else if (*p == '{') {
		shape_fields(w, p + 1, end - 1);
	} else if (*p == '@') {
		char ref[160];
		snprintf(ref, sizeof(ref), "#/components/schemas/%.*s", (int)(end - p - 1), p + 1);
		jw_kv_str(w, "$ref", ref);
	}
	jw_obj_end(w);
}

/* The members of an object schema (inside its braces) for the fields [p, end). */
static void shape_fields(struct jw *w, const char *p, const char *end)
{
	enum { SHAPE_FIELDS_MAX = 64 };
	const char *names[SHAPE_FIELDS_MAX];
	int lens[SHAPE_FIELDS_MAX];
	size_t nrequired = 0;
	jw_kv_str(w, "type", "object");
	jw_key(w, "properties");
	jw_obj_begin(w);
	while (p < end) {
		while (p < end && *p == ' ')
			p++;
		if (p >= end)
			break;
		int optional = *p == '~';
		p += optional;
		const char *colon = memchr(p, ':', (size_t)(end - p));
		if (colon == NULL)
			break;
		char name[64];
		snprintf(name, sizeof(name), "%.*s", (int)(colon - p), p);
		if (!optional && nrequired < SHAPE_FIELDS_MAX) {
			names[nrequired] = p;
			lens[nrequired++] = (int)(colon - p);
		}
		const char *type = colon + 1, *tend = shape_end(type);
		jw_key(w, name);
		shape_type(w, type, tend, *tend == '?');
		p = tend + (*tend == '?');
	}
	jw_obj_end(w);
	jw_key(w, "required");
	jw_arr_begin(w);
	for (size_t i = 0; i < nrequired; i++)
		jw_strn(w, names[i], (size_t)lens[i]);
	jw_arr_end(w);
}

void api_answer_schema(struct jw *w, const char *shape)
{
	const char *first = shape_end(shape);
	/* A bare type ("@plan_view", "[@cf_item]") or the fields of an object. */
	if (*shape == '[' || *shape == '{' || *shape == '@' ||
	    memchr(shape, ':', (size_t)(first - shape)) == NULL) {
		shape_type(w, shape, first, *first == '?');
		return;
	}
	jw_obj_begin(w);
	shape_fields(w, shape, shape + strlen(shape));
	jw_obj_end(w);
}
