/* similarity: word shingles and their Jaccard index (see similarity.h for the method). */
#include "app/deliverable/similarity.h"

#include <stdlib.h>

#include "core/mem.h"

static const uint64_t FNV_OFFSET = 1469598103934665603ULL, FNV_PRIME = 1099511628211ULL;

static int similarity_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c >= 0x80;
}

struct word {
	size_t start, len;
};

/* The words of text, in order; *n gets how many. The caller frees the array. */
static struct word *similarity_words(const char *text, size_t n, size_t *count)
{
	/* Words are separated, so n bytes hold at most (n + 1) / 2 of them. */
	size_t k = 0;
	struct word *w = xmalloc(sizeof(*w) * (n / 2 + 1));
	size_t i = 0;
	while (i < n) {
		while (i < n && !similarity_word_byte((unsigned char)text[i]))
			i++;
		size_t start = i;
		while (i < n && similarity_word_byte((unsigned char)text[i]))
			i++;
		if (i == start)
			break;
		w[k++] = (struct word){start, i - start};
	}
	*count = k;
	return w;
}

static uint64_t similarity_hash_words(const char *text, const struct word *w, size_t n)
{
	uint64_t h = FNV_OFFSET;
	for (size_t k = 0; k < n; k++) {
		for (size_t i = 0; i < w[k].len; i++) {
			unsigned char c = (unsigned char)text[w[k].start + i];
			if (c >= 'A' && c <= 'Z')
				c = (unsigned char)(c - 'A' + 'a');
			h = (h ^ c) * FNV_PRIME;
		}
		h = (h ^ 0x20) * FNV_PRIME; /* word separator */
	}
	return h;
}

static int similarity_cmp(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return a < b ? -1 : a > b;
}

void similarity_set_of(const char *text, size_t n, struct similarity_set *out)
{
	size_t nw;
	struct word *w = similarity_words(text, n, &nw);
	size_t k = SIMILARITY_SHINGLE_WORDS;
	size_t count = nw == 0 ? 0 : nw < k ? 1 : nw - k + 1;
	out->hash = xmalloc(sizeof(uint64_t) * (count ? count : 1));
	for (size_t i = 0; i < count; i++)
		out->hash[i] = similarity_hash_words(text, w + i, nw < k ? nw : k);
	free(w);
	qsort(out->hash, count, sizeof(uint64_t), similarity_cmp);
	size_t u = 0;
	for (size_t i = 0; i < count; i++)
		if (u == 0 || out->hash[u - 1] != out->hash[i])
			out->hash[u++] = out->hash[i];
	out->count = u;
}

void similarity_set_free(struct similarity_set *s)
{
	free(s->hash);
	s->hash = NULL;
	s->count = 0;
}

double similarity_of_sets(const struct similarity_set *a, const struct similarity_set *b)
{
	if (a->count == 0 && b->count == 0)
		return 1.0;
	size_t i = 0, j = 0, common = 0;
	while (i < a->count && j < b->count) {
		if (a->hash[i] == b->hash[j])
			common++, i++, j++;
		else if (a->hash[i] < b->hash[j])
			i++;
		else
			j++;
	}
	return (double)common / (double)(a->count + b->count - common);
}

double similarity_texts(const char *a, size_t na, const char *b, size_t nb)
{
	struct similarity_set sa, sb;
	similarity_set_of(a, na, &sa);
	similarity_set_of(b, nb, &sb);
	double s = similarity_of_sets(&sa, &sb);
	similarity_set_free(&sa);
	similarity_set_free(&sb);
	return s;
}

enum similarity_class similarity_classify(double s, const struct similarity_thresholds *t)
{
	if (s >= t->duplicate_min)
		return SIMILARITY_DUPLICATE;
	if (s < t->new_below)
		return SIMILARITY_NEW;
	return SIMILARITY_ADAPTED;
}

const char *similarity_class_name(enum similarity_class c)
{
	return c == SIMILARITY_DUPLICATE ? "duplicate" : c == SIMILARITY_ADAPTED ? "adapted" : "new";
}
