/* diff: Myers' difference algorithm over lines. Lines are first interned to small
 * integers so that comparing two lines is comparing two ints; the middle-snake bisection
 * marks which lines of each side changed, and the script is read off those marks. */
#include "core/diff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

struct diff_text {
	const char **start;
	size_t *len;
	int *id; /* interned line id */
	size_t n;
};

struct diff_ctx {
	const int *a, *b;
	unsigned char *ch_a, *ch_b; /* 1 = line removed (a) / added (b) */
	int *v1, *v2;
	long budget; /* steps left before giving up on the shortest script */
};

static size_t diff_count_lines(const char *s, size_t n)
{
	size_t lines = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n')
			lines++;
	if (n > 0 && s[n - 1] != '\n')
		lines++;
	return lines;
}

static void diff_split(struct arena *ar, const char *s, size_t n, size_t lines,
		       struct diff_text *t)
{
	t->n = lines;
	t->start = arena_alloc(ar, sizeof(*t->start) * (lines + 1));
	t->len = arena_alloc(ar, sizeof(*t->len) * (lines + 1));
	t->id = arena_alloc(ar, sizeof(*t->id) * (lines + 1));
	size_t k = 0, from = 0;
	for (size_t i = 0; i <= n && k < lines; i++) {
		if (i == n || s[i] == '\n') {
			t->start[k] = s + from;
			t->len[k] = i - from;
			k++;
			from = i + 1;
		}
	}
}

static uint64_t diff_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* Gives equal lines of both texts the same id (open addressing on the line hash). */
static void diff_intern(struct diff_text *ta, struct diff_text *tb)
{
	size_t total = ta->n + tb->n, cap = 16;
	while (cap < total * 2)
		cap *= 2;
	struct slot {
		uint64_t hash;
		const char *s;
		size_t len;
		int id; /* 0 = empty */
	} *slots = xcalloc(cap, sizeof(*slots));
	int next = 1;
	struct diff_text *ts[2] = {ta, tb};
	for (int side = 0; side < 2; side++) {
		struct diff_text *t = ts[side];
		for (size_t i = 0; i < t->n; i++) {
			uint64_t h = diff_hash(t->start[i], t->len[i]);
			size_t at = (size_t)h & (cap - 1);
			while (slots[at].id != 0 &&
			       (slots[at].hash != h || slots[at].len != t->len[i] ||
				memcmp(slots[at].s, t->start[i], t->len[i]) != 0))
				at = (at + 1) & (cap - 1);
			if (slots[at].id == 0)
				slots[at] = (struct slot){h, t->start[i], t->len[i], next++};
			t->id[i] = slots[at].id;
		}
	}
	free(slots);
}

static void diff_mark(unsigned char *ch, int from, int to)
{
	for (int i = from; i < to; i++)
		ch[i] = 1;
}

/* Finds the middle snake of a[a0..a0+n) and b[b0..b0+m): *x, *y get the split point
 * relative to a0, b0. Returns 0 when found, -1 when the step budget ran out. */
static int diff_bisect(struct diff_ctx *c, int a0, int n, int b0, int m, int *x, int *y)
{
	const int *a = c->a + a0, *b = c->b + b0;
	int max_d = (n + m + 1) / 2;
	int voff = max_d, vlen = 2 * max_d + 2;
	for (int i = 0; i < vlen; i++)
		c->v1[i] = c->v2[i] = -1;
	c->v1[voff + 1] = 0;
	c->v2[voff + 1] = 0;
	int delta = n - m;
	int front = delta % 2 != 0;
	int k1start = 0, k1end = 0, k2start = 0, k2end = 0;
	for (int d = 0; d < max_d; d++) {
		if (c->budget < 0)
			return -1;
		for (int k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
			int k1off = voff + k1, x1;
			if (k1 == -d || (k1 != d && c->v1[k1off - 1] < c->v1[k1off + 1]))
				x1 = c->v1[k1off + 1];
			else
				x1 = c->v1[k1off - 1] + 1;
			int y1 = x1 - k1, from = x1;
			while (x1 < n && y1 < m && a[x1] == b[y1])
				x1++, y1++;
			c->budget -= 1 + (x1 - from);
			c->v1[k1off] = x1;
			if (x1 > n) {
				k1end += 2;
			} else if (y1 > m) {
				k1start += 2;
			} else if (front) {
				int k2off = voff + delta - k1;
				if (k2off >= 0 && k2off < vlen && c->v2[k2off] != -1 &&
				    x1 >= n - c->v2[k2off]) {
					*x = x1, *y = y1;
					return 0;
				}
			}
		}
		for (int k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
			int k2off = voff + k2, x2;
			if (k2 == -d || (k2 != d && c->v2[k2off - 1] < c->v2[k2off + 1]))
				x2 = c->v2[k2off + 1];
			else
				x2 = c->v2[k2off - 1] + 1;
			int y2 = x2 - k2, from = x2;
			while (x2 < n && y2 < m && a[n - x2 - 1] == b[m - y2 - 1])
				x2++, y2++;
			c->budget -= 1 + (x2 - from);
			c->v2[k2off] = x2;
			if (x2 > n) {
				k2end += 2;
			} else if (y2 > m) {
				k2start += 2;
			} else if (!front) {
				int k1off = voff + delta - k2;
				if (k1off >= 0 && k1off < vlen && c->v1[k1off] != -1) {
					int x1 = c->v1[k1off];
					int y1 = voff + x1 - k1off;
					if (x1 >= n - x2) {
						*x = x1, *y = y1;
						return 0;
					}
				}
			}
		}
	}
	return -1;
}

