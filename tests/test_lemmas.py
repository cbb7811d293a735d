"""Lemmas on demand: the Analyzer's pipeline runs without the lemmatizer, yet reads the same lemmas."""

from __future__ import annotations

import spacy

from articlenlp.lemmas import LEMMATIZER, lemma, lemmatize_on_demand
from articlenlp.pipeline import default_spacy_model

SENTENCES = (
    "The studio confirmed on Tuesday that the drama was renewed, and its creator told reporters she had been hoping for it. "
    "Critics were saying the finale ran long; the network's statements read like apologies."
)


def test_analyzer_pipeline_runs_without_the_lemmatizer(analyzer):
    assert LEMMATIZER not in analyzer.nlp.pipe_names
    assert LEMMATIZER in analyzer.nlp.component_names  # kept, disabled, for lemmas on demand


def test_lemmas_on_demand_equal_the_lemmatizer_s():
    full = spacy.load(default_spacy_model())
    lazy = spacy.load(default_spacy_model())
    lemmatize_on_demand(lazy)
    expected = [t.lemma_ for t in full(SENTENCES)]
    doc = lazy(SENTENCES)
    assert doc[2].text == "confirmed" and doc[2].lemma == 0  # the lemmatizer did not run
    assert [lemma(t) for t in doc] == expected
    assert {lemma(t) for t in doc} >= {"confirm", "tell", "say", "be", "statement"}


def test_lemma_reads_a_lemma_that_was_set():
    nlp = spacy.load(default_spacy_model())
    doc = nlp("She told them.")
    assert [lemma(t) for t in doc] == [t.lemma_ for t in doc]


def test_lemma_without_any_lemmatizer_is_the_lowercase_form():
    nlp = spacy.blank("en")
    assert [lemma(t) for t in nlp("Told THEM")] == ["told", "them"]


def test_a_pipeline_without_a_lemmatizer_is_left_alone():
    nlp = spacy.blank("en")
    lemmatize_on_demand(nlp)
    assert nlp.pipe_names == []
