"""Is a paragraph the author talking about the work (summary, disclaimer, note), or the story?

Recognised by what it says, not only by an "A/N" prefix: authors open with "Set during…",
"Basically, I got all feelsy…", "I don't own…", and close with "Reviews are love".
"""
from __future__ import annotations

import re

_I = re.IGNORECASE
NOTE_PREFIX = re.compile(r"^\s*[(\[*_]*\s*(a/n|a\.n\.|an\s*:|author'?s'?\s*notes?|notes?\s*:|ps\s*:|p\.s\.|edit\s*:|end\s*notes?)", _I)
SUMMARY_PREFIX = re.compile(r"^\s*[*_]*\s*(summary|description|blurb)\s*[:\-]", _I)
DISCLAIMER_PREFIX = re.compile(r"^\s*[*_]*\s*disclaimer", _I)

DISCLAIMER = re.compile(
    r"\b(disclaimer|(?:do|does|did)\s*(?:not|n['’]t)\s+own|own\s+nothing|not\s+mine|isn['’]t\s+mine|aren['’]t\s+mine|"
    r"no\s+(?:copyright\s+)?infringement|"
    r"all\s+rights|rights\s+reserved|not\s+making\s+(?:any\s+)?(?:money|profit)|no\s+profit|"
    r"(?:will|would)\s+not,?\s+(?:sadly,?\s+)?ever\s+be|(?:are|is)\s+not\s+(?:and\s+will\s+not\s+)?(?:be\s+)?(?:any\s+)?(?:possession|property)|"
    r"copyright)\b",
    _I,
)
# Ownership said of anything ("the rink belongs to Noor"): a disclaimer only beside other author talk.
OWNERSHIP = re.compile(r"\b(?:the\s+(?:sole\s+)?(?:creative\s+)?(?:property|possession)\s+of|belongs?\s+to\s+(?!me\b)|owned\s+by)\b", _I)
# Words that only an author talking about the work uses.
STRONG_META = re.compile(
    r"\b(reviews?|reviewing|r\s*&\s*r|read\s+and\s+review|thanks?\s+(?:you\s+)?for\s+reading|beta(?:'?d|ed)?|"
    r"fics?|fanfics?|fanfiction|one-?shot|drabble|ficlet|this\s+chapter|next\s+chapter|last\s+chapter|updates?|updating|"
    r"kudos|comments?\s+(?:are|make)|hope\s+you\s+(?:all\s+)?(?:enjoy|like)d?|enjoy!|feedback|(?:the|this|a|my)\s+prompt|prompt\s*fill|"
    r"tbc|to\s+be\s+continued|spoilers?|au\b|alternate\s+universe|oneshot|word\s*count|crossover|"
    r"missing\s+scene|wip|cross-?posted|tumblr|ao3|ffn|ff\.net)\b",
    _I,
)
SETTING = re.compile(r"^\s*(?:set|takes?\s+place|occurs?)\s+(?:\(\w+\)\s+|\w+ly\s+)?(?:at|during|after|before|between|in|post|pre)\b", _I)
WEAK_META = re.compile(
    r"\b(story|pov|feelsy?|canon|the\s+readers?|my\s+(?:first|story|writing)|i\s+(?:got|wrote|had\s+this|was\s+inspired|"
    r"just\s+wanted|couldn['’]t\s+resist|needed\s+to\s+write)|basically|\w+['’]s\s+half|inspired\s+by|dedicated\s+to|"
    r"written\s+for|chapter|oc|ooc|slash|pairing|rated|warnings?|enjoy|prompt)\b",
    _I,
)
SHOUTY_ABBREVIATION = re.compile(r"\b[A-Z]{3,6}\b")  # STID, TOS, HP, TFA…
# A header line that ends on the work's rating or category: "Holmes and Watson, 1889. Gen."
RATING_AT_END = re.compile(r"(?:^|[.;,|]\s*)(?:rated\s+)?(?:gen|general audiences|teen(?:\s+and\s+up)?|mature|explicit|"
                           r"k\+?|t|m|ma|het|slash|femslash|pre-?slash)\.?\s*$", _I)
