#!/usr/bin/env python3
"""Generate the ChineseText stroke and pinyin tables (stdlib Python only).

Usage:  python3 scripts/gen_stroke_table.py            (run from the repository root)

Inputs (Debian packages, read from their installed paths; only this script needs them,
the build uses the committed output):
  rime-data-stroke  /usr/share/rime-data/stroke.dict.yaml            (LGPL-3, rime-stroke)
  unicode-data      /usr/share/unicode/Unihan_*.txt.bz2 (Unicode 15.0, Unicode License v3)

Outputs:
  Sources/ChineseText/Generated/StrokeData.swift   stroke sequences (5 classes)
  Sources/ChineseText/Generated/PinyinData.swift   Mandarin readings
  Tests/ChineseTextTests/Generated/TongyongGuifanCharacters.swift
                                                    the 8,105 characters of the 通用规范汉字表
                                                    (Unihan kTGH), used to test coverage

How a stroke sequence is chosen
-------------------------------
stroke.dict.yaml has two sections: first the CNS11643 stroke data (Taiwan glyphs: 阝 is
3 strokes, 辶 4, a 竖钩 is coded as 折), then, after the comment "The following entries
inherited from the original table ... for compatibility with Mainland China's standard
Hanzi glyph", the mainland codes of every character whose mainland code differs.  So where
a character has two codes the last one is the mainland form.  Checked against Unihan
kTotalStrokes (first value = mainland count): of the 8,105 characters, 4,134 have two codes;
for 1,152 of them the first code has the wrong mainland count and the last the right one.
The claim has exceptions, so the rule used here is:
  1. the last code whose length equals the mainland kTotalStrokes (坰: the mainland code
     has a stray extra stroke, the CNS code is right);
  2. otherwise the last code (the few characters where no code agrees with Unihan are
     listed in the generated file);
  3. CORRECTIONS below replace a code that is wrong although its count is right;
  4. a simplified Ext-B..F character missing from rime is derived from its traditional
     form (Unihan kTraditionalVariant) by replacing one simplifiable component at the
     start or end (糹→纟, 釒→钅, 馬→马, ...); accepted only if the length then equals
     kTotalStrokes;
  5. a 通用规范 character still without a sequence keeps its kTotalStrokes count only.

Stroke classes: h 横 (提 counts as 横), s 竖 (竖钩 counts as 竖 on the mainland),
p 撇, n 点 (捺 counts as 点), z 折 (every turning stroke).

Readings: Unihan kMandarin (first value: the customary mainland reading), else the first
kHanyuPinyin reading.
"""
import bz2
import collections
import os
import sys
import unicodedata

RIME = '/usr/share/rime-data/stroke.dict.yaml'
UNIHAN = '/usr/share/unicode'
URO_FIRST, URO_LAST = 0x4E00, 0x9FFF
CLASS_DIGIT = {'h': 1, 's': 2, 'p': 3, 'n': 4, 'z': 5}

# Codes in stroke.dict.yaml that are wrong although their stroke count is right.
CORRECTIONS = {
    # 宀 is 点 点 横钩 (nnz) as in 宁 安 宋 of the same table; 子 is zsh (mainland code of 子).
    # The table's mainland code nszzsh has a 竖 for the second 点.
    '字': 'nnzzsh',
    # 龟 = ⺈ (pz) + 电 (szhhz, mainland code of 电): the CNS code.  The table's mainland code
    # pzhzhhz has a 横 where 电's first 竖 stands.
    '龟': 'pzszhhz',
}

# Simplified component -> traditional component, for rule 4 (类推简化 of a side component).
SIMPLIFIED_COMPONENTS = [
    ('纟', '糹'), ('钅', '釒'), ('讠', '言'), ('饣', '飠'), ('贝', '貝'), ('鱼', '魚'),
    ('鸟', '鳥'), ('车', '車'), ('门', '門'), ('马', '馬'), ('页', '頁'), ('见', '見'),
    ('韦', '韋'), ('齿', '齒'), ('区', '區'), ('仑', '侖'), ('万', '萬'), ('东', '東'),
]

