"""French dates and times, one way everywhere: "1er novembre 2026", "à 09:00".

The first of the month ("1er") is added by `home.typography.date_format`, which the `date`
template filter of the whole site goes through."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y à H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
