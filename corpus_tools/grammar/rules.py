"""Which rules find grammar and spelling errors? One small object per rule.

Each rule has a ``rule_id``, a ``category`` and one method,
``check(doc) -> Iterable[Finding]``, over a :class:`Document` (the text, its
sentences and tokens from :mod:`corpus_tools.segment`, and a
:class:`~corpus_tools.lexicon.Lexicon`). :class:`RuleChecker` runs a
list of rules; it is the default *backend* of
:func:`corpus_tools.grammar.grammar_errors`. Another backend (for example a
client for a LanguageTool server) only needs a ``check(text) ->
list[Finding]`` method.

The rules target the errors article spinners and hurried typing leave behind,
and each one prefers silence to a guess (see each class's docstring for what
it deliberately leaves alone):

* ``SPELLING_UNKNOWN_WORD`` (spelling): lower-case non-words
  (``departd`` -> ``departed``).
* ``SPELLING_RUN_TOGETHER`` (spelling): a function word glued to the next
  (``whoreportedly`` -> ``who reportedly``).
* ``SPELLING_COMMON_TYPO`` (spelling): typos frequent enough to be in word
  lists themselves (``th`` -> ``the``).
* ``VERB_FORM_AFTER_AUXILIARY`` (verb_form): base verb after *be*/*have*
  (``was reveal`` -> ``revealed``).
* ``VERB_FORM_COORDINATION`` (verb_form): base verb joined by *and* to a past
  verb (``said ... and instruct them`` -> ``instructed``).
* ``AGREEMENT_SINGULAR_SUBJECT`` (agreement): base verb after *he*/*she* or a
  titled name (``Mr Putin ... encourage`` -> ``encouraged``).
* ``ARTICLE_A_AN`` (article): ``a`` before a vowel sound, ``an`` before a
  consonant sound.
* ``REPEATED_WORD`` (repetition): doubled words (``the the``).
* ``QUOTE_REVERSED`` (punctuation): a closing mark that opens a quotation
  (``”Internal light”``).
* ``QUOTE_UNBALANCED`` (punctuation): a closing mark with nothing open, an
  opening mark never closed.
* ``SPACE_BEFORE_PUNCTUATION`` (spacing): ``word ,``.
* ``MISSING_SPACE_AFTER_PUNCTUATION`` (spacing): ``end.The``, ``word,word``.
* ``LOWERCASE_AFTER_FULL_STOP`` (punctuation): a sentence broken in the
  middle, as translation round trips leave it (``said. in a video address``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple, Protocol

from ..lexicon import Lexicon, default_lexicon
from ..segment import Span, Token, normalize_tokens, sentence_tokens

__all__ = [
    "Finding",
    "Document",
    "Rule",
    "Checker",
    "RuleChecker",
    "default_rules",
    "CATEGORIES",
    "RULE_IDS",
]

CATEGORIES = ("spelling", "verb_form", "agreement", "article", "repetition", "punctuation",
              "spacing")
"""Finding categories, in the order tables and charts show them."""

RULE_IDS = ("SPELLING_UNKNOWN_WORD", "SPELLING_RUN_TOGETHER", "SPELLING_COMMON_TYPO",
            "VERB_FORM_AFTER_AUXILIARY", "VERB_FORM_COORDINATION", "AGREEMENT_SINGULAR_SUBJECT",
            "ARTICLE_A_AN", "REPEATED_WORD", "QUOTE_REVERSED", "QUOTE_UNBALANCED",
            "SPACE_BEFORE_PUNCTUATION", "MISSING_SPACE_AFTER_PUNCTUATION",
            "LOWERCASE_AFTER_FULL_STOP")
"""Every ``rule_id`` the built-in rules report."""


class Finding(NamedTuple):
    """One flagged span: ``text[start:end]``, why, and what to write instead.

    ``suggestion`` is the replacement for the whole span (``None`` when there
    is none to offer).
    """

    start: int
    end: int
    rule_id: str
    category: str
    message: str
    suggestion: str | None


class Document:
    """What a rule sees: the text, its sentences with tokens, and word facts.

    Parameters
    ----------
    text : str
        The document.
    lexicon : Lexicon
        Lexical data shared by all rules.

    Attributes
    ----------
    sentences : list of (Span, list of Token)
        :func:`corpus_tools.segment.sentence_tokens` of ``text``.
    lower : list of list of str
        Every token of every sentence, :func:`corpus_tools.segment.normalize`-d
        (case-folded, straight apostrophes), parallel to ``sentences``.
    """

    def __init__(self, text: str, lexicon: Lexicon) -> None:
        self.text = text
        self.lexicon = lexicon
        self.sentences: list[tuple[Span, list[Token]]] = sentence_tokens(text)
        # every token normalised (segment.normalize: case-folded, straight apostrophes)
        self.lower: list[list[str]] = normalize_tokens(text, (toks for _, toks in
                                                              self.sentences))
        self._past_narrative: bool | None = None
        self._counts = None

    @property
    def past_narrative(self) -> bool:
        """True when past-tense verb forms outnumber present-tense markers.

        Past forms are every token lemminflect knows as a past tense
        (``said``, ``was``, ``visited``); present markers are ``is``, ``are``,
        ``has``, ``have``, ``says``, ``does``, ``am``. Computed on first use.
        """
        if self._past_narrative is None:
            past = present = 0
            is_past = self.lexicon.is_past
            for low in self.lower:
                for w in low:
                    if w in _PRESENT_MARKERS:
                        present += 1
                    elif w.isalpha() and is_past(w):
                        past += 1
            self._past_narrative = past >= present
        return self._past_narrative

    def count(self, word: str) -> int:
        """How often the lower-case token ``word`` occurs in the document."""
        if self._counts is None:
            from collections import Counter

            self._counts = Counter(w for low in self.lower for w in low)
        return self._counts[word]

    def in_quotation(self, pos: int) -> bool:
        """Whether ``pos`` lies inside a quotation opened earlier in its paragraph."""
        lo = self.text.rfind("\n", 0, pos) + 1
        seg = self.text[lo:pos]
        return seg.count("“") > seg.count("”") or seg.count('"') % 2 == 1


class Rule(Protocol):
    """A grammar rule: ``check(doc)`` yields :class:`Finding` objects."""

    rule_id: str
    category: str

    def check(self, doc: Document) -> Iterable[Finding]: ...


class Checker(Protocol):
    """A grammar-checking backend: findings for one text, offsets into it."""

    def check(self, text: str) -> list[Finding]: ...


_PRESENT_MARKERS = frozenset("is are has have says does am".split())
_ADVERBS = frozenset("""not never also already just recently previously now still all both
then often later first finally even only ever so too yet soon since n't""".split())
_AFTER_PASSIVE = frozenset("""by in on at during after over near outside inside . , ;""".split())
_CONJ = frozenset("""and but when because since as while after before although though where
until once so whereas""".split())
_TITLES = frozenset("mr mrs ms dr miss sir prof president".split())
_OBJECTS = frozenset("""them him her us me it the a an his their its our this these those
my your all""".split())
_COORD_BLOCK = frozenset("""to will would can could should must may might shall do does did
let make help 'll 'd n't they we you i and or is are am has have says 's""".split())
_SINGULAR_SUBJECTS = frozenset("he she it".split())
# Sentence openers after which "he"/"she" is not a subject followed by a finite verb
# ("Did he arrive?", "Should she resign?").
_INVERTED = frozenset("""do does did will would can could should shall may might must let make
help why how where what which whom whose""".split())


