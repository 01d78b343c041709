"""One loader for every format: what is written comes back, and bad input is one clear line."""

from __future__ import annotations

import gzip
import json

import numpy as np
import pytest

from data.conftest import OUTCOME, contact
from supportgym.data import LogError, read_logs, write_logs
from supportgym.data.logs import FORMATS
from supportgym.data.reader import MAX_LOG_BYTES


@pytest.mark.parametrize("suffix", FORMATS)
def test_every_format_reads_back_what_was_written(retail_logs, tmp_path, suffix):
    path = write_logs(retail_logs, tmp_path / f"logs{suffix}")
    back = read_logs(path)
    assert back.n_contacts == retail_logs.n_contacts == 600
    assert list(back.contact_ids) == list(retail_logs.contact_ids)
    np.testing.assert_array_equal(back.starts, retail_logs.starts)
    np.testing.assert_array_equal(back.action, retail_logs.action)
    np.testing.assert_array_equal(back.tier, retail_logs.tier)
    np.testing.assert_array_equal(back.inquiry_type, retail_logs.inquiry_type)
    for name, values in retail_logs.outcomes.items():
        np.testing.assert_allclose(back.outcomes[name], values, atol=1e-4)
    np.testing.assert_allclose(back.features, retail_logs.features, atol=1e-4, equal_nan=True)
    np.testing.assert_allclose(back.propensity, retail_logs.propensity, atol=1e-4)
    np.testing.assert_allclose(back.reward, retail_logs.reward, atol=1e-4)


def test_interleaved_contacts_are_gathered_in_order_of_first_appearance(jsonl):
    a, b = contact("a", turns=3), contact("b", turns=2)
    logs = read_logs(jsonl([a[0], b[0], a[1], b[1], a[2]]))
    assert list(logs.contact_ids) == ["a", "b"]
    assert list(logs.starts) == [0, 3, 5]
    assert list(logs.turn) == [0, 1, 2, 0, 1]


def test_an_outcome_may_be_repeated_on_every_turn(jsonl):
    records = [{**record, **OUTCOME} for record in contact(turns=3)]
    assert read_logs(jsonl(records)).outcomes["csat"].tolist() == [4.0]


def test_minimal_records_leave_features_propensities_and_rewards_unknown(jsonl):
    records = [{k: v for k, v in r.items() if k != "sentiment"} for r in contact()]
    logs = read_logs(jsonl(records))
    assert logs.logged_features == ()
    assert not logs.has_propensities and not logs.has_rewards
    assert np.isnan(logs.features).all()


def _broken(edit):
    records = contact("c1", turns=3) + contact("c2", turns=2)
    edit(records)
    return records


