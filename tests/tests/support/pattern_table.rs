//! Every construct of the `java.util.regex.Pattern` dialect (JDK 17), with inputs that
//! Java's `Matcher.find()` accepts and refuses. Written from the `Pattern` documentation;
//! `pattern_java.rs` checks every row against Java itself, and `pattern_constructs.rs`
//! against the generated checks, in each engine a pattern can take.

/// One construct: a pattern, inputs it matches, inputs it does not.
pub struct Row {
    pub pattern: &'static str,
    pub matches: &'static [&'static str],
    pub rejects: &'static [&'static str],
}

const fn row(pattern: &'static str, matches: &'static [&'static str], rejects: &'static [&'static str]) -> Row {
    Row { pattern, matches, rejects }
}

pub const TABLE: &[Row] = &[
    // Escapes.
    row(r"^\0101$", &["A"], &["\u{8}1", "0101"]),
    row(r"^\07$", &["\u{7}"], &["7"]),
    row(r"^\017$", &["\u{F}"], &["\u{1}7"]),
    row(r"^\0377$", &["\u{FF}"], &["\u{1F}7"]),
    row(r"^\0400$", &[" 0"], &["\u{100}"]),
    row(r"^\x41\x7e$", &["A~"], &["x41"]),
    row(r"^\x{1F600}\x{41}$", &["😀A"], &["x"]),
    row(r"^\u00e9\u0041$", &["éA"], &["e\u{301}A"]),
    row(r"^\uD83D\uDE00$", &["😀"], &["\u{FFFD}"]),
    row(r"^\t\n\r\f\a\e$", &["\t\n\r\u{C}\u{7}\u{1B}"], &["tnrfae"]),
    row(r"^\cA\c[\c?$", &["\u{1}\u{1B}\u{7F}"], &["cA"]),
    row(r"^\Qa.b*\E+$", &["a.b**", "a.b*"], &["axb*", "a.bb"]),
    row(r"^[\Q]-\E]+$", &["]-]"], &["a"]),
    row(r"^\Q(?x)$", &["(?x)$"], &["x"]),
    row(r"^\_\:\-\é\$$", &["_:-é$"], &["_:-e$"]),
    // Properties: general categories and their groups.
    row(r"^\p{Lu}\p{Ll}\p{Nd}$", &["Aa1", "Éé٣"], &["aA1", "Aa_"]),
    row(r"^\pL\PL$", &["a1", "ж-"], &["ab", "1a"]),
    row(r"^\p{IsLu}\p{gc=Ll}\p{general_category=Lt}$", &["Aaǅ"], &["AaA"]),
    row(r"^\p{LC}+$", &["aAǅ"], &["ʰ", "1"]),
    row(r"^\p{LD}+$", &["a٣1"], &["_", "-"]),
    row(r"^\p{L1}+$", &["aÿ\u{0}"], &["Ā"]),
    row(r"^\p{C}$", &["\u{378}", "\u{1}", "\u{AD}"], &["a"]),
    row(r"^\p{Cn}$", &["\u{378}"], &["a", "\u{1}"]),
    row(r"^\p{Z}\p{Zs}$", &["\u{2028} "], &["  a"]),
    row(r"^\p{P}\p{S}\p{M}$", &["!+\u{301}"], &["a+\u{301}"]),
    // Scripts and blocks, in every spelling.
    row(r"^\p{IsLatin}\p{script=Greek}\p{sc=Cyrl}\p{IsHan}$", &["aαж中"], &["aaжж"]),
    row(r"^\p{InGreek}\p{block=BasicLatin}\p{blk=Basic Latin}\p{InBASIC_LATIN}$", &["αaaa", "\u{378}a~a"], &["aaaa"]),
    row(r"^\p{InCJK_Unified_Ideographs}\P{InBasicLatin}$", &["中é"], &["中a"]),
    // Binary properties.
    row(r"^\p{IsAlphabetic}\p{IsIdeographic}\p{IsWhite_Space}\p{IsWhiteSpace}$", &["é中\u{85} "], &["1中  "]),
    row(r"^\p{IsLowercase}\p{IsUppercase}\p{IsTitlecase}\p{IsPunctuation}$", &["ʰAǅ!"], &["AAǅ!"]),
    row(r"^\p{IsDigit}\p{IsLetter}\p{IsControl}\p{IsHex_Digit}$", &["٣a\u{1}F"], &["3a\u{1}G"]),
    row(r"^\p{IsJoin_Control}\p{IsNoncharacter_Code_Point}\p{IsAssigned}$", &["\u{200D}\u{FDD0}a"], &["\u{200D}\u{FDD0}\u{378}"]),
    row(r"^\p{IsWord}\p{IsAlnum}\p{IsBlank}\p{IsGraph}\p{IsPrint}$", &["\u{301}٣\t!a"], &["-٣\t!a"]),
    // POSIX classes: ASCII, or Unicode under (?U).
    row(r"^\p{Lower}\p{Upper}\p{Alpha}\p{Digit}\p{Alnum}$", &["aBc1z"], &["éBc1z", "aBc٣z"]),
    row(r"^\p{Punct}\p{Graph}\p{Print}\p{Blank}\p{Cntrl}\p{XDigit}\p{Space}$", &["!~ \t\u{7F}f\u{B}"], &["a~ \t\u{7F}f\u{B}"]),
    row(r"^\p{ASCII}+\P{ASCII}$", &["a~é"], &["abc"]),
    row(r"^(?U)\p{Alpha}\p{Digit}\w$", &["é٣\u{301}"], &["-٣a"]),
    // The java… properties.
    row(r"^\p{javaLowerCase}\p{javaUpperCase}\p{javaTitleCase}\p{javaDigit}$", &["ʰAǅ٣"], &["aaǅ٣"]),
    row(r"^\p{javaLetter}\p{javaLetterOrDigit}\p{javaAlphabetic}\p{javaIdeographic}$", &["a1Ⅰ中"], &["11Ⅰ中"]),
    row(r"^\p{javaJavaIdentifierStart}\p{javaJavaIdentifierPart}$", &["$\u{301}", "_1"], &["1a"]),
    row(r"^\p{javaUnicodeIdentifierStart}\p{javaUnicodeIdentifierPart}$", &["a_", "\u{2118}1"], &["_a", "$a"]),
    row(r"^\p{javaIdentifierIgnorable}\p{javaSpaceChar}\p{javaWhitespace}\p{javaISOControl}$", &["\u{0}\u{A0}\u{1C}\u{9F}"], &["\u{0}\u{A0}\u{A0}\u{9F}"]),
    row(r"^\p{javaDefined}\p{javaMirrored}$", &["a(", "a«"], &["\u{378}(", "aa"]),
    // Classes: unions, nesting, intersection, ranges with escapes, `]` first.
    row(r"^[a-c[x-z]]+$", &["abzx"], &["m"]),
    row(r"^[^a[b]]$", &["c"], &["a", "b"]),
    row(r"^[a-z&&[def]]$", &["d"], &["a", "g"]),
    row(r"^[a-z&&[^bc]]$", &["a", "z"], &["b", "c"]),
    row(r"^[abc&&b-c[x]]$", &["b", "c"], &["a", "x"]),
    row(r"^[&&a]$", &["a"], &["&"]),
    row(r"^[\x41-\x{5A}\u0061-z]+$", &["AZaz"], &["@"]),
    row(r"^[\d-z]+$", &["5-z"], &["a"]),
    row(r"^[a-]$", &["-", "a"], &["b"]),
    row(r"^[]a]$", &["]", "a"], &["b"]),
    row(r"^[^]a]$", &["b"], &["]", "a"]),
    row(r"^[\w&&\D]+$", &["a_"], &["1"]),
    // Quantifiers.
    row(r"^a{2}b{1,}c{1,2}d?e*f+$", &["aabccdf", "aabcff"], &["abcf", "aabcccf"]),
    row(r"^(a+?)(a*?)b$", &["aab"], &["b"]),
    row(r"^a*+a$", &[], &["aaa", "a"]),
    row(r"^a++b$", &["aab"], &["b"]),
    row(r"^(?:ab|a)?+b$", &["abb", "b"], &["ab"]),
    row(r"^a{1,3}+a$", &["aaaa"], &["aaa"]),
    row(r"^a{2}{3}$", &["aa"], &["aaaaaa", "aa{3}"]),
    row(r"^a*{2}$", &["aaa", ""], &["a{2}"]),
    row(r"^{1}x$", &["x"], &["{1}x"]),
    // Groups.
    row(r"^(?<year>\d{4})-\k<year>$", &["2020-2020"], &["2020-2021"]),
    row(r"^(?>a|ab)c$", &["ac"], &["abc"]),
    row(r"^(?=.*\d)(?!.*-)\w+$", &["a1"], &["ab", "a-1"]),
    row(r"(?<=a)b", &["ab"], &["b", "cb"]),
    row(r"(?<!a)b", &["b", "cb"], &["ab"]),
    row(r"(?<=a+)b", &["aab"], &["b"]),
    row(r"^(a)?\1$", &["aa"], &["", "a"]),
    row(r"^(?:(a)|b)*\1$", &["aba"], &["ab", "b"]),
    row(r"^(a)|\1b$", &["a"], &["b"]),
    row(r"^(a)(b)?+(c)\3\2\1$", &["abccba"], &["abccab"]),
    // Inline flags and their scopes.
    row(r"^(?i)abc$", &["aBC"], &["ab"]),
    row(r"^(?i)[k-l]$", &["K"], &["\u{212A}"]),
    row(r"^(?iu)k$", &["K", "\u{212A}"], &["x"]),
    row(r"^(?iu)[ſ]$", &["s", "S"], &["x"]),
    row(r"^a(?i)b|c$", &["aB", "C"], &["Ab"]),
    row(r"^(?i:a)b$", &["Ab"], &["AB"]),
    row(r"^((?i)a)b$", &["Ab"], &["AB"]),
    row(r"^(a)(?i)\1$", &["aA"], &["ab"]),
    row(r"^(?s).$", &["\n"], &["ab"]),
    row(r"(?m)^b$", &["a\nb\nc", "a\r\nb\r\n", "a\u{2028}b"], &["ab", "a\nbc"]),
    row(r"(?m)^$", &["a\n\nb"], &["", "a\n"]),
    row(r"(?d)^.$", &["\r"], &["\n"]),
    row(r"(?d)a$", &["a\n"], &["a\r"]),
    row(r"(?dm)^b", &["a\nb"], &["a\rb"]),
    row(r"(?x) a b # comment
        c \# [ d]", &["abc#d"], &["a b c#d"]),
    row(r"(?x)a\ b{1, 2}", &["a b"], &["ab"]),
    row(r"^(?U)\w\d\s$", &["é٣\u{A0}"], &["-٣\u{A0}"]),
    row(r"^(?-i:a)(?i-s:b.)$", &["aBc"], &["Abc", "aB\n"]),
    // Boundaries and line breaks.
    row(r"\bé", &["é", " é"], &["aé", "1é"]),
    row(r"a\b", &["a", "a "], &["a\u{301}", "ab"]),
    row(r"\Ba", &["ba"], &["a", " a"]),
    row(r"\Aa", &["ab"], &["ba"]),
    row(r"\Ga", &["ab"], &["ba"]),
    row(r"a\z", &["ba"], &["a\n"]),
    row(r"a\Z", &["a", "a\n", "a\r\n"], &["a\n\n", "ab"]),
    row(r"^a$", &["a", "a\n", "a\r\n", "a\r", "a\u{85}", "a\u{2028}", "a\u{2029}"], &["a\n\n", "\na", "ab"]),
    row("^a\r$", &["a\r"], &["a\r\n"]),
    row(r"^\R$", &["\r\n", "\n", "\u{B}", "\u{85}", "\r\r"], &["\r\ra", "a"]),
    row(r"^\R\n$", &["\r\n"], &["\n"]),
    row(r"^\h+\H$", &[" \t\u{A0}\u{180E}\u{3000}a"], &["\n "]),
    row(r"^\v\V$", &["\u{B}a", "\u{85}a", "\u{2028}a"], &["\u{B}\n", " a"]),
    row(r"^\X$", &["e\u{301}", "\r\n", "👨\u{200D}👩", "🇫🇷", "각"], &["ab", "\r\ra"]),
    row(r"^\X\X$", &["ab", "e\u{301}x"], &["e\u{301}"]),
    // Where Java and ECMA-262 read the same text differently.
    row(r"^.+$", &["a\u{2028}"], &["a\u{85}b", "a\rb"]),
    row(r"^\s+$", &[" \t\u{B}\u{C}"], &["\u{A0}", "\u{2028}", "\u{FEFF}"]),
    row(r"^\S+$", &["\u{A0}\u{FEFF}"], &[" ", "\u{B}"]),
    row(r"^\w+$", &["a_1"], &["é", "٣"]),
    row(r"^\W$", &["é", "-"], &["a"]),
    row(r"^\v$", &["\u{85}"], &["a"]),
];
