/* reflection: a participant's reflection on a network meeting (DESIGN §2): distill,
 * synthesize, internalize, contextualize; private to its author unless shared with the
 * author's team. */
#include "app/delivery/reflection.h"

#include "app/network/meeting.h"
#include "app/org/person.h"

static const char SQL_REFLECTION_TEAM[] =
	"SELECT t.id FROM team t JOIN team_member m ON m.team_id = t.id"
	" JOIN meeting mt ON mt.network_id = t.network_id"
	" WHERE mt.id = ?1 AND m.person_id = ?2";
static const char SQL_REFLECTION_FACILITATOR[] =
	"SELECT f.person_id FROM network_facilitator f"
	" JOIN meeting mt ON mt.network_id = f.network_id WHERE mt.id = ?1 AND f.person_id = ?2";
static const char SQL_REFLECTION_EXISTING[] =
	"SELECT id FROM reflection WHERE meeting_id = ?1 AND person_id = ?2";

static const struct rec_field reflection_fields[] = {
	{.name = "meeting_id", .type = REC_REF, .flags = REC_REQUIRED | REC_FIXED,
	 .ref = &meeting_entity, .help = "the network meeting reflected on"},
	{.name = "person_id", .type = REC_REF, .flags = REC_REQUIRED | REC_FIXED,
	 .ref = &person_entity, .help = "the author"},
	{.name = "team_id", .type = REC_REF, .flags = REC_READONLY,
	 .help = "the author's team in the meeting's network"},
	{.name = "distill", .type = REC_LONGTEXT, .max = 10000,
	 .help = "the few ideas that matter most"},
	{.name = "synthesize", .type = REC_LONGTEXT, .max = 10000,
	 .help = "how they connect with what we already do"},
	{.name = "internalize", .type = REC_LONGTEXT, .max = 10000,
	 .help = "what I now understand or believe differently"},
	{.name = "contextualize", .type = REC_LONGTEXT, .max = 10000,
	 .help = "what it means for our own schools"},
	{.name = "shared", .type = REC_BOOL, .def = "false",
	 .help = "true shares it with the author's team; private otherwise"},
};

static const struct rec_filter reflection_filters[] = {
	{.name = "meeting_id", .type = REC_REF, .help = "reflections on this meeting"},
	{.name = "person_id", .type = REC_REF, .help = "reflections by this person"},
	{.name = "team_id", .type = REC_REF, .help = "reflections of this team's members"},
	{.name = "shared", .type = REC_BOOL, .help = "only shared (true) or private (false)"},
};

static const char SQL_REFL_AUDIENCE[] =
	"SELECT r.person_id, r.shared, COALESCE(r.team_id, 0), m.network_id, r.meeting_id"
	" FROM reflection r JOIN meeting m ON m.id = r.meeting_id WHERE r.id = ?1";

static int reflection_check(struct store *db, struct arena *a, struct rec *r,
			    const struct rec *old, struct cn_err *err)
{
	(void)a;
	static const char *const parts[] = {"distill", "synthesize", "internalize",
					    "contextualize"};
	int any = 0;
	for (size_t i = 0; i < 4; i++)
		any |= !rec_is_null(r, parts[i]);
	if (!any)
		return cn_err_field(err, CN_ERR_INPUT, "distill",
				    "a reflection needs at least one of distill, synthesize, "
				    "internalize or contextualize");
	int64_t meeting = rec_int(r, "meeting_id"), person = rec_int(r, "person_id");
	int64_t team = 0, found = 0;
	const int64_t ids[2] = {meeting, person};
	int rc = store_query_int(db, SQL_REFLECTION_TEAM, ids, 2, &team, err);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		team = 0;
		rc = store_query_int(db, SQL_REFLECTION_FACILITATOR, ids, 2, &found, err);
		if (rc < 0)
			return -1;
		if (rc == 0)
			return cn_err_field(err, CN_ERR_INPUT, "person_id",
					    "person %lld is neither on a team nor a facilitator of "
					    "the network of meeting %lld",
					    (long long)person, (long long)meeting);
	}
	if (team != 0 ? rec_put_int(r, "team_id", team, err) : rec_put_text(r, a, "team_id", NULL, err))
		return -1;
	if (rec_int(r, "shared") && team == 0)
		return cn_err_field(err, CN_ERR_INPUT, "shared",
				    "person %lld has no team in this network to share with",
				    (long long)person);
	if (old != NULL)
		return 0;
	rc = store_query_int(db, SQL_REFLECTION_EXISTING, ids, 2, &found, err);
	if (rc < 0)
		return -1;
	if (rc == 1)
		return cn_err_field(err, CN_ERR_CONFLICT, "meeting_id",
				    "person %lld already reflected on meeting %lld (reflection "
				    "%lld); update that one",
				    (long long)person, (long long)meeting, (long long)found);
	return 0;
}

const struct rec_entity reflection_entity = {
	.name = "reflection",
	.plural = "reflections",
	.title = "reflection",
	.fields = reflection_fields,
	.nfields = sizeof(reflection_fields) / sizeof(reflection_fields[0]),
	.filters = reflection_filters,
	.nfilters = sizeof(reflection_filters) / sizeof(reflection_filters[0]),
	.table = "reflection",
	.deletable = 1,
	.check = reflection_check,
};

int reflection_audience_get(struct store *db, int64_t reflection_id,
			    struct reflection_audience *out, struct cn_err *err)
{
	int64_t row[5] = {0};
	struct store_stmt *q = store_prepare(db, SQL_REFL_AUDIENCE, err);
	if (q == NULL)
		return -1;
	store_bind_int(q, 1, reflection_id);
	int rc = store_step(q, err);
	for (int i = 0; rc == 1 && i < 5; i++)
		row[i] = store_col_int(q, i);
	store_done(q);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return cn_err_set(err, CN_ERR_NOT_FOUND, "there is no reflection with id %lld",
				  (long long)reflection_id);
	out->reflection_id = reflection_id;
	out->author_id = row[0];
	out->shared = (int)row[1];
	out->team_id = row[2];
	out->network_id = row[3];
	out->meeting_id = row[4];
	return 0;
}

int reflection_share(struct store *db, const struct actor *who, struct arena *a,
		     int64_t reflection_id, int shared, struct rec **out, struct cn_err *err)
{
	struct rec *ch = rec_new(a, &reflection_entity);
	if (rec_put_int(ch, "shared", shared ? 1 : 0, err))
		return -1;
	return rec_update(db, who, a, reflection_id, 0, ch, out, err);
}