/* Marks the changed lines between a[a0..a1) and b[b0..b1). */
static void diff_compare(struct diff_ctx *c, int a0, int a1, int b0, int b1)
{
	while (a0 < a1 && b0 < b1 && c->a[a0] == c->b[b0])
		a0++, b0++;
	while (a0 < a1 && b0 < b1 && c->a[a1 - 1] == c->b[b1 - 1])
		a1--, b1--;
	if (a0 == a1) {
		diff_mark(c->ch_b, b0, b1);
		return;
	}
	if (b0 == b1) {
		diff_mark(c->ch_a, a0, a1);
		return;
	}
	int x, y, n = a1 - a0, m = b1 - b0;
	if (diff_bisect(c, a0, n, b0, m, &x, &y) != 0 || (x == 0 && y == 0) ||
	    (x == n && y == m)) {
		diff_mark(c->ch_a, a0, a1);
		diff_mark(c->ch_b, b0, b1);
		return;
	}
	diff_compare(c, a0, a0 + x, b0, b0 + y);
	diff_compare(c, a0 + x, a1, b0 + y, b1);
}

int diff_texts(struct arena *ar, const char *a, size_t na, const char *b, size_t nb,
	       struct diff *out, struct cn_err *err)
{
	memset(out, 0, sizeof(*out));
	size_t la = diff_count_lines(a, na), lb = diff_count_lines(b, nb);
	if (la > DIFF_MAX_LINES || lb > DIFF_MAX_LINES)
		return cn_err_set(err, CN_ERR_TOO_LARGE,
				  "a text has %zu lines; at most %d lines can be compared",
				  la > lb ? la : lb, DIFF_MAX_LINES);
	struct diff_text ta, tb;
	diff_split(ar, a, na, la, &ta);
	diff_split(ar, b, nb, lb, &tb);
	diff_intern(&ta, &tb);
	struct diff_ctx c = {.a = ta.id, .b = tb.id, .budget = DIFF_COST_MAX};
	c.ch_a = xcalloc(la + 1, 1);
	c.ch_b = xcalloc(lb + 1, 1);
	size_t vlen = la + lb + 4;
	c.v1 = xmalloc(sizeof(int) * vlen);
	c.v2 = xmalloc(sizeof(int) * vlen);
	diff_compare(&c, 0, (int)la, 0, (int)lb);
	out->lines = arena_alloc(ar, sizeof(struct diff_line) * (la + lb + 1));
	size_t i = 0, j = 0;
	while (i < la || j < lb) {
		struct diff_line *l = &out->lines[out->count++];
		if (i < la && c.ch_a[i]) {
			*l = (struct diff_line){DIFF_DELETE, ta.start[i], ta.len[i], i + 1, 0};
			i++;
			out->removed++;
		} else if (j < lb && c.ch_b[j]) {
			*l = (struct diff_line){DIFF_INSERT, tb.start[j], tb.len[j], 0, j + 1};
			j++;
			out->added++;
		} else {
			*l = (struct diff_line){DIFF_EQUAL, ta.start[i], ta.len[i], i + 1, j + 1};
			i++, j++;
		}
	}
	free(c.ch_a);
	free(c.ch_b);
	free(c.v1);
	free(c.v2);
	return 0;
}

