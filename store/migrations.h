/* migrations.h: the numbered schema migrations, embedded from store/migrations/ */
#ifndef RCPHUB_MIGRATIONS_H
#define RCPHUB_MIGRATIONS_H

struct migration {
	int version;
	const char *name;
	const char *sql_sqlite;      /* the text for each engine: lines between */
	const char *sql_postgresql;  /* "-- if ENGINE" and "-- end if" go to that one */
};

/* In version order, 1..store_migration_count; generated at build time. */
extern const struct migration store_migrations[];
extern const int store_migration_count;

#endif
