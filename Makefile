# capnet: a plain Makefile. `make` builds ./capnet; see README for the rest.
# SAN=1 builds everything with AddressSanitizer and UndefinedBehaviorSanitizer into
# build/san, so a sanitized and a plain build can live side by side.

CC ?= cc
PKGS = libmicrohttpd jansson sqlite3 libpq libsodium libical libcmark libzip libcurl xlsxwriter cairo \
	fontconfig
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lpthread -lm

WARN = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 \
       -Wno-format-nonliteral
CFLAGS ?= -O2 -g
CFLAGS += -std=c17 -D_GNU_SOURCE $(WARN) -Isrc $(PKG_CFLAGS) -MMD -MP
LDFLAGS ?=

ifeq ($(SAN),1)
BUILD = build/san
CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
else
BUILD = build/plain
endif

LIB_SRC := $(filter-out src/cli/main.c,$(wildcard src/*/*.c))
LIB_SRC += $(wildcard src/app/mail/*.c src/app/access/*.c)
ASSETS := $(sort $(wildcard src/web/assets/*))
GEN_ASSETS := $(BUILD)/gen/assets.c
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/assets.o
MAIN_OBJ := $(BUILD)/src/cli/main.o
LIB := $(BUILD)/libcapnet.a

TEST_SRC := $(wildcard tests/unit/*/*_test.c)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all check demo deps test-deps clean fuzz fuzz-build bench format

all: capnet

# ./capnet is always the plain build; the sanitized binary stays in build/san.
ifeq ($(SAN),1)
capnet: $(BUILD)/capnet
else
capnet: $(BUILD)/capnet
	cp -f $(BUILD)/capnet capnet
endif

$(BUILD)/capnet: $(MAIN_OBJ) $(LIB)
	@echo "  LD $@"
	@$(CC) $(LDFLAGS) -o $@ $(MAIN_OBJ) $(LIB) $(PKG_LIBS)

$(LIB): $(LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $(LIB_OBJ)

$(GEN_ASSETS): scripts/embed $(ASSETS)
	@mkdir -p $(dir $@)
	@echo "  EMBED $(ASSETS)"
	@scripts/embed $@ $(ASSETS)

$(BUILD)/gen/assets.o: $(GEN_ASSETS)
	@$(CC) $(CFLAGS) -Wno-missing-prototypes -c -o $@ $<

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"
	@$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(dir $@)
	@echo "  TEST $<"
	@$(CC) $(CFLAGS) -Itests -o $@ $< $(LIB) $(PKG_LIBS) -lcmocka $(LDFLAGS)

deps:
	scripts/deps run

test-deps:
	scripts/deps test

tests: $(BUILD)/capnet $(TEST_BIN)

check: test-deps
	$(MAKE) tests
	CAPNET_BIN=$(abspath $(BUILD)/capnet) CAPNET_BUILD=$(abspath $(BUILD)) SAN=$(SAN) \
		tests/run

demo: deps
	$(MAKE) capnet
	./capnet demo --if-empty --db sqlite:capnet.db
	./capnet serve --db sqlite:capnet.db --listen 127.0.0.1:8080

# libFuzzer targets: one per parser of outside input.
FUZZ_SRC := $(wildcard tests/fuzz/*_fuzz.c)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)
FUZZ_CFLAGS = -std=c17 -D_GNU_SOURCE -g -O1 -Isrc $(PKG_CFLAGS) -MMD -MP \
	-fsanitize=fuzzer,address,undefined
# The library once, instrumented; the command line (src/cli) is not fuzzed.
FUZZ_LIB_SRC := $(filter-out src/cli/%,$(LIB_SRC)) $(GEN_ASSETS)
FUZZ_LIB_OBJ := $(FUZZ_LIB_SRC:%.c=build/fuzz/obj/%.o)

build/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@clang $(FUZZ_CFLAGS) -c -o $@ $<

# Header changes rebuild the objects that include them (a stale object of an old
# struct layout crashes the targets).
-include $(FUZZ_LIB_OBJ:.o=.d)

build/fuzz/libcapnet.a: $(FUZZ_LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $(FUZZ_LIB_OBJ)

build/fuzz/%: tests/fuzz/%.c build/fuzz/libcapnet.a
	@mkdir -p build/fuzz
	clang $(FUZZ_CFLAGS) -o $@ $< build/fuzz/libcapnet.a $(PKG_LIBS)

fuzz-build: $(FUZZ_BIN)

fuzz: $(FUZZ_BIN)
	@for f in $(FUZZ_BIN); do \
		n=$$(basename $$f); mkdir -p build/fuzz/corpus-$$n; \
		echo "fuzzing $$n for $${FUZZ_SECONDS:-60}s"; \
		$$f -max_total_time=$${FUZZ_SECONDS:-60} build/fuzz/corpus-$$n \
			tests/fuzz/corpus/$${n%_fuzz} || exit 1; \
	done

# Benchmarks: each bench/*.c is a program linked with the library; bench/run runs them.
BENCH_SRC := $(wildcard bench/*.c)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)

$(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	@echo "  BENCH $<"
	@$(CC) $(CFLAGS) -o $@ $< $(LIB) $(PKG_LIBS) $(LDFLAGS)

bench: capnet $(BENCH_BIN)
	CAPNET_BUILD=$(abspath $(BUILD)) bench/run

format:
	clang-format -i $(wildcard src/*/*.c src/*/*.h)

clean:
	rm -rf build capnet

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d) $(TEST_BIN:=.d)
