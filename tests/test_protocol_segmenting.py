"""PROTOCOL.md section 5.5, claim by claim: where the server cuts a context's text.

Each test drives the segmenter the way a context does (``Context.add_text`` pushes each
``text`` delta, ``flush``/``end`` flush it, ``model_texts`` makes ``segment_start.text``) and
checks one sentence of the document. ``cut`` streams the text character by character, word by
word and whole, and requires the same segments each way: a client's delta sizes never matter.
"""

from __future__ import annotations

import re

import pytest

from voice_server.text.segmenter import (
    SegmenterPolicy,
    SegmentMode,
    Segmenter,
    model_texts,
    spoken_length,
)

AUTO, SENTENCE, FLUSH_ONLY = SegmentMode.AUTO, SegmentMode.SENTENCE, SegmentMode.FLUSH_ONLY


def _stream(deltas: list[str], mode: SegmentMode) -> tuple[list[str], list[str]]:
    """Segments cut before the flush, and those the flush cut."""
    segmenter = Segmenter(SegmenterPolicy(mode=mode))
    before: list[str] = []
    for delta in deltas:
        before += segmenter.push(delta)
    return before, segmenter.flush()


def _chunkings(text: str) -> list[list[str]]:
    return [list(text), re.findall(r"\S+\s*|\s+", text), [text]]


def cut(text: str, mode: SegmentMode = AUTO) -> list[str]:
    """Every segment of ``text`` streamed then ended, the same for any delta sizes."""
    results = [sum(_stream(deltas, mode), []) for deltas in _chunkings(text)]
    assert results[0] == results[1] == results[2], results
    return results[0]


def unflushed(text: str, mode: SegmentMode = AUTO) -> list[str]:
    """The segments ``text`` gives before any flush (character by character)."""
    return _stream(list(text), mode)[0]


def spoken(text: str, mode: SegmentMode = AUTO) -> list[str]:
    """``segment_start.text`` of each segment, as a context makes them."""
    return [piece for raw in cut(text, mode) for piece in model_texts(raw, 250)]


# --- flush and end ---------------------------------------------------------------------------


@pytest.mark.parametrize("mode", list(SegmentMode))
def test_flush_always_cuts_the_pending_text(mode: SegmentMode) -> None:
    before, flushed = _stream(list("Hello there, how"), mode)
    assert before == []
    assert flushed == ["Hello there, how"]


def test_the_first_segment_after_a_flush_is_a_first_segment_again() -> None:
    segmenter = Segmenter()
    segmenter.push("This is the first part of it all, and then some more words here. ")
    segmenter.push("And this part is longer still than")
    segmenter.flush()
    assert segmenter.push("After the flush it is short, then more words follow") == [
        "After the flush it is short,"]


def test_a_flush_with_no_pending_text_cuts_nothing() -> None:
    assert Segmenter().flush() == []


def test_text_is_appended_verbatim_and_the_server_adds_no_spaces() -> None:
    segmenter = Segmenter(SegmenterPolicy(mode=FLUSH_ONLY))
    segmenter.push("Hel")
    segmenter.push("lo wor")
    segmenter.push("ld")
    assert segmenter.flush() == ["Hello world"]


# --- auto ------------------------------------------------------------------------------------


def test_auto_first_segment_ends_at_the_first_clause_break_once_20_characters_long() -> None:
    # "Well, I think that we can do it," is 32 characters; "Well," is 5.
    assert unflushed("Well, I think that we can do it, yes we can do it") == [
        "Well, I think that we can do it,"]


def test_auto_first_segment_may_end_at_exactly_20_characters() -> None:
    text = "abcd efgh ijkl mnop, qrst uvwx yz"  # the first 20 characters end with the comma
    assert len("abcd efgh ijkl mnop,") == 20
    assert unflushed(text) == ["abcd efgh ijkl mnop,"]


def test_auto_first_segment_does_not_end_below_20_characters() -> None:
    text = "abcd efgh ijkl mno, qrst uvwx, yz"  # 19 characters to the first comma
    assert unflushed(text) == ["abcd efgh ijkl mno, qrst uvwx,"]


@pytest.mark.parametrize("item", ["1. Preheat", "\n2) Mix", "\n\n\n3. Stir", "  - Flour",
                                  "* Sugar", "• Eggs", "– Salt", "12. Bake"])  # fmt: skip
