/* actor: constructors. */
#include "app/actor.h"

struct actor actor_system(const char *label)
{
	struct actor a = {0, label, 1};
	return a;
}
