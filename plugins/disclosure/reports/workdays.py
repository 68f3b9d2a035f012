"""Working days in mainland China: public holidays and make-up working days (调休) from chinese_calendar."""

from __future__ import annotations

import datetime

import chinese_calendar


def is_workday(day: datetime.date) -> tuple[bool, bool]:
    """(is a working day, known from the holiday calendar); unknown years count Monday to Friday."""
    try:
        return chinese_calendar.is_workday(day), True
    except NotImplementedError:
        return day.weekday() < 5, False


def workdays_between(start: datetime.date, end: datetime.date) -> tuple[int, bool]:
    """Working days after `start` up to and including `end`, and whether every year was in the calendar."""
    count, known = 0, True
    day = start + datetime.timedelta(days=1)
    while day <= end:
        working, in_calendar = is_workday(day)
        count += working
        known = known and in_calendar
        day += datetime.timedelta(days=1)
    return count, known