def test_auto_first_segment_ends_however_short_at_a_line_break_before_a_list_item(
    item: str,
) -> None:
    assert unflushed(f"Here are the steps\n{item} the oven") == ["Here are the steps"]


@pytest.mark.parametrize("line", ["Let me explain", "1.5 cups", "-1 degrees", "**Bold**"])
def test_auto_first_segment_does_not_end_short_at_a_line_break_before_anything_else(
    line: str,
) -> None:
    assert unflushed(f"Steps\n{line} and more") == []


@pytest.mark.parametrize("salutation", ["Dear Mr. Smith,", "Hi Sarah,", "Re: your order;",
                                        "尊敬的张先生：", "亲爱的小王，"])  # fmt: skip
def test_auto_first_segment_ends_however_short_at_a_line_break_after_a_clause_mark(
    salutation: str,
) -> None:
    assert unflushed(f"{salutation}\nThank you for your letter of May 3. It") == [
        salutation, "Thank you for your letter of May 3."]  # a first segment too


def test_auto_first_segment_ends_however_short_at_a_sentence_40_characters_before_a_break() -> (
    None
):
    assert unflushed("In short – yes. The warranty covers parts and labor") == []
    assert unflushed("In short – yes. The warranty covers parts and labor for two years") == [
        "In short – yes."]
    assert cut("Yes. It covers parts and labor, for two years, and shipping too.") == [
        "Yes. It covers parts and labor,", "for two years, and shipping too."]
    assert cut("Yes. It covers parts and labor for two years, and shipping too.") == [
        "Yes.", "It covers parts and labor for two years,", "and shipping too."]


def test_auto_first_segment_ends_at_a_sentence_end_too() -> None:
    assert unflushed("Sure, I can help you with that. Here is") == [
        "Sure, I can help you with that."]


def test_auto_later_segments_end_at_a_sentence_once_60_characters_long() -> None:
    first = "Sure, I can help you,"
    later = "and this is a sentence that is exactly sixty characters long."
    assert len(later) == 61
    later = later[:-2] + "."  # 60 characters
    assert len(later) == 60
    assert unflushed(f"{first} {later} Next one") == [first, later]


def test_auto_later_segments_hold_several_short_sentences_below_60_characters() -> None:
    text = "Sure, I can help you, let me see. Yes. It is here. We have it all. Now it is done. Ok"
    assert unflushed(text) == [
        "Sure, I can help you,",
        "let me see. Yes. It is here. We have it all. Now it is done."]


def test_auto_later_segments_do_not_end_at_clause_breaks() -> None:
    text = ("Sure, I can help you, and then, if you like, we can go on, and on, and on, and on, "
            "and on, and on until")
    assert unflushed(text) == ["Sure, I can help you,"]


def test_auto_later_segment_does_not_end_below_60_characters() -> None:
    text = "Sure, I can help you, this sentence has only fifty-nine characters in it. More"
    assert len("this sentence has only fifty-nine characters in it.") < 60
    assert unflushed(text) == ["Sure, I can help you,"]


# --- sentence --------------------------------------------------------------------------------


def test_sentence_policy_cuts_at_every_sentence_end_whatever_its_length() -> None:
    assert unflushed("Hi. How are you? Fine! Next", SENTENCE) == ["Hi.", "How are you?", "Fine!"]


def test_sentence_policy_keeps_a_chinese_quote_with_its_speaker() -> None:
    assert cut("“太好了！”她说。“为什么？”他问道。", SENTENCE) == ["“太好了！”她说。",
                                                              "“为什么？”他问道。"]
    assert cut("“你去哪里？”我没有回答。", SENTENCE) == ["“你去哪里？”", "我没有回答。"]


def test_sentence_policy_never_cuts_at_a_clause() -> None:
    text = "Well, I think that we can do it, yes; we can: surely — and more, more, more"
    assert unflushed(text, SENTENCE) == []


# --- flush_only ------------------------------------------------------------------------------


def test_flush_only_cuts_nothing_before_a_flush() -> None:
    text = "Hello there. How are you today, my friend? I am fine. Thanks for asking! " * 3
    assert len(text) < 250
    assert unflushed(text, FLUSH_ONLY) == []
    assert cut(text, FLUSH_ONLY) == [text.strip()]


