/* Folder web/network: network and meeting pages.
 *   pages_network.c       the networks, one network's page (app/network/network_view.h)
 *   pages_network_edit.c  creating and editing a network
 *   pages_meeting.c       one meeting's page: agenda, materials, try-outs, attendance
 *   pages_meeting_edit.c  editing and deleting a meeting
 *   pages_materials.c     linking materials to agenda items (materials.h)
 */
/* materials: linking library items and deliverables to meetings' agenda items as their
 * materials (app/network/agenda.h), from the pages of the item (a "Use at a meeting" card) and
 * the meeting (a remove button per material). The forms post to the routes of
 * pages_materials.c. */
#ifndef CN_WEB_MATERIALS_H
#define CN_WEB_MATERIALS_H
#include <stdint.h>

#include "app/network/agenda.h"
#include "web/page.h"

/* The "Use at a meeting" card for the library item or deliverable (entity
 * "library_item" or "deliverable") id: an agenda item of an upcoming meeting to link
 * it to. Shown only to those who may change the agenda of some upcoming meeting. */
int materials_card(struct page *p, const char *entity, int64_t id, struct cn_err *err);

/* A button removing material m from its agenda item, for those who may change that
 * agenda item; nothing for others. */
int materials_remove_button(struct page *p, const struct agenda_material *m,
			    struct cn_err *err);

#endif
