/* migrations.h: the numbered schema migrations, embedded from store/migrations/ */
#ifndef RCPHUB_MIGRATIONS_H
#define RCPHUB_MIGRATIONS_H

struct migration {
	int version;
	const char *name;
	/* The text for each engine, by enum dialect (driver.h): lines between
	 * "-- if ENGINE" and "-- end if" go to that one only. */
	const char *sql[2];
};

/* In version order, 1..store_migration_count; generated at build time. */
extern const struct migration store_migrations[];
extern const int store_migration_count;

#endif