def test_flush_only_still_cuts_at_the_maximum_length() -> None:
    text = "This is a sentence of some length. " * 12  # 420 characters
    segments = unflushed(text, FLUSH_ONLY)
    assert segments
    assert all(spoken_length(s) <= 250 for s in segments)


# --- maximum length --------------------------------------------------------------------------


@pytest.mark.parametrize("mode", list(SegmentMode))
def test_no_segment_is_longer_than_250_characters(mode: SegmentMode) -> None:
    text = "word " * 200 + "x" * 600 + " and more words, " * 40
    for piece in spoken(text, mode):
        assert len(piece) <= 250


def test_past_the_maximum_text_is_cut_at_the_last_boundary_of_either_kind_within_it() -> None:
    sentences = ["Sentence number %02d is here, with a clause." % i for i in range(12)]
    text = " ".join(sentences)  # a sentence ends at 213 and a clause at 242: the clause wins
    segments = cut(text, FLUSH_ONLY)
    assert len(segments[0]) == 242 and segments[0].endswith("Sentence number 05 is here,")
    assert all(len(s) <= 250 for s in segments)


def test_past_the_maximum_a_boundary_with_less_than_83_characters_before_it_is_not_used() -> None:
    text = "A short one. " + "word " * 60  # the only boundary is 12 characters in
    assert cut(text, FLUSH_ONLY)[0] == ("A short one. " + "word " * 47).strip()


def test_past_the_maximum_a_boundary_with_83_characters_before_it_is_used() -> None:
    head = "x" * 82 + "."
    assert cut(f"{head} " + "Word " * 60, FLUSH_ONLY)[0] == head
    assert cut(f"{head[1:]} " + "Word " * 60, FLUSH_ONLY)[0] != head[1:]


def test_past_the_maximum_the_last_conjunction_is_used_if_83_characters_come_before_it() -> None:
    text = "word " * 10 + "because " + "word " * 60  # "because" at 50: too early
    assert cut(text, FLUSH_ONLY)[0] == ("word " * 10 + "because " + "word " * 38).strip()
    text = "word " * 20 + "unless " + "word " * 60  # "unless" at 100
    assert cut(text, FLUSH_ONLY)[0] == ("word " * 20).strip()


def test_past_the_maximum_a_run_with_no_boundary_is_split_at_a_word() -> None:
    text = " ".join(["alpha"] * 100)  # 599 characters, no punctuation
    segments = cut(text, FLUSH_ONLY)
    assert len(segments) >= 3
    assert all(len(s) <= 250 and not s.startswith(" ") for s in segments)
    assert " ".join(segments) == text


def test_past_the_maximum_a_run_with_no_boundary_is_not_split_after_a_number() -> None:
    text = "word " * 48 + "at 25 dollars " + "word " * 20  # "25" ends at character 245
    assert cut(text, FLUSH_ONLY)[0] == ("word " * 48 + "at").strip()


def test_past_the_maximum_a_run_with_no_space_is_split_at_the_length_itself() -> None:
    text = "x" * 600
    segments = cut(text, FLUSH_ONLY)
    assert [len(s) for s in segments] == [250, 250, 100]


def test_past_the_maximum_with_no_boundary_text_is_cut_before_a_conjunction() -> None:
    text = "word " * 40 + "and then " + "word " * 30  # "and" at character 200
    segments = cut(text, FLUSH_ONLY)
    assert segments[0] == ("word " * 40).strip()
    assert segments[1].startswith("and then")


def test_past_the_maximum_under_auto_a_later_segment_may_end_at_a_clause() -> None:
    text = "Sure, I can help you," + " and then more, more" * 13 + " and on"
    segments = unflushed(text)
    assert segments[1].endswith("more,") and len(segments[1]) <= 250


def test_below_the_maximum_text_with_no_break_waits() -> None:
    text = "word " * 49  # 245 characters
    for mode in SegmentMode:
        assert unflushed(text, mode) == []


def test_a_chinese_character_counts_as_three_toward_the_maximum() -> None:
    text = "我" * 100  # 100 characters, 300 spoken
    assert [len(s) for s in cut(text, FLUSH_ONLY)] == [83, 17]
    assert spoken_length("我") == 3


def test_a_length_leaves_out_the_whitespace_around_the_segment() -> None:
    assert unflushed("\n   abcd efgh ijkl mno, qrst uvwx, yz") == ["abcd efgh ijkl mno, qrst uvwx,"]


