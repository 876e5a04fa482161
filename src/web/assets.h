/* assets: the static files capnet serves (stylesheet, scripts, icons), compiled into
 * the binary from src/web/assets by scripts/embed. */
#ifndef CN_ASSETS_H
#define CN_ASSETS_H
#include <stddef.h>

struct web_asset {
	const char *name;	  /* file name, served under /static/ */
	const char *content_type;
	const unsigned char *data; /* NUL-terminated for convenience */
	size_t size;
	const char *etag;	  /* quoted, changes with the content */
};

/* Ended by an entry with name NULL. */
extern const struct web_asset web_assets[];

/* The asset called name, or NULL. */
const struct web_asset *web_asset_find(const char *name);

#endif
