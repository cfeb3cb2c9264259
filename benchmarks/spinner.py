"""A small article spinner for planted rewrites (benchmark use only).

It imitates what spinning tools do to a news article, word by word:

* synonym swaps from WordNet 3.0 (Debian's ``wordnet-base`` package, read
  from ``/usr/share/wordnet`` by a tiny parser of the ``index.*``/``data.*``
  files; install with ``apt-get install wordnet-base``): a content word is
  replaced by a lemma of one of its first two senses, as spinners do
  without checking the sense ("who" -> "World Health Organization");
  multi-word lemmas are allowed; the substitute is re-inflected with
  lemminflect unless the inflection is dropped;
* dropped inflections ("compared" -> "compare");
* typos (a letter dropped, doubled or two letters swapped);
* quotes spun like any text, and sometimes their quotation marks dropped.

``spin(text, rate=..., seed=...)`` returns the spun text. Names
(capitalised words), numbers and stop words are left alone. The library
never imports this module.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache
from pathlib import Path

from corpus_tools.segment import tokens
from corpus_tools.stopwords import ENGLISH_STOPWORDS

WORDNET = Path("/usr/share/wordnet")
_POS = {"noun": "NOUN", "verb": "VERB", "adj": "ADJ", "adv": "ADV"}


@lru_cache(maxsize=1)
def wordnet() -> dict[tuple[str, str], list[list[str]]]:
    """``{(lemma, UPOS): [synset lemma lists, in sense order]}`` from WordNet 3.0."""
    if not (WORDNET / "index.noun").exists():
        raise FileNotFoundError(f"{WORDNET}/index.noun not found: apt-get install wordnet-base")
    out: dict[tuple[str, str], list[list[str]]] = {}
    for name, upos in _POS.items():
        synsets: dict[str, list[str]] = {}
        with open(WORDNET / f"data.{name}", encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                parts = line.split(" ")
                n = int(parts[3], 16)
                words = [re.sub(r"\(.*\)$", "", parts[4 + 2 * k]).replace("_", " ")
                         for k in range(n)]
                synsets[parts[0]] = words
        with open(WORDNET / f"index.{name}", encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                parts = line.split()
                lemma = parts[0].replace("_", " ")
                p_cnt = int(parts[3])
                offsets = parts[4 + p_cnt + 2:]
                out[(lemma, upos)] = [synsets[o] for o in offsets if o in synsets]
    return out


def synonyms(word: str, upos: str) -> list[str]:
    """Lemmas of the first two WordNet senses of ``word`` other than itself."""
    senses = wordnet().get((word, upos), [])[:2]
    seen = []
    for s in senses:
        for w in s:
            if w.lower() != word and w not in seen and not w[:1].isupper():
                seen.append(w)
    return seen


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    k = rng.randrange(1, len(word) - 1)
    kind = rng.random()
    if kind < 0.4:
        return word[:k] + word[k + 1:]
    if kind < 0.7:
        return word[:k] + word[k + 1] + word[k] + word[k + 2:]
    return word[:k] + word[k] + word[k:]


def spin(text: str, *, rate: float = 0.5, inflection_loss: float = 0.15, typo_rate: float = 0.01,
         unquote_rate: float = 0.3, seed: int = 0) -> str:
    """Spin ``text``: swap ``rate`` of the eligible content words for WordNet synonyms.

    Parameters
    ----------
    rate : float
        Share of eligible words (lower-case content words with a WordNet
        synonym) that are swapped.
    inflection_loss : float
        Share of inflected words (swapped or not) left in their base form.
    typo_rate : float
        Share of words given a typo.
    unquote_rate : float
        Share of quotation marks dropped.
    """
    from lemminflect import getAllLemmas, getInflection

    rng = random.Random(seed)
    out = []
    pos = 0
    for t in tokens(text):
        out.append(text[pos:t.start])
        pos = t.end
        w = t.text
        if t.kind == "punct" and w in "\"“”" and rng.random() < unquote_rate:
            continue
        if t.kind != "word" or not w.isalpha() or not w.islower() or w in ENGLISH_STOPWORDS:
            out.append(w)
            continue
        new = w
        lemmas = getAllLemmas(w)
        if lemmas and rng.random() < rate:
            upos = rng.choice(sorted(lemmas))
            lemma = lemmas[upos][0]
            syns = synonyms(lemma, upos)
            if syns:
                syn = rng.choice(syns)
                new = syn
                if w != lemma and rng.random() >= inflection_loss and " " not in syn:
                    tag = _tag(w, lemma, upos)
                    if tag:
                        infl = getInflection(syn, tag=tag)
                        if infl:
                            new = infl[0]
        elif lemmas and w != next(iter(lemmas.values()))[0] and rng.random() < inflection_loss:
            new = next(iter(lemmas.values()))[0]
        if rng.random() < typo_rate:
            new = _typo(new, rng)
        out.append(new)
    out.append(text[pos:])
    return "".join(out)


def _tag(word: str, lemma: str, upos: str) -> str | None:
    from lemminflect import getAllInflections

    for tag, forms in getAllInflections(lemma, upos=upos).items():
        if word in forms:
            return tag
    return None


if __name__ == "__main__":  # pragma: no cover - a quick look
    sample = ("The fierce battle for the city has raged for months, officials said. "
              "\"We will hold the line,\" the commander told reporters on Tuesday.")
    print(spin(sample, rate=0.5, seed=1))
    print(spin(sample, rate=0.15, seed=1))