def test_a_chinese_character_counts_as_three_toward_the_first_minimum() -> None:
    # 7 characters (21) before the comma: long enough for a first segment.
    assert unflushed("我们今天去公园，然后回家吃饭吧") == ["我们今天去公园，"]


def test_six_chinese_characters_are_too_short_for_a_first_segment() -> None:
    assert unflushed("我们今天去公，然后回家吃饭吧，好吗") == ["我们今天去公，然后回家吃饭吧，"]


# --- when a sentence end is certain ----------------------------------------------------------


def test_a_sentence_end_waits_for_the_next_word() -> None:
    segmenter = Segmenter(SegmenterPolicy(mode=SENTENCE))
    assert segmenter.push("I met him there. ") == []
    assert segmenter.push("Then") == ["I met him there."]


def test_a_sentence_end_before_a_time_zone_waits_for_the_whole_word() -> None:
    segmenter = Segmenter(SegmenterPolicy(mode=SENTENCE))
    assert segmenter.push("Come at 5 p.m. P") == []
    assert segmenter.push("T today") == []
    assert segmenter.flush() == ["Come at 5 p.m. PT today"]


def test_a_line_break_cuts_at_once() -> None:
    assert Segmenter(SegmenterPolicy(mode=SENTENCE)).push("First line\n") == ["First line"]


def test_the_last_sentence_of_a_stream_is_cut_by_flush() -> None:
    before, flushed = _stream(list("I met him there."), SENTENCE)
    assert before == []
    assert flushed == ["I met him there."]


def test_a_decimal_number_is_no_sentence_end() -> None:
    assert cut("It is 3.5 km away. Go", SENTENCE) == ["It is 3.5 km away.", "Go"]


# --- sentence boundaries ---------------------------------------------------------------------


@pytest.mark.parametrize("mark", [".", "!", "?", "…"])
def test_each_sentence_mark_before_whitespace_ends_a_sentence(mark: str) -> None:
    assert cut(f"It works{mark} Next one", SENTENCE) == [f"It works{mark}", "Next one"]


def test_a_run_of_marks_then_closing_quotes_and_brackets_ends_a_sentence() -> None:
    assert cut('He said "Really?!" Then left. (Done...) Yes', SENTENCE) == [
        'He said "Really?!"', "Then left.", "(Done...)", "Yes"]


def test_a_sentence_mark_without_whitespace_after_it_ends_nothing() -> None:
    assert cut("Visit example.com today. Ok", SENTENCE) == ["Visit example.com today.", "Ok"]


def test_chinese_and_japanese_sentence_marks_end_a_sentence_without_whitespace() -> None:
    assert cut("你好。我很好！你呢？好", SENTENCE) == ["你好。", "我很好！", "你呢？", "好"]


def test_a_line_break_ends_a_sentence() -> None:
    assert cut("First line\nSecond line", SENTENCE) == ["First line", "Second line"]


# --- clause boundaries (in a first segment under auto) ---------------------------------------

LEAD = "Here is the thing we know"  # 25 characters: a first segment may end after it


@pytest.mark.parametrize("mark", [",", ";", ":"])
def test_a_comma_semicolon_or_colon_before_whitespace_is_a_clause_boundary(mark: str) -> None:
    assert unflushed(f"{LEAD}{mark} and more words follow") == [f"{LEAD}{mark}"]


@pytest.mark.parametrize("mark", [",", ";", ":"])
def test_a_clause_mark_without_whitespace_after_it_is_no_boundary(mark: str) -> None:
    assert unflushed(f"{LEAD}{mark}and more words follow here") == []


@pytest.mark.parametrize("dash", [" — ", " – ", "—"])
def test_a_dash_spaced_or_not_is_a_clause_boundary(dash: str) -> None:
    assert unflushed(f"{LEAD}{dash}and more words follow") == [f"{LEAD}{dash.rstrip()}"]


@pytest.mark.parametrize("span", ["Mon–Fri", "word–word"])
def test_an_en_dash_with_no_space_on_either_side_is_no_clause_boundary(span: str) -> None:
    assert unflushed(f"{LEAD} {span}, and more words") == [f"{LEAD} {span},"]


def test_the_enumeration_comma_of_a_chinese_list_number_is_no_clause_boundary() -> None:
    assert unflushed("我们今天要做的事情如下：一、下载应用，二、打开") == ["我们今天要做的事情如下："]
    assert cut("如下：\n一、下载应用\n二、打开", SENTENCE) == ["如下：", "一、下载应用", "二、打开"]