def _base_after(doc: Document, toks: Sequence[Token], low: Sequence[str], j: int,
                max_skip: int = 2, *, passive: bool = False) -> int | None:
    """Index of a lower-case unambiguous base verb at ``j`` (after skipping adverbs).

    With ``passive``, a noun/verb word whose usual tag is a verb (``kill``)
    right at ``j`` also counts when a preposition or the end of the clause
    follows it (``were kill in the attack``): a bare singular noun cannot
    stand there (but ``is all talk.`` can, so no adverb may come between).
    """
    n = len(toks)
    skipped = 0
    first = j
    while j < n and skipped < max_skip and (low[j] in _ADVERBS or (
            low[j].endswith("ly") and len(low[j]) > 4 and toks[j].kind == "word")):
        j += 1
        skipped += 1
    if j < n and toks[j].kind == "word" and toks[j].text.islower():
        if doc.lexicon.base_verb(low[j]) is not None:
            return j
        if passive and j == first and (j + 1 == n or low[j + 1] in _AFTER_PASSIVE) \
                and doc.lexicon.base_verb(low[j], noun_ok=True) is not None:
            return j
    return None


class VerbFormAfterAuxiliary:
    """A base-form verb right after a form of *be* or *have*.

    ``It was reveal`` -> ``revealed``, ``will be compare`` -> ``compared``,
    ``had depart`` -> ``departed``; up to two adverbs may come between
    (``was also reveal``). Only verbs that cannot be nouns or adjectives are
    considered (``was present``, ``have work`` are fine), except after *be*
    when the word is usually a verb and a preposition or the end of the
    clause follows (``were kill in the attack``; not after ``there``: ``there
    was help at hand``). Sentences with a *do* before the auxiliary are
    skipped (``all he did was complain``), as is a base-form verb before the
    auxiliary (``all I can say is bring back ...``).
    """

    rule_id = "VERB_FORM_AFTER_AUXILIARY"
    category = "verb_form"
    _BE = frozenset("be been being is was were are am".split())
    _HAVE = frozenset("has have had having".split())

    def check(self, doc: Document) -> Iterator[Finding]:
        for (_, toks), low in zip(doc.sentences, doc.lower):
            for i, w in enumerate(low):
                if w not in self._BE and w not in self._HAVE:
                    continue
                passive = w in self._BE and (i == 0 or low[i - 1] != "there")
                j = _base_after(doc, toks, low, i + 1, passive=passive)
                if j is None:
                    continue
                if any(x in ("do", "does", "did") for x in low[:i]):
                    continue
                if i and (low[i - 1] in ("say", "do", "want", "need", "mean") or
                          doc.lexicon.base_verb(low[i - 1]) is not None):
                    continue  # pseudo-cleft: "all I can say is bring back ..."
                t = toks[j]
                lex = doc.lexicon
                vbn = (lex.base_verb(low[j]) or lex.base_verb(low[j], noun_ok=True))[1]
                kind = "passive" if w in self._BE else "perfect"
                yield Finding(t.start, t.end, self.rule_id, self.category,
                              f"After ‘{toks[i].text}’ a {kind} needs the past participle "
                              f"‘{vbn}’, not the base form ‘{t.text}’.", vbn)


