import pytest

from ficmeld.evaluate.coref_metrics import (Counts, b_cubed, ceaf_e, conll_average, muc, overlap_counts,
                                            span_counts)

# Key {a,b,c} {d,e}; response {a,b} {c,d} {e}: the classic worked example, computed by hand below.
KEY = [{"a", "b", "c"}, {"d", "e"}]
RESPONSE = [{"a", "b"}, {"c", "d"}, {"e"}]


def test_muc_by_hand():
    c = muc(KEY, RESPONSE)
    # recall: (3-2)+(2-2) over (2+1) = 1/3; precision: (2-1)+(2-2)+(1-1) over (1+1+0) = 1/2
    assert c.recall == pytest.approx(1 / 3)
    assert c.precision == pytest.approx(1 / 2)


def test_muc_counts_missing_mentions_as_own_partitions():
    c = muc([{"a", "b", "c"}], [{"a", "b"}])
    assert c.recall == pytest.approx(1 / 2)
    assert c.precision == pytest.approx(1.0)


def test_b_cubed_by_hand():
    c = b_cubed(KEY, RESPONSE)
    # recall: a 2/3, b 2/3, c 1/3, d 1/2, e 1/2 -> 8/3 / 5; precision: a 1, b 1, c 1/2, d 1/2, e 1 -> 4/5
    assert c.recall == pytest.approx((8 / 3) / 5)
    assert c.precision == pytest.approx(4 / 5)


def test_ceaf_e_by_hand():
    c = ceaf_e(KEY, RESPONSE)
    # best alignment: {a,b,c}-{a,b} = 4/5, {d,e}-{e} = 2/3 (beats {c,d} at 1/2)
    total = 4 / 5 + 2 / 3
    assert c.recall == pytest.approx(total / 2)
    assert c.precision == pytest.approx(total / 3)


def test_perfect_response_scores_one_everywhere():
    scores = {"muc": muc(KEY, KEY), "b3": b_cubed(KEY, KEY), "ceafe": ceaf_e(KEY, KEY)}
    assert conll_average(scores) == pytest.approx(1.0)


def test_singletons_count_for_b_cubed_but_not_muc():
    key = [{"a"}, {"b"}]
    assert muc(key, key).r_den == 0
    assert b_cubed(key, [{"a", "b"}]).precision == pytest.approx(0.5)


def test_exact_and_overlap_detection():
    gold = [(0, 10), (20, 30)]
    pred = [(0, 10), (22, 31), (40, 45)]
    exact = span_counts(gold, pred)
    assert (exact.precision, exact.recall) == (pytest.approx(1 / 3), 0.5)
    loose = overlap_counts(gold, pred)
    assert (loose.precision, loose.recall) == (pytest.approx(2 / 3), 1.0)


def test_counts_add_before_dividing():
    total = Counts(1, 2, 1, 4) + Counts(3, 2, 3, 4)
    assert total.precision == 1.0 and total.recall == 0.5
    assert total.f1 == pytest.approx(2 / 3)