@pytest.mark.parametrize("mark", ["，", "、", "；", "："])
def test_chinese_clause_marks_are_clause_boundaries(mark: str) -> None:
    assert unflushed(f"我们今天去公园{mark}然后回家吃饭吧") == [f"我们今天去公园{mark}"]


def test_an_ascii_mark_between_chinese_characters_counts_as_spaced() -> None:
    assert unflushed("我们今天去开会议,地点在北京好吗") == ["我们今天去开会议,"]


def test_the_comma_of_a_date_is_no_clause_boundary() -> None:
    assert unflushed("It all happened on July 20, 1969, and then more") == [
        "It all happened on July 20, 1969,"]


@pytest.mark.parametrize("date", ["Monday, March 3", "3 March, 2025"])
def test_the_comma_of_a_weekday_before_its_month_or_a_month_before_its_year_is_none(
    date: str,
) -> None:
    assert unflushed(f"We opened our doors on {date} and then, at last, more") == [
        f"We opened our doors on {date} and then,"]


@pytest.mark.parametrize("address", ["12 Main St, Springfield, IL 62701", "Unit 5, Austin, TX",
                                     "Albany, New York", "Paris, France"])  # fmt: skip
def test_the_commas_of_an_address_are_no_clause_boundaries(address: str) -> None:
    assert unflushed(f"Our office is at {address} and then, at last, more") == [
        f"Our office is at {address} and then,"]


def test_a_city_s_comma_after_a_word_that_begins_sentences_is_a_clause_boundary() -> None:
    assert unflushed("However long it takes us, Texas is next") == ["However long it takes us,"]


@pytest.mark.parametrize("span", ["10 – 15", "10 –15", "Monday – Friday", "9 a.m. – 5 p.m.",
                                  "2019 – present", "$10 – $15"])  # fmt: skip
def test_a_spaced_en_dash_between_a_range_s_ends_is_no_clause_boundary(span: str) -> None:
    assert unflushed(f"We are open {span} and then, at last, more") == [
        f"We are open {span} and then,"]


def test_a_dash_that_starts_a_line_is_no_clause_boundary() -> None:
    assert cut("– Flour and more flour\n– Sugar", SENTENCE) == ["– Flour and more flour",
                                                               "– Sugar"]  # fmt: skip


def test_an_opening_quote_after_a_sentence_mark_closes_a_quote_still_open() -> None:
    assert cut("他说：“你好！“他笑了。", SENTENCE) == ["他说：“你好！“", "他笑了。"]


def test_the_comma_of_a_date_range_is_no_clause_boundary() -> None:
    assert unflushed("The event runs on June 12-14, 2025, in Paris and") == [
        "The event runs on June 12-14, 2025,"]


def test_a_comma_before_a_closing_quote_is_no_clause_boundary() -> None:
    assert unflushed('"That is a great question," said Dr. Lee, and then') == [
        '"That is a great question," said Dr. Lee,']


def test_a_colon_before_digits_is_no_clause_boundary() -> None:
    assert unflushed("Your verification code: 583920, and then more") == [
        "Your verification code: 583920,"]


@pytest.mark.parametrize("span", ["1990–1995", "$10–$15", "1990—1995"])
def test_a_dash_in_a_range_is_no_clause_boundary(span: str) -> None:
    assert unflushed(f"Prices ranged over {span}, and then more") == [
        f"Prices ranged over {span},"]


def test_no_clause_boundary_inside_a_parenthesis_within_60_characters() -> None:
    assert unflushed("We return a tuple (status, payload), and then more") == [
        "We return a tuple (status, payload),"]


def test_a_fullwidth_parenthesis_holds_clause_marks_too() -> None:
    assert unflushed("我们今天要讨论这些（状态，数据），然后回家") == ["我们今天要讨论这些（状态，数据），"]


def test_a_parenthesis_followed_by_a_space_holds_nothing() -> None:
    assert unflushed(f"{LEAD} ( a, b, and c, and more") == [f"{LEAD} ( a,"]


def test_a_clause_boundary_counts_again_60_characters_past_an_open_parenthesis() -> None:
    text = "We return a tuple (" + "x " * 31 + "status, payload and more words"
    segments = unflushed(text)
    assert segments and segments[0].endswith("status,")


