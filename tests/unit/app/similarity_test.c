/* similarity: known pairs of texts and how they are classified. */
#include "testlib.h"

#include "app/deliverable/similarity.h"
#include "core/mem.h"

static const struct similarity_thresholds defaults = {SIMILARITY_DUPLICATE_DEFAULT,
						      SIMILARITY_NEW_DEFAULT};

static const char source[] =
	"# Adding fractions with unlike denominators\n\n"
	"Students begin with a number talk about one half plus one third. They model the sum "
	"with fraction strips and then with an area model, and explain why the pieces must be "
	"the same size before they can be counted together. The teacher records strategies on "
	"chart paper. In pairs, students solve four problems from the task card, then compare "
	"their answers with another pair and justify any differences. The lesson closes with an "
	"exit ticket: two tenths plus one fifth, with a picture and an equation.\n";

static double sim(const char *a, const char *b)
{
	return similarity_texts(a, strlen(a), b, strlen(b));
}

static const char *class_of(const char *a, const char *b)
{
	return similarity_class_name(similarity_classify(sim(a, b), &defaults));
}

static void test_identical_texts_are_duplicates(void **state)
{
	(void)state;
	assert_true(sim(source, source) == 1.0);
	assert_string_equal(class_of(source, source), "duplicate");
}

static void test_case_punctuation_and_spacing_do_not_count(void **state)
{
	(void)state;
	assert_true(sim("I can add fractions, with   models!", "i CAN add fractions with models")
		    == 1.0);
	assert_true(sim("**I can** add\n\nfractions", "I can add fractions") == 1.0);
}

static void test_light_edit_is_adapted(void **state)
{
	(void)state;
	/* A district renamed the materials, changed the problems and the exit ticket. */
	const char *edited =
		"# Adding fractions with unlike denominators\n\n"
		"Students begin with a number talk about one half plus one third. They model the "
		"sum with pattern blocks and then with a number line, and explain why the pieces "
		"must be the same size before they can be counted together. Our coaches record "
		"strategies on the shared slides. In pairs, students solve the Daviess County "
		"task, then compare their answers with another pair and justify any differences. "
		"The lesson closes with a reflection in the math journal.\n";
	double s = sim(source, edited);
	assert_true(s >= 0.3 && s < 0.9);
	assert_string_equal(class_of(source, edited), "adapted");
	/* A few words changed is still a duplicate. */
	char *almost = xstrdup(source);
	memcpy(strstr(almost, "chart paper"), "chart paste", 11);
	assert_string_equal(class_of(source, almost), "duplicate");
	free(almost);
}

static void test_rewrite_is_new(void **state)
{
	(void)state;
	const char *rewrite =
		"# Fractions in our kitchens\n\nOur fifth graders bring a family recipe and scale "
		"it for the whole class. Each group decides how to combine measuring cups of "
		"different sizes and writes the total as a single fraction. We end with a tasting "
		"and a short written explanation for families.\n";
	assert_true(sim(source, rewrite) < 0.3);
	assert_string_equal(class_of(source, rewrite), "new");
}

static void test_empty_and_short_texts(void **state)
{
	(void)state;
	assert_true(sim("", "") == 1.0);
	assert_true(sim("  \n# --- \n", "") == 1.0); /* nothing but marks: no words */
	assert_true(sim(source, "") == 0.0);
	assert_true(sim("", source) == 0.0);
	/* Fewer words than a shingle: one shingle of all of them. */
	assert_true(sim("Fractions", "fractions.") == 1.0);
	assert_true(sim("Fractions", "Decimals") == 0.0);
}

static void test_thresholds_are_inclusive_at_duplicate(void **state)
{
	(void)state;
	struct similarity_thresholds t = {0.5, 0.2};
	assert_int_equal(similarity_classify(0.5, &t), SIMILARITY_DUPLICATE);
	assert_int_equal(similarity_classify(0.49, &t), SIMILARITY_ADAPTED);
	assert_int_equal(similarity_classify(0.2, &t), SIMILARITY_ADAPTED);
	assert_int_equal(similarity_classify(0.19, &t), SIMILARITY_NEW);
}

static void test_jaccard_of_known_sets(void **state)
{
	(void)state;
	/* "a b c d" has shingles {abc, bcd}; "a b c e" has {abc, bce}: 1 of 3. */
	double s = sim("a b c d", "a b c e");
	assert_true(s > 0.333 && s < 0.334);
	/* Repeated shingles count once. */
	assert_true(sim("x y z x y z", "x y z") > 0.33);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identical_texts_are_duplicates),
		cmocka_unit_test(test_case_punctuation_and_spacing_do_not_count),
		cmocka_unit_test(test_light_edit_is_adapted),
		cmocka_unit_test(test_rewrite_is_new),
		cmocka_unit_test(test_empty_and_short_texts),
		cmocka_unit_test(test_thresholds_are_inclusive_at_duplicate),
		cmocka_unit_test(test_jaccard_of_known_sets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