CASES = {
    "wrong type": (lambda r: r[1].update(turn="two"), "line 2: turn: Input should be a valid"),
    "unknown action": (lambda r: r[2].update(action="refund"), "line 3: action: Input should be"),
    "unknown inquiry type": (
        lambda r: r[3].update(inquiry_type="mortgage"),
        "line 4: inquiry_type: unknown inquiry type 'mortgage' for retail",
    ),
    "out of range": (
        lambda r: r[0].update(sentiment=1.5),
        "line 1: sentiment: Input should be less than or equal to 1",
    ),
    "nested feature out of range": (
        lambda r: r[0].update(features={"progress": -0.1}),
        "line 1: features.progress: Input should be greater than or equal to 0",
    ),
    "unknown field": (lambda r: r[0].update(mood=0.3), "line 1: mood: unknown field"),
    "turns out of order": (
        lambda r: r.pop(1),
        "line 2: turn: contact c1's turn 2 follows turn 0 (line 1)",
    ),
    "first turn is not 0": (
        lambda r: r[3].update(turn=1),
        "line 4: turn: contact c2's first turn is 1, not 0",
    ),
    "no outcome": (
        lambda r: [r[2].pop(k) for k in OUTCOME],
        "line 3: contact c1 has no outcome",
    ),
    "partial outcome": (lambda r: r[2].pop("csat"), "line 3: csat: missing: an outcome gives all"),
    "outcomes that differ": (
        lambda r: r[1].update({**OUTCOME, "revenue": 5.0}),
        "line 3: revenue: differs from contact c1's outcome on line 2",
    ),
    "contact changes tier": (
        lambda r: r[1].update(tier="vip"),
        "line 2: tier: contact c1 had 'standard' (line 1)",
    ),
    "resolved and abandoned": (
        lambda r: r[4].update(abandoned=True),
        "line 5: abandoned: a contact cannot be both resolved and abandoned",
    ),
    "some propensities": (
        lambda r: r[1].update(propensity=0.5),
        "line 1: propensity: missing, while line 2 gives it",
    ),
    "zero propensity": (
        lambda r: r[0].update(propensity=0.0),
        "line 1: propensity: Input should be greater than 0",
    ),
    "csat out of range": (
        lambda r: r[2].update(csat=6),
        "line 3: csat: Input should be less than or equal to 5",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_a_bad_record_is_one_line_naming_file_line_and_field(jsonl, case):
    edit, message = CASES[case]
    path = jsonl(_broken(edit))
    with pytest.raises(LogError) as caught:
        read_logs(path)
    text = str(caught.value)
    assert text.startswith(f"{path}: {message}"), text
    assert "\n" not in text


def test_csv_and_parquet_name_their_lines_rows_and_columns(retail_logs, tmp_path):
    path = write_logs(retail_logs.select(np.arange(3)), tmp_path / "logs.csv")
    lines = path.read_text().splitlines()
    cells = lines[2].split(",")
    cells[lines[0].split(",").index("action")] = "refund"
    path.write_text("\n".join([lines[0], lines[1], ",".join(cells), *lines[3:]]) + "\n")
    with pytest.raises(LogError, match=r"logs.csv: line 3: action: Input should be"):
        read_logs(path)
    header = path.read_text().replace("contact_id,", "contact,", 1)
    path.write_text(header)
    with pytest.raises(LogError, match=r"logs.csv: line 1: contact: unknown field"):
        read_logs(path)
    parquet = write_logs(retail_logs.select(np.arange(3)), tmp_path / "logs.parquet")
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(parquet.read_bytes()[:100])
    with pytest.raises(LogError, match=r"broken.parquet: not a readable Parquet file"):
        read_logs(broken)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.jsonl", b"", "empty.jsonl: no records"),
        ("blank.csv", b"", "blank.csv: no records"),
        ("latin.jsonl", b'{"contact_id": "\xe9"}\n', "latin.jsonl: line 1: not UTF-8 text"),
        ("broken.jsonl", b'{"contact_id": \n', "broken.jsonl: line 1: not valid JSON"),
        ("array.jsonl", b"[1, 2]\n", "array.jsonl: line 1: expected a JSON object per line"),
        ("fake.jsonl.gz", b"not gzip", "fake.jsonl.gz: not a readable gzip file"),
        ("logs.txt", b"{}", "logs.txt: unknown log format; the file name must end in one of"),
        ("missing.jsonl", None, "missing.jsonl: cannot read the file: No such file"),
    ],
)
def test_a_bad_file_is_one_line(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(LogError) as caught:
        read_logs(path)
    assert str(caught.value).startswith(f"{tmp_path}/{message}")


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as handle:
        handle.truncate(2 * 2**30)  # a sparse 2 GB file
    with pytest.raises(LogError, match=r"huge.jsonl: the file has 2.0 GB; a log file may have"):
        read_logs(path)


def test_a_gzip_file_that_decompresses_past_the_limit_is_refused(tmp_path):
    path = tmp_path / "bomb.jsonl.gz"
    with gzip.open(path, "wb") as handle:
        chunk = b" " * 2**20
        for _ in range(MAX_LOG_BYTES // 2**20 + 1):
            handle.write(chunk)
    with pytest.raises(LogError, match=r"bomb.jsonl.gz: the file decompresses to more"):
        read_logs(path)


def test_several_bad_records_are_counted_in_the_one_line(jsonl):
    records = contact("c1", turns=3)
    for record in records:
        record["action"] = "refund"
    with pytest.raises(LogError, match=r"line 1: action: .* \(and 2 more\)$") as caught:
        read_logs(jsonl(records))
    assert [where for where, _, _ in caught.value.errors] == ["line 1", "line 2", "line 3"]


def test_records_give_features_by_name(jsonl):
    records = contact(turns=2)
    records[0]["features"] = {"progress": 0.25, "resolved": 0.0}
    records[1]["features"] = {"progress": 1.0, "resolved": 1.0}
    logs = read_logs(jsonl(records))
    assert set(logs.logged_features) == {"sentiment", "progress", "resolved"}
    assert json.loads(json.dumps(next(logs.records())))["features"]["progress"] == 0.25