def test_a_line_break_ends_a_parenthesis_hold() -> None:
    text = "We return a tuple (open\nand then, more words follow"
    assert unflushed(text)[:1] == ["We return a tuple (open"]


def test_a_parenthesis_does_not_hold_a_sentence_end() -> None:
    assert cut("Step 1 (optional. Then go on. Ok", SENTENCE)[0] == "Step 1 (optional."


# --- holds: links, inline math, inline code --------------------------------------------------


@pytest.mark.parametrize("span", ["[see the docs, and more. Here](https://x.y)",
                                  "`a = b, c. D`", "$x = 3, y. Y = 4$", "$\\alpha, b. C + 1$"])
def test_no_boundary_falls_inside_a_link_text_inline_math_or_inline_code(span: str) -> None:
    text = f"Now look at this {span} and then. Done"
    assert cut(text, SENTENCE)[0] == f"Now look at this {span} and then."


@pytest.mark.parametrize("span", ["$5, then. More$", "$x, then. More$", "a$x = 3, then. More = 4$"])
def test_a_dollar_that_opens_no_inline_math_holds_nothing(span: str) -> None:
    assert cut(f"It costs {span} here. Ok", SENTENCE)[0] != f"It costs {span} here."


def test_an_even_number_of_backtick_runs_holds_nothing() -> None:
    assert cut("Use `a` and `b`. Then go. Ok", SENTENCE) == ["Use `a` and `b`.", "Then go.", "Ok"]


def test_a_line_break_inside_inline_code_is_still_a_boundary() -> None:
    assert cut("Run `npm\ninstall` now. Ok", SENTENCE)[0] == "Run `npm"


def test_inside_a_fenced_code_block_only_a_line_break_cuts() -> None:
    assert cut("Run:\n```\nprint('Done. Next'); f(a, b)\n```\nOk", SENTENCE) == [
        "Run:", "```", "print('Done. Next'); f(a, b)", "```", "Ok"]


def test_a_hold_ends_200_characters_after_its_opening() -> None:
    inside = "word, " * 40  # 240 characters inside the code span
    text = f"Type `{inside}end` now."
    segments = unflushed(text)
    assert segments and spoken_length(segments[0]) <= 250
    assert len(segments[0]) > 200


def test_60_characters_past_an_unclosed_opening_a_sentence_end_before_a_capital_cuts() -> None:
    text = ("Run `npm install. Then start the development server on your machine. "
            "After that open the browser. Ok")
    segments = cut(text, SENTENCE)
    assert segments[0] == ("Run `npm install. Then start the development server on your "
                           "machine.")


def test_within_60_characters_of_an_unclosed_opening_no_sentence_end_cuts() -> None:
    assert not cut("Run `npm install. Then start it. Ok", SENTENCE)[0].endswith("install.")


# --- periods that end no sentence ------------------------------------------------------------


@pytest.mark.parametrize("text", ["I saw Dr. Smith there. Ok", "Fruit, e.g. apples there. Ok",
                                  "In the U.S. Army there. Ok", "No. 5 is mine there. Ok",
                                  "Take Hwy. 101 north. Ok", "At 12 Oak Ave. Suite 200 now. Ok",
                                  "Acme Corp. HQ is here. Ok",
                                  "Under Cal. Civ. Code § 1950.5 here. Ok",
                                  "See 123 F.3d 456 (9th Cir. 1997) here. Ok",
                                  "See Cal. Bus. & Prof. Code § 17200 here. Ok",
                                  "Under Fla. Stat. Ann. § 83.49 here. Ok",
                                  "It is $299 (reg. $399) now. Ok"])
def test_a_period_after_an_abbreviation_or_initials_ends_no_sentence(text: str) -> None:
    assert cut(text, SENTENCE) == [text[:-3], "Ok"]


@pytest.mark.parametrize("text", ["It is I. Then", "The summit is 8,848 m. It is high"])
def test_a_period_after_i_or_a_one_letter_unit_after_a_number_ends_a_sentence(text: str) -> None:
    assert len(cut(text, SENTENCE)) == 2


def test_no_as_an_answer_before_a_word_without_a_digit_ends_a_sentence() -> None:
    assert cut("No. That is wrong. Patent No. US7654321 is. Reference No. RF-88 is.",
               SENTENCE) == ["No.", "That is wrong.", "Patent No. US7654321 is.",
                             "Reference No. RF-88 is."]  # fmt: skip


