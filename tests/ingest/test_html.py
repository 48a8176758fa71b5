from ficmeld.ingest import read_work_bytes
from tests.conftest import structured

AO3 = """<!DOCTYPE html><html><head><meta charset="UTF-8"><title>Lanterns Over the Quay</title></head><body>
<div id="preface">
 <p class="message">Posted originally on the <a href="https://archiveofourown.org/">Archive of Our Own</a> at
  <a href="https://archiveofourown.org/works/4242">https://archiveofourown.org/works/4242</a>.</p>
 <div class="meta">
  <dl class="tags">
   <dt>Rating:</dt><dd><a href="#">Teen And Up Audiences</a></dd>
   <dt>Archive Warning:</dt><dd><a href="#">No Archive Warnings Apply</a></dd>
   <dt>Fandom:</dt><dd><a href="#">Harbour Tales</a></dd>
   <dt>Relationship:</dt><dd><a href="#">Mira/Tobin</a></dd>
   <dt>Character:</dt><dd><a href="#">Mira Vell</a>, <a href="#">Tobin Ash</a></dd>
   <dt>Additional Tags:</dt><dd><a href="#">Fluff</a>, <a href="#">Rain</a></dd>
   <dt>Language:</dt><dd>English</dd>
   <dt>Stats:</dt><dd>Published: 2021-03-01 Completed: 2021-04-02 Words: 1,204 Chapters: 2/2</dd>
  </dl>
  <h1>Lanterns Over the Quay</h1>
  <div class="byline">by <a rel="author" href="#">saltwick</a></div>
  <p>Summary</p><blockquote class="userstuff"><p>Two ferry workers and one very long night.</p></blockquote>
  <p>Notes</p><blockquote class="userstuff"><p>Thanks to my beta for the help with this fic!</p></blockquote>
 </div>
</div>
<div id="chapters" class="userstuff">
 <div class="meta group"><h2 class="heading">Chapter 1: The Last Ferry</h2>
  <p>Chapter Notes</p><blockquote class="userstuff"><p>This chapter was written on a train.</p></blockquote></div>
 <div class="userstuff"><p>Mira tied the rope twice, because the <em>first</em> knot never held.</p>
  <p>"You're late," Tobin said.</p><hr/><p>By midnight the lanterns were out.</p></div>
 <div class="meta group"><p>Chapter End Notes</p><blockquote class="userstuff"><p>More soon, I promise.</p></blockquote></div>
 <div class="meta group"><h2 class="heading">Chapter 2: Morning</h2></div>
 <div class="userstuff"><p>The gulls woke her before the bells did.</p></div>
</div>
<div id="afterword"><div class="meta"><p>End Notes</p><blockquote class="userstuff"><p>Kudos and comments are lovely.</p></blockquote></div></div>
</body></html>"""


def test_ao3_metadata_follows_output_keys():
    work = read_work_bytes(AO3.encode(), "lanterns.html")
    assert work.source.format == "ao3-html"
    m = work.metadata
    assert m["title"] == "Lanterns Over the Quay" and m["authors"] == ["saltwick"]
    assert m["rating"] == "Teen And Up Audiences"
    assert m["warnings"] == ["No Archive Warnings Apply"]
    assert m["characters"] == ["Mira Vell", "Tobin Ash"]
    assert m["freeform"] == ["Fluff", "Rain"]
    assert m["relationships"] == ["Mira/Tobin"] and m["fandoms"] == ["Harbour Tales"]
    assert m["language"] == "English" and m["words"] == 1204 and m["chapters"] == "2/2"
    assert m["url"] == "https://archiveofourown.org/works/4242"
    assert work.chapter_titles == ["Chapter 1: The Last Ferry", "Chapter 2: Morning"]


def test_ao3_parts_chapters_and_emphasis():
    work = structured(AO3, "lanterns.html")
    kinds = [(p.kind, work.text[p.start:p.end]) for p in work.parts]
    assert ("summary", "Two ferry workers and one very long night.") in kinds
    notes = [t for k, t in kinds if k == "author_note"]
    assert any("train" in t for t in notes) and any("More soon" in t for t in notes)
    assert any("Kudos" in t for t in notes)
    body = " ".join(t for k, t in kinds if k == "body")
    assert "tied the rope" in body and "gulls" in body and "train" not in body
    assert len(work.chapters) == 2
    assert [work.text[e.start:e.end] for e in work.emphasis] == ["first"]
    assert len(work.scenes) >= 3  # the <hr> splits chapter 1


