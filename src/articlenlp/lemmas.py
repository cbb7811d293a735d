"""Lemmas on demand.

articlenlp reads the lemmas of a few tokens per article (reporting verbs, role
predicates), yet spaCy's rule lemmatizer costs about 6% of the parse when it lemmatises
every token. So :func:`~articlenlp.pipeline.build_nlp` disables the pretrained
``lemmatizer`` (:func:`lemmatize_on_demand`) and :func:`lemma` asks its rules for the
tokens that need a lemma: the same lemma the component would have set. In a pipeline
where a lemmatizer did run, :func:`lemma` reads ``token.lemma_``.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Token

LEMMATIZER = "lemmatizer"

# Vocab id -> the disabled lemmatizer's function (which keeps its Vocab alive, so ids stay unique).
_ON_DEMAND: dict[int, Callable[[Token], str]] = {}


def lemmatize_on_demand(nlp: Language) -> None:
    """Disable ``nlp``'s rule or lookup lemmatizer and serve its lemmas through :func:`lemma`."""
    if LEMMATIZER not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe(LEMMATIZER)
    lemmatize = getattr(lemmatizer, "lemmatize", None)
    if lemmatize is None:
        return  # not spaCy's rule-based Lemmatizer: leave it running
    nlp.disable_pipe(LEMMATIZER)
    _ON_DEMAND[id(nlp.vocab)] = _memoised(lemmatize)


_MEMO_SIZE = 200_000


def _memoised(lemmatize: Callable[[Token], list[str]]) -> Callable[[Token], str]:
    """The first lemma, remembered per form, part of speech and morphology (spaCy's own
    cache skips the base forms, which are most tokens)."""
    memo: dict[tuple[int, int, int], str] = {}

    def first_lemma(token: Token) -> str:
        key = (token.orth, token.pos, token.morph.key)  # type: ignore[attr-defined]
        found = memo.get(key)
        if found is None:
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            found = memo[key] = lemmatize(token)[0]
        return found

    return first_lemma


def lemma(token: Token) -> str:
    """The token's lemma: the one set on it, else the disabled lemmatizer's, else its lowercase form."""
    if token.lemma:
        return token.lemma_
    lemmatize = _ON_DEMAND.get(id(token.vocab))
    return lemmatize(token) if lemmatize is not None else token.lower_
