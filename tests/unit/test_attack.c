/* test_attack.c: lookups in the generated ATT&CK table: ids, names, tactics, revocations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "attack.h"
#include "reportgen.h"

static const struct rg_attack *const B = &attack_bundled;

static void test_table(void **state)
{
	(void)state;
	assert_int_equal(B->ntechniques, 835);
	assert_int_equal(B->ntactics, 14);
	for (size_t i = 1; i < B->ntechniques; i++)
		assert_true(strcmp(B->techniques[i - 1].id, B->techniques[i].id) < 0);
	for (size_t i = 0; i < B->ntactics; i++)
		assert_int_equal(B->tactics[i].order, (int)i + 1);
	assert_string_equal(B->tactics[0].id, "TA0043");
	assert_string_equal(B->tactics[13].url, "https://attack.mitre.org/tactics/TA0040");
}

static void test_ids(void **state)
{
	(void)state;
	const struct attack_technique *t = attack_by_id(B, "T1598.003");
	assert_non_null(t);
	assert_string_equal(t->name, "Spearphishing Link");
	assert_string_equal(t->full_name, "Phishing for Information: Spearphishing Link");
	assert_string_equal(t->url, "https://attack.mitre.org/techniques/T1598/003");
	assert_true(t->subtechnique);
	assert_int_equal(t->ntactics, 1);
	assert_string_equal(attack_tactic_of(B, t, 0)->shortname, "reconnaissance");
	assert_null(attack_tactic_of(B, t, 1));

	t = attack_by_id(B, "T1566");
	assert_non_null(t);
	assert_string_equal(t->full_name, "Phishing");
	assert_false(t->subtechnique);
	assert_ptr_equal(attack_by_id(B, "t1566"), t);
	/* first and last rows */
	assert_string_equal(attack_by_id(B, "T1001")->name, "Data Obfuscation");
	assert_non_null(attack_by_id(B, B->techniques[B->ntechniques - 1].id));

	assert_null(attack_by_id(B, "T9999"));
	assert_null(attack_by_id(B, "T1566.999"));
	assert_null(attack_by_id(B, "T1204-002"));
	assert_null(attack_by_id(B, ""));
	assert_null(attack_by_id(B, NULL));
}

static void test_wellformed(void **state)
{
	(void)state;
	assert_true(attack_id_wellformed("T1566"));
	assert_true(attack_id_wellformed("T1598.003"));
	assert_true(attack_id_wellformed("t0000"));
	assert_false(attack_id_wellformed("T1204-002"));
	assert_false(attack_id_wellformed("T1204.02"));
	assert_false(attack_id_wellformed("T1204.0021"));
	assert_false(attack_id_wellformed("T12045"));
	assert_false(attack_id_wellformed("TA0001"));
	assert_false(attack_id_wellformed("1566"));
	assert_false(attack_id_wellformed("T1566 "));
	assert_false(attack_id_wellformed(""));
}

static void test_names(void **state)
{
	(void)state;
	size_t n;
	const struct attack_technique *t = attack_by_id(B, "T1598.003");
	assert_true(attack_name_matches(t, "Spearphishing Link"));
	assert_true(attack_name_matches(t, "spearphishing LINK"));
	assert_true(attack_name_matches(t, "Phishing for Information: Spearphishing Link"));
	assert_true(attack_name_matches(t, "  phishing for information: spearphishing link "));
	assert_false(attack_name_matches(t, "Phishing"));
	assert_false(attack_name_matches(t, "Phishing: Spearphishing Link"));

	/* full names are unique */
	t = attack_by_name(B, "phishing for information: spearphishing link", NULL, &n);
	assert_int_equal(n, 1);
	assert_string_equal(t->id, "T1598.003");
	/* a bare sub-technique name can be ambiguous; revoked T1192 never competes */
	t = attack_by_name(B, "Spearphishing Link", NULL, &n);
	assert_int_equal(n, 2);
	assert_string_equal(t->id, "T1566.002");
	assert_string_equal(attack_by_name_nth(B, "Spearphishing Link", NULL, 1)->id, "T1598.003");
	assert_null(attack_by_name_nth(B, "Spearphishing Link", NULL, 2));
	/* ... and a tactic settles it */
	t = attack_by_name(B, "Spearphishing Link", attack_tactic_find(B, "Reconnaissance"), &n);
	assert_int_equal(n, 1);
	assert_string_equal(t->id, "T1598.003");
	t = attack_by_name(B, "IMPERSONATION", NULL, &n);
	assert_int_equal(n, 1);
	assert_string_equal(t->id, "T1656");
	/* the one non-ASCII name */
	t = attack_by_name(B, "Process Doppelg\xc3\xa4nging", NULL, &n);
	assert_int_equal(n, 1);
	assert_string_equal(t->id, "T1055.013");
	/* only a revoked technique bears the name: it is found */
	t = attack_by_name(B, "Login Item", NULL, &n);
	assert_int_equal(n, 1);
	assert_string_equal(t->id, "T1162");
	assert_null(attack_by_name(B, "Fishing", NULL, &n));
	assert_int_equal(n, 0);
	assert_null(attack_by_name(B, NULL, NULL, &n));
}

