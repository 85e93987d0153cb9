#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ and runs one of them for a while.
#
#   scripts/fuzz.sh build                  build every target into .build-fuzz/
#   scripts/fuzz.sh run TARGET [SECONDS]   build, then fuzz TARGET (default 600 s)
#   scripts/fuzz.sh replay TARGET FILE...  run TARGET once on each file (to reproduce a crash)
#
# TARGET is frontmatter, templates or page. SwiftPM cannot link a libFuzzer
# binary on Linux, so the script compiles the modules a target needs with
# swiftc directly, instrumented for coverage (-sanitize=fuzzer) and memory
# errors (-sanitize=address), and @testable so a target can reach internals.
# The corpus grows in .build-fuzz/corpus/TARGET, seeded from the repository
# (the sample site's pages, the default theme, the front matter spec cases)
# and Fuzz/corpus/TARGET; Fuzz/TARGET.dict gives libFuzzer the format's tokens.
# Crashing inputs land in .build-fuzz/crashes/TARGET/. Keep each crash as a
# regression test in Tests/<Module>Tests, not only here.
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=.build-fuzz
MODULES="$OUT/modules"
SWIFTC=${SWIFTC:-swiftc}
FLAGS=(-sanitize=fuzzer,address -parse-as-library -enable-testing -O -g -swift-version 6 -I "$MODULES")

# module name, then the modules it needs (in build order).
compile_module() {
    local name=$1
    local sources
    mapfile -t sources < <(find "Sources/$name" -name '*.swift' | sort)
    "$SWIFTC" "${FLAGS[@]}" -c -wmo -module-name "$name" \
        -emit-module -emit-module-path "$MODULES/$name.swiftmodule" \
        -o "$MODULES/$name.o" "${@:2}" "${sources[@]}"
}

build_modules() {
    mkdir -p "$MODULES"
    # C targets: cmark is a system library (module map only); CSystem is one C file.
    mkdir -p "$MODULES/CSystem"
    cp Sources/CSystem/include/CSystem.h "$MODULES/CSystem/"
    printf 'module CSystem {\n    header "CSystem.h"\n    export *\n}\n' > "$MODULES/CSystem/module.modulemap"
    clang -c -O1 -g -fsanitize=fuzzer-no-link,address -I Sources/CSystem/include -o "$MODULES/CSystem_c.o" Sources/CSystem/exchange.c
    compile_module Diagnostics
    compile_module FrontMatter
    compile_module Templates
    compile_module ChineseText
    compile_module SiteModel
    compile_module Markdown -I Sources/CCmark
    compile_module SiteBuilder -I Sources/CCmark -I "$MODULES/CSystem"
}

# target name → the target file and the objects it links.
link_target() {
    local target=$1 file objects
    case "$target" in
        frontmatter) file=Fuzz/FrontMatterTarget.swift; objects=(Diagnostics FrontMatter) ;;
        templates) file=Fuzz/TemplatesTarget.swift; objects=(Diagnostics Templates) ;;
        page) file=Fuzz/PagePipelineTarget.swift
              objects=(Diagnostics FrontMatter Templates ChineseText SiteModel Markdown SiteBuilder CSystem_c) ;;
        *) echo "unknown target $target (frontmatter, templates, page)" >&2; exit 2 ;;
    esac
    local paths=()
    for object in "${objects[@]}"; do paths+=("$MODULES/$object.o"); done
    "$SWIFTC" "${FLAGS[@]}" -I Sources/CCmark -I "$MODULES/CSystem" -module-name "Fuzz_$target" \
        "$file" "${paths[@]}" -lcmark -o "$OUT/fuzz-$target" 2> >(grep -v "Cannot export local symbol" >&2)
}

# Copies the repository's own examples of the target's input into the corpus.
seed_corpus() {
    local target=$1 corpus="$OUT/corpus/$1"
    mkdir -p "$corpus"
    case "$target" in
        frontmatter)
            find content -name '*.md' -o -name '*.yml' | while read -r file; do cp "$file" "$corpus/seed-${file//\//_}"; done
            python3 - "$corpus" <<'PY'
import json, sys
cases = json.load(open("Tests/FrontMatterTests/Fixtures/frontmatter-cases.json"))
for group in ("valid", "invalid"):
    for number, case in enumerate(cases[group]):
        with open(f"{sys.argv[1]}/seed-{group}-{number}", "w", encoding="utf-8") as out:
            out.write(case["document"])
PY
            ;;
        templates)
            find templates -name '*.html' | while read -r file; do cp "$file" "$corpus/seed-${file//\//_}"; done ;;
        page)
            find content -name '*.md' ! -name '_index.md' | while read -r file; do cp "$file" "$corpus/seed-${file//\//_}"; done ;;
    esac
    if [ -d "Fuzz/corpus/$target" ]; then cp Fuzz/corpus/"$target"/* "$corpus/" 2>/dev/null || true; fi
}

build_all() {
    build_modules
    local name
    for name in frontmatter templates page; do link_target "$name"; done
}

case "${1:-}" in
    build)
        build_all
        ;;
    run)
        target=${2:?target name}
        seconds=${3:-600}
        build_all
        mkdir -p "$OUT/crashes/$target"
        seed_corpus "$target"
        dictionary=()
        if [ -f "Fuzz/$target.dict" ]; then dictionary=(-dict="Fuzz/$target.dict"); fi
        # detect_leaks=0: the targets build values, not manual memory; Swift runtime caches look like leaks.
        # SWIFT_BACKTRACE off: the Swift backtracer and ASan's report fight over a crashing process.
        SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$OUT/fuzz-$target" "${dictionary[@]}" \
            -max_total_time="$seconds" -timeout=10 -rss_limit_mb=3072 -max_len=65536 -print_final_stats=1 \
            -artifact_prefix="$OUT/crashes/$target/" "$OUT/corpus/$target"
        ;;
    replay)
        target=${2:?target name}
        shift 2
        [ -x "$OUT/fuzz-$target" ] || build_all
        SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$OUT/fuzz-$target" "$@"
        ;;
    *)
        sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
        exit 2
        ;;
esac