class VerbFormCoordination:
    """A base-form verb joined by *and* to an earlier past-tense verb.

    ``He said the situation was difficult and instruct them`` ->
    ``instructed``. The base verb must be followed by an object or
    determiner (``them``, ``the``...), the nearest finite verb before
    ``and`` must be in the past tense (an irregular form such as ``was``,
    ``said``, or an ``-ed`` form right after a singular subject; not
    ``were``, whose plural subject also takes a base-form present), and nothing that
    licenses a base form may come between (``to``, modals, *do*, *let*,
    *make*, *help*, plural subjects). Quotations are skipped.
    """

    rule_id = "VERB_FORM_COORDINATION"
    category = "verb_form"

    def check(self, doc: Document) -> Iterator[Finding]:
        lex = doc.lexicon
        for (_, toks), low in zip(doc.sentences, doc.lower):
            n = len(toks)
            for i in range(1, n - 2):
                if low[i] != "and":
                    continue
                j = i + 1
                if not (toks[j].kind == "word" and toks[j].text.islower()
                        and low[j + 1] in _OBJECTS):
                    continue
                forms = lex.base_verb(low[j])
                if forms is None:
                    continue
                past = None
                for k in range(i - 1, -1, -1):
                    w = low[k]
                    if w in _COORD_BLOCK:
                        break
                    if toks[k].kind == "word" and lex.is_past(w):
                        prev = low[k - 1] if k else ""
                        if w != "were" and (not w.endswith("ed") or prev in _SINGULAR_SUBJECTS
                                            or (k and toks[k - 1].text[:1].isupper())):
                            past = k
                        break
                if past is None or doc.in_quotation(toks[i].start):
                    continue
                t = toks[j]
                yield Finding(t.start, t.end, self.rule_id, self.category,
                              f"‘{t.text}’ is joined by ‘and’ to the past-tense "
                              f"‘{toks[past].text}’, so it needs the past tense too: "
                              f"‘{forms[0]}’.", forms[0])