static void test_tactics(void **state)
{
	(void)state;
	const struct attack_tactic *ia = attack_tactic_find(B, "Initial Access");
	assert_non_null(ia);
	assert_string_equal(ia->id, "TA0001");
	assert_int_equal(ia->order, 3);
	assert_ptr_equal(attack_tactic_find(B, "initial-access"), ia);
	assert_ptr_equal(attack_tactic_find(B, "INITIAL ACCESS"), ia);
	assert_ptr_equal(attack_tactic_find(B, "ta0001"), ia);
	assert_ptr_equal(attack_tactic_find(B, " TA0001 "), ia);
	assert_ptr_equal(attack_tactic_find(B, "initial_access"), ia);
	const struct attack_tactic *c2 = attack_tactic_find(B, "Command and Control");
	assert_non_null(c2);
	assert_string_equal(c2->shortname, "command-and-control");
	assert_int_equal(c2->order, 12);
	assert_ptr_equal(attack_tactic_find(B, "command-and-control"), c2);
	assert_null(attack_tactic_find(B, "Initial"));
	assert_null(attack_tactic_find(B, "TA0000"));
	assert_null(attack_tactic_find(B, ""));
	assert_null(attack_tactic_find(B, NULL));

	const struct attack_technique *t = attack_by_id(B, "T1055.013");
	assert_int_equal(t->ntactics, 2);
	assert_string_equal(attack_tactic_of(B, t, 0)->name, "Privilege Escalation");
	assert_string_equal(attack_tactic_of(B, t, 1)->name, "Defense Evasion");
	assert_true(attack_has_tactic(B, t, attack_tactic_find(B, "defense-evasion")));
	assert_false(attack_has_tactic(B, t, ia));
}

static void test_deprecated_revoked(void **state)
{
	(void)state;
	const struct attack_technique *t = attack_by_id(B, "T1064");
	assert_true(t->deprecated);
	assert_false(t->revoked);
	assert_ptr_equal(attack_follow_revoked(B, t), t);

	t = attack_by_id(B, "T1192");
	assert_true(t->revoked);
	assert_string_equal(t->revoked_by, "T1566.002");
	assert_string_equal(attack_follow_revoked(B, t)->id, "T1566.002");
	/* chains: T1150 -> T1547.011 -> T1647 and T1073 -> T1574.002 -> T1574.001 */
	assert_string_equal(attack_follow_revoked(B, attack_by_id(B, "T1150"))->id, "T1647");
	assert_string_equal(attack_follow_revoked(B, attack_by_id(B, "T1162"))->id, "T1647");
	assert_string_equal(attack_follow_revoked(B, attack_by_id(B, "T1073"))->id, "T1574.001");
	assert_null(attack_follow_revoked(B, NULL));
	/* every revocation in the data ends at an active technique */
	for (size_t i = 0; i < B->ntechniques; i++) {
		const struct attack_technique *end = attack_follow_revoked(B, &B->techniques[i]);
		assert_non_null(end);
		assert_false(end->revoked);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_table),      cmocka_unit_test(test_ids),
	        cmocka_unit_test(test_wellformed), cmocka_unit_test(test_names),
	        cmocka_unit_test(test_tactics),    cmocka_unit_test(test_deprecated_revoked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
