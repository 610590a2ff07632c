# Makefile: builds rcphub and its tests; `make run` and `make test` set up everything.

SAN ?= 0
ifeq ($(SAN),1)
BUILD ?= build/san
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
OPT = -O1 -g
else
BUILD ?= build/release
SANFLAGS =
OPT = -O2 -g
endif

CC ?= cc
PKGS = sqlite3 libpq jansson libsodium liboath libcmark-gfm zlib libevent libevent_pthreads libevent_openssl openssl libical expat libqrencode xlsxwriter libbrotlienc
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
WARN = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
       -Wformat=2 -Wno-format-nonliteral -Wvla
HARDEN = -fstack-protector-strong -D_FORTIFY_SOURCE=2 -fPIE
CFLAGS = -std=c11 -D_GNU_SOURCE $(OPT) $(WARN) $(HARDEN) $(SANFLAGS) $(PKG_CFLAGS) \
         -DRCPHUB_DATA_DIR='"$(CURDIR)/data"' -DRCPHUB_STATIC_DIR='"$(CURDIR)/web/static"' \
         -DRCPHUB_MAP_FILE='"$(CURDIR)/$(MAP_FILE)"'
LDFLAGS = -pie -Wl,-z,relro,-z,now $(SANFLAGS)
LIBS = $(PKG_LIBS) -lcsv -lm

LIB_SRC = \
	core/xalloc.c \
	core/buf.c \
	core/text.c \
	core/names.c \
	core/model.c \
	core/overlap.c \
	core/account.c \
	core/meeting_figures.c \
	core/plan_report.c \
	core/period.c \
	core/stats.c \
	core/matrix.c \
	core/convergence.c \
	core/glossary.c \
	core/search.c \
	core/sheet.c \
	core/assessment.c \
	core/lessons.c \
	core/duplication.c \
	store/store.c \
	store/store_registry.c \
	store/store_accounts.c \
	store/store_documents.c \
	store/store_audit.c \
	store/store_focal_points.c \
	store/store_meetings.c \
	store/store_plans.c \
	store/store_statistics.c \
	store/store_matrices.c \
	store/store_glossary.c \
	store/store_search.c \
	store/store_evidence.c \
	store/store_interviews.c \
	store/store_copy.c \
	store/store_sqlite.c \
	store/store_pg.c \
	io/seed_json.c \
	io/json_out.c \
	io/csv_out.c \
	io/sdmx_csv.c \
	io/glossary_file.c \
	io/vcard.c \
	io/ical.c \
	io/markdown.c \
	io/html.c \
	io/compress.c \
	io/file.c \
	io/world_map.c \
	io/qr_svg.c \
	io/xlsx_out.c \
	services/service.c \
	services/fields.c \
	services/seed.c \
	services/registry.c \
	services/policy.c \
	services/audit.c \
	services/accounts.c \
	services/secrets.c \
	services/documents.c \
	services/site_search.c \
	services/exports.c \
	services/focal_points.c \
	services/facts.c \
	services/seed_diff.c \
	services/meetings.c \
	services/plans.c \
	services/evidence.c \
	services/interviews.c \
	services/assessment.c \
	services/statistics.c \
	services/matrices.c \
	services/glossary.c \
	services/copy.c \
	web/parse.c \
	web/http.c \
	web/cache.c \
	web/router.c \
	web/conns.c \
	web/server.c \
	web/api/api_registry.c \
	web/api/api_search.c \
	web/api/api_documents.c \
	web/api/api_accounts.c \
	web/api/api_focal_points.c \
	web/api/api_facts.c \
	web/api/api_meetings.c \
	web/api/api_plans.c \
	web/api/api_evidence.c \
	web/api/api_interviews.c \
	web/api/api_statistics.c \
	web/api/api_matrices.c \
	web/api/api_glossary.c \
	web/pages/layout.c \
	web/pages/page_home.c \
	web/pages/page_process.c \
	web/pages/page_state.c \
	web/pages/page_organisation.c \
	web/pages/page_compare.c \
	web/pages/page_overlap.c \
	web/pages/page_map.c \
	web/pages/page_search.c \
	web/pages/page_login.c \
	web/pages/page_account.c \
	web/pages/page_document.c \
	web/pages/page_exports.c \
	web/pages/page_focal_points.c \
	web/pages/page_facts.c \
	web/pages/page_meetings.c \
	web/pages/page_plans.c \
	web/pages/page_assessment.c \
	web/pages/page_statistics.c \
	web/pages/page_matrices.c \
	web/pages/page_glossary.c \
	web/pages/page_users.c \
	web/pages/page_audit.c \
	web/pages/page_static.c \
	web/pages/page_index.c

