#!/usr/bin/env bash
# Times incremental rebuilds on a generated corpus (default 10,000 pages):
# `unionpress build` with nothing changed, after a body edit, a title edit,
# an edit of the first paragraph (the summary), a date edit, a new tag and a new
# article, then body, title and date edits and new articles under `unionpress serve`
# (its own report).
# Each case runs 3 times; the corpus is copied to a scratch folder first.
#
#   scripts/bench-incremental.sh          # 10,000 pages
#   scripts/bench-incremental.sh 1000
#   BENCH_CACHE=/dev/shm/ssg-bench scripts/bench-incremental.sh   # corpus on tmpfs
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
CACHE=${BENCH_CACHE:-/tmp/ssg-bench}
swift build -c release --static-swift-stdlib --product unionpress >/dev/null
binary="$(swift build -c release --static-swift-stdlib --show-bin-path)/unionpress"
corpus="$CACHE/corpus-$N-s1"
if [ ! -d "$corpus/content" ]; then
  mkdir -p "$CACHE"
  python3 Benchmarks/compare/gen_corpus.py --pages "$N" --out "$corpus" --seed 1
fi
work=$(mktemp -d "$CACHE/incremental.XXXXXX")
trap 'kill "${serve_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r "$corpus/content" "$work/content"
cd "$work"
page=$(find content -name '*.md' ! -name '_index.md' | sort | sed -n '500p')
echo "== $N pages; the edited page: $page"

seconds() { local start end; start=$(date +%s%N); "$@" >/dev/null; end=$(date +%s%N); echo "scale=3; ($end - $start) / 1000000000" | bc; }
"$binary" build --quiet
echo "full build:      $(seconds "$binary" build --force --quiet) s"
for run in 1 2 3; do echo "nothing changed: $(seconds "$binary" build --quiet) s"; done
for run in 1 2 3; do
  echo "第${run}段新增的正文。" >> "$page"
  echo "body edit:       $(seconds "$binary" build --quiet) s"
done
for run in 1 2 3; do
  sed -i "s/^title: \(.*\)$/title: \1（${run}）/" "$page"
  echo "title edit:      $(seconds "$binary" build --quiet) s"
done
# The first paragraph is the page's summary (it sets none), shown in its lists.
first=$(( $(grep -n '^---$' "$page" | sed -n 2p | cut -d: -f1) + 2 ))
for run in 1 2 3; do
  sed -i "${first}s/^/新${run}/" "$page"
  echo "summary edit:    $(seconds "$binary" build --quiet) s"
done
# A date moves the page in its lists: the site is updated around it.
for run in 1 2 3; do
  sed -i "s/^date: .*$/date: 2021-06-0${run} 08:00/" "$page"
  echo "date edit:       $(seconds "$binary" build --quiet) s"
done
# A new tag makes a new tag page and changes the related pages: the same.
for run in 1 2 3; do
  sed -i "s/^tags:$/tags:\n  - 新标签${run}/" "$page"
  echo "tag edit:        $(seconds "$binary" build --quiet) s"
done
# A new article dated after every other (the usual new page): the site is read
# and assembled again, and its terms are patched into the search index.
for run in 1 2 3; do
  printf -- '---\ntitle: 新增的报道%s\ndate: 2026-11-2%s 09:00\ntags:\n  - 职工疗休养\n---\n新增报道的正文%s。\n' "$run" "$run" "$run" > "content/events/new-article-$run.md"
  echo "new article:     $(seconds "$binary" build --quiet) s"
done

# serve writes its output to a temporary folder: on the corpus's file system, like the builds above.
TMPDIR="$work" "$binary" serve --port 0 > serve.log 2>&1 &
serve_pid=$!
for _ in $(seq 1 600); do grep -q '^serving at' serve.log && break; sleep 0.5; done
for run in 1 2 3; do echo "serve 第${run}段。" >> "$page"; sleep 2; done
for run in 1 2 3; do sed -i "s/^title: \(.*\)$/title: \1（S${run}）/" "$page"; sleep 3; done
for run in 1 2 3; do sed -i "s/^date: .*$/date: 2021-07-0${run} 08:00/" "$page"; sleep 3; done
for run in 1 2 3; do
  printf -- '---\ntitle: 服务中新增的报道%s\ndate: 2026-11-2%s 10:00\ntags:\n  - 职工疗休养\n---\n新增报道的正文%s。\n' "$run" "$((run + 4))" "$run" > "content/events/serve-article-$run.md"
  sleep 3
done
echo "serve (3 body edits, 3 title edits, 3 date edits, then 3 new articles):"
grep -E '^(updated|built)' serve.log | sed 's/^/  /'
