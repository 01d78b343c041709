"""Datasets and their analyses: stored, found by name, unique, deleted together."""

from __future__ import annotations

import pytest

from supportgym.store import AnalysisKind, EvaluationStatus, open_store


def _dataset(store, name="sample", **changes):
    fields = {
        "name": name,
        "source": "sample.jsonl",
        "format": ".jsonl",
        "content_hash": "ab" * 32,
        "rows": 12,
        "contacts": 3,
        "industries": ["retail"],
        "summary": [{"field": "turn", "per": "turn", "given": 12, "min": 0, "max": 5}],
        "path": "/data/datasets/abab.jsonl",
    }
    return store.create_dataset(**{**fields, **changes})


def test_a_dataset_round_trips_and_is_found_by_name(store):
    created = _dataset(store)
    with open_store() as reopened:
        assert reopened.get_dataset(created.id) == created
        assert reopened.find_dataset("sample") == created
        assert reopened.find_dataset("other") is None
    assert created.summary[0]["max"] == 5
    assert store.list_datasets() == [created]


def test_names_are_unique(store):
    _dataset(store)
    with pytest.raises(ValueError, match="a dataset named sample exists already"):
        _dataset(store)
    assert len(store.list_datasets()) == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"rows": 0}, "rows must be at least 1"),
        ({"name": " "}, "name must be a non-empty string"),
        ({"summary": {"not": "a list"}}, "summary must be a list"),
        ({"colour": "red"}, "cannot set new dataset field"),
    ],
)
def test_bad_fields_are_refused(store, changes, message):
    with pytest.raises(ValueError, match=message):
        _dataset(store, **changes)
    assert store.list_datasets() == []


def test_analyses_belong_to_a_dataset_and_go_with_it(store):
    dataset = _dataset(store)
    analysis = store.create_analysis(
        dataset_id=dataset.id, kind=AnalysisKind.OPE, params={"policies": ["playbook"]}
    )
    assert analysis.status is EvaluationStatus.PENDING and analysis.results == {}
    done = store.update_analysis(
        analysis.id, status=EvaluationStatus.COMPLETED, results={"estimates": [1.5]}
    )
    assert store.get_analysis(analysis.id) == done
    assert store.list_analyses(dataset.id) == [done]
    other = _dataset(store, name="other")
    assert store.list_analyses(other.id) == []
    assert store.delete_dataset(dataset.id) is True
    assert store.get_analysis(analysis.id) is None
    assert store.delete_dataset(dataset.id) is False


def test_analyses_of_unknown_datasets_or_with_bad_fields_are_refused(store):
    with pytest.raises(ValueError, match="dataset 9 not found"):
        store.create_analysis(dataset_id=9, kind=AnalysisKind.CALIBRATION, params={})
    dataset = _dataset(store)
    with pytest.raises(ValueError, match="kind must be one of calibration, ope"):
        store.create_analysis(dataset_id=dataset.id, kind="guess", params={})
    analysis = store.create_analysis(dataset_id=dataset.id, kind="calibration", params={})
    with pytest.raises(ValueError, match="cannot set analysis field"):
        store.update_analysis(analysis.id, kind="ope")
    with pytest.raises(ValueError, match="analysis 99 not found"):
        store.update_analysis(99, status=EvaluationStatus.FAILED)