STROKE_SINGLE = 'abcde'            # a trailing odd stroke 1..5; also ends the entry
STROKE_PAIR = 'ABCDEFGHIJKLMNOPQRSTUVWXY'   # two strokes (a, b): index (a-1)*5 + (b-1)
STROKE_END = '.'                   # ends an entry of even length
STROKE_MISSING = '-'               # no data for this code point
B64 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/'
LINE = 100


def unihan(fname, fields):
    found = {f: {} for f in fields}
    with bz2.open(os.path.join(UNIHAN, fname), 'rt', encoding='utf-8') as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            cp, field, value = line.rstrip('\n').split('\t', 2)
            if field in found:
                found[field][chr(int(cp[2:], 16))] = value
    return found


def rime_codes():
    codes = collections.defaultdict(list)
    with open(RIME, encoding='utf-8') as f:
        lines = f.read().split('\n')
    body = lines[lines.index('...') + 1:]
    for line in body:
        if not line or line.startswith('#'):
            continue
        char, code = line.split('\t')
        if len(char) == 1 and code and set(code) <= set(CLASS_DIGIT):
            codes[char].append(code)
    return codes


def mainland_count(total_strokes):
    return int(total_strokes.split()[0]) if total_strokes else None


def choose(char, codes, counts, report):
    candidates = codes.get(char)
    if not candidates:
        return None
    expected = counts.get(char)
    chosen = None
    for code in reversed(candidates):
        if len(code) == expected:
            chosen = code
            break
    if chosen is None:
        chosen = candidates[-1]
        report['disagree'].append(char)
    if char in CORRECTIONS:
        fixed = CORRECTIONS[char]
        if fixed == chosen:
            sys.exit(f'correction for {char} is no longer needed: update CORRECTIONS')
        if len(fixed) != expected:
            sys.exit(f'correction for {char} disagrees with kTotalStrokes')
        chosen = fixed
    return chosen


def derive(char, traditional_of, sequences, counts):
    for variant in traditional_of.get(char, '').split():
        trad = chr(int(variant.split('<')[0][2:], 16))
        whole = sequences.get(trad)
        if not whole:
            continue
        for simple, full in SIMPLIFIED_COMPONENTS:
            full_seq, simple_seq = sequences.get(full), sequences.get(simple)
            if not full_seq or not simple_seq or whole.count(full_seq) != 1:
                continue
            if whole.startswith(full_seq):
                candidate = simple_seq + whole[len(full_seq):]
            elif whole.endswith(full_seq):
                candidate = whole[:-len(full_seq)] + simple_seq
            else:
                continue
            if len(candidate) == counts.get(char):
                return candidate, trad
    return None


def encode_strokes(code):
    digits = [CLASS_DIGIT[c] for c in code]
    out = []
    for i in range(0, len(digits) - 1, 2):
        out.append(STROKE_PAIR[(digits[i] - 1) * 5 + digits[i + 1] - 1])
    if len(digits) % 2:
        out.append(STROKE_SINGLE[digits[-1] - 1])
    else:
        out.append(STROKE_END)
    return ''.join(out)


def wrap(text):
    return '\n'.join(text[i:i + LINE] for i in range(0, len(text), LINE))


def parse_reading(reading):
    """'lǜ' -> ('lü', 4); 'de' -> ('de', 5)."""
    tone = 5
    letters = []
    for ch in unicodedata.normalize('NFD', reading):
        if ch == '\u0304':
            tone = 1
        elif ch == '\u0301':
            tone = 2
        elif ch == '\u030c':
            tone = 3
        elif ch == '\u0300':
            tone = 4
        else:
            letters.append(ch)
    return unicodedata.normalize('NFC', ''.join(letters)), tone