RATING_LINE_WORDS = 30
# What a post on a social site carries above a story: '#tags', 'Reads 4.1K • Votes 312', '~1.2k words', a
# 'Follow' button, 'a x b' or 'a/b' for the pairing, fields run together with pipes.
HASHTAG = re.compile(r"(?:^|\s)#[^\W\d_][\w-]*", re.UNICODE)
COUNTER = re.compile(r"\b(?:(?:reads|votes|parts|notes|reblogs|likes|kudos|hits|words?)\s*:?\s*~?\d[\d.,]*\s*[km]?\b|"
                     r"~?\d[\d.,]*\s*[km]?\s+(?:reads|votes|notes|reblogs|likes|kudos|hits|words)\b)", _I)
SITE_BUTTON = re.compile(r"^\s*(?:follow|following|reblog|like|share|subscribe|unfollow|see\s+more)\s*$", _I | re.MULTILINE)
PAIRING_LINE = re.compile(r"^\s*[^\W\d_][\w.'’ -]{0,40}?(?:\s+x\s+|\s*/\s*)[^\W\d_][\w.'’ -]{0,40}$", _I)
NAMED_POV = re.compile(r"\b(?:\w+['’]s\s+pov|\w+\s+pov\b|pov\s*[:\-])", _I)
PAIRING_WORDS = 8


def meta_scores(text: str) -> dict[str, float]:
    """Evidence that a paragraph is each kind of author talk; higher is surer. Body text scores ~0."""
    head = text[:400]
    # a line or two about who owns what is a disclaimer; a long paragraph that says so is narration
    ownership = 2.0 if len(text.split()) <= 30 else 1.0
    disclaimer = (3.0 * bool(DISCLAIMER_PREFIX.match(head)) + 2.0 * len(DISCLAIMER.findall(text))
                  + ownership * len(OWNERSHIP.findall(text)))
    note = 3.0 * bool(NOTE_PREFIX.match(head))
    summary = 3.0 * bool(SUMMARY_PREFIX.match(head)) + 2.0 * bool(SETTING.match(head))
    strong, weak = len(STRONG_META.findall(text)), len(WEAK_META.findall(text))
    # Story openings say "I had this…", "the story of…": weak words alone count only when many.
    talk = 2.0 * strong + (weak if strong or weak >= 3 else 0.5 * weak)
    shouty = set(SHOUTY_ABBREVIATION.findall(text))
    talk += 0.5 * (0 < len(shouty) <= 2 and not text.isupper())  # more is a caps heading, not STID/TOS
    talk += 2.0 * bool(len(text.split()) <= RATING_LINE_WORDS and RATING_AT_END.search(text.strip()))
    talk += social_post_score(text) + 2.0 * bool(NAMED_POV.search(text))
    return {"disclaimer": disclaimer, "author_note": note + talk, "summary": summary + talk * 0.75}


def social_post_score(text: str) -> float:
    """Evidence that a paragraph is the header of a post on a social site rather than a line of story."""
    counters = len(COUNTER.findall(text))
    as_fields = counters >= 2 or not re.search(r"[.!?]['\"”’]?\s*$", text.strip())  # '2,000 words by Friday.' is story
    score = 2.0 * min(2, len(HASHTAG.findall(text)) // 2) + 2.0 * min(2, counters) * as_fields
    score += 2.0 * bool(SITE_BUTTON.search(text))
    lines = [line for line in text.splitlines() if line.strip()]
    short = len(text.split()) <= PAIRING_WORDS
    score += 2.0 * bool(short and len(lines) == 1 and PAIRING_LINE.match(text) and not re.search(r"[.!?\"“”]", text))
    score += 1.0 * (text.count("|") >= 2 and not re.search(r"[\"“”]", text))
    return score


def is_meta(text: str, *, quoted_share: float = 0.0) -> bool:
    if quoted_share > 0.3:  # a paragraph of dialogue is story, whatever words it uses
        return False
    scores = meta_scores(text)
    return max(scores.values()) >= 2.0


def meta_kind(text: str, *, have_summary: bool, leading: bool) -> str:
    """Which kind of author talk a paragraph already judged meta is."""
    head = text[:400]
    if NOTE_PREFIX.match(head):
        return "author_note"
    if SUMMARY_PREFIX.match(head):
        return "summary"
    scores = meta_scores(text)
    if scores["disclaimer"] >= 2.0 and scores["disclaimer"] >= scores["author_note"] * 0.5:
        return "disclaimer"
    if leading and not have_summary and (SETTING.match(head) or scores["summary"] >= scores["author_note"] * 0.7):
        return "summary"
    return "author_note"


def quoted_share(text: str) -> float:
    quoted = sum(len(m.group(0)) for m in re.finditer(r"[\"“][^\"”]{3,}[\"”]", text))
    return quoted / max(1, len(text))