def test_a_list_number_at_a_line_start_ends_no_sentence() -> None:
    assert cut("1. Open the app\n2. Tap Settings", SENTENCE) == [
        "1. Open the app", "2. Tap Settings"]


def test_a_list_number_after_a_colon_or_a_sentence_end_ends_no_sentence() -> None:
    assert cut("Do it: 1. Open the app. 2. Tap Settings.", SENTENCE) == [
        "Do it: 1. Open the app.", "2. Tap Settings."]


def test_a_date_s_day_is_no_list_number() -> None:
    assert cut("We meet Nov. 6. The agenda is short.", SENTENCE) == [
        "We meet Nov. 6.", "The agenda is short."]


def test_the_next_number_of_a_list_ends_no_sentence() -> None:
    assert cut("Steps: 1. Restart the app 2. Clear the cache", SENTENCE) == [
        "Steps: 1. Restart the app 2. Clear the cache"]


def test_a_number_of_three_digits_numbers_no_list() -> None:
    assert cut("It was built in 1985. Then it fell.", SENTENCE) == [
        "It was built in 1985.", "Then it fell."]


def test_a_number_that_numbers_no_list_item_ends_a_sentence() -> None:
    assert cut("Look in step 1. Then go to step 2. After that rest.", SENTENCE) == [
        "Look in step 1.", "Then go to step 2.", "After that rest."]


def test_a_time_before_a_capitalised_word_ends_a_sentence() -> None:
    assert cut("Come at 5 p.m. Please arrive early.", SENTENCE) == [
        "Come at 5 p.m.", "Please arrive early."]


@pytest.mark.parametrize("word", ["PT", "UTC", "Monday", "June"])
def test_a_time_before_a_time_zone_weekday_or_month_ends_no_sentence(word: str) -> None:
    assert cut(f"Come at 5 p.m. {word} please.", SENTENCE) == [f"Come at 5 p.m. {word} please."]


# --- lowercase text --------------------------------------------------------------------------


def test_no_before_a_lowercase_word_ends_a_sentence() -> None:
    assert cut("no. i do not think so", SENTENCE) == ["no.", "i do not think so"]


def test_lowercase_text_is_cut_at_its_sentences() -> None:
    assert cut("sure. i can help. what is it?", SENTENCE) == [
        "sure.", "i can help.", "what is it?"]
    assert cut("wait! really? ok", SENTENCE) == ["wait!", "really?", "ok"]


@pytest.mark.parametrize("text", ["smith et al. found it", "fruit, e.g. apples",
                                  "buy 2 lbs. of flour", '"Why?" she asked',
                                  "add 1 tbsp. of salt", "do it (see 2.) and go",
                                  "aim for 150+ min. of it", "the reference no. is 12",
                                  "smith et al. (2021) found it", "take 3.4 oz. (100 mL) of it",
                                  "go to tokyo stn. (~60 min.) by train"])
def test_a_sentence_that_goes_on_in_lowercase_is_not_cut(text: str) -> None:
    assert cut(text + ". Ok", SENTENCE) == [text + ".", "Ok"]


def test_a_parenthesis_after_a_sentence_s_end_starts_the_next_sentence() -> None:
    assert cut("It was great. (see below) Ok", SENTENCE) == ["It was great.", "(see below) Ok"]


def test_an_ellipsis_before_a_lowercase_word_is_a_clause_boundary() -> None:
    assert cut("Well… maybe not today. Ok", SENTENCE) == ["Well… maybe not today.", "Ok"]
    assert unflushed("Well I was thinking… maybe not today, and") == ["Well I was thinking…"]


# --- what segment_start.text shows -----------------------------------------------------------


def test_segment_text_is_normalized_with_numbers_spelled_out_and_whitespace_collapsed() -> None:
    assert spoken("It costs   12 dollars.") == ["It costs twelve dollars."]


def test_a_segment_normalized_past_the_maximum_is_cut_again_and_evened_out() -> None:
    pieces = spoken("Call " + "5 " * 120 + "now.")  # 245 characters, 611 once read
    assert len(pieces) == 3
    assert all(len(p) <= 250 for p in pieces)
    assert len(pieces[-1]) >= 250 // 4


def test_a_segment_with_nothing_to_read_is_dropped() -> None:
    assert spoken("...", FLUSH_ONLY) == []