class AgreementSingularSubject:
    """A base-form verb as the verb of *he*, *she* or a titled name.

    ``he arrive`` and ``Mr Putin, who arrive back ..., encourage the
    services`` -> ``arrived``/``encouraged`` in a past-tense story,
    ``arrives``/``encourages`` otherwise. The subject must stand where a
    subject stands (start of a sentence or clause, after ``,`` or a
    conjunction), so ``saw Mr Smith leave`` and ``demanded he resign`` are
    left alone; untitled names are skipped because British English gives
    teams and companies plural verbs (``Chelsea reclaim top spot``).
    """

    rule_id = "AGREEMENT_SINGULAR_SUBJECT"
    category = "agreement"

    def _finding(self, doc: Document, t: Token, subject: str) -> Finding:
        past, _, vbz = doc.lexicon.base_verb(t.text)
        fix = past if doc.past_narrative else vbz
        tense = "a past-tense story" if doc.past_narrative else "the present tense"
        return Finding(t.start, t.end, self.rule_id, self.category,
                       f"‘{t.text}’ does not agree with the singular subject ‘{subject}’ "
                       f"in {tense}: ‘{fix}’.", fix)

    @staticmethod
    def _subject_position(toks: Sequence[Token], low: Sequence[str], i: int) -> bool:
        """Whether token ``i`` can start a singular subject (not ``X and Mr Y``)."""
        if i == 0:
            return True
        p = toks[i - 1]
        if low[i - 1] in ("and", "or", "nor", "&"):
            # "he and she", "Mr Blair and Mr Brown": a plural subject
            before = toks[i - 2] if i >= 2 else None
            return before is None or (before.kind == "punct" and before.text in ".;:")
        if p.kind == "punct" and p.text == ",":
            # "Mr Afzal, Mr Islam and ...": a list, not a new clause
            return not (i >= 2 and toks[i - 2].kind == "word" and toks[i - 2].text[0].isupper()
                        and low[i] not in ("he", "she"))
        if i == 1 and p.kind == "word" and p.text[0].isupper() and low[0] not in _TITLES \
                and low[0] not in _INVERTED:
            return True  # "Yesterday he ...", "Later she ..."
        return (p.kind == "punct" and p.text in ";:(—–-") or low[i - 1] in _CONJ

    def check(self, doc: Document) -> Iterator[Finding]:
        for (_, toks), low in zip(doc.sentences, doc.lower):
            n = len(toks)
            i = 0
            while i < n:
                w = low[i]
                if w in ("he", "she") and self._subject_position(toks, low, i):
                    j = _base_after(doc, toks, low, i + 1)
                    if j is not None and not doc.in_quotation(toks[i].start):
                        yield self._finding(doc, toks[j], toks[i].text)
                    i += 1
                    continue
                if w in _TITLES and toks[i].text[0].isupper():
                    start = i
                    k = i + 1
                    if k < n and toks[k].text == ".":
                        k += 1
                    m = k
                    while m < n and toks[m].kind == "word" and toks[m].text[0].isupper():
                        m += 1
                    if m == k:
                        i += 1
                        continue
                    name = doc.text[toks[start].start:toks[m - 1].end]
                    if m < n and low[m] in ("and", "or", "&"):
                        i = m
                        continue
                    subj = self._subject_position(toks, low, start) \
                        and not doc.in_quotation(toks[start].start)
                    if m < n and low[m] == "," and m + 1 < n and low[m + 1] == "who":
                        j = _base_after(doc, toks, low, m + 2)
                        if j is not None:
                            yield self._finding(doc, toks[j], name)
                        close = next((c for c in range(m + 2, min(n, m + 30))
                                      if low[c] == ","), None)
                        if close is not None and subj:
                            j = _base_after(doc, toks, low, close + 1, max_skip=0)
                            if j is not None:
                                yield self._finding(doc, toks[j], name)
                    elif subj:
                        j = _base_after(doc, toks, low, m, max_skip=1)
                        if j is not None:
                            yield self._finding(doc, toks[j], name)
                    i = m
                    continue
                i += 1


def _number_vowel(num: str) -> bool | None:
    head = re.match(r"[\d,]*", num).group().rstrip(",")
    if not head:
        return None
    if head.startswith("8"):
        return True
    if re.fullmatch(r"1[18](,\d{3})*", head) or (len(head) == 4 and head[:2] in ("11", "18")):
        return True
    return False


class ArticleAAn:
    """``a`` before a vowel sound or ``an`` before a consonant sound.

    The sound comes from the CMU pronouncing dictionary (``an hour``,
    ``a university``, ``a one-off``), short acronyms are read as letters
    (``an MP``, ``a UN report``) and numbers as spoken (``an 18-year-old``,
    ``an 80%``). Words the dictionary does not know, ``an`` before *h*
    (``an historic``, accepted British usage), and a capital ``A`` after a
    word (``Plan A or B``) are skipped.
    """

    rule_id = "ARTICLE_A_AN"
    category = "article"

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for (_, toks), low in zip(doc.sentences, doc.lower):
            for i in range(len(toks) - 1):
                w = low[i]
                if w != "a" and w != "an":
                    continue
                t, nxt = toks[i], toks[i + 1]
                if t.text not in ("a", "an", "A", "An") or text[t.end:nxt.start] != " ":
                    continue
                if t.text == "A" and i and toks[i - 1].kind in ("word", "number"):
                    continue
                if nxt.kind == "number":
                    vowel = _number_vowel(nxt.text)
                elif nxt.kind == "word" and nxt.text[0].isalpha() and len(nxt.text) > 1 \
                        and low[i + 1] not in _FUNCTION_WORDS:
                    vowel = doc.lexicon.starts_with_vowel_sound(nxt.text)
                else:
                    continue
                if vowel is None:
                    continue
                if w == "a" and vowel:
                    fix = "An" if t.text[0].isupper() else "an"
                elif w == "an" and not vowel and nxt.text[0].lower() != "h":
                    fix = "A" if t.text[0].isupper() else "a"
                else:
                    continue
                sound = "a vowel" if vowel else "a consonant"
                yield Finding(t.start, t.end, self.rule_id, self.category,
                              f"‘{nxt.text}’ starts with {sound} sound, so the article is "
                              f"‘{fix}’.", fix)


