/* test_conns.c: a worker's connection table: caps in all and per address, who is shed for a newcomer, deadlines */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <string.h>

#include "../../web/conns.h"

static int busy_key;  /* the key of the one connection an answer is being written on */

static int busy(void *key)
{
	return key == (void *)&busy_key;
}

static struct sockaddr_in address(const char *ip)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	inet_pton(AF_INET, ip, &a.sin_addr);
	return a;
}

/* Keys are addresses in an array: distinct, stable pointers. */
static char keys[64];

static void the_oldest_silent_connection_makes_room(void **state)
{
	(void)state;
	struct conn_table t;
	conn_table_init(&t, 3, 0);
	struct sockaddr_in a = address("192.0.2.1");
	struct conn *victim;
	assert_non_null(conn_insert(&t, &keys[0], (struct sockaddr *)&a, 10));
	assert_non_null(conn_insert(&t, &keys[1], (struct sockaddr *)&a, 11));
	assert_int_equal(conn_room(&t, (struct sockaddr *)&a, busy, &victim), CONN_ROOM);
	assert_non_null(conn_insert(&t, &keys[2], (struct sockaddr *)&a, 12));
	conn_lookup(&t, &keys[0])->served = 1;
	/* full: the oldest that sent nothing whole goes first, before an idle one */
	assert_int_equal(conn_room(&t, (struct sockaddr *)&a, busy, &victim), CONN_SHED);
	assert_ptr_equal(victim->key, &keys[1]);
	conn_lookup(&t, &keys[1])->served = 1;
	conn_lookup(&t, &keys[2])->served = 1;
	/* all served: the oldest idle one */
	assert_int_equal(conn_room(&t, (struct sockaddr *)&a, busy, &victim), CONN_SHED);
	assert_ptr_equal(victim->key, &keys[0]);
	conn_table_free(&t);
}

static void a_full_table_of_answers_refuses(void **state)
{
	(void)state;
	struct conn_table t;
	conn_table_init(&t, 1, 0);
	struct conn *victim;
	struct conn *c = conn_insert(&t, &busy_key, NULL, 1);
	c->served = 1;
	assert_int_equal(conn_room(&t, NULL, busy, &victim), CONN_REFUSE);
	assert_null(victim);
	conn_delete(&t, &busy_key);
	assert_int_equal(t.count, 0);
	assert_int_equal(conn_room(&t, NULL, busy, &victim), CONN_ROOM);
	conn_table_free(&t);
}

static void one_address_keeps_to_its_share(void **state)
{
	(void)state;
	struct conn_table t;
	conn_table_init(&t, 10, 2);
	struct sockaddr_in crowd = address("198.51.100.7"), other = address("203.0.113.9");
	struct conn *victim;
	conn_insert(&t, &keys[0], (struct sockaddr *)&other, 1);
	conn_insert(&t, &keys[1], (struct sockaddr *)&crowd, 2);
	conn_insert(&t, &keys[2], (struct sockaddr *)&crowd, 3);
	/* the crowd's third sheds the crowd's own oldest, never the other's older one */
	assert_int_equal(conn_room(&t, (struct sockaddr *)&crowd, busy, &victim), CONN_SHED);
	assert_ptr_equal(victim->key, &keys[1]);
	assert_int_equal(conn_room(&t, (struct sockaddr *)&other, busy, &victim), CONN_ROOM);
	conn_table_free(&t);
}

static void deadlines_and_removal_keep_the_table_whole(void **state)
{
	(void)state;
	struct conn_table t;
	conn_table_init(&t, 40, 0);
	for (int i = 0; i < 40; i++)
		assert_non_null(conn_insert(&t, &keys[i], NULL, i));
	struct conn *late[40];
	assert_int_equal(conn_overdue(&t, 45, 30, late, 40), 15);  /* since 0..14 */
	for (int i = 0; i < 40; i += 2)
		conn_delete(&t, &keys[i]);
	assert_int_equal(t.count, 20);
	for (int i = 1; i < 40; i += 2)
		assert_non_null(conn_lookup(&t, &keys[i]));
	for (int i = 0; i < 40; i += 2)
		assert_null(conn_lookup(&t, &keys[i]));
	conn_table_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_oldest_silent_connection_makes_room),
		cmocka_unit_test(a_full_table_of_answers_refuses),
		cmocka_unit_test(one_address_keeps_to_its_share),
		cmocka_unit_test(deadlines_and_removal_keep_the_table_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
