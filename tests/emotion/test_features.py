from ficmeld.emotion.features import EDGE, N_BUCKETS, bucket, left_features, right_features, self_features, token_rows, words


def test_buckets_are_stable_and_in_range():
    # crc32, not Python's salted hash: the shipped weights must line up across processes
    assert bucket("w:afraid") == bucket("w:afraid")
    assert 0 <= bucket("w:afraid") < N_BUCKETS
    assert bucket("w:afraid") != bucket("w:afrain")


def test_each_token_sees_itself_and_its_neighbours():
    lexes = [("she", "she", "PRON"), ("wept", "weep", "VERB")]
    rows = list(token_rows(lexes))
    assert len(rows) == 2
    first = set(rows[0])
    assert {bucket(f) for f in left_features(EDGE)} <= first
    assert {bucket(f) for f in right_features(lexes[1])} <= first
    assert {bucket(f) for f in self_features(lexes[1])} <= set(rows[1])


def test_words_lowercase_and_keep_contractions():
    assert words("I’m SO scared -- don't go!") == ["i'm", "so", "scared", "don't", "go"]