MIGRATIONS = $(sort $(wildcard store/migrations/*.sql))
LIB_OBJ = $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/store/migrations.o
UNIT_TESTS = \
	test_text \
	test_names \
	test_overlap \
	test_plan_report \
	test_lessons \
	test_stats \
	test_convergence \
	test_model \
	test_seed_json \
	test_store \
	test_registry \
	test_policy \
	test_conns \
	test_world_map \
	test_faults
UNIT_BIN = $(UNIT_TESTS:%=$(BUILD)/tests/%)
FUZZ_TARGETS = fuzz_seed_process fuzz_fold fuzz_urlencoded fuzz_path fuzz_multipart fuzz_headers fuzz_json_body fuzz_fields fuzz_sdmx_csv fuzz_glossary fuzz_markdown fuzz_search fuzz_world_map
RCPHUB = $(BUILD)/rcphub
# Natural Earth country shapes for the world map, fetched from the npm registry.
MAP_FILE = build/world-atlas/countries-50m.json
DB ?= var/rcphub.db

.PHONY: all deps run test check check-pg browser-test unit cli-test fuzz clean
all: deps $(RCPHUB) $(MAP_FILE)

$(MAP_FILE):
	./scripts/fetch-world-atlas $(dir $@)

deps:
	@./scripts/deps

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/store/migrations.c: $(MIGRATIONS) scripts/embed-migrations
	@mkdir -p $(dir $@)
	./scripts/embed-migrations $@ $(MIGRATIONS)

$(BUILD)/store/migrations.o: $(BUILD)/store/migrations.c
	$(CC) $(CFLAGS) -Istore -c $< -o $@

$(BUILD)/librcphub.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

CLI_OBJ = $(BUILD)/cli/main.o $(BUILD)/cli/options.o $(BUILD)/cli/cmd_accounts.o $(BUILD)/cli/cmd_documents.o \
	$(BUILD)/cli/cmd_focal_points.o $(BUILD)/cli/cmd_facts.o $(BUILD)/cli/cmd_meetings.o \
	$(BUILD)/cli/cmd_plans.o $(BUILD)/cli/cmd_evidence.o $(BUILD)/cli/cmd_interviews.o $(BUILD)/cli/cmd_assessment.o $(BUILD)/cli/cmd_stats.o $(BUILD)/cli/cmd_matrices.o $(BUILD)/cli/cmd_glossary.o \
	$(BUILD)/cli/cmd_serve.o
$(RCPHUB): $(CLI_OBJ) $(BUILD)/librcphub.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(BUILD)/librcphub.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS) $(shell pkg-config --libs cmocka)

LISTEN ?= 127.0.0.1:8080
run: all
	@mkdir -p $(dir $(DB))
	@[ -f $(DB) ] || $(RCPHUB) --db $(DB) init
	@$(RCPHUB) --db $(DB) serve --listen $(LISTEN)

# The whole suite, once as built and once under ASan and UBSan (where the
# kill -9 cycles, slower there, are fewer: the 50 of the first pass stand).
test: deps
	$(MAKE) check
	$(MAKE) SAN=1 KILL9_CYCLES=20 check
	$(MAKE) browser-test
	$(MAKE) fuzz

# The pages in Debian's chromium through Playwright; screenshots land in
# build/screenshots.
browser-test: $(RCPHUB) $(MAP_FILE)
	./scripts/deps tests/browser/packages.txt
	command -v npm >/dev/null 2>&1 || ./scripts/deps scripts/npm-packages.txt
	cd tests/browser && npm ci --no-audit --no-fund --silent
	cd tests/browser && RCPHUB=$(CURDIR)/$(RCPHUB) SCREENSHOTS=$(CURDIR)/build/screenshots node --test

# Every suite on SQLite, then the store, the injected faults, CLI and API
# suites again on a throwaway PostgreSQL server (scripts/with-postgres). The kill -9 cycles
# (tests/crash) run on both.
KILL9_CYCLES ?= 50
check: $(RCPHUB) $(UNIT_BIN) $(MAP_FILE)
	./tests/data/test_annex.py
	./tests/run-unit $(UNIT_BIN)
	./tests/cli/test_cli.sh $(RCPHUB)
	./tests/api/test_api.py $(RCPHUB)
	./tests/crash/test_kill9.py $(RCPHUB) $(KILL9_CYCLES)
	./scripts/with-postgres $(MAKE) --no-print-directory check-pg

check-pg: $(RCPHUB) $(UNIT_BIN)
	@[ -n "$$RCPHUB_PG_URL" ] || { echo "check-pg: run it through scripts/with-postgres" >&2; exit 1; }
	RCPHUB_TEST_DB=$$RCPHUB_PG_URL ./tests/run-unit $(BUILD)/tests/test_store $(BUILD)/tests/test_faults
	RCPHUB_TEST_DB=$$RCPHUB_PG_URL ./tests/cli/test_cli.sh $(RCPHUB)
	RCPHUB_TEST_DB=$$RCPHUB_PG_URL ./tests/api/test_api.py $(RCPHUB)
	RCPHUB_TEST_DB=$$RCPHUB_PG_URL ./tests/crash/test_kill9.py $(RCPHUB) $(KILL9_CYCLES)

# libFuzzer targets (clang), each run briefly on its seed corpus. The
# library is compiled once with coverage hooks (fuzzer-no-link).
FUZZ_BUILD = build/fuzz
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS = -std=c11 -D_GNU_SOURCE -g -O1 $(FUZZ_SAN) $(PKG_CFLAGS)
FUZZ_LIB_OBJ = $(LIB_SRC:%.c=$(FUZZ_BUILD)/%.o) $(FUZZ_BUILD)/store/migrations.o
FUZZ_BIN = $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/%)
FUZZ_RUNS ?= 20000

$(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(FUZZ_BUILD)/store/migrations.o: $(BUILD)/store/migrations.c
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -Istore -c $< -o $@

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_LIB_OBJ)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(LIBS)

fuzz: deps $(FUZZ_BIN)
	for t in $(FUZZ_TARGETS); do \
		mkdir -p $(FUZZ_BUILD)/corpus-$$t; \
		$(FUZZ_BUILD)/$$t -runs=$(FUZZ_RUNS) -max_len=8192 $(FUZZ_BUILD)/corpus-$$t tests/fuzz/corpus/$$t \
			|| exit 1; \
	done

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