size_t diff_hunks(struct arena *ar, const struct diff *d, size_t context,
		  struct diff_hunk **out)
{
	size_t cap = 8, n = 0;
	struct diff_hunk *h = arena_alloc(ar, sizeof(*h) * cap);
	size_t i = 0;
	while (i < d->count) {
		if (d->lines[i].op == DIFF_EQUAL) {
			i++;
			continue;
		}
		/* A change at i: start `context` lines before, extend while the next change is
		 * at most 2 * context equal lines away. */
		size_t first = i > context ? i - context : 0;
		size_t end = i;
		for (;;) {
			while (end < d->count && d->lines[end].op != DIFF_EQUAL)
				end++;
			size_t eq = end;
			while (eq < d->count && d->lines[eq].op == DIFF_EQUAL && eq - end <= 2 * context)
				eq++;
			if (eq < d->count && d->lines[eq].op != DIFF_EQUAL && eq - end <= 2 * context) {
				end = eq;
				continue;
			}
			end = end + context < d->count ? end + context : d->count;
			break;
		}
		if (n == cap) {
			struct diff_hunk *bigger = arena_alloc(ar, sizeof(*h) * cap * 2);
			memcpy(bigger, h, sizeof(*h) * cap);
			h = bigger;
			cap *= 2;
		}
		struct diff_hunk *k = &h[n++];
		memset(k, 0, sizeof(*k));
		k->first = first;
		k->count = end - first;
		/* Line numbers: the first line of each side in the hunk, or the line before
		 * it when the side has none (as GNU diff writes "-3,0"). */
		size_t a_before = 0, b_before = 0;
		for (size_t x = 0; x < first; x++) {
			if (d->lines[x].op != DIFF_INSERT)
				a_before++;
			if (d->lines[x].op != DIFF_DELETE)
				b_before++;
		}
		for (size_t x = first; x < end; x++) {
			if (d->lines[x].op != DIFF_INSERT)
				k->a_count++;
			if (d->lines[x].op != DIFF_DELETE)
				k->b_count++;
		}
		k->a_start = k->a_count ? a_before + 1 : a_before;
		k->b_start = k->b_count ? b_before + 1 : b_before;
		i = end;
	}
	*out = h;
	return n;
}

void diff_unified(const struct diff *d, const char *label_a, const char *label_b,
		  size_t context, struct buf *out)
{
	struct arena *ar = arena_new();
	struct diff_hunk *h;
	size_t n = diff_hunks(ar, d, context, &h);
	if (n > 0) {
		buf_printf(out, "--- %s\n+++ %s\n", label_a, label_b);
		for (size_t k = 0; k < n; k++) {
			buf_printf(out, "@@ -%zu", h[k].a_start);
			if (h[k].a_count != 1)
				buf_printf(out, ",%zu", h[k].a_count);
			buf_printf(out, " +%zu", h[k].b_start);
			if (h[k].b_count != 1)
				buf_printf(out, ",%zu", h[k].b_count);
			buf_puts(out, " @@\n");
			for (size_t x = h[k].first; x < h[k].first + h[k].count; x++) {
				const struct diff_line *l = &d->lines[x];
				buf_putc(out, l->op == DIFF_EQUAL ? ' ' : l->op == DIFF_DELETE ? '-' : '+');
				buf_append(out, l->text, l->len);
				buf_putc(out, '\n');
			}
		}
	}
	arena_free(ar);
}

const char *diff_op_name(enum diff_op op)
{
	return op == DIFF_EQUAL ? "equal" : op == DIFF_DELETE ? "delete" : "insert";
}

void diff_json(struct jw *w, const struct diff *d, size_t context)
{
	struct arena *ar = arena_new();
	struct diff_hunk *h;
	size_t n = diff_hunks(ar, d, context, &h);
	jw_obj_begin(w);
	jw_kv_int(w, "added", (int64_t)d->added);
	jw_kv_int(w, "removed", (int64_t)d->removed);
	jw_key(w, "hunks");
	jw_arr_begin(w);
	for (size_t k = 0; k < n; k++) {
		jw_obj_begin(w);
		jw_kv_int(w, "a_start", (int64_t)h[k].a_start);
		jw_kv_int(w, "a_count", (int64_t)h[k].a_count);
		jw_kv_int(w, "b_start", (int64_t)h[k].b_start);
		jw_kv_int(w, "b_count", (int64_t)h[k].b_count);
		jw_key(w, "lines");
		jw_arr_begin(w);
		for (size_t x = h[k].first; x < h[k].first + h[k].count; x++) {
			const struct diff_line *l = &d->lines[x];
			jw_obj_begin(w);
			jw_kv_str(w, "op", diff_op_name(l->op));
			jw_kv_id(w, "a", (int64_t)l->a_line);
			jw_kv_id(w, "b", (int64_t)l->b_line);
			jw_key(w, "text");
			jw_strn(w, l->text, l->len);
			jw_obj_end(w);
		}
		jw_arr_end(w);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_obj_end(w);
	arena_free(ar);
}
