/* entities: the list. A new declared entity is added here once. */
#include "app/entities.h"

#include <string.h>

#include "app/assessment/assessment.h"
#include "app/deliverable/deliverable.h"
#include "app/delivery/delivery.h"
#include "app/assessment/instrument.h"
#include "app/library/library.h"
#include "app/network/network.h"
#include "app/org/org.h"
#include "app/org/person.h"
#include "app/plan/plan.h"
#include "app/plan/schedule.h"
#include "app/deliverable/target.h"
#include "app/delivery/tryout.h"
#include "app/delivery/reflection.h"
#include "app/network/agenda.h"
#include "app/network/meeting.h"
#include "app/network/team.h"
#include "app/org/academic_session.h"
#include "app/org/relationship.h"
#include "app/org/membership.h"
#include "app/assessment/indicator.h"
#include "app/assessment/challenge.h"

const struct rec_entity *const entities_all[] = {
	&org_entity,	 &relationship_entity, &academic_session_entity, &person_entity,
	&membership_entity, &network_entity,     &team_entity,		 &meeting_entity,
	&agenda_item_entity, &deliverable_entity, &learning_target_entity, &plc_schedule_entity,
	&pd_session_entity, &walkthrough_entity, &reflection_entity, &instrument_entity,
	&indicator_entity, &assessment_entity, &challenge_entity, &plan_entity, &plan_goal_entity,
	&plan_action_entity, &progress_check_entity, &library_item_entity, &tryout_entity, NULL,
};

const struct rec_entity *entities_find(const char *name)
{
	for (size_t i = 0; entities_all[i] != NULL; i++)
		if (strcmp(entities_all[i]->name, name) == 0 ||
		    strcmp(entities_all[i]->plural, name) == 0)
			return entities_all[i];
	return NULL;
}
