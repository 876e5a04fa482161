/* meeting (mail): telling the teams of a network that one of its meetings was
 * scheduled, moved or cancelled, each by a notification (app/mail/notify.h) carrying
 * an iCalendar invitation (RFC 5546 METHOD:REQUEST) or cancellation (METHOD:CANCEL)
 * for the meeting's own UID, so that calendar programs add, move or remove the event
 * that the network's calendar feed shows too. */
#ifndef CN_MAIL_MEETING_H
#define CN_MAIL_MEETING_H

#include "app/record.h"

enum mail_meeting_change { MAIL_MEETING_SCHEDULED, MAIL_MEETING_MOVED, MAIL_MEETING_CANCELLED };

/* Inside the meeting change's transaction: m is the meeting as it is now (as it was,
 * for a cancellation), sequence its revision for calendars (RFC 5545 §3.8.7.4). Every
 * member of the network's teams is told. */
int mail_meeting(struct store *db, struct arena *a, const struct rec *m, int sequence,
		 enum mail_meeting_change change, struct cn_err *err);

#endif