class RepeatedWord:
    """The same word twice in a row, separated only by spaces (``the the``).

    Doublings that English allows (``had had``, ``that that``, ``gave her
    her``...) and capitalised second words (``Walla Walla``) are skipped.
    """

    rule_id = "REPEATED_WORD"
    category = "repetition"
    _ALLOWED = frozenset("""had that is do bye very no yes ha la so well now blah far ever
again more knock tut hip night round bang boo go never many her out there sing ta yo
really long this""".split())

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for (_, toks), low in zip(doc.sentences, doc.lower):
            for i in range(len(toks) - 1):
                if low[i] != low[i + 1] or toks[i].kind != "word" or low[i] in self._ALLOWED:
                    continue
                a, b = toks[i], toks[i + 1]
                if b.text[0].isupper() or text[a.end:b.start].strip(" ") or not a.text.isalpha():
                    continue
                yield Finding(a.start, b.end, self.rule_id, self.category,
                              f"‘{a.text}’ is repeated.", a.text)


class QuotationMarks:
    """Curly quotation marks turned around or left unbalanced.

    Works paragraph by paragraph (a line break ends a paragraph). A ``”``
    that opens a quotation (after a space or at the start of a paragraph,
    before a letter) is reported as reversed and counted as an opening
    mark; likewise a ``“`` that closes an open quotation (right after a
    word or punctuation, before a space or the end of the paragraph). A ``”`` with no quotation open is unbalanced. A ``“`` still open
    at the end of a paragraph is fine when the next paragraph starts with
    ``“`` (news quotations run over several paragraphs with an opening mark
    on each and a closing mark only at the end) and unbalanced otherwise.
    Straight ``"`` marks cannot be told apart and are not checked.
    """

    rule_id = "QUOTE_UNBALANCED"
    category = "punctuation"

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if "”" not in text and "“" not in text:
            return
        paragraphs = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text)]
        paragraphs = [(s, p) for s, p in paragraphs if p.strip()]
        for n, (start, para) in enumerate(paragraphs):
            opened: int | None = None
            for m in re.finditer("[“”]", para):
                pos = start + m.start()
                before = para[m.start() - 1] if m.start() else " "
                after = para[m.end()] if m.end() < len(para) else " "
                if m.group() == "”" and opened is None and after.isalnum() and (
                        before.isspace() or before in "([—–"):
                    yield Finding(pos, pos + 1, "QUOTE_REVERSED", self.category,
                                  "A closing quotation mark ‘”’ opens this quotation; "
                                  "use ‘“’.",
                                  "“")
                    opened = pos
                elif m.group() == "“" and opened is not None and not before.isspace() \
                        and (after.isspace() or m.end() == len(para)):
                    yield Finding(pos, pos + 1, "QUOTE_REVERSED", self.category,
                                  "An opening quotation mark ‘“’ closes this quotation; "
                                  "use ‘”’.", "”")
                    opened = None
                elif m.group() == "“":
                    opened = pos
                elif opened is None:
                    yield Finding(pos, pos + 1, self.rule_id, self.category,
                                  "This closing quotation mark ‘”’ has no opening mark "
                                  "before it in the paragraph.", None)
                else:
                    opened = None
            if opened is not None:
                nxt = paragraphs[n + 1][1].lstrip() if n + 1 < len(paragraphs) else ""
                if not nxt.startswith("“"):
                    yield Finding(opened, opened + 1, self.rule_id, self.category,
                                  "This quotation is never closed: the paragraph ends "
                                  "without ‘”’ and the next paragraph does not continue "
                                  "the quotation.",
                                  None)