def syllable_order(syllable):
    # Dictionary order: ü sorts as u, then just after the matching u syllable (lu lü luan lüe).
    return (syllable.replace('ü', 'u').replace('ê', 'e'), syllable)


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    codes = rime_codes()
    counts = {c: mainland_count(v) for c, v in
              unihan('Unihan_IRGSources.txt.bz2', ['kTotalStrokes'])['kTotalStrokes'].items()}
    tgh = unihan('Unihan_OtherMappings.txt.bz2', ['kTGH'])['kTGH']
    readings = unihan('Unihan_Readings.txt.bz2', ['kMandarin', 'kHanyuPinyin'])
    traditional_of = unihan('Unihan_Variants.txt.bz2', ['kTraditionalVariant'])['kTraditionalVariant']

    report = {'disagree': []}
    sequences = {}
    for char in codes:
        chosen = choose(char, codes, counts, report)
        if chosen:
            sequences[char] = chosen

    covered = {chr(cp) for cp in range(URO_FIRST, URO_LAST + 1) if chr(cp) in sequences}
    covered |= {c for c in tgh if c in sequences}
    derived, count_only = {}, {}
    for char in sorted(tgh):
        if char in covered:
            continue
        result = derive(char, traditional_of, sequences, counts)
        if result:
            derived[char] = result
            sequences[char] = result[0]
            covered.add(char)
        else:
            count_only[char] = counts[char]

    # --- strokes ---------------------------------------------------------------------
    dense = []
    for cp in range(URO_FIRST, URO_LAST + 1):
        char = chr(cp)
        dense.append(encode_strokes(sequences[char]) if char in covered else STROKE_MISSING)
    extra_chars = sorted(c for c in covered if not URO_FIRST <= ord(c) <= URO_LAST)
    extra = [f'{ord(c):X}:{encode_strokes(sequences[c])}' for c in extra_chars]
    extra += [f'{ord(c):X}:#{n}' for c, n in sorted(count_only.items())]
    disagree = sorted(c for c in report['disagree'] if c in covered)
    tgh_full = sum(1 for c in tgh if c in covered)

    stroke_swift = f'''// GENERATED by scripts/gen_stroke_table.py: do not edit.
//
// Stroke sequences of Chinese characters in the mainland five-class order
// (1 横/提, 2 竖/竖钩, 3 撇, 4 点/捺, 5 折), chosen and checked as the script describes.
// Sources: rime-stroke stroke.dict.yaml (Debian rime-data-stroke {rime_version()}; LGPL-3;
//   © GONG Chen, Kunki Chiu, 雪齋, 四季的風; CNS11643 data and the mainland table of the
//   北大中文论坛 contributors), Unihan 15.0 kTotalStrokes / kTGH / kTraditionalVariant
//   (Debian unicode-data; Unicode License v3).
// Coverage: {len(covered)} characters: every CJK Unified Ideograph (U+4E00–U+9FFF) with rime
//   data and {tgh_full} of the 8,105 characters of the 通用规范汉字表 ({len(derived)} of them derived
//   from their traditional form); {len(count_only)} of the 8,105 have a stroke count only.
// Characters whose sequence length differs from Unihan's mainland count (kept as in rime):
//   {''.join(disagree)}

enum StrokeData {{
    /// One entry per code point U+4E00...U+9FFF in order; newlines are ignored.
    /// 'A'...'Y' = two strokes (a, b) as index (a-1)*5 + (b-1); 'a'...'e' = one last stroke
    /// (ends the entry); '.' ends an even-length entry; '-' = no data.
    static let unifiedIdeographs = """
{wrap(''.join(dense))}
"""

    /// Other characters, one per line: hex code point, ':', entry as above; or hex code
    /// point, ':#', stroke count when only the count is known.
    static let otherCharacters = """
{chr(10).join(extra)}
"""
}}
'''

    # --- pinyin ----------------------------------------------------------------------
    def reading_of(char):
        value = readings['kMandarin'].get(char)
        if value:
            return parse_reading(value.split()[0])
        value = readings['kHanyuPinyin'].get(char)
        if value:
            return parse_reading(value.split()[0].split(':')[1].split(',')[0])
        return None

    pinyin_chars = sorted(covered | set(tgh))
    parsed = {c: reading_of(c) for c in pinyin_chars}
    syllables = sorted({r[0] for r in parsed.values() if r}, key=syllable_order)
    index = {s: i for i, s in enumerate(syllables)}
    assert len(syllables) * 5 < 64 * 64 - 1

    def encode_reading(r):
        value = 64 * 64 - 1 if r is None else index[r[0]] * 5 + r[1] - 1
        return B64[value // 64] + B64[value % 64]

    dense_pinyin = ''.join(encode_reading(parsed.get(chr(cp))) for cp in range(URO_FIRST, URO_LAST + 1))
    extra_pinyin = [f'{ord(c):X}:{encode_reading(parsed[c])}' for c in pinyin_chars
                    if not URO_FIRST <= ord(c) <= URO_LAST and parsed[c]]
    with_reading = sum(1 for r in parsed.values() if r)
    pinyin_swift = f'''// GENERATED by scripts/gen_stroke_table.py: do not edit.
//
// Mandarin readings: Unihan 15.0 kMandarin (first value, the customary mainland reading),
// else the first kHanyuPinyin reading (Debian unicode-data; Unicode License v3).
// Coverage: {with_reading} characters (the same characters as StrokeData plus the 通用规范汉字表).

enum PinyinData {{
    /// Toneless syllables in dictionary order, separated by spaces (ü sorts just after u).
    static let syllables = "{' '.join(syllables)}"

    /// Two base-64 digits ({B64}) per code point U+4E00...U+9FFF:
    /// value = syllable index * 5 + tone - 1 (tone 5 = neutral); 4095 = no reading.
    /// Newlines are ignored.
    static let unifiedIdeographs = """
{wrap(dense_pinyin)}
"""

    /// Other characters, one per line: hex code point, ':', two base-64 digits as above.
    static let otherCharacters = """
{chr(10).join(extra_pinyin)}
"""
}}
'''

    tgh_sorted = sorted(tgh, key=lambda c: int(tgh[c].split(':')[1]))
    tgh_swift = f'''// GENERATED by scripts/gen_stroke_table.py: do not edit.
//
// The 8,105 characters of the 通用规范汉字表 (2013) in table order, from Unihan 15.0 kTGH
// (Debian unicode-data; Unicode License v3).  Newlines are ignored.

enum TongyongGuifanCharacters {{
    static let all = """
{wrap(''.join(tgh_sorted))}
"""
}}
'''

    outputs = {
        'Sources/ChineseText/Generated/StrokeData.swift': stroke_swift,
        'Sources/ChineseText/Generated/PinyinData.swift': pinyin_swift,
        'Tests/ChineseTextTests/Generated/TongyongGuifanCharacters.swift': tgh_swift,
    }
    for path, text in outputs.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, 'w', encoding='utf-8') as f:
            f.write(text)
        print(f'wrote {path} ({len(text.encode())} bytes)')
    print(f'strokes: {len(covered)} characters; 通用规范 {tgh_full}/8105 full '
          f'({len(derived)} derived), {len(count_only)} count only')
    print(f'no code agrees with kTotalStrokes: {"".join(disagree)}')
    print(f'derived: {" ".join(c + "←" + t for c, (s, t) in sorted(derived.items()))}')
    print(f'count only: {"".join(sorted(count_only))}')
    print(f'pinyin: {with_reading} characters, {len(syllables)} syllables')


def rime_version():
    try:
        with open('/usr/share/doc/rime-data-stroke/changelog.Debian.gz', 'rb') as f:
            import gzip
            first = gzip.decompress(f.read()).decode().split('\n')[0]
            return first.split('(')[1].split(')')[0]
    except (OSError, IndexError):
        return 'unknown version'


if __name__ == '__main__':
    main()
