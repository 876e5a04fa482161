/* similarity: how much of a source text a derived text still is. Pure computation, no
 * storage; the thresholds that turn a number into a class are settings (app/setting.h).
 *
 * Method (word-shingle Jaccard, exact):
 *  1. Normalize: a word is a maximal run of ASCII letters and digits and of non-ASCII
 *     characters (so accented letters stay in their words); ASCII letters are lowered;
 *     everything else (punctuation, Markdown marks, white space of any kind) separates
 *     words and is otherwise ignored.
 *  2. Shingle: every run of SIMILARITY_SHINGLE_WORDS consecutive words is one shingle; a
 *     text with fewer words has one shingle of all its words; an empty text has none.
 *     Each shingle is kept as a 64-bit FNV-1a hash of its words (chance of two different
 *     shingles sharing a hash in 20 KB texts: about 1e-11).
 *  3. Similarity = |A ∩ B| / |A ∪ B| over the two sets of shingles: 1 for two empty
 *     texts, 0 when only one is empty.
 *  4. Classify: duplicate when >= the duplicate threshold (default 0.9), new when < the
 *     new threshold (default 0.3), adapted in between. */
#ifndef CN_SIMILARITY_H
#define CN_SIMILARITY_H
#include <stddef.h>
#include <stdint.h>

enum { SIMILARITY_SHINGLE_WORDS = 3 };
#define SIMILARITY_DUPLICATE_DEFAULT 0.9
#define SIMILARITY_NEW_DEFAULT 0.3

enum similarity_class { SIMILARITY_DUPLICATE, SIMILARITY_ADAPTED, SIMILARITY_NEW };

struct similarity_thresholds {
	double duplicate_min; /* at or above: duplicate */
	double new_below;     /* below: new */
};

/* A text's set of shingle hashes, sorted, without repeats. */
struct similarity_set {
	uint64_t *hash; /* owned: free with similarity_set_free */
	size_t count;
};

/* Builds the shingle set of text[0..n). The caller frees it with similarity_set_free. */
void similarity_set_of(const char *text, size_t n, struct similarity_set *out);
void similarity_set_free(struct similarity_set *s);
/* Jaccard index of two sets, 0..1. */
double similarity_of_sets(const struct similarity_set *a, const struct similarity_set *b);
/* Both steps for two texts. */
double similarity_texts(const char *a, size_t na, const char *b, size_t nb);

enum similarity_class similarity_classify(double s, const struct similarity_thresholds *t);
/* "duplicate", "adapted" or "new". */
const char *similarity_class_name(enum similarity_class c);

#endif
