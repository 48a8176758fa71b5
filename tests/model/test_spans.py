from ficmeld.model.spans import SpanIndex


def test_holds_contains_and_overlaps():
    index = SpanIndex([(30, 40), (0, 10), (12, 20)])
    assert index.holds(0) and index.holds(19) and not index.holds(10) and not index.holds(25)
    assert index.contains(12, 20) and not index.contains(8, 14)
    assert index.overlaps(9, 13) and index.overlaps(35, 36) and not index.overlaps(20, 30)


def test_a_long_span_that_starts_far_back_still_overlaps():
    index = SpanIndex([(0, 1000), (500, 510)])
    assert index.overlaps(900, 905) and not index.overlaps(1000, 1001)
    assert not SpanIndex([]).overlaps(0, 5) and not SpanIndex([]).holds(0)
