# quire: build, run, test. See README.md.
# `make` builds build/quire; `make run` installs Debian packages, builds and exports archive/;
# `make check` runs every test; `make bench` prints speed and memory figures.

BUILD    ?= build
CC       ?= cc
PREFIX   ?= /usr/local
DESTDIR  ?=
PKGS      = libzip libcmark yaml-0.1 libxml-2.0 cairo cairo-pdf pango pangocairo pangoft2 \
            fontconfig harfbuzz harfbuzz-subset fribidi json-c libjpeg libturbojpeg libpng libwebp \
            libwebpdemux nettle zlib libqpdf libbrotlidec icu-i18n icu-uc
CFLAGS   ?= -O2 -g
CFLAGS   += -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Wshadow \
            -Wno-unused-parameter -Wswitch-enum
CPPFLAGS += $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -DQUIRE_DATADIR='"$(CURDIR)"'
LDLIBS   += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhyphen -lgif -lm -lpthread

# Every object but main.o; the unit tests link against these.
OBJS = \
	util.o \
	msg.o \
	date.o \
	l10n.o \
	doc.o \
	yamlmap.o \
	archive.o \
	bodystore.o \
	archive_files.o \
	archive_digest.o \
	archive_web.o \
	warc.o \
	url.o \
	read.o \
	read_md.o \
	read_html.o \
	read_html_meta.o \
	read_html_lazy.o \
	read_html_clean.o \
	read_html_extract.o \
	read_html_convert.o \
	read_html_tidy.o \
	read_text.o \
	read_text_lines.o \
	read_text_header.o \
	read_text_blocks.o \
	pass.o \
	script.o \
	dump.o \
	style.o \
	toc.o \
	export.o \
	workers.o \
	colophon.o \
	lint.o \
	manifest.o \
	outfile.o \
	progress.o \
	image.o \
	image_jpeg.o \
	image_jpeg_codec.o \
	image_png.o \
	image_gif.o \
	image_webp.o \
	image_scale.o \
	epub.o \
	epub_xhtml.o \
	epub_nav.o \
	epub_opf.o \
	epub_css.o \
	epub_fonts.o \
	epub_cover.o \
	epub_photos.o \
	xml.o \
	pdf.o \
	pdf_body.o \
	pdf_inline.o \
	pdf_page.o \
	pdf_front.o \
	pdf_finish.o \
	pdf_cover.o \
	cover.o \
	impose.o \
	booklet.o \
	pdf_layout.o \
	pdf_layout_cols.o \
	pdf_draw.o \
	pdf_flow.o \
	pdf_ops.o \
	pdf_glyphs.o \
	pdf_set.o \
	linebreak.o \
	fonts.o \
	hyph.o
OBJS := $(addprefix $(BUILD)/,$(OBJS))

# The unit tests' own libraries: test_image reads EXIF back with libexif, a reader apart from
# quire's own hand-written one, to check what quire wrote.
TEST_PKGS  = cmocka libexif
UNIT_TESTS = test_date test_l10n test_util test_doc test_image test_layout test_linebreak test_set \
             test_hyph test_impose test_style test_script test_cover test_workers
UNIT_BINS  = $(addprefix $(BUILD)/tests/,$(UNIT_TESTS))

.PHONY: all run check deps test-deps bench bench-hostile clean regress-update score-html sanitize tsan bench-typst \
        install fuzz fuzz-bins

all: $(BUILD)/quire