class Spacing:
    """A space before ``, ; ! ? .`` or a missing space after one.

    ``word ,`` -> ``word,``; ``end.The`` -> ``end. The``; ``word,word`` ->
    ``word, word``. Web addresses, e-mail addresses, numbers (``1,000``,
    ``3.5``), dotted abbreviations (``U.S.``) and domain-like strings with a
    lower-case letter after the dot are left alone.
    """

    rule_id = "SPACE_BEFORE_PUNCTUATION"
    category = "spacing"
    _BEFORE = re.compile(r"(?<=[^\W\d_])[ \t]+([,;!?]|\.(?!\.))(?=[ \t]*(?:\n|$)|[ \t]+[^\W\d_])")
    _AFTER = re.compile(r"(?<=[a-z]{2})([.!?])(?=[A-Z][a-z])|(?<=[^\W\d_]{2})([,;])(?=[^\W\d_]{2})")

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        urls = None
        for m in self._BEFORE.finditer(text):
            p = m.group(1)
            yield Finding(m.start(), m.end(), self.rule_id, self.category,
                          f"No space goes before ‘{p}’.", p)
        for m in self._AFTER.finditer(text):
            if urls is None:
                urls = [(t.start, t.end) for _, toks in doc.sentences for t in toks
                        if t.kind == "url"]
            pos = m.start()
            if any(s <= pos < e for s, e in urls):
                continue
            if re.match(r"[^\W\d_]+[.@][^\W\d_]", text[pos + 1:pos + 40]) or \
                    re.search(r"[.@/][^\W\d_]+$", text[max(0, pos - 40):pos]):
                continue  # domain-like chains: Halo.Bungie.Org
            p = m.group()
            yield Finding(pos, pos + 1, "MISSING_SPACE_AFTER_PUNCTUATION", self.category,
                          f"A space is missing after ‘{p}’.", p + " ")


_FUNCTION_WORDS = frozenset("""the a an of to in on at by for with who which that and or but
is was were are be been has have had he she it they we his her their its from as not this
into than about our your my""".split())
# Function words that also start ordinary compounds and derivations (we-blogger,
# a-political, over-balancing) do not make a run-together finding.
_NOT_GLUE = frozenset("a we as be".split())
_SUFFIXES = ("ically", "ally", "ly", "ness", "less", "able", "ible", "ism", "ist", "ery",
             "or", "ors", "ers",
             "iest", "ier", "ies", "est", "er", "ed", "ing", "es", "s", "ment", "ity", "ise",
             "ize", "ised", "ized", "ising", "izing", "ish", "like", "ful")
_PREFIXES = ("un", "re", "non", "over", "under", "anti", "pre", "post", "co", "mis", "out",
             "counter", "cyber", "mega", "super", "ultra", "sub", "inter", "multi", "semi",
             "micro", "mini", "de", "dis", "in", "im")
_COMMON_TYPOS = {"th": "the", "teh": "the", "hte": "the", "tthe": "the", "adn": "and",
                 "nad": "and", "taht": "that", "thta": "that", "thier": "their",
                 "wiht": "with", "whcih": "which", "waht": "what", "alot": "a lot",
                 "becuase": "because", "becasue": "because", "recieve": "receive",
                 "recieved": "received", "untill": "until", "wich": "which",
                 "goverment": "government", "beleive": "believe", "occured": "occurred",
                 "seperate": "separate", "definately": "definitely", "tommorow": "tomorrow",
                 "accross": "across", "wierd": "weird", "thru": "through"}
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
_QUOTES = "\"'“”‘’"


def _derived(lex: Lexicon, w: str, depth: int = 0) -> bool:
    """Whether ``w`` is a known word plus a regular prefix or suffix.

    ``patchier`` (patchy), ``ramrodded`` (ramrod), ``unreformable`` (reform),
    ``hereditaries`` (hereditary). The stem must be a word of Zipf frequency
    at least 2 and at least three letters long.
    """
    def known(stem: str) -> bool:
        return len(stem) >= 3 and lex.zipf(stem) >= 2.0

    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            stem = w[: -len(suf)]
            cands = [stem, stem + "e"]
            if stem.endswith("i"):
                cands.append(stem[:-1] + "y")
            if len(stem) > 3 and stem[-1] == stem[-2]:
                cands.append(stem[:-1])
            if any(known(c) for c in cands):
                return True
            if depth == 0 and any(_derived(lex, c, 1) for c in cands if len(c) > 4):
                return True
    for pre in _PREFIXES:
        rest = w[len(pre):].lstrip("-")
        if w.startswith(pre) and len(rest) >= 4 and (
                known(rest) or (depth == 0 and _derived(lex, rest, 1))):
            return True
    return False


