# bayplan - plain Makefile (see README.md).
#   make            build ./bayplan
#   make test       Check suites + end-to-end CLI tests
#   make check-asan the same under AddressSanitizer and UBSan
#   make check-faults  kills, allocation failures, busy and damaged stores
#   make check-valgrind the suites and the CLI under valgrind
#   make demo       install missing packages, build, run the tour
#   make bench      run the benchmarks, record bench/RESULTS.md
#   make bench-overbooked  overbooked L/XL days per time limit (bench/RESULTS.md)
#   make bench-replay  the reorder policy replayed against min/max (bench/RESULTS.md)
#   make bench-lumpy   the same on generated slow movers, and a 10,000-SKU list
#   make bench-limits  time limits held? plan, reorder, windows, whatif by size
#   make fuzz       libFuzzer on each reader for FUZZ_SECONDS (clang), see tests/RELIABILITY.md
# Build products go to $(O) (default build/), so parallel trees stay apart.

CC      ?= cc
O       ?= build
BIN     ?= bayplan
PREFIX  ?= /usr/local
DESTDIR ?=
DATADIR  = $(PREFIX)/share/bayplan
MANDIR   = $(PREFIX)/share/man
DOCDIR   = $(PREFIX)/share/doc/bayplan

PKGS     = sqlite3 yaml-0.1
# -Werror for developers and CI (make DEVELOPER=1; .ci/run sets it), not for
# packagers, whose newer compilers may warn about what this one does not.
WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	   $(if $(DEVELOPER),-Werror)
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 $(WARN) -D_POSIX_C_SOURCE=200809L -I. $(CPPFLAGS) \
	-DBP_DATADIR='"$(DATADIR)"' $(shell pkg-config --cflags $(PKGS)) $(CFLAGS)
# Debian ships no pkg-config file for GLPK.
LIBS     = -lglpk $(shell pkg-config --libs $(PKGS)) -lm
CHECK_CFLAGS = $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   = $(shell pkg-config --libs check 2>/dev/null)