$(BUILD)/quire: $(OBJS) $(BUILD)/main.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: src/%.c src/*.h | $(BUILD)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD) $(BUILD)/tests:
	mkdir -p $@

$(BUILD)/tests/%: tests/unit/%.c $(OBJS) | $(BUILD)/tests
	$(CC) $(CPPFLAGS) $(shell pkg-config --cflags $(TEST_PKGS) 2>/dev/null) $(CFLAGS) -Isrc -o $@ $< \
		$(OBJS) $(LDLIBS) $(shell pkg-config --libs $(TEST_PKGS) 2>/dev/null)

# The HTML reader's score on the shared corpora of saved web pages (bench/README.md): json-c,
# zlib for the benchmark's gzipped pages, GLib's Unicode tables for its tokens.
SCORE_PKGS = json-c zlib glib-2.0
$(BUILD)/score_html: bench/score_html.c bench/score_bench.c bench/score.h $(OBJS)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Isrc $(shell pkg-config --cflags $(SCORE_PKGS) 2>/dev/null) -o $@ \
		bench/score_html.c bench/score_bench.c $(OBJS) $(LDLIBS) \
		$(shell pkg-config --libs $(SCORE_PKGS) 2>/dev/null)

# The yardstick for the PDF writer's speed: a bare Pango/Cairo pagination loop (bench/README.md).
$(BUILD)/bare_pdf: bench/bare_pdf.c $(OBJS)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Isrc -o $@ $< $(OBJS) $(LDLIBS)

score-html: test-deps
	$(MAKE) $(BUILD)/score_html
	sh bench/score-html.sh $(BUILD)

# Installs the Debian packages in .ci/packages that are missing (as root).
deps:
	@sh .ci/install .ci/packages

# Ace by DAISY, the EPUB accessibility checker, installed with npm outside the tree.
ACE_DIR     ?= $(HOME)/.cache/quire-ace
ACE_VERSION  = 1.4.6

test-deps: deps
	@sh .ci/install .ci/packages-test
	@command -v npm >/dev/null 2>&1 || sh .ci/install .ci/packages-npm
	@sh .ci/install-ace $(ACE_DIR) $(ACE_VERSION)
	@locale -a | grep -qix de_DE.utf8 || localedef -i de_DE -f UTF-8 de_DE.UTF-8

run: deps
	$(MAKE) all
	mkdir -p out
	$(BUILD)/quire archive -o out/archive.epub -o out/archive.pdf

# $(BUILD)/epubchecked: the SHA-256 of every EPUB that passed epubcheck in this run.
check: test-deps
	$(MAKE) all $(UNIT_BINS) $(BUILD)/score_html
	rm -f $(BUILD)/epubchecked
	QUIRE_ACE=$(ACE_DIR)/node_modules/.bin/ace-puppeteer QUIRE_EPUBCHECKED=$(BUILD)/epubchecked \
		sh tests/run.sh $(BUILD)

# The whole suite again, unit tests and the HTML corpus included, with AddressSanitizer and
# UndefinedBehaviorSanitizer (valgrind skipped). An EPUB byte-identical to one that passed
# epubcheck in the last `make check` here (build/epubchecked) is not validated twice.
SAN_BUILD = build-asan
SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer
sanitize: test-deps
	$(MAKE) BUILD=$(SAN_BUILD) CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" all \
		$(addprefix $(SAN_BUILD)/tests/,$(UNIT_TESTS)) $(SAN_BUILD)/score_html
	ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		QUIRE_NO_VALGRIND=1 QUIRE_MEM_FACTOR=10 QUIRE_EPUBCHECKED_BEFORE=$(BUILD)/epubchecked \
		sh tests/run.sh $(SAN_BUILD)

# ThreadSanitizer: quire built in build-tsan and the sample and a 200-article archive exported
# with 2 and 7 threads (tests/tsan.sh); suppressions, each justified, in tests/tsan.supp.
tsan: test-deps
	$(MAKE) BUILD=build-tsan CFLAGS="-O1 -g -fsanitize=thread -fno-omit-frame-pointer" \
		LDFLAGS="-fsanitize=thread" all
	sh tests/tsan.sh build-tsan

# libFuzzer targets (tests/fuzz/, README.md's Tests): every object again with clang, the fuzzer's
# coverage and ASan/UBSan in build-fuzz/, each target run FUZZ_SECONDS on a copy of its seeds
# (FUZZ_ONLY="fuzz_md ...": only those targets; the others' rows in tests/fuzz/results.txt stay;
# FUZZ_JOBS, FUZZ_TIMEOUT: see tests/fuzz/run.sh).
FUZZ_SECONDS ?= 10
FUZZ_ONLY    ?=
FUZZ_TARGETS  = fuzz_md fuzz_html fuzz_text fuzz_yaml fuzz_style fuzz_image_probe \
                fuzz_image_decode fuzz_image_epub fuzz_warc
FUZZ_CFLAGS   = -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
                -fno-sanitize-recover=undefined
FUZZ_BINS     = $(addprefix $(BUILD)/,$(FUZZ_TARGETS))

fuzz: test-deps
	CFLAGS="$(FUZZ_CFLAGS)" $(MAKE) BUILD=build-fuzz CC=clang fuzz-bins
	sh tests/fuzz/run.sh build-fuzz $(FUZZ_SECONDS) $(FUZZ_ONLY)

fuzz-bins: $(FUZZ_BINS)

$(BUILD)/fuzz.o: tests/fuzz/fuzz.c tests/fuzz/fuzz.h src/*.h | $(BUILD)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Isrc -c -o $@ $<

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(BUILD)/fuzz.o $(OBJS)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Isrc -fsanitize=fuzzer -o $@ $< $(BUILD)/fuzz.o $(OBJS) $(LDLIBS)

bench: test-deps
	$(MAKE) all $(BUILD)/bare_pdf
	BIG=$(BIG) sh bench/run.sh $(BUILD)

# Typst 0.14 for make bench's comparison (npm, into /opt/quire-bench; needs network).
bench-typst:
	mkdir -p /opt/quire-bench && cd /opt/quire-bench && \
		npm install @myriaddreamin/typst-ts-node-compiler

# The hostile sizes (a 30 MB article, 100,000 links, a 100 KB title, a 7 MB table): minutes.
bench-hostile: all
	sh bench/hostile.sh $(BUILD)

# Installs the binary, the styles, the labels, the fonts and the man page under $(DESTDIR)$(PREFIX). The
# binary finds its data as $(PREFIX)/share/quire beside $(PREFIX)/bin, wherever the tree is copied.
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/quire/styles \
		$(DESTDIR)$(PREFIX)/share/quire/lang \
		$(DESTDIR)$(PREFIX)/share/quire/fonts $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/quire $(DESTDIR)$(PREFIX)/bin/quire
	install -m 644 styles/*.yaml $(DESTDIR)$(PREFIX)/share/quire/styles/
	install -m 644 lang/labels.yaml $(DESTDIR)$(PREFIX)/share/quire/lang/
	install -m 644 fonts/*.ttf fonts/*.txt fonts/README.md $(DESTDIR)$(PREFIX)/share/quire/fonts/
	install -m 644 docs/quire.1 $(DESTDIR)$(PREFIX)/share/man/man1/quire.1

# Rewrites the regress expectations (all areas, or AREA=md|html|text); read the diff after.
regress-update: all
	sh tests/regress.sh $(BUILD) update $(AREA)

clean:
	rm -rf $(BUILD) out