def test_generic_page_finds_story_not_menus():
    page = b"""<html><head><meta charset="windows-1252"><title>Salt Road</title></head><body>
    <div class="menu"><p>Home</p><p>Login</p></div>
    <div class="story"><h2>Prologue</h2><p>The caf\xe9 was shut, so she walked on.</p>
    <p>The road went <i>down</i> to the water.</p><hr><p>Later, the tide.</p></div></body></html>"""
    work = read_work_bytes(page, "salt.htm")
    assert work.source.format == "html" and work.metadata["title"] == "Salt Road"
    assert "Home" not in work.text and "caf\u00e9" in work.text
    assert [b.hint for b in work.blocks] == ["heading", None, None, "scene_break", None]
    assert "\n\n" in work.text and [work.text[e.start:e.end] for e in work.emphasis] == ["down"]


def test_deeply_nested_page_reads_without_recursion():
    page = (b"<html><body>" + b"<div><font>" * 3000 + b"<p>Deep <em>inside</em> the page, she waited.</p>"
            + b"</font></div>" * 3000 + b"</body></html>")
    work = read_work_bytes(page, "deep.html")
    assert work.text == "Deep inside the page, she waited."
    assert [work.text[e.start:e.end] for e in work.emphasis] == ["inside"]


def test_utf16_page_with_bom():
    page = "<html><body><div><p>Na\u00efve Orla.</p><p>Rain.</p></div></body></html>".encode("utf-16")
    work = read_work_bytes(page, "page.html")
    assert work.text == "Na\u00efve Orla.\n\nRain."


LOOSE_AO3 = """<html><body>
<div id="preface"><h1>Salt Road</h1><div class="byline">by <a rel="author" href="#">gullwing</a></div>
<dl class="tags"><dt>Rating:</dt><dd><a href="#">General Audiences</a></dd></dl>
<p>Summary</p><blockquote class="userstuff"><p>Mara keeps the light.</p></blockquote></div>
<h2 class="heading">Chapter 1: Storm</h2>
<div class="userstuff"><p>Mara heard the boat before she saw it.</p><p>Tobin stood on the jetty.</p>
<p>&nbsp;</p><p>Later, Tobin wondered whether she had seen him.</p><p>He went up to the lamp room.</p>
<p>Mara was there already.</p><p>She did not look round.</p></div>
<h2 class="heading">Chapter 2: Calm</h2>
<div class="userstuff"><p>The sea was flat.</p></div>
<div id="endnotes"><p>End Notes</p><blockquote class="userstuff"><p>Thanks for reading!</p></blockquote></div>
</body></html>"""


def test_an_ao3_copy_without_its_chapters_wrapper_keeps_preface_chapters_and_end_notes():
    work = structured(LOOSE_AO3, "salt-road.html")
    kinds = [(p.kind, work.text[p.start:p.end]) for p in work.parts]
    assert kinds[0] == ("title", "Salt Road") and ("summary", "Mara keeps the light.") in kinds
    assert ("author_note", "Thanks for reading!") in kinds
    assert work.chapter_titles == ["Chapter 1: Storm", "Chapter 2: Calm"]
    openings = [work.text[s.start:].split(".")[0] for s in work.scenes]
    assert openings == ["Mara heard the boat before she saw it", "Later, Tobin wondered whether she had seen him",
                        "The sea was flat"]


def test_empty_paragraphs_after_every_paragraph_are_spacing_not_scene_breaks():
    page = "<html><body>" + "<p>&nbsp;</p>".join(f"<p>Line {n} of the story went on.</p>" for n in range(6)) \
        + "</body></html>"
    work = structured(page, "spaced.html")
    assert len(work.scenes) == 1


def test_the_archive_s_closing_line_is_no_part_of_the_work():
    html = ("<html><body><div id='preface'><div class='meta'><h1>Kiln</h1></div></div>"
            "<div id='chapters' class='userstuff'><p>Ada wrapped the pots in straw.</p></div>"
            "<div id='afterword'><p class='message'>Please drop by the Archive and comment to let the creator "
            "know if you enjoyed their work!</p></div></body></html>")
    work = read_work_bytes(html.encode(), "kiln.html")
    assert "Please drop by" not in work.text