LIB_SRC  = $(wildcard model/*.c) $(wildcard solver/*.c) \
	   $(filter-out io/main.c,$(wildcard io/*.c))
LIB_OBJ  = $(LIB_SRC:%.c=$(O)/%.o)
TEST_SRC = $(wildcard tests/test_*.c)
TEST_OBJ = $(patsubst %.c,$(O)/%.o,$(wildcard tests/*.c))
BENCH_BIN = $(if $(wildcard bench/gen.c),$(O)/bench/bp-gen)
FAULTS_OBJ = $(patsubst %.c,$(O)/%.o,$(wildcard tests/faults/*.c)) $(O)/tests/plancheck.o
FAULTS_BIN = $(O)/tests/faults/bp-faults
CHECK_BIN = $(O)/tests/tools/bp-check
REPLAY_BIN = $(if $(wildcard bench/replay.c),$(O)/bench/bp-replay)
SCALE_BIN = $(if $(wildcard bench/scale.c),$(O)/bench/bp-scale)

DEB_PKGS = build-essential pkg-config libglpk-dev libsqlite3-dev libyaml-dev check sqlite3 \
	python3 python3-icalendar

.PHONY: all test unit e2e replay check-asan check-faults check-valgrind demo bench bench-replay \
	bench-overbooked bench-lumpy bench-limits \
	deps install uninstall clean fuzz fuzz-build fuzz-merge

all: $(BIN) $(BENCH_BIN) $(REPLAY_BIN) $(SCALE_BIN)

$(O)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -MMD -MP -c $< -o $@

# The installed binary finds its data beside itself (../share/bayplan), and
# falls back to the DATADIR it was built for: a changed PREFIX rebuilds the
# one object that names it.
$(O)/datadir.stamp: FORCE
	@mkdir -p $(O)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' > $@
$(O)/io/cmd_demo.o: $(O)/datadir.stamp
.PHONY: FORCE
FORCE:

$(O)/libbayplan.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(O)/io/main.o $(O)/libbayplan.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BENCH_BIN): $(O)/bench/gen.o $(O)/libbayplan.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

# The fault driver (tests/faults/, tests/RELIABILITY.md).
$(FAULTS_BIN): $(FAULTS_OBJ) $(O)/libbayplan.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

# The plan checker on a store, for the day-to-day end-to-end tests.
$(CHECK_BIN): $(O)/tests/tools/bp_check.o $(O)/tests/plancheck.o $(O)/libbayplan.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(REPLAY_BIN): $(O)/bench/replay.o $(O)/bench/lumpy.o $(O)/libbayplan.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(SCALE_BIN): $(O)/bench/scale.o $(O)/bench/lumpy.o $(O)/libbayplan.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

# One runner for every suite: each tests/test_NAME.c defines bp_suite_NAME().
$(O)/tests/suites.h: $(TEST_SRC)
	@mkdir -p $(dir $@)
	@for f in $(TEST_SRC); do n=$$(basename $$f .c); n=$${n#test_}; \
		echo "SUITE($$n)"; done > $@.tmp && mv $@.tmp $@

$(O)/tests/check_main.o: tests/check_main.c $(O)/tests/suites.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -I$(O)/tests -c $< -o $@

$(O)/check_bayplan: $(TEST_OBJ) $(O)/libbayplan.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(LIBS)

unit: $(O)/check_bayplan $(BIN)
	cd tests && BAYPLAN=$(abspath $(BIN)) BP_GEN=$(abspath $(BENCH_BIN)) $(abspath $(O)/check_bayplan)

e2e: $(BIN) $(BENCH_BIN) $(FAULTS_BIN) $(REPLAY_BIN) $(CHECK_BIN)
	BAYPLAN=$(abspath $(BIN)) BP_GEN=$(abspath $(BENCH_BIN)) BP_FAULTS=$(abspath $(FAULTS_BIN)) \
		BP_CHECK=$(abspath $(CHECK_BIN)) \
		BP_REPLAY=$(abspath $(REPLAY_BIN)) bash tests/e2e.sh

# The fuzz targets, replayed over the kept corpus by a plain driver (no clang
# needed); `make fuzz` runs them under libFuzzer.
FUZZ_TARGETS = shop scenario demand actuals
FUZZ_DEF = -DBP_FUZZ_DATA='"$(abspath tests/data)"'
REPLAY_OBJ = $(O)/tests/fuzz/replay_main.o $(O)/fuzz/common.o \
	$(FUZZ_TARGETS:%=$(O)/fuzz/replay_%.o)

$(O)/fuzz/common.o: tests/fuzz/fuzz_common.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(FUZZ_DEF) -MMD -MP -c $< -o $@

$(O)/fuzz/replay_%.o: tests/fuzz/fuzz_%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -DLLVMFuzzerTestOneInput=bp_fuzz_$* -MMD -MP -c $< -o $@

$(O)/fuzz/replay: $(REPLAY_OBJ) $(O)/libbayplan.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

replay: $(O)/fuzz/replay
	$(O)/fuzz/replay $(foreach t,$(FUZZ_TARGETS),$(t)=tests/corpus/$(t))

test: all
	$(MAKE) --no-print-directory unit
	$(MAKE) --no-print-directory replay
	$(MAKE) --no-print-directory e2e

# libFuzzer (clang, Debian's libfuzzer-14-dev) with ASan and UBSan, objects
# in build-fuzz/. Each target runs FUZZ_SECONDS, one at a time, on one core;
# new inputs go to build-fuzz/corpus/TARGET, crashes to build-fuzz/. Keep a
# crash as tests/corpus/TARGET/regress-WHAT after fixing it; `make fuzz-merge`
# folds what was found into tests/corpus (minimised; the named inputs,
# regress-*, seed-* and bad-*, are kept as they are).
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 300
FUZZ_FLAGS   ?= -timeout=10 -rss_limit_mb=2048 -max_len=16384
FUZZ_CFLAGS   = -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=undefined

$(O)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(O)/fuzz/common.o $(O)/libbayplan.a
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(LIBS)

fuzz-build:
	$(MAKE) --no-print-directory O=build-fuzz CC=$(FUZZ_CC) CFLAGS="$(FUZZ_CFLAGS)" \
		$(FUZZ_TARGETS:%=build-fuzz/fuzz/fuzz_%)

fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do mkdir -p build-fuzz/corpus/$$t; \
		echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
		build-fuzz/fuzz/fuzz_$$t $(FUZZ_FLAGS) -max_total_time=$(FUZZ_SECONDS) \
		-print_final_stats=1 -artifact_prefix=build-fuzz/$$t- \
		build-fuzz/corpus/$$t tests/corpus/$$t 2>&1 | tail -12 || exit 1; done

fuzz-merge: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
		if [ ! -d build-fuzz/corpus/$$t ]; then echo "$$t: no new inputs"; continue; fi; \
		rm -rf build-fuzz/merged/$$t; mkdir -p build-fuzz/merged/$$t; \
		build-fuzz/fuzz/fuzz_$$t $(FUZZ_FLAGS) -merge=1 build-fuzz/merged/$$t \
		tests/corpus/$$t build-fuzz/corpus/$$t > build-fuzz/merge-$$t.log 2>&1 && \
		[ -n "$$(ls build-fuzz/merged/$$t)" ] || \
		{ echo "$$t: merge failed, tests/corpus/$$t left as it was"; tail -3 \
		  build-fuzz/merge-$$t.log; exit 1; }; \
		cp tests/corpus/$$t/regress-* tests/corpus/$$t/seed-* tests/corpus/$$t/bad-* \
			build-fuzz/merged/$$t/ 2>/dev/null; \
		rm -rf tests/corpus/$$t && cp -r build-fuzz/merged/$$t tests/corpus/$$t; \
		echo "$$t: $$(ls tests/corpus/$$t | wc -l) inputs kept"; done

ASAN_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
check-asan:
	$(MAKE) --no-print-directory O=build-asan BIN=build-asan/bayplan CFLAGS="$(ASAN_FLAGS)" \
		LDFLAGS="-fsanitize=address,undefined" all
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
		$(MAKE) --no-print-directory O=build-asan BIN=build-asan/bayplan \
		CFLAGS="$(ASAN_FLAGS)" unit replay e2e

# Faults (tests/RELIABILITY.md): every 2nd allocation failing
# through a plan write after the open (every 20th in it), once and always,
# every 5th through the whole command; a busy store, damaged files, a GLPK
# failure, 200 kills, a 1 s limit on an XL day; the store replaced, renamed
# or hard-linked under a write (9 library cases and 10 plans replaced while
# they solve), a hard-linked store through both names (10 rounds). About 4
# minutes; make test runs a short version (tests/e2e/t_faults.sh).
check-faults: all $(FAULTS_BIN)
	$(FAULTS_BIN) --bayplan $(abspath $(BIN)) --gen $(abspath $(BENCH_BIN)) \
		--shop scenarios/demo/shop.yaml --dir $(O)/faults --kills 200 --step 2 \
		--load-step 5 --swaps 10 oom busy corrupt glpk kill timelimit replace hardlink

# The Check suites in one process and a day of CLI commands under valgrind;
# any error or leak fails (tests/valgrind.sh, tests/valgrind.supp).
check-valgrind: all $(O)/check_bayplan
	BAYPLAN=$(abspath $(BIN)) BP_GEN=$(abspath $(BENCH_BIN)) \
		CHECK_BIN=$(abspath $(O)/check_bayplan) bash tests/valgrind.sh

deps:
	@missing=""; for p in $(DEB_PKGS); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' \
		|| missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then echo "deps: all packages present"; \
	elif [ "$$(id -u)" = 0 ]; then echo "deps: installing$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else echo "deps: missing packages:$$missing"; \
		echo "deps: run as root: apt-get install -y$$missing"; exit 1; fi

# The tour in its own store, demo.db (started over each time), and demo.html.
demo: deps
	$(MAKE) --no-print-directory all
	./$(BIN) demo

bench: all bench-overbooked
	bash bench/run.sh

# Overbooked L and XL days at 1, 3, 10 and 30 s beside FCFS and CBC
# (bench/overbooked.sh): about half an hour, one solver at a time.
bench-overbooked: all
	BP_GEN=$(abspath $(BENCH_BIN)) bash bench/overbooked.sh

# The reorder replay (bench/replay.sh): a few minutes, not part of `make test`.
bench-replay: all
	BP_REPLAY=$(abspath $(REPLAY_BIN)) BP_GEN=$(abspath $(BENCH_BIN)) bash bench/replay.sh

# Generated slow movers and the 10,000-SKU timing (bench/lumpy.sh): minutes.
bench-lumpy: all
	BP_REPLAY=$(abspath $(REPLAY_BIN)) BP_SCALE=$(abspath $(SCALE_BIN)) \
		BP_GEN=$(abspath $(BENCH_BIN)) bash bench/lumpy.sh

# Limit vs wall time for plan, reorder, windows and whatif, S to the
# 10,000-job day (bench/limits.sh): several minutes.
bench-limits: all
	BAYPLAN=$(abspath $(BIN)) BP_GEN=$(abspath $(BENCH_BIN)) bash bench/limits.sh

# The binary, its manual pages, the demo shop and what-if examples, and the
# references (PREFIX, DESTDIR).
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)/demo $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DOCDIR)
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/bayplan
	install -m 644 scenarios/demo/* $(DESTDIR)$(DATADIR)/demo/
	install -m 644 scenarios/*.yaml scenarios/README.md $(DESTDIR)$(DATADIR)/
	install -m 644 doc/bayplan.1 $(DESTDIR)$(MANDIR)/man1/bayplan.1
	install -m 644 doc/bayplan-shop.5 $(DESTDIR)$(MANDIR)/man5/bayplan-shop.5
	install -m 644 README.md doc/*.md $(DESTDIR)$(DOCDIR)/
	install -m 644 solver/README.md $(DESTDIR)$(DOCDIR)/models.md

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/bayplan $(DESTDIR)$(MANDIR)/man1/bayplan.1 \
		$(DESTDIR)$(MANDIR)/man5/bayplan-shop.5
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)

clean:
	rm -rf build build-asan build-fuzz $(BIN) demo.db demo.db-wal demo.db-shm demo.html

# Every object's header dependencies, main and the benches included, so
# that a changed header rebuilds all that read it.
-include $(shell find $(O) -name '*.d' 2>/dev/null)
