"""The calibration notes a person reads write their counts as each language groups thousands (found by the
review of the day's merges, qareview: the meeting, timer and enabled-wait notes wrote "1234 of 2000" in both
halves)."""

from __future__ import annotations

from calibrate.logtimers import TimerEvidence
from calibrate.meetings import MeetingEvidence
from calibrate.waitplace import EnabledWait


def test_the_notes_group_their_counts_in_each_language() -> None:
    notes = (
        MeetingEvidence("Beslut", rows=12_000, together=11_500, sittings=1_150).note(),
        TimerEvidence("Påminnelse", "Begär komplettering", rows=4_000, following=3_900,
                      delays=(86_400.0, 172_800.0, 259_200.0)).note(),
        EnabledWait("Yttrande", "Skicka remiss", rows=2_500, enabled=2_400, waited_for_by=()).note(),
    )
    english, swedish = zip(*(note.split("(på svenska:") for note in notes), strict=True)
    assert "11,500 of its 12,000 rows" in english[0] and "1,150 sittings" in english[0]
    assert "11\xa0500 av 12\xa0000 rader" in swedish[0] and "1\xa0150 sammanträden" in swedish[0]
    assert "3,900 of its 4,000 rows" in english[1] and "3\xa0900 av 4\xa0000 rader" in swedish[1]
    assert "2,400 of its 2,500" in english[2] and "2\xa0400 av 2\xa0500 rader" in swedish[2]