FFNET_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Lamps Chapter 1: Oil, a harbour tales fanfic | FanFiction</title></head>
<body><div id="top"><a href="/">FanFiction</a> | unleash your imagination</div>
<div id="profile_top"><button class="btn">Follow/Fav</button><b class="xcontrast_txt">The Lamps of Harrow Street</b><br>
<span class="xcontrast_txt">By:</span> <a class="xcontrast_txt" href="/u/123/quillandsalt">quillandsalt</a>
<div class="xcontrast_txt">Orla counts lamps; Tamsin counts Orla. Tamsin's POV.</div>
<span class="xgray xcontrast_txt">Rated: <a href="https://www.fictionratings.com/">Fiction  T</a> - English - Romance/Hurt/Comfort -
[Orla, Tamsin] Bram - Chapters: 2 - Words: 2,310 - Reviews: 12 - Published: Sep 13, 2020 - id: 13700001</span></div>
<select id="chap_select"><option value="1" selected>1. Oil</option><option value="2">2. Smoke</option></select>
<div class="storytext xcontrast_txt" id="storytext"><p>Tamsin watched Orla climb the ladder with the oil can.</p>
<p>"You're staring," Orla called down.</p><hr size="1" noshade><p>The quay was empty by the last lamp.</p></div>
<div id="review"><textarea placeholder="Type your review for this chapter here..."></textarea></div></body></html>"""


def test_a_fanfiction_net_page_keeps_its_story_header_as_front_matter_and_metadata():
    work = structured(FFNET_PAGE, "lamps.html")
    kinds = [(p.kind, work.text[p.start:p.end][:12]) for p in work.parts]
    assert kinds[:4] == [("title", "The Lamps of"), ("other", "By: quilland"), ("summary", "Orla counts "),
                         ("other", "Rated: Ficti")]
    assert [p.kind for p in work.parts[4:]] == ["body"]
    assert "Follow/Fav" not in work.text and "review" not in work.text
    assert [c.title for c in work.chapters] == ["Oil"]
    assert len(work.scenes) == 2
    meta = work.metadata
    assert (meta["title"], meta["authors"], meta["rating"], meta["words"]) == (
        "The Lamps of Harrow Street", ["quillandsalt"], "T", 2310)
    assert meta["characters"] == ["Orla", "Tamsin", "Bram"] and meta["relationships"] == ["Orla/Tamsin"]
    assert meta["freeform"] == ["Romance", "Hurt/Comfort"]


def test_a_page_without_p_tags_splits_paragraphs_at_double_line_breaks():
    page = ("<html><head><title>quillandsalt: fic: lamps (orla/tamsin, T)</title></head><body><div class='entry-content'><b>Title:</b> Lamps<br><b>Pairing:</b> Orla/Tamsin<br>"
            "<b>Rating:</b> T<br><br>Tamsin watched Orla climb the <i>ladder</i>.<br><br>\n\"You're staring,\" Orla "
            "called down.<br>\n<br>She had not told Orla about the letter,<br>not yet.</div>"
            "<div class='comment'><p>Lovely!</p></div></body></html>")
    work = structured(page, "entry.html")
    paragraphs = [work.text[p.start:p.end] for p in work.paragraphs]
    assert paragraphs == ["Title: Lamps", "Pairing: Orla/Tamsin", "Rating: T", "Tamsin watched Orla climb the ladder.",
                          "\"You're staring,\" Orla called down.", "She had not told Orla about the letter, not yet."]
    assert [work.text[e.start:e.end] for e in work.emphasis] == ["ladder"]
    assert [p.kind for p in work.parts] == ["title", "other", "body"]
    assert work.metadata["title"] == "Lamps" and work.metadata["relationships"] == ["Orla/Tamsin"]


AO3_WORK_PAGE = """<!DOCTYPE html><html><head><title>Tide Tables - saltwick - Harbour Tales [Archive of Our Own]</title></head>
<body><div id="outer"><header id="header"><h1 class="heading"><a href="/">Archive of Our Own beta</a></h1>
<ul class="primary navigation actions"><li><a href="/menu/fandoms">Fandoms</a></li></ul></header>
<div id="main" class="works-show region"><div class="wrapper"><dl class="work meta group">
 <dt class="rating tags">Rating:</dt><dd class="rating tags"><ul class="commas"><li><a class="tag">Mature</a></li></ul></dd>
 <dt class="relationship tags">Relationship:</dt><dd class="relationship tags"><ul class="commas"><li><a class="tag">Mira Vell/Tobin Ash</a></li></ul></dd>
 <dt class="character tags">Characters:</dt><dd class="character tags"><ul class="commas"><li><a class="tag">Mira Vell</a></li><li><a class="tag">Tobin Ash</a></li></ul></dd>
 <dt class="stats">Stats:</dt><dd class="stats"><dl class="stats"><dt class="words">Words:</dt><dd class="words">2,040</dd>
  <dt class="chapters">Chapters:</dt><dd class="chapters">2/2</dd></dl></dd></dl></div>