class Spelling:
    """Lower-case words that are in no word list, with a suggestion.

    Capitalised and all-capital words are never checked (names, acronyms,
    sentence starts), nor words with digits, ``@handles``, ``#tags``, web
    addresses or hyphenated words whose parts are all known. British and
    American spellings are both in ``wordfreq``'s list. An unknown word that
    splits into a function word and a known word is run-together
    (``whoreportedly`` -> ``who reportedly``); one that splits into two
    content words is taken for an unlisted compound and left alone.
    Otherwise a known word one edit away is suggested (``departd`` ->
    ``departed``; see :func:`_best_edit`); with no such word the finding has
    no suggestion. :func:`corpus_tools.grammar.grammar_errors` then drops
    spelling findings for words that occur in several documents of the
    corpus (terms and names). Typos that are themselves frequent enough to
    be listed (``th``, ``teh``, ``thier``) come from a short list.
    """

    rule_id = "SPELLING_UNKNOWN_WORD"
    category = "spelling"

    def check(self, doc: Document) -> Iterator[Finding]:
        lex = doc.lexicon
        text = doc.text
        freq = lex.frequencies
        for (_, toks), low in zip(doc.sentences, doc.lower):
            n = len(toks)
            for i, t in enumerate(toks):
                w = low[i]
                if w in freq and w not in _COMMON_TYPOS or t.kind != "word":
                    continue
                typo = _COMMON_TYPOS.get(w)
                if typo is not None and t.text == w:
                    if w == "th" and (i == 0 or toks[i - 1].kind != "word" or i + 1 >= n
                                      or toks[i + 1].kind != "word"):
                        continue
                    yield Finding(t.start, t.end, "SPELLING_COMMON_TYPO", self.category,
                                  f"‘{t.text}’ is a common typo for ‘{typo}’.", typo)
                    continue
                if lex.is_known(w) or not t.text.islower():
                    continue
                if not w.replace("-", "").isalpha() or len(w) < 3:
                    continue
                if "-" in w:
                    # coined compounds are common; flag a part only when it is a clear typo
                    for part in w.split("-"):
                        if len(part) >= 4 and part.isalpha() and not lex.is_known(part) \
                                and not _derived(lex, part):
                            cand = _best_edit(lex, part, min_zipf=3.5)
                            if cand is not None:
                                yield Finding(t.start, t.end, self.rule_id, self.category,
                                              f"‘{part}’ in ‘{t.text}’ is not in the "
                                              f"dictionary; did you mean ‘{cand}’?",
                                              t.text.replace(part, cand, 1))
                                break
                    continue
                before = text[t.start - 1] if t.start else " "
                after = text[t.end:t.end + 1]
                if before in "./@#_&" or after in ("@", "_", "&") \
                        or (after == "." and text[t.end + 1:t.end + 2].isalpha()):
                    continue  # addresses, handles, HTML entities
                if before in _QUOTES and after in _QUOTES:
                    continue  # a single quoted word: a coined or foreign term ('gandula')
                if _derived(lex, w) or doc.count(w) >= 2:
                    continue  # regular derivation (patchier) or a repeated term (ariary)
                yield from self._unknown(lex, t, w)

    def _unknown(self, lex: Lexicon, t: Token, w: str) -> Iterator[Finding]:
        best_split, compound = None, False
        for k in range(1, len(w)):
            left, right = w[:k], w[k:]
            if (len(left) < 2 and left != "a") or len(right) < 2:
                continue
            zl, zr = lex.zipf(left), lex.zipf(right)
            if zl < 2.3 or zr < 2.3:
                continue
            if zl < 3.0 or zr < 3.0:
                if len(left) >= 3 and len(right) >= 3:
                    compound = True  # beach+goer, blog+zine
                continue
            if (left in _FUNCTION_WORDS and left not in _NOT_GLUE) or (
                    right in _FUNCTION_WORDS and right not in _NOT_GLUE):
                score = min(zl, zr)
                if best_split is None or score > best_split[0]:
                    best_split = (score, f"{left} {right}")
            else:
                compound = True
        if best_split is not None:
            yield Finding(t.start, t.end, "SPELLING_RUN_TOGETHER", self.category,
                          f"‘{t.text}’ looks like two words run together: "
                          f"‘{best_split[1]}’.", best_split[1])
            return
        if compound:
            return
        cand = _best_edit(lex, w)
        if cand is not None:
            yield Finding(t.start, t.end, self.rule_id, self.category,
                          f"‘{t.text}’ is not in the dictionary; did you mean ‘{cand}’?",
                          cand)
        else:
            yield Finding(t.start, t.end, self.rule_id, self.category,
                          f"‘{t.text}’ is not in the dictionary.", None)


def _best_edit(lex: Lexicon, w: str, min_zipf: float = 2.0) -> str | None:
    """The best known word one edit (insert, delete, replace, swap) from ``w``.

    A typist drops a letter more often than adding or changing one, so the
    most frequent word that *inserts* a letter wins when there is one
    (``departd`` -> ``departed``, not ``depart``; ``reportedy`` ->
    ``reportedly``); otherwise the most frequent of the other edits. Words
    below ``min_zipf`` are not suggested.
    """
    freq = lex.frequencies
    floor = 10.0 ** (min_zipf - 9.0)
    inserts, others = set(), set()
    for i in range(len(w) + 1):
        a, b = w[:i], w[i:]
        for c in _ALPHABET:
            inserts.add(a + c + b)
        if b:
            others.add(a + b[1:])
            if len(b) > 1:
                others.add(a + b[1] + b[0] + b[2:])
            for c in _ALPHABET:
                others.add(a + c + b[1:])
    others.discard(w)
    for cands in (inserts, others):
        best, best_f = None, floor
        for c in cands:
            f = freq.get(c)
            if f is not None and f >= best_f:
                best, best_f = c, f
        if best is not None:
            return best
    return None


def default_rules() -> list[Rule]:
    """The rules :class:`RuleChecker` runs by default, one object per family."""
    return [Spelling(), VerbFormAfterAuxiliary(), VerbFormCoordination(),
            AgreementSingularSubject(), ArticleAAn(), RepeatedWord(), QuotationMarks(), Spacing(),
            LowercaseAfterFullStop()]


class LowercaseAfterFullStop:
    """A full stop between two lower-case words: ``Zelensky said. in a video address``.

    A translation round trip or a paraphrasing tool breaks a sentence in the
    middle and leaves the rest in lower case; a person writes a capital after
    a full stop. Abbreviations that end in a full stop inside a sentence
    (``etc.``, ``vs.``, ``approx.``, ``et al.``) and dotted forms (``a.m.``,
    ``e.g.``: one token) are not flagged; neither is a full stop followed by a
    number or a capital. No suggestion: the fix may be a comma, a capital or
    a rewritten sentence.
    """

    rule_id = "LOWERCASE_AFTER_FULL_STOP"
    category = "punctuation"
    _ABBREVIATIONS = frozenset("""etc vs approx incl esp dept cf al ft min mins sec secs hr hrs
    jan feb mar apr jun jul aug sep sept oct nov dec st rd ave blvd co corp inc ltd bros mt
    fig figs vol vols no nos p pp ch ed eds rev gov gen sen rep""".split())

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for (_, toks), low in zip(doc.sentences, doc.lower):
            for i in range(len(toks) - 2):
                a, dot, b = toks[i], toks[i + 1], toks[i + 2]
                if (dot.text != "." or a.kind != "word" or b.kind != "word"
                        or not a.text.isalpha() or not a.text.islower() or len(a.text) < 2
                        or not b.text[:1].islower() or not b.text.isalpha()
                        or low[i] in self._ABBREVIATIONS or dot.start != a.end
                        or text[dot.end:b.start] not in (" ", "  ")):
                    continue
                yield Finding(dot.start, b.end, self.rule_id, self.category,
                              f"A full stop, then ‘{b.text}’ in lower case: the sentence looks "
                              "broken in the middle (a comma, or a capital?).", None)


class RuleChecker:
    """The built-in offline backend: runs rules over each text.

    Parameters
    ----------
    rules : sequence of Rule, optional
        Default :func:`default_rules`.
    lexicon : Lexicon, optional
        Lexical data (default: the shared one from
        :func:`~corpus_tools.lexicon.default_lexicon`).
    disable : iterable of str
        Rule ids or categories whose findings are dropped.
    """

    def __init__(self, rules: Sequence[Rule] | None = None, *, lexicon: Lexicon | None = None,
                 disable: Iterable[str] = ()) -> None:
        self.rules = list(default_rules() if rules is None else rules)
        self.lexicon = default_lexicon() if lexicon is None else lexicon
        self.disable = frozenset(disable)

    def check(self, text: str) -> list[Finding]:
        """Findings for ``text``, sorted by position; offsets index into ``text``."""
        if not text or not text.strip():
            return []
        doc = Document(text, self.lexicon)
        out = []
        off = self.disable
        for rule in self.rules:
            if rule.category in off:
                continue
            for f in rule.check(doc):
                if f.rule_id not in off:
                    out.append(f)
        out.sort(key=lambda f: (f.start, f.end, f.rule_id))
        return out