<div id="workskin"><div class="preface group"><h2 class="title heading">Tide Tables</h2>
 <h3 class="byline heading"><a rel="author" href="/users/saltwick">saltwick</a></h3>
 <div class="summary module"><h3 class="heading">Summary:</h3><blockquote class="userstuff"><p>Two ferry workers and one long winter.</p></blockquote></div>
 <div class="notes module"><h3 class="heading">Notes:</h3><blockquote class="userstuff"><p>For the harbour exchange.</p></blockquote></div></div>
<div id="chapters" role="article">
 <div class="chapter" id="chapter-1"><div class="chapter preface group"><h3 class="title"><a href="#">Chapter 1</a>: Ebb</h3>
  <div id="notes" class="notes module"><h3 class="heading">Notes:</h3><blockquote class="userstuff"><p>Mira's chapter.</p></blockquote></div></div>
  <div class="userstuff module" role="article"><h3 class="landmark heading" id="work">Chapter Text</h3>
   <p>Mira tied the rope twice.</p><p>"You're late," Tobin said.</p><hr><p>By midnight the lanterns were out.</p></div>
  <div class="chapter preface group"><div class="end notes module"><h3 class="heading">Notes:</h3><blockquote class="userstuff"><p>More soon!</p></blockquote></div></div></div>
 <div class="chapter" id="chapter-2"><div class="chapter preface group"><h3 class="title"><a href="#">Chapter 2</a>: Flood</h3></div>
  <div class="userstuff module" role="article"><h3 class="landmark heading">Chapter Text</h3><p>Tobin woke before the bells.</p></div></div>
</div>
<div id="work_endnotes" class="end notes module"><h3 class="heading">End Notes:</h3><blockquote class="userstuff"><p>Thank you for reading.</p></blockquote></div></div>
<div id="feedback"><p class="kudos">saltfan left kudos on this work!</p><div class="comment"><p>Loved the lanterns.</p></div></div>
</div></div></body></html>"""


def test_an_ao3_work_page_saved_from_the_browser_is_read_like_a_download():
    work = structured(AO3_WORK_PAGE, "tide.html")
    assert work.source.format == "ao3-html"
    kinds = [(p.kind, p.chapter, work.text[p.start:p.end][:10]) for p in work.parts]
    assert kinds == [("title", None, "Tide Table"), ("summary", None, "Two ferry "), ("author_note", None, "For the ha"),
                     ("title", 0, "Chapter 1:"), ("author_note", 0, "Mira's cha"), ("body", 0, "Mira tied "),
                     ("author_note", 0, "More soon!"), ("title", 1, "Chapter 2:"), ("body", 1, "Tobin woke"),
                     ("author_note", None, "Thank you ")]
    assert [c.title for c in work.chapters] == ["Chapter 1: Ebb", "Chapter 2: Flood"]
    assert len(work.scenes) == 3
    assert "Chapter Text" not in work.text and "kudos" not in work.text and "Archive of Our Own" not in work.text
    meta = work.metadata
    assert (meta["title"], meta["authors"], meta["rating"], meta["words"]) == ("Tide Tables", ["saltwick"], "Mature", 2040)
    assert meta["characters"] == ["Mira Vell", "Tobin Ash"] and meta["relationships"] == ["Mira Vell/Tobin Ash"]
